"""The content checks behind `invoke check` and every build, at two moments.

* `pre_read(config)`, before Pelican reads anything: the files under content/
  (links, names, stray Markdown), data files (encoding, YAML syntax, personal
  data), other plugins' data checks, the stage and officer data, static images,
  and each post's bytes and header as written: what Pelican's reader cannot read
  past or logs (empty or non-UTF-8 file, no title, a bad date, an unknown status,
  an image without alt text).
* On what Pelican parsed (its Article and Page objects): `check_post` checks one
  post or page (metadata, personal data, empty body, raw HTML,
  and with a `Site` its links); `check_site` runs it on every post and page and
  adds what needs them all: two posts on one address, two posts with one Guid,
  galleries and lead images.

Findings name `file:line`: the line comes from the source file's header
(source.SourceText) or body. Nothing here imports Pelican (adapter.py does).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from election_stages.core import load_elections
from news_portal.core import parse_yes_no
from portal_common.build import Build
from portal_common.cachefile import StatMemo
from portal_common.errors import ContentError, Finding
from portal_common.yamlfile import parse_yaml, yaml_text

from .body import Reference, alt_findings, is_external, personal_data_findings, raw_html_findings, references
from .config import CheckConfig
from .files import file_findings, inside
from .media import gallery_findings, image_findings, officer_findings, static_images
from .metadata import header_findings, metadata_findings
from .source import SourceText, decode_bytes, read_source

RAW_CONTENT = (".html", ".htm", ".rst")
_LINK_KINDS = ("static", "attach", "filename", "category", "tag", "author", "index")


# --- before Pelican reads ------------------------------------------------------------


def pre_read(
    config: CheckConfig,
    shared: Build | None = None,
    data_checks: Sequence[Callable[[], list[Finding]]] = (),
    images: StatMemo | None = None,
) -> tuple[CheckConfig, list[Finding]]:
    """(`config` with the stage slugs, every finding that must be known before Pelican reads).

    `shared`: this build's Build (portal_common.build) (the stage data is loaded once for this and the
    stage plugin). `data_checks`: validators of data files other plugins own
    (adapter.DATA_CHECKS). `images`: images that decoded cleanly, by stat data.
    """
    findings: list[Finding] = file_findings(config)
    config = with_stages(config, findings, shared)
    findings += _read_data(config)
    for check in data_checks:
        findings += check()
    slugs: dict[tuple, str] = {}
    for kind in ("article", "page"):
        for path in content_files(config, kind):
            problems, source = check_source(config, path, kind)
            findings += problems
            if source is not None and not errors_of(problems):
                findings += _same_slug(source, kind, config, slugs)
    if config.check_officers:  # no photo pipeline: images are copied by Pelican as they are
        more, photos = officer_findings(config)
        root = config.content_dir.resolve()
        paths = [p for p in [*photos, *static_images(config)] if inside(p, root)]
        findings += more + image_findings(config, paths, images)
    return config, findings


def check_source(config: CheckConfig, path: Path, kind: str) -> tuple[list[Finding], SourceText | None]:
    """One post's or page's file before Pelican reads it (kind: 'article' or 'page'): its findings,
    and its lines (None when it cannot be read as Markdown). The live preview runs this on the
    saved file before it lets Pelican read it, then `check_post` on what Pelican read."""
    shown = config.shown(path)
    suffix = path.suffix.lower()
    if suffix in RAW_CONTENT:
        raw = Finding(
            shown,
            None,
            f"berkas {suffix} di folder tulisan akan diterbitkan apa adanya (raw {suffix} content)",
            "ubah menjadi Markdown: untuk halaman web tersimpan pakai 'invoke import-html BERKAS.html'",
        )
        return [raw], None
    text, findings = decode_bytes(path.read_bytes(), shown)
    if text is None:
        return findings, None
    source = read_source(path, shown, text)
    # Pelican's reader logs an image without alt text (a fatal warning in the build).
    return header_findings(source, kind, config) + alt_findings(references(source)), source


def _same_slug(source: SourceText, kind: str, config: CheckConfig, seen: dict[tuple, str]) -> list[Finding]:
    """Two posts (or pages) with one slug: Pelican's reader warns before any later check could run.

    The slug is Pelican's: `Slug:`, else its slugify of the title (SLUGIFY_SOURCE = 'title').
    """
    slug = (source.value("slug") or "").strip() or config.slugify(source.value("title") or "")
    status = (source.value("status") or "published").strip().lower()
    key = (kind, status, slug, (source.value("lang") or "").strip())
    if key not in seen:
        seen[key] = source.shown
        return []
    return [
        Finding(
            source.shown,
            source.line_of("title"),
            f"alamat '{slug}' sudah dipakai oleh {seen[key]} (two contents, one URL)",
            "ganti judul atau tambahkan 'Slug: judul-lain' agar alamatnya berbeda",
        )
    ]


def with_stages(config: CheckConfig, findings: list[Finding], shared: Build | None = None) -> CheckConfig:
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


def content_files(config: CheckConfig, kind: str) -> list[Path]:
    """The posts' (kind 'article') or pages' Markdown and raw content files, as Pelican finds them."""
    roots = config.article_paths if kind == "article" else config.page_paths
    files: list[Path] = []
    suffixes = {*RAW_CONTENT, *config.markdown_extensions}
    for root in roots:
        folder = config.content_dir / root
        if folder.is_dir():
            files += [
                p
                for p in sorted(folder.rglob("*"))
                if p.suffix.lower() in suffixes and p.is_file() and not _ignored(config, p)
            ]
    return files


def _read_data(config: CheckConfig) -> list[Finding]:
    """YAML data under content/: encoding, emptiness, syntax, personal data."""
    findings: list[Finding] = []
    for path in sorted([*config.content_dir.rglob("*.yaml"), *config.content_dir.rglob("*.yml")]):
        shown = config.shown(path)
        raw = path.read_bytes()
        text, problems = decode_bytes(raw, shown)
        findings += problems
        if text is None:
            continue
        try:
            parse_yaml(yaml_text(raw), shown)
        except ContentError as err:
            findings += err.findings
        findings += personal_data_findings(shown, text, config, nik_allowed=False)
    return findings


# --- on what Pelican parsed ----------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What the link checks need to know about every post and page of the build."""

    posts: dict[Path, Any]  # resolved source path -> Pelican Article or Page
    urls: frozenset[str]  # every url and save_as a post, page or the site itself takes
    owned: frozenset[str]  # first URL segments only posts, pages and static files live in


