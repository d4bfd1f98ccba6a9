"""The feeds plugin's settings: read once, checked, and named in every error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal_common.errors import SettingsError

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

DEFAULTS: dict[str, Any] = {
    "FEEDS_MAX_ITEMS": 50,
    "FEEDS_MAX_BYTES": 2 * 1024 * 1024,
    "FEEDS_HUB_URL": "",
    "FEEDS_PREVIEW_SITEURL": "http://localhost:8000",
    "FEEDS_GUID_AUTHORITY": "",
    "FEEDS_SITEMAP_MAX_URLS": MAX_URLS,
    "FEEDS_ROBOTS_DISALLOW": [],
    "FEEDS_GIT_DATES": True,
    # Fonts of the share cards; Debian's fonts-dejavu-core (bootstrap.sh installs it).
    "FEEDS_CARD_FONTS": {"regular": str(FONT_REGULAR), "bold": str(FONT_BOLD)},
}


@dataclass(frozen=True)
class FeedSettings:
    base_url: str  # absolute; SITEURL when published, the preview URL otherwise
    published: bool  # SITEURL is absolute: sitemaps, news sitemap and robots.txt too
    max_items: int
    max_bytes: int
    hub_url: str
    guid_authority: str
    sitemap_max_urls: int
    robots_disallow: tuple[str, ...]
    git_dates: bool = True  # modified dates from the last commit of each file (core/gitdates.py)
    card_fonts: tuple[str, str] = (str(FONT_REGULAR), str(FONT_BOLD))  # regular, bold


def _positive_int(settings: dict, key: str, upper: int | None = None) -> int:
    value = settings.get(key, DEFAULTS[key])
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(key, f"must be a positive whole number, not {value!r}")
    if upper is not None and value > upper:
        raise SettingsError(key, f"must be at most {upper:,}, not {value:,}")
    return value


def _url_or_empty(settings: dict, key: str) -> str:
    value = settings.get(key, DEFAULTS[key]) or ""
    if not isinstance(value, str) or (value and not is_absolute_base(value)):
        raise SettingsError(key, f"must be an absolute http(s) URL or empty, not {value!r}")
    return value.rstrip("/")


def _card_fonts(settings: dict) -> tuple[str, str]:
    value = settings.get("FEEDS_CARD_FONTS", DEFAULTS["FEEDS_CARD_FONTS"])
    if not isinstance(value, dict) or set(value) != {"regular", "bold"}:
        raise SettingsError("FEEDS_CARD_FONTS", "must be a dict with the keys 'regular' and 'bold'")
    for key in ("regular", "bold"):
        if not isinstance(value[key], str) or not Path(value[key]).is_file():
            raise SettingsError(
                "FEEDS_CARD_FONTS",
                f"{key} font {value[key]!r} not found (Debian: apt-get install fonts-dejavu-core)",
            )
    return value["regular"], value["bold"]


def read(settings: dict) -> FeedSettings:
    """Validate the FEEDS_* settings (and SITEURL) for one build."""
    siteurl = str(settings.get("SITEURL") or "").rstrip("/")
    published = is_absolute_base(siteurl)
    preview = _url_or_empty(settings, "FEEDS_PREVIEW_SITEURL")
    base = siteurl if published else preview
    if not base:
        raise SettingsError("FEEDS_PREVIEW_SITEURL", "needed when SITEURL is not absolute (local preview)")
    authority = settings.get("FEEDS_GUID_AUTHORITY") or host_of(
        str(settings.get("PORTAL_PUBLIC_URL") or siteurl or base)
    )
    if not isinstance(authority, str) or not authority or "/" in authority or " " in authority:
        raise SettingsError(
            "FEEDS_GUID_AUTHORITY", f"must be a host name such as example.id, not {authority!r}"
        )
    disallow = settings.get("FEEDS_ROBOTS_DISALLOW", DEFAULTS["FEEDS_ROBOTS_DISALLOW"])
    if not isinstance(disallow, (list, tuple)) or not all(
        isinstance(path, str) and path.startswith("/") for path in disallow
    ):
        raise SettingsError("FEEDS_ROBOTS_DISALLOW", "must be a list of paths starting with '/'")
    git_dates = settings.get("FEEDS_GIT_DATES", DEFAULTS["FEEDS_GIT_DATES"])
    if not isinstance(git_dates, bool):
        raise SettingsError("FEEDS_GIT_DATES", f"must be True or False, not {git_dates!r}")
    return FeedSettings(
        base_url=base,
        published=published,
        max_items=_positive_int(settings, "FEEDS_MAX_ITEMS"),
        max_bytes=_positive_int(settings, "FEEDS_MAX_BYTES"),
        hub_url=_url_or_empty(settings, "FEEDS_HUB_URL"),
        guid_authority=authority.lower(),
        sitemap_max_urls=_positive_int(settings, "FEEDS_SITEMAP_MAX_URLS", upper=MAX_URLS),
        robots_disallow=tuple(disallow),
        git_dates=git_dates,
        card_fonts=_card_fonts(settings),
    )
