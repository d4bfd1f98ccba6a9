"""The validator behind `invoke check` and the start of every build.

`run_checks(config)` reads every post, page and data file under the content
folder (without rendering anything) and returns every finding, sorted by file
and line. Errors stop the build; warnings are printed and the build goes on.

What a file says on its own (its header, dates, personal data, links and
images, its URL) is a pure function of its bytes and the settings, so with a
`Memo` it is worked out once and reused by later builds while the file, the
settings (`fingerprint.config_key`) and the checker's code are unchanged. The
checks that look at other files (does a linked file or lead image exist, two
posts on one URL, links to scheduled posts) run on every build.
"""

from __future__ import annotations

import fnmatch
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from election_stages.core import load_elections
from news_portal.core import parse_yes_no
from portal_common.buildcache import BuildShared
from portal_common.cachefile import Memo, StatMemo
from portal_common.errors import ContentError, Finding
from portal_common.yamlfile import parse_yaml, yaml_text

from .body import (
    Reference,
    alt_findings,
    is_external,
    personal_data_findings,
    raw_html_findings,
    references,
)
from .config import CheckConfig
from .files import file_findings, inside
from .fingerprint import config_key
from .media import gallery_findings, image_findings, officer_findings, static_images
from .metadata import check_date, check_header_text, check_lead_image, check_stage, effective_category
from .source import MetaValue, SourceFile, decode_bytes, parse_markdown

_RAW_CONTENT = (".html", ".htm", ".rst")
_LINK_KINDS = ("static", "attach", "filename", "category", "tag", "author", "index")


@dataclass
class FileResult:
    """What one post or page says on its own (memoised across builds).

    `source` keeps the header and path only (no text) to keep the memo small;
    None when the file could not be read as Markdown.
    """

    source: SourceFile | None
    early: list[Finding]  # reading, dates, header (before the lead image in the report order)
    late: list[Finding]  # stage, personal data, empty body, images without alt text
    refs: list[Reference]
    date: datetime | None
    address: tuple[str, str] | None  # (url, save_as); None when date or title is unusable


def run_checks(
    config: CheckConfig,
    memo: Memo | None = None,
    shared: BuildShared | None = None,
    data_checks: Sequence[Callable[[], list[Finding]]] = (),
    images: StatMemo | None = None,
) -> list[Finding]:
    """Every finding in the site's content and data, errors and warnings, sorted.

    `memo`: per-file results kept across builds (None: work everything out).
    `shared`: this build's BuildShared, so the stage data is loaded once for
    this check and the stage plugin.
    `data_checks`: validators of data files other plugins own (adapter.DATA_CHECKS).
    `images`: images that decoded cleanly, by stat data (None: decode them all).
    """
    findings: list[Finding] = file_findings(config)
    config = _with_stages(config, findings, shared)
    key = config_key(config)
    findings += _read_data(config, memo, key)
    for check in data_checks:
        findings += check()
    root = config.display_root.resolve()
    results: list[FileResult] = []
    by_path: dict[Path, SourceFile] = {}
    for kind, roots in (("article", config.article_paths), ("page", config.page_paths)):
        for path in _content_files(config, roots):
            resolved = path.resolve()
            result = _read_content(config, memo, key, path, _shown(path, resolved, root), kind)
            results.append(result)
            if result.source is not None:
                by_path[resolved] = result.source
    for result in results:
        findings += result.early
        if result.source is not None:
            findings += check_lead_image(result.source, config)  # reads the image: every build
        findings += result.late
    refs = [ref for result in results for ref in result.refs]
    findings += _link_findings(config, results, by_path, refs)
    findings += _collisions(config, results)
    findings += _guid_collisions(config, results)
    findings += _media_findings(config, [r.source for r in results if r.source is not None], images)
    return _unique_sorted(findings)