def site_of(posts: Iterable[Any], config: CheckConfig) -> Site:
    """The `Site` of these parsed posts and pages (Pelican computed their url and save_as)."""
    posts = list(posts)
    urls = {*config.reserved_outputs, *_category_outputs(posts)}
    owned = {PurePosixPath(p).parts[0] for p in config.static_paths if p}
    for post in posts:
        urls.update(u for u in (post.url, post.save_as) if u)
        if _kind(post) == "article" and "/" in post.url:
            owned.add(post.url.split("/")[0])
    return Site({Path(p.source_path).resolve(): p for p in posts}, frozenset(urls), frozenset(owned))


def check_post(post: Any, config: CheckConfig, site: Site | None = None) -> list[Finding]:
    """Every finding about ONE post or page as Pelican parsed it (`post`: Article or Page).

    `config`: adapter.build_config(settings). With `site` (site_of() of the build's
    posts and pages), its links are checked too. The build and `invoke check` call
    this for every post; the live preview for the post just saved.
    """
    source = _source(post, config)
    if isinstance(source, list):
        return source
    kind = _kind(post)
    findings = metadata_findings(post, source, kind, config)
    nik_allowed = parse_yes_no(str(post.metadata.get("nik_ok") or "")) is True
    findings += personal_data_findings(source.shown, "\n".join(source.lines), config, nik_allowed=nik_allowed)
    if not any(line.strip() for _, line in source.body_lines()):
        findings.append(
            Finding(
                source.shown,
                source.body_start,
                "isi tulisan kosong (empty body)",
                "tulis isi berita setelah baris kosong di bawah header",
                "warning",
            )
        )
    refs = references(source)
    findings += raw_html_findings(source, getattr(post, "_content", "") or "")
    if site is not None:
        findings += _link_findings(post, config, site, refs)
    return sort_findings(findings)


