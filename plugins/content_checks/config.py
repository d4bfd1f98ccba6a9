"""What the validator needs to know about the site, as plain values (no Pelican)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from portal_common.options import option

# Pelican's default slug rules (pelican.settings DEFAULT_CONFIG), used when the
# caller does not hand in Pelican's own slugify.
_SLUG_SUBS = [
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]


def simple_slugify(value: str) -> str:
    """Pelican-compatible slug for plain (ASCII or accented Latin) titles."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    text = re.sub(r"<[^>]+>", "", text)
    for pattern, repl in _SLUG_SUBS:
        text = re.sub(pattern, repl, text, flags=re.IGNORECASE)
    return text.lower().strip()


# Metadata keys the site understands (lower-case). Others get a warning with a
# suggestion, because a misspelt key is silently ignored by Pelican.
KNOWN_METADATA = frozenset(
    {
        "title",
        "date",
        "modified",
        "category",
        "tags",
        "keywords",
        "author",
        "authors",
        "slug",
        "summary",
        "status",
        "lang",
        "translation",
        "template",
        "save_as",
        "url",
        "image",
        "image_alt",
        "image_caption",
        "pinned",
        "stage",
        "gallery",
        "nik_ok",
        "source_url",
        "description",
        "guid",  # feeds: fixed feed item id (override)
    }
)


@dataclass(frozen=True)
class CheckConfig:
    """Everything the checks read from the settings; see adapter.config_from_settings."""

    content_dir: Path
    display_root: Path
    now: datetime
    timezone: str = "Asia/Jakarta"
    article_paths: tuple[str, ...] = ("posts",)
    page_paths: tuple[str, ...] = ("pages",)
    data_dir: str = "data"
    static_paths: tuple[str, ...] = ("images",)
    stage_dir: str = "data/tahapan"
    rubrics: tuple[str, ...] = ("Berita", "Pengumuman", "Kegiatan", "Sosialisasi", "Opini")
    # Pages the site writes itself (save_as -> what): no post may take their address.
    reserved_outputs: dict[str, str] = field(default_factory=dict)
    slugify: Callable[[str], str] = simple_slugify
    title_soft: int = 90
    title_hard: int = 110
    summary_soft: int = 160
    summary_hard: int = 300
    # Digits of phone numbers that may be published (the committee's office line).
    public_numbers: frozenset[str] = frozenset()
    known_metadata: frozenset[str] = KNOWN_METADATA
    markdown_extensions: tuple[str, ...] = (".md", ".markdown", ".mkd", ".mdown")
    ignore_globs: tuple[str, ...] = (".#*", "README*")
    # The stage slugs when the stage plugin is active; None = load from stage_dir.
    stage_slugs: frozenset[str] | None = None
    check_stages: bool = True
    # The officer plugin's folders (under content_dir) when it is active.
    check_officers: bool = False
    officer_data_dir: str = "data/petugas"
    gallery_dir: str = "galeri"

    def shown(self, path: Path) -> str:
        """A path as the officer sees it: relative to the project folder."""
        try:
            return path.resolve().relative_to(self.display_root.resolve()).as_posix()
        except ValueError:
            return str(path)


LIMITS = (list, tuple)


def _limits(value: list | tuple) -> str | None:
    if len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return None
    return "must be (soft, hard) character limits, e.g. (70, 110)"


def _phones(value: list | tuple) -> str | None:
    ok = all(isinstance(phone, str) for phone in value)
    return None if ok else "must be a list of phone numbers as text"


@dataclass(frozen=True)
class CheckSettings:
    """The checks' own settings (the rest of CheckConfig comes from Pelican's settings)."""

    title_limits: tuple[int, int] = option("PORTAL_TITLE_LIMITS", LIMITS, (90, 110), _limits, tuple)
    summary_limits: tuple[int, int] = option("PORTAL_SUMMARY_LIMITS", LIMITS, (160, 300), _limits, tuple)
    # Digits of phone numbers that may be published besides the committee's own.
    public_phones: tuple[str, ...] = option("PORTAL_PUBLIC_PHONES", (list, tuple), (), _phones, tuple)
