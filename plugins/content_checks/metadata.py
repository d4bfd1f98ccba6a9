"""Checks on one post's or page's metadata header."""

from __future__ import annotations

import difflib
from datetime import datetime

from election_stages.core import suggest_slugs
from news_portal.core import LeadImageProblem, load_lead_image, parse_yes_no
from portal_common.errors import Finding

from .config import CheckConfig
from .dates import FORMAT_HINT, DateProblem, parse_date
from .source import SourceFile

STATUSES = ("published", "draft", "hidden", "skip")
_PLAUSIBLE_YEARS = (2000, 10)  # first year, and how many years ahead of "now"


def _finding(
    source: SourceFile, line: int | None, message: str, hint: str = "", severity: str = "error"
) -> Finding:
    return Finding(source.shown, line, message, hint, severity)


def check_header(source: SourceFile, config: CheckConfig) -> list[Finding]:
    """All header findings for one file, in line order."""
    return [
        *check_header_text(source, config),
        *check_lead_image(source, config),
        *check_stage(source, config),
    ]


def check_header_text(source: SourceFile, config: CheckConfig) -> list[Finding]:
    """The header findings that depend on the file's text and the settings alone (memoisable)."""
    findings = [
        *_unknown_keys(source, config),
        *_title(source, config),
        *_status(source),
        *_slug(source, config),
        *_summary(source, config),
        *_pinned(source),
    ]
    if source.kind == "article":
        findings += _category(source, config)
    return findings


def check_lead_image(source: SourceFile, config: CheckConfig) -> list[Finding]:
    """`Image:` of an article: reads the image file, so it runs on every build."""
    return _lead_image(source, config) if source.kind == "article" else []


def check_stage(source: SourceFile, config: CheckConfig) -> list[Finding]:
    """`Stage:` of an article against the stage slugs in `config`."""
    return _stage(source, config) if source.kind == "article" else []


def _unknown_keys(source: SourceFile, config: CheckConfig) -> list[Finding]:
    findings = []
    for key, item in source.meta.items():
        if key in config.known_metadata:
            continue
        close = difflib.get_close_matches(key, sorted(config.known_metadata), n=1, cutoff=0.7)
        hint = f"maksud Anda '{close[0].capitalize()}'?" if close else "hapus baris ini bila tidak dipakai"
        findings.append(
            _finding(
                source,
                item.line,
                f"kunci metadata '{key}' tidak dikenal (unknown metadata key)",
                hint,
                "warning",
            )
        )
    for key, line in source.duplicate_keys:
        findings.append(
            _finding(
                source,
                line,
                f"kunci '{key}' ditulis dua kali (duplicate key; first on line {source.line_of(key)})",
                "hapus salah satu baris",
            )
        )
    return findings


def _title(source: SourceFile, config: CheckConfig) -> list[Finding]:
    title = (source.get("title") or "").strip()
    if not title:
        hint = "baris pertama berkas harus berbentuk 'Title: Judul berita', diikuti baris kosong"
        if not source.meta:
            hint += " (tidak ada header metadata sama sekali)"
        return [_finding(source, source.line_of("title"), "judul tidak ada (no title)", hint)]
    return _length(
        source,
        "title",
        len(title),
        config.title_soft,
        config.title_hard,
        "judul",
        "hasil pencarian dan feed (search results, feeds)",
    )


def _summary(source: SourceFile, config: CheckConfig) -> list[Finding]:
    summary = " ".join((source.get("summary") or "").split())
    if not summary:
        return []
    return _length(
        source,
        "summary",
        len(summary),
        config.summary_soft,
        config.summary_hard,
        "ringkasan (Summary)",
        "cuplikan mesin pencari dan feed (search snippets, feeds)",
    )


def _length(
    source: SourceFile, key: str, size: int, soft: int, hard: int, what: str, where: str
) -> list[Finding]:
    if size > hard:
        return [
            _finding(
                source,
                source.line_of(key),
                f"{what} terlalu panjang: {size} karakter, batas {hard} (too long)",
                f"persingkat menjadi paling banyak {hard} karakter; {where} memotong teks yang panjang",
            )
        ]
    if size > soft:
        return [
            _finding(
                source,
                source.line_of(key),
                f"{what} {size} karakter, akan terpotong di {where} (> {soft})",
                f"usahakan paling banyak {soft} karakter",
                "warning",
            )
        ]
    return []