def check_site(
    articles: Sequence[Any],
    pages: Sequence[Any],
    published: Sequence[Any],
    config: CheckConfig,
    images: StatMemo | None = None,
) -> list[Finding]:
    """Every post's links, and what needs every post: shared addresses and Guids, galleries, lead images.

    `articles`: every article (published, drafts, scheduled, hidden); `published`: those
    the feeds carry. `pages` get `check_post` here (articles had it when they were read).
    """
    everything = [*articles, *pages]
    site = site_of(everything, config)
    findings = [f for page in pages for f in check_post(page, config)]
    read = {id(post): _source(post, config) for post in everything}
    sources = {id(post): source for post in everything if isinstance(source := read[id(post)], SourceText)}
    for post in everything:
        if id(post) in sources:
            findings += _link_findings(post, config, site, references(sources[id(post)]))
    findings += _collisions(everything, config, sources)
    findings += _guid_collisions(published, config, sources)
    findings += _media_findings(articles, config, images, sources)
    return sort_findings(findings)


def _kind(post: Any) -> str:
    return "page" if type(post).__name__ == "Page" else "article"


def _source(post: Any, config: CheckConfig) -> SourceText | list[Finding]:
    """The post's source file (its lines), or the findings of a file that cannot be read."""
    path = Path(post.source_path)
    shown = config.shown(path)
    text, problems = decode_bytes(path.read_bytes(), shown)
    return problems if text is None else read_source(path, shown, text)


def _is_draft(post: Any) -> bool:
    """A draft by its header (a scheduled post is held back by the build, not by its author)."""
    return str(post.metadata.get("status") or "").strip().lower() == "draft"


def _media_findings(
    articles: Sequence[Any], config: CheckConfig, images: StatMemo | None, sources: dict[int, SourceText]
) -> list[Finding]:
    """Galleries, and the gallery photos and lead images the photo pipeline will decode."""
    if not config.check_officers:
        return []
    posts = [
        (sources[id(a)], str(a.metadata["gallery"]))
        for a in articles
        if a.metadata.get("gallery") and id(a) in sources
    ]
    findings, photos = gallery_findings(config, posts)
    leads = [_lead_path(config, str(a.metadata["image"])) for a in articles if a.metadata.get("image")]
    root = config.content_dir.resolve()
    paths = [p for p in [*photos, *leads] if p is not None and inside(p, root) and not _is_static(config, p)]
    return findings + image_findings(config, paths, images)


def _lead_path(config: CheckConfig, image: str) -> Path | None:
    relative = PurePosixPath(image.strip().lstrip("/"))
    return None if ".." in relative.parts else config.content_dir / relative


def _category_outputs(posts: list[Any]) -> dict[str, str]:
    """The rubric pages Pelican will write (a post must not take their address)."""
    found = {}
    for post in posts:
        category = getattr(post, "category", None)
        if _kind(post) == "article" and category is not None and category.save_as:
            found[category.save_as] = f"rubrik '{category.name}'"
    return found


def _collisions(posts: list[Any], config: CheckConfig, sources: dict[int, SourceText]) -> list[Finding]:
    """Two posts or pages (or one and a page of the site) with one address."""
    owners = {**config.reserved_outputs, **_category_outputs(posts)}
    findings = []
    for post in posts:
        save_as, source = post.save_as, sources.get(id(post))
        if not save_as or source is None:
            continue
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


def _guid_collisions(
    published: Sequence[Any], config: CheckConfig, sources: dict[int, SourceText]
) -> list[Finding]:
    """Two published posts with one `Guid:` (the feeds would give two items one id)."""
    with_guid = [a for a in published if str(a.metadata.get("guid") or "").strip()]
    with_guid.sort(key=lambda a: (a.date, config.shown(Path(a.source_path))), reverse=True)  # feeds' order
    seen: dict[str, Any] = {}
    findings = []
    for article in with_guid:
        guid = str(article.metadata["guid"]).strip()
        if guid in seen:
            source = sources.get(id(article))
            other = Path(seen[guid].source_path).relative_to(config.content_dir).as_posix()
            findings.append(
                Finding(
                    config.shown(Path(article.source_path)),
                    source.line_of("guid") if source else None,
                    f"Guid '{guid}' sama dengan tulisan {other}",
                    "setiap tulisan perlu Guid sendiri; hapus baris Guid atau ganti isinya",
                )
            )
        else:
            seen[guid] = article
    return findings