def _media_findings(config: CheckConfig, sources: list[SourceFile], images: StatMemo | None) -> list[Finding]:
    """Officer data, galleries and every image the photo pipeline will decode."""
    if not config.check_officers:  # no photo pipeline: images are copied by Pelican as they are
        return []
    findings, photos = officer_findings(config)
    more, gallery_photos = gallery_findings(config, sources)
    findings += more
    leads = [_lead_path(config, s) for s in sources if s.kind == "article" and s.get("image")]
    paths = [*photos, *gallery_photos, *[p for p in leads if p is not None], *static_images(config)]
    root = config.content_dir.resolve()
    return findings + image_findings(config, [p for p in paths if inside(p, root)], images)


def _lead_path(config: CheckConfig, source: SourceFile) -> Path | None:
    relative = PurePosixPath((source.get("image") or "").strip().lstrip("/"))
    return None if ".." in relative.parts else config.content_dir / relative


def _guid_collisions(config: CheckConfig, results: list[FileResult]) -> list[Finding]:
    """Two published posts with one `Guid:` (the feeds would give two items one id)."""
    published = [
        r
        for r in results
        if r.source is not None
        and r.source.kind == "article"
        and r.date is not None
        and r.date <= config.now
        and not _is_draft(r.source)
        and (r.source.get("guid") or "").strip()
    ]
    published.sort(key=lambda r: (r.date, r.source.shown), reverse=True)  # the feeds' order
    seen: dict[str, SourceFile] = {}
    findings = []
    for result in published:
        source = result.source
        guid = source.get("guid").strip()
        if guid in seen:
            other = seen[guid].path.relative_to(config.content_dir).as_posix()
            findings.append(
                Finding(
                    source.shown,
                    source.line_of("guid"),
                    f"Guid '{guid}' sama dengan tulisan {other}",
                    "setiap tulisan perlu Guid sendiri; hapus baris Guid atau ganti isinya",
                )
            )
        else:
            seen[guid] = source
    return findings


def errors_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def _unique_sorted(findings: list[Finding]) -> list[Finding]:
    unique = {(f.path, f.line, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.path, f.line or 0, f.severity != "error"))


def _with_stages(config: CheckConfig, findings: list[Finding], shared: BuildShared | None) -> CheckConfig:
    """Load the stage slugs (the stage data's own errors become findings)."""
    if config.stage_slugs is not None or not config.check_stages:
        return config
    folder, root = config.content_dir / config.stage_dir, config.display_root
    try:
        elections = shared.call(load_elections, folder, root) if shared else load_elections(folder, root)
    except ContentError as err:
        findings += err.findings
        return config  # unknown stages cannot be judged against broken data
    slugs = frozenset(s.slug for e in elections for s in [e, *e.all_stages()])
    return replace(config, stage_slugs=slugs)


def _ignored(config: CheckConfig, path: Path) -> bool:
    return any(fnmatch.fnmatch(path.name, pattern) for pattern in config.ignore_globs)


def _content_files(config: CheckConfig, roots: tuple[str, ...]) -> list[Path]:
    """Markdown and raw content files (images and attachments next to posts are static files)."""
    files: list[Path] = []
    suffixes = {*_RAW_CONTENT, *config.markdown_extensions}
    for root in roots:
        folder = config.content_dir / root
        if folder.is_dir():
            files += [
                p
                for p in sorted(folder.rglob("*"))
                if p.suffix.lower() in suffixes and p.is_file() and not _ignored(config, p)
            ]
    return files


def _memoised(memo: Memo | None, compute: Callable[[], Any], valid: Callable[[Any], bool], *key: str) -> Any:
    if memo is None:
        return compute()
    return memo.get(lambda *_: compute(), *key, valid=valid)


def _is_result(value: Any) -> bool:
    return isinstance(value, FileResult)


def _is_findings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(f, Finding) for f in value)


def _shown(path: Path, resolved: Path, root: Path) -> str:
    """`CheckConfig.shown` for a path already resolved (one resolve per file and build)."""
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _read_content(
    config: CheckConfig, memo: Memo | None, key: str, path: Path, shown: str, kind: str
) -> FileResult:
    suffix = path.suffix.lower()
    if suffix in _RAW_CONTENT:
        raw_finding = Finding(
            shown,
            None,
            f"berkas {suffix} di folder tulisan akan diterbitkan apa adanya (raw {suffix} content)",
            "ubah menjadi Markdown: untuk halaman web tersimpan pakai 'invoke import-html BERKAS.html'",
        )
        return FileResult(None, [raw_finding], [], [], None, None)
    raw = path.read_bytes()
    return _memoised(
        memo,
        lambda: _analyse(config, path, shown, kind, raw),
        _is_result,
        "content",
        key,
        kind,
        str(path),
        shown,
        hashlib.sha256(raw).hexdigest(),
    )


