"""The feeds plugin's settings: read once, checked, and named in every error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portal_common.options import at_least, option

from .core.sharecard import FONT_BOLD, FONT_REGULAR
from .core.sitemap import MAX_URLS
from .core.urls import host_of, is_absolute_base

# Where the feeds are written (relative to the output root). Stable forever:
# subscribers keep these addresses, so they are constants, not settings.
ALL_RSS = "feed/rss.xml"
ALL_ATOM = "feed/atom.xml"
ALL_JSON = "feed/feed.json"
CATEGORY_RSS = "feed/rubrik/{slug}/rss.xml"
CATEGORY_ATOM = "feed/rubrik/{slug}/atom.xml"
STAGE_RSS = "feed/tahapan/{slug}/rss.xml"
STAGE_ATOM = "feed/tahapan/{slug}/atom.xml"
TAG_RSS = "feed/topik/{slug}/rss.xml"
TAG_ATOM = "feed/topik/{slug}/atom.xml"
AUTHOR_RSS = "feed/penulis/{slug}/rss.xml"
AUTHOR_ATOM = "feed/penulis/{slug}/atom.xml"
# (RSS, Atom) paths of each feed family, keyed like the page URLs (rubrik/, topik/, penulis/).
FAMILY_PATHS = {
    "rubrik": (CATEGORY_RSS, CATEGORY_ATOM),
    "topik": (TAG_RSS, TAG_ATOM),
    "penulis": (AUTHOR_RSS, AUTHOR_ATOM),
}
# Share cards of posts without a lead image (core/sharecard.py): 1200×630 JPEG.
CARD_PATH = "feed/kartu/{name}.jpg"
NEWS_SITEMAP = "sitemap-berita.xml"
# PNG copies of the committee logo (core/logo.py): feeds, Open Graph fallback, JSON-LD.
LOGO = "feed/logo.png"
LOGO_SMALL = "feed/logo-144.png"
LOGO_SIZE = 512
LOGO_SMALL_SIZE = 144


def _absolute_or_empty(value: str | None) -> str | None:
    if not value or is_absolute_base(value):
        return None
    return f"must be an absolute http(s) URL or empty, not {value!r}"


def _host(value: str | None) -> str | None:
    if not value or ("/" not in value and " " not in value):
        return None
    return f"must be a host name such as example.id, not {value!r}"


def _paths(value: list | tuple) -> str | None:
    ok = all(isinstance(path, str) and path.startswith("/") for path in value)
    return None if ok else "must be a list of paths starting with '/'"


def _fonts(value: dict) -> str | None:
    if set(value) != {"regular", "bold"}:
        return "must be a dict with the keys 'regular' and 'bold'"
    for key in ("regular", "bold"):
        if not isinstance(value[key], str) or not Path(value[key]).is_file():
            return f"{key} font {value[key]!r} not found (Debian: apt-get install fonts-dejavu-core)"
    return None


def _url(value: str | None) -> str:
    return (value or "").rstrip("/")


URL = (str, type(None))


@dataclass(frozen=True)
class FeedSettings:
    siteurl: str = option("SITEURL", URL, "", convert=_url)
    public_url: str = option("PORTAL_PUBLIC_URL", URL, "", convert=_url)
    preview_url: str = option("FEEDS_PREVIEW_SITEURL", URL, "http://localhost:8000", _absolute_or_empty, _url)
    max_items: int = option("FEEDS_MAX_ITEMS", int, 50, check=at_least(1))
    max_bytes: int = option("FEEDS_MAX_BYTES", int, 2 * 1024 * 1024, check=at_least(1))
    hub_url: str = option("FEEDS_HUB_URL", URL, "", _absolute_or_empty, _url)
    guid_host: str = option("FEEDS_GUID_AUTHORITY", URL, "", _host, lambda value: value or "")
    sitemap_max_urls: int = option("FEEDS_SITEMAP_MAX_URLS", int, MAX_URLS, check=at_least(1, MAX_URLS))
    robots_disallow: tuple[str, ...] = option("FEEDS_ROBOTS_DISALLOW", (list, tuple), (), _paths, tuple)
    # Modified dates from the last commit of each file (core/gitdates.py).
    git_dates: bool = option("FEEDS_GIT_DATES", bool, True)
    # Fonts of the share cards (regular, bold); Debian's fonts-dejavu-core (bootstrap.sh installs it).
    card_fonts: tuple[str, str] = option(
        "FEEDS_CARD_FONTS",
        dict,
        {"regular": str(FONT_REGULAR), "bold": str(FONT_BOLD)},
        check=_fonts,
        convert=lambda fonts: (fonts["regular"], fonts["bold"]),
    )

    @property
    def published(self) -> bool:
        """SITEURL is absolute: sitemaps, the news sitemap and robots.txt are written too."""
        return is_absolute_base(self.siteurl)

    @property
    def base_url(self) -> str:
        """Absolute: SITEURL when published, the preview URL otherwise."""
        return self.siteurl if self.published else self.preview_url

    @property
    def guid_authority(self) -> str:
        """The host in feed item ids: never depends on where the site is previewed or hosted."""
        return (self.guid_host or host_of(self.public_url or self.siteurl or self.base_url)).lower()

    def problems(self) -> list[tuple[str, str]]:
        if not self.base_url:
            return [("FEEDS_PREVIEW_SITEURL", "needed when SITEURL is not absolute (local preview)")]
        if not self.guid_authority:
            return [("FEEDS_GUID_AUTHORITY", "must be a host name such as example.id, not ''")]
        return []