def errors_of(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Without repeats, by file and line, errors before warnings on one line."""
    unique = {(f.path, f.line, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.path, f.line or 0, f.severity != "error"))


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


def _resolve(config: CheckConfig, source: SourceText, path: str) -> Path:
    clean = path.split("#")[0].split("?")[0]
    if clean.startswith("/"):
        return config.content_dir / clean.lstrip("/")
    return source.path.parent / clean


def _link_findings(post: Any, config: CheckConfig, site: Site, refs: list[Reference]) -> list[Finding]:
    findings = []
    for ref in refs:
        problem = _link_problem(config, site, post, ref)
        if problem:
            message, hint = problem
            findings.append(Finding(ref.source.shown, ref.line, message, hint))
        else:
            findings += _scheduled_link(config, site, post, ref)
    return findings


def _scheduled_link(config: CheckConfig, site: Site, post: Any, ref: Reference) -> list[Finding]:
    """A published post linking to a post that is still scheduled: broken until that date."""
    kind, rest = _split_kind(ref.target.strip())
    if kind != "filename":
        return []
    linked = site.posts.get(_resolve(config, ref.source, rest).resolve())
    when = getattr(linked, "date", None) if linked is not None and _kind(linked) == "article" else None
    own = getattr(post, "date", None) if _kind(post) == "article" else None
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


def _link_problem(config: CheckConfig, site: Site, post: Any, ref: Reference) -> tuple[str, str] | None:
    target = ref.target.strip()
    what = "gambar" if ref.is_image else "tautan"
    if not target:
        return f"{what} tanpa alamat (empty link target)", "isi alamat di antara tanda kurung ( )"
    if is_external(target):
        return None
    kind, rest = _split_kind(target)
    if kind is None:
        return _plain_link_problem(config, site, target, what)
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
        linked = site.posts.get(resolved.resolve())
        if kind == "filename" and linked is not None and _is_draft(linked) and not _is_draft(post):
            return (
                f"tautan ke draf '{rest}' akan rusak di situs terbit (link to a draft)",
                "terbitkan tulisan itu dulu atau hapus tautannya",
            )
    if kind == "category" and config.slugify(rest) not in {config.slugify(r) for r in config.rubrics}:
        return f"rubrik '{rest}' pada tautan tidak dikenal", f"pilih salah satu: {', '.join(config.rubrics)}"
    return None


def _plain_link_problem(config: CheckConfig, site: Site, target: str, what: str) -> tuple[str, str] | None:
    if target.startswith("www."):
        return f"{what} '{target}' tanpa https:// akan rusak", f"tulis https://{target}"
    if not target.startswith("/"):
        return (
            f"{what} relatif '{target}' akan rusak di halaman berita (relative link)",
            "pakai {static}/images/... untuk berkas atau {filename}/posts/... untuk tulisan lain",
        )
    path = target.split("#")[0].split("?")[0].lstrip("/")
    known = path in site.urls or path.removesuffix("index.html") in site.urls
    if known or (config.content_dir / path).is_file():
        return None
    first = PurePosixPath(path).parts[0] if path else ""
    if first in site.owned:
        return (
            f"{what} '{target}' menunjuk ke halaman yang tidak ada (broken internal link)",
            "salin alamat dari situs yang sudah terbit, atau pakai {filename}/posts/...",
        )
    return None


def _is_static(config: CheckConfig, path: Path) -> bool:
    try:
        relative = path.resolve().relative_to(config.content_dir.resolve())
    except ValueError:
        return False
    return any(relative.is_relative_to(folder) for folder in config.static_paths if folder)