def _analyse(config: CheckConfig, path: Path, shown: str, kind: str, raw: bytes) -> FileResult:
    """Everything one Markdown file says on its own (a pure function of its bytes and `config`)."""
    text, early = decode_bytes(raw, shown)
    if text is None:
        return FileResult(None, early, [], [], None, None)
    source = parse_markdown(path, shown, kind, text)
    relative = path.relative_to(config.content_dir)
    if config.use_folder_as_category and len(relative.parts) > 1:
        source.folder_category = relative.parent.name
    _with_filename_date(source)
    date, problems = check_date(source, config, "date")
    early += problems
    modified, problems = check_date(source, config, "modified")
    early += problems
    if modified and date and modified < date:
        early.append(
            Finding(
                shown,
                source.line_of("modified"),
                "Modified lebih awal dari Date",
                "tanggal perubahan harus sesudah tanggal terbit",
                "warning",
            )
        )
    early += check_header_text(source, config)
    late = check_stage(source, config)
    late += personal_data_findings(
        shown, text, config, nik_allowed=parse_yes_no(source.get("nik_ok") or "") is True
    )
    if not any(line.strip() for line in source.body):
        late.append(
            Finding(
                shown,
                source.body_start,
                "isi tulisan kosong (empty body)",
                "tulis isi berita setelah baris kosong di bawah header",
                "warning",
            )
        )
    refs = references(source)
    late += alt_findings(refs)
    late += raw_html_findings(source)
    address = _save_as(config, source, date)
    source.text, source.body = "", []  # read by nothing after this point
    return FileResult(source, early, late, refs, date, address)


def _with_filename_date(source: SourceFile) -> SourceFile:
    """Pelican takes the date from a file name like 2023-02-11-bimtek.md when the header has none."""
    if "date" not in source.meta:
        match = re.match(r"(?P<date>\d{4}-\d{2}-\d{2})", source.path.stem)
        if match:
            source.meta["date"] = MetaValue(match.group("date"), 1)
    return source


def _read_data(config: CheckConfig, memo: Memo | None, key: str) -> list[Finding]:
    """YAML data under content/: encoding, emptiness, syntax, personal data."""
    findings: list[Finding] = []
    for path in sorted([*config.content_dir.rglob("*.yaml"), *config.content_dir.rglob("*.yml")]):
        shown = config.shown(path)
        raw = path.read_bytes()
        findings += _memoised(
            memo,
            lambda: _data_findings(config, shown, raw),  # noqa: B023 (called at once)
            _is_findings,
            "data",
            key,
            str(path),
            shown,
            hashlib.sha256(raw).hexdigest(),
        )
    return findings


def _data_findings(config: CheckConfig, shown: str, raw: bytes) -> list[Finding]:
    text, findings = decode_bytes(raw, shown)
    if text is None:
        return findings
    try:
        parse_yaml(yaml_text(raw), shown)
    except ContentError as err:
        findings += err.findings
    findings += personal_data_findings(shown, text, config, nik_allowed=False)
    return findings


# --- links -------------------------------------------------------------------------


def _split_kind(target: str) -> tuple[str | None, str]:
    for kind in _LINK_KINDS:
        for opener, closer in (("{", "}"), ("|", "|")):
            marker = f"{opener}{kind}{closer}"
            if target.startswith(marker):
                return kind, target[len(marker) :]
    if target.startswith("{") and "}" in target:
        return target[1 : target.index("}")], target[target.index("}") + 1 :]
    return None, target


def _resolve(config: CheckConfig, source: SourceFile, path: str) -> Path:
    clean = path.split("#")[0].split("?")[0]
    if clean.startswith("/"):
        return config.content_dir / clean.lstrip("/")
    return source.path.parent / clean