def check_date(source: SourceFile, config: CheckConfig, key: str) -> tuple[datetime | None, list[Finding]]:
    """Parse `Date`/`Modified`; an article without a date is an error."""
    raw = source.get(key)
    if raw is None or not raw.strip():
        if key == "date" and source.kind == "article":
            return None, [
                _finding(
                    source,
                    source.line_of(key),
                    "tanggal tidak ada (missing Date)",
                    f"tambahkan baris 'Date: ...'; {FORMAT_HINT}",
                )
            ]
        return None, []
    try:
        moment = parse_date(raw, config.timezone)
    except DateProblem as problem:
        return None, [_finding(source, source.line_of(key), str(problem), FORMAT_HINT)]
    first, ahead = _PLAUSIBLE_YEARS
    if not first <= moment.year <= config.now.year + ahead:
        return None, [
            _finding(
                source,
                source.line_of(key),
                f"tahun {moment.year} pada '{raw}' tidak masuk akal (implausible year)",
                "periksa salah ketik pada tahun",
            )
        ]
    return moment, []


def _status(source: SourceFile) -> list[Finding]:
    status = source.get("status")
    if status is None or status.strip().lower() in STATUSES:
        return []
    return [
        _finding(
            source,
            source.line_of("status"),
            f"Status '{status}' tidak dikenal (unknown status)",
            "tulis 'Status: draft' untuk draf, atau hapus barisnya agar terbit",
        )
    ]


def _slug(source: SourceFile, config: CheckConfig) -> list[Finding]:
    slug = source.get("slug")
    if slug is None:
        return []
    clean = config.slugify(slug)
    if slug.strip() and slug.strip() == clean:
        return []
    return [
        _finding(
            source,
            source.line_of("slug"),
            f"Slug '{slug}' tidak aman untuk alamat web (invalid slug)",
            f"pakai huruf kecil, angka dan tanda hubung saja, mis. '{clean or 'judul-berita'}'",
        )
    ]


def _pinned(source: SourceFile) -> list[Finding]:
    raw = source.get("pinned")
    if raw is None or parse_yes_no(raw) is not None:
        return []
    return [
        _finding(
            source,
            source.line_of("pinned"),
            f"nilai Pinned '{raw}' tidak dikenal",
            "tulis 'Pinned: ya' atau hapus barisnya",
        )
    ]


def effective_category(source: SourceFile, config: CheckConfig, from_folder: str | None) -> str:
    """The rubric Pelican will give the post (header, else folder, else default)."""
    explicit = source.get("category")
    if explicit is not None:
        return explicit.strip()
    return from_folder if from_folder is not None else config.default_category


def _category(source: SourceFile, config: CheckConfig) -> list[Finding]:
    folder = source.folder_category
    name = effective_category(source, config, folder)
    if name in config.rubrics:
        return []
    allowed = ", ".join(config.rubrics)
    if source.get("category") is None:
        return [
            _finding(
                source,
                1,
                f"rubrik tidak ditulis; Pelican akan memakai nama folder '{name}' (missing Category)",
                f"tambahkan baris 'Category: ...' dengan salah satu: {allowed}",
            )
        ]
    close = difflib.get_close_matches(name, config.rubrics, n=1, cutoff=0.5)
    hint = f"maksud Anda '{close[0]}'? " if close else ""
    return [
        _finding(
            source,
            source.line_of("category"),
            f"rubrik '{name}' tidak dikenal (unknown rubric)",
            f"{hint}pilih salah satu: {allowed}",
        )
    ]


def _lead_image(source: SourceFile, config: CheckConfig) -> list[Finding]:
    image = source.get("image")
    if image is None:
        if source.get("image_alt") is not None:
            return [
                _finding(
                    source,
                    source.line_of("image_alt"),
                    "Image_alt ditulis tanpa Image",
                    "tambahkan 'Image: images/...' atau hapus Image_alt",
                    "warning",
                )
            ]
        return []
    try:
        load_lead_image(config.content_dir, image, source.get("image_alt"), source.get("image_caption"))
    except LeadImageProblem as problem:
        line = source.line_of("image")
        if "Image_alt" in str(problem):
            line = source.line_of("image_alt") if "image_alt" in source.meta else line
        return [_finding(source, line, str(problem), problem.hint)]
    return []


def _stage(source: SourceFile, config: CheckConfig) -> list[Finding]:
    raw = source.get("stage")
    if raw is None or config.stage_slugs is None:
        return []
    slug = raw.strip().lower()
    if slug in config.stage_slugs:
        return []
    close = suggest_slugs(slug, config.stage_slugs)
    hint = (
        ("maksud Anda: " + ", ".join(f"'{s}'" for s in close) + "?")
        if close
        else (f"daftar slug tahapan ada di content/{config.stage_dir}/*.yaml")
    )
    return [_finding(source, source.line_of("stage"), f"tahapan '{raw}' tidak dikenal (unknown Stage)", hint)]
