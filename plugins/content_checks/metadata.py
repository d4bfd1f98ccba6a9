"""Checks on a post's or page's metadata.

`header_findings` runs before Pelican reads the file, on the header as written: what
Pelican cannot read past (no title, a date it cannot parse or misreads, an unknown
status, a key written twice) would otherwise be a bare log line and a missing post.
`metadata_findings` runs on what Pelican parsed (title, slug, rubric, summary...),
naming the header line the value came from.
"""

from __future__ import annotations

import difflib
import html
import re
from datetime import datetime

from election_stages.core import suggest_slugs
from news_portal.core import LeadImageProblem, load_lead_image, parse_yes_no
from portal_common.errors import Finding

from .config import CheckConfig
from .dates import FORMAT_HINT, DateProblem, parse_date
from .source import SourceText

STATUSES = ("published", "draft", "hidden", "skip")
_PLAUSIBLE_YEARS = (2000, 10)  # first year, and how many years ahead of "now"
_FILE_NAME_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # Pelican's FILENAME_METADATA default
_TAG = re.compile(r"<[^>]+>")


def _finding(
    source: SourceText, line: int | None, message: str, hint: str = "", severity: str = "error"
) -> Finding:
    return Finding(source.shown, line, message, hint, severity)


# --- before Pelican reads ------------------------------------------------------------


def header_findings(source: SourceText, kind: str, config: CheckConfig) -> list[Finding]:
    """What would stop Pelican's reader or make it misread the file, in the header as written."""
    findings = [*_duplicates(source), *_title_present(source), *_status(source)]
    date, problems = _date(source, kind, config, "date")
    findings += problems
    modified, problems = _date(source, kind, config, "modified")
    findings += problems
    if modified and date and modified < date:
        findings.append(
            _finding(
                source,
                source.line_of("modified"),
                "Modified lebih awal dari Date",
                "tanggal perubahan harus sesudah tanggal terbit",
                "warning",
            )
        )
    return findings


def _duplicates(source: SourceText) -> list[Finding]:
    return [
        _finding(
            source,
            line,
            f"kunci '{key}' ditulis dua kali (duplicate key; first on line {lines[0][0]})",
            "hapus salah satu baris",
        )
        for key, lines in source.keys.items()
        for line, _ in lines[1:]
    ]


def _title_present(source: SourceText) -> list[Finding]:
    if (source.value("title") or "").strip():
        return []
    hint = "baris pertama berkas harus berbentuk 'Title: Judul berita', diikuti baris kosong"
    if not source.keys:
        hint += " (tidak ada header metadata sama sekali)"
    return [_finding(source, source.line_of("title"), "judul tidak ada (no title)", hint)]


def _date(source: SourceText, kind: str, config: CheckConfig, key: str) -> tuple[datetime | None, list]:
    """Parse `Date`/`Modified` strictly; an article without a date (header or file name) is an error."""
    raw = source.value(key)
    if raw is None and key == "date":
        match = _FILE_NAME_DATE.match(source.path.stem)
        raw = match.group(0) if match else None
    if raw is None or not raw.strip():
        if key == "date" and kind == "article":
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


def _status(source: SourceText) -> list[Finding]:
    status = source.value("status")
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


# --- on what Pelican parsed ----------------------------------------------------------


def metadata_findings(post, source: SourceText, kind: str, config: CheckConfig) -> list[Finding]:
    """The metadata findings for one parsed post or page (`post`: Pelican's Article or Page)."""
    meta = post.metadata
    findings = [
        *_unknown_keys(source, config),
        *_title_length(post, source, config),
        *_slug(meta.get("slug"), source, config),
        *_summary(meta.get("summary"), source, config),
        *_pinned(meta.get("pinned"), source),
    ]
    if kind == "article":
        findings += _category(post.category.name, source, config)
        findings += _lead_image(meta, source, config)
        findings += _stage(meta.get("stage"), source, config)
    return findings


def _unknown_keys(source: SourceText, config: CheckConfig) -> list[Finding]:
    findings = []
    for key, lines in source.keys.items():
        if key in config.known_metadata:
            continue
        close = difflib.get_close_matches(key, sorted(config.known_metadata), n=1, cutoff=0.7)
        hint = f"maksud Anda '{close[0].capitalize()}'?" if close else "hapus baris ini bila tidak dipakai"
        findings.append(
            _finding(
                source,
                lines[0][0],
                f"kunci metadata '{key}' tidak dikenal (unknown metadata key)",
                hint,
                "warning",
            )
        )
    return findings


def _title_length(post, source: SourceText, config: CheckConfig) -> list[Finding]:
    title = " ".join(str(post.title).split())
    return _length(
        source,
        "title",
        len(title),
        config.title_soft,
        config.title_hard,
        "judul",
        "hasil pencarian dan feed (search results, feeds)",
    )


def _summary(summary: str | None, source: SourceText, config: CheckConfig) -> list[Finding]:
    """Pelican renders `Summary:` as HTML (FORMATTED_FIELDS): its length is that of its text."""
    text = " ".join(html.unescape(_TAG.sub("", summary or "")).split())
    if not text:
        return []
    return _length(
        source,
        "summary",
        len(text),
        config.summary_soft,
        config.summary_hard,
        "ringkasan (Summary)",
        "cuplikan mesin pencari dan feed (search snippets, feeds)",
    )


def _length(
    source: SourceText, key: str, size: int, soft: int, hard: int, what: str, where: str
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


def _slug(slug: str | None, source: SourceText, config: CheckConfig) -> list[Finding]:
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


def _pinned(raw: str | None, source: SourceText) -> list[Finding]:
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


def _category(name: str, source: SourceText, config: CheckConfig) -> list[Finding]:
    """The rubric Pelican gave the post (header, else folder, else DEFAULT_CATEGORY)."""
    if name in config.rubrics:
        return []
    allowed = ", ".join(config.rubrics)
    if "category" not in source.keys:
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


def _lead_image(meta: dict, source: SourceText, config: CheckConfig) -> list[Finding]:
    """`Image:`, read as news_portal will (its own check names the path without content/)."""
    image = meta.get("image")
    if image is None:
        if meta.get("image_alt") is None:
            return []
        return [
            _finding(
                source,
                source.line_of("image_alt"),
                "Image_alt ditulis tanpa Image",
                "tambahkan 'Image: images/...' atau hapus Image_alt",
                "warning",
            )
        ]
    try:
        load_lead_image(config.content_dir, str(image), meta.get("image_alt"), meta.get("image_caption"))
    except LeadImageProblem as problem:
        line = source.line_of(problem.key) if problem.key in source.keys else source.line_of("image")
        return [_finding(source, line, str(problem), problem.hint)]
    return []


def _stage(raw: str | None, source: SourceText, config: CheckConfig) -> list[Finding]:
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