def _link_findings(
    config: CheckConfig, results: list[FileResult], by_path: dict[Path, SourceFile], refs: list[Reference]
) -> list[Finding]:
    dates = {r.source.path: r.date for r in results if r.source is not None and r.date is not None}
    urls = _known_urls(config, results)
    findings = []
    for ref in refs:
        problem = _link_problem(config, by_path, urls, ref)
        if problem:
            message, hint = problem
            findings.append(Finding(ref.source.shown, ref.line, message, hint))
        else:
            findings += _scheduled_link(config, dates, by_path, ref)
    return findings


def _scheduled_link(
    config: CheckConfig, dates: dict[Path, datetime], by_path: dict[Path, SourceFile], ref: Reference
) -> list:
    """A published post linking to a post that is still scheduled: broken until that date."""
    kind, rest = _split_kind(ref.target.strip())
    if kind != "filename":
        return []
    linked = by_path.get(_resolve(config, ref.source, rest).resolve())
    when = dates.get(linked.path) if linked else None
    own = dates.get(ref.source.path)
    if when is None or when <= config.now or (own is not None and own > config.now):
        return []
    return [
        Finding(
            ref.source.shown,
            ref.line,
            f"tautan ke berita terjadwal '{rest}' belum berfungsi sampai {when:%Y-%m-%d %H:%M}",
            "tautan akan berfungsi setelah build pertama sesudah tanggal itu",
            "warning",
        )
    ]


def _link_problem(
    config: CheckConfig, by_path: dict[Path, SourceFile], urls: set[str], ref: Reference
) -> tuple[str, str] | None:
    target = ref.target.strip()
    what = "gambar" if ref.is_image else "tautan"
    if not target:
        return f"{what} tanpa alamat (empty link target)", "isi alamat di antara tanda kurung ( )"
    if is_external(target):
        return None
    kind, rest = _split_kind(target)
    if kind is None:
        return _plain_link_problem(config, urls, target, what)
    if kind not in _LINK_KINDS:
        return (
            f"jenis tautan '{{{kind}}}' tidak dikenal",
            "pakai {static} untuk berkas, {filename} untuk tulisan lain",
        )
    if kind in ("static", "attach", "filename"):
        resolved = _resolve(config, ref.source, rest)
        if not inside(resolved, config.content_dir.resolve()):
            return (
                f"{what} '{target}' menunjuk ke luar folder content/",
                "hanya berkas di dalam content/ yang bisa diterbitkan; '/' di awal berarti folder content/",
            )
        if not resolved.is_file():
            noun = "tulisan" if kind == "filename" else "berkas"
            return (
                f"{what} ke {noun} yang tidak ada: '{target}' (missing file)",
                "periksa ejaan jalur; '/' di awal berarti folder content/",
            )
        if kind == "static" and not _is_static(config, resolved):
            folders = ", ".join(f"content/{p}/" for p in config.static_paths)
            return (
                f"berkas '{rest}' tidak ikut diterbitkan: di luar folder statis (not in STATIC_PATHS)",
                f"pindahkan ke {folders} atau pakai {{attach}}",
            )
        linked = by_path.get(resolved.resolve())
        if kind == "filename" and linked is not None and _is_draft(linked) and not _is_draft(ref.source):
            return (
                f"tautan ke draf '{rest}' akan rusak di situs terbit (link to a draft)",
                "terbitkan tulisan itu dulu atau hapus tautannya",
            )
    if kind == "category" and config.slugify(rest) not in {config.slugify(r) for r in config.rubrics}:
        return f"rubrik '{rest}' pada tautan tidak dikenal", f"pilih salah satu: {', '.join(config.rubrics)}"
    return None


