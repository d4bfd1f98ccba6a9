"""Plain data the feed, sitemap and structured-data builders work on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple


@dataclass(frozen=True)
class FeedImage:
    """An image as feeds and share tags need it: absolute URL, type, pixel size and (feeds'
    enclosures only; 0 when not needed) the real byte length."""

    url: str
    mime_type: str
    length: int
    width: int
    height: int
    alt: str = ""


class Crumb(NamedTuple):
    """One step of a page's breadcrumb trail: printed on the page and in its BreadcrumbList."""

    name: str
    path: str | None  # relative to the site root; None: printed without a link (page not built)


@dataclass(frozen=True)
class FeedCategory:
    """One category of an item: rubric, tag or election stage."""

    term: str
    scheme: str = ""  # absolute URL of the page listing that category


@dataclass(frozen=True)
class FeedItem:
    """One post, ready for every feed format. All URLs are absolute."""

    guid: str
    title: str
    url: str
    summary_html: str
    content_html: str
    published: datetime
    updated: datetime
    author: str
    author_url: str = ""  # the author's page on the site (Atom <uri>, JSON Feed authors[].url)
    categories: tuple[FeedCategory, ...] = ()
    image: FeedImage | None = None

    def __post_init__(self) -> None:
        for name in ("published", "updated"):
            if getattr(self, name).tzinfo is None:
                raise ValueError(f"FeedItem.{name} must be timezone-aware")


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself."""

    title: str
    description: str
    home_url: str  # the HTML page the feed mirrors
    self_url: str  # where the feed itself is published
    language: str = "id"
    author_name: str = ""
    author_email: str = ""
    logo_url: str = ""
    logo_width: int = 0  # RSS <image> width and height: the PNG's real size
    logo_height: int = 0
    icon_url: str = ""
    hub_url: str = ""
    generator: str = "PPK portal feeds"
    # `lastBuildDate`/`updated` of a feed without items: a real date from the content
    # (the stage data's `updated:`, else the newest post), never a made-up one.
    empty_updated: datetime | None = None


@dataclass(frozen=True)
class FeedLink:
    """A feed as pages link to it (footer, `<link rel="alternate">`)."""

    title: str
    path: str  # relative to the site root
    mime_type: str
    label: str = ""  # the format's name: RSS, Atom, JSON Feed


@dataclass(frozen=True)
class FeedSpec:
    """One family of feeds (all posts, one rubric, one stage) and the formats it has."""

    key: str
    title: str
    description: str
    home_path: str
    items: list[FeedItem] = field(default_factory=list)
    rss_path: str = ""
    atom_path: str = ""
    json_path: str = ""
    empty_updated: datetime | None = None  # see Channel.empty_updated

    def links(self) -> list[FeedLink]:
        formats = [
            (self.rss_path, "RSS", "application/rss+xml"),
            (self.atom_path, "Atom", "application/atom+xml"),
            (self.json_path, "JSON Feed", "application/feed+json"),
        ]
        return [FeedLink(f"{self.title} ({name})", path, mime, name) for path, name, mime in formats if path]