def _plain_link_problem(
    config: CheckConfig, urls: set[str], target: str, what: str
) -> tuple[str, str] | None:
    if target.startswith("www."):
        return f"{what} '{target}' tanpa https:// akan rusak", f"tulis https://{target}"
    if not target.startswith("/"):
        return (
            f"{what} relatif '{target}' akan rusak di halaman berita (relative link)",
            "pakai {static}/images/... untuk berkas atau {filename}/posts/... untuk tulisan lain",
        )
    path = target.split("#")[0].split("?")[0].lstrip("/")
    if (config.content_dir / path).is_file() or path in urls or path.removesuffix("index.html") in urls:
        return None
    owned = {PurePosixPath(p).parts[0] for p in _owned_prefixes(config) if p}
    first = PurePosixPath(path).parts[0] if path else ""
    if first in owned:
        return (
            f"{what} '{target}' menunjuk ke halaman yang tidak ada (broken internal link)",
            "salin alamat dari situs yang sudah terbit, atau pakai {filename}/posts/...",
        )
    return None


def _owned_prefixes(config: CheckConfig) -> list[str]:
    """URL folders only posts, pages and static files live in (first path segment)."""
    prefixes = []
    for key, default in (("ARTICLE_URL", "{slug}.html"), ("DRAFT_URL", "drafts/{slug}.html")):
        pattern = config.url_pattern(key, default)
        head = pattern.split("/")[0]
        if "{" not in head and "/" in pattern:
            prefixes.append(head)
    return prefixes + list(config.static_paths)


def _is_static(config: CheckConfig, path: Path) -> bool:
    try:
        relative = path.resolve().relative_to(config.content_dir.resolve())
    except ValueError:
        return False
    return any(relative.is_relative_to(folder) for folder in config.static_paths if folder)


def _is_draft(source: SourceFile) -> bool:
    return (source.get("status") or "").strip().lower() == "draft"


# --- URLs ---------------------------------------------------------------------------


def _save_as(config: CheckConfig, source: SourceFile, date: datetime | None) -> tuple[str, str] | None:
    """(url, save_as) the file will get, or None when its date or title is unusable."""
    title = (source.get("title") or "").strip()
    slug = (source.get("slug") or "").strip() or config.slugify(title)
    if not slug:
        return None
    draft = _is_draft(source)
    if source.kind == "article":
        if date is None:
            return None
        keys = ("DRAFT_URL", "DRAFT_SAVE_AS") if draft else ("ARTICLE_URL", "ARTICLE_SAVE_AS")
        defaults = ("drafts/{slug}.html",) * 2 if draft else ("{slug}.html",) * 2
    else:
        date = None
        keys = ("DRAFT_PAGE_URL", "DRAFT_PAGE_SAVE_AS") if draft else ("PAGE_URL", "PAGE_SAVE_AS")
        defaults = ("drafts/pages/{slug}.html",) * 2 if draft else ("pages/{slug}.html",) * 2
    category = effective_category(source, config, source.folder_category)
    values = {
        **{k: v.value for k, v in source.meta.items()},
        "slug": slug,
        "date": date,
        "lang": (source.get("lang") or config.lang),
        "category": config.slugify(category),
        "author": config.slugify(source.get("author") or ""),
    }
    try:
        url, save_as = (
            config.url_pattern(k, d).format(**values) for k, d in zip(keys, defaults, strict=True)
        )
    except (KeyError, ValueError, AttributeError, IndexError):
        return None
    explicit = source.get("save_as")
    return url, (explicit.strip() if explicit else save_as)


def _known_urls(config: CheckConfig, results: list[FileResult]) -> set[str]:
    urls = set(config.reserved_outputs)
    for result in results:
        if result.address:
            urls.update(result.address)
    return urls


def _collisions(config: CheckConfig, results: list[FileResult]) -> list[Finding]:
    owners: dict[str, str] = {path: what for path, what in config.reserved_outputs.items()}
    findings = []
    for result in results:
        source = result.source
        if source is None or result.address is None:
            continue
        save_as = result.address[1]
        if save_as in owners:
            findings.append(
                Finding(
                    source.shown,
                    source.line_of("title"),
                    f"alamat '{save_as}' sudah dipakai oleh {owners[save_as]} (two contents, one URL)",
                    "ganti judul atau tambahkan 'Slug: judul-lain' agar alamatnya berbeda",
                )
            )
        else:
            owners[save_as] = source.shown
    return findings
