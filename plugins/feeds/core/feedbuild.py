"""RSS 2.0, Atom 1.0 (feedgen) and JSON Feed 1.1 documents from `FeedItem`s.

feedgen 1.0.0 needs some care (see design.md, "feedgen pitfalls"):
* `lastBuildDate`/`updated` default to the clock: both are set to the newest
  item's date so two builds of the same content are byte-identical;
* the RSS channel `<link>` is the last link added, so `rel="self"` goes first;
* entry links lose `rel`/`type` in Atom (upstream issue #135), so entries get
  only their alternate link from feedgen and the enclosure is added afterwards
  with lxml; the RSS hub link is added the same way;
* `add_entry` prepends by default, so entries are appended explicitly;
* `media:content` is written with `group=None` (no `media:group` wrapper);
* content is `type="html"` (escaped), never CDATA: valid in both formats and
  safe for text containing `]]>`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from feedgen.feed import FeedGenerator
from lxml import etree

from .htmlclean import plain_text
from .model import Channel, FeedItem

ATOM_NS = "http://www.w3.org/2005/Atom"
TWO_MEGABYTES = 2 * 1024 * 1024


def newest_date(items: Sequence[FeedItem], empty: datetime | None = None) -> datetime:
    """`lastBuildDate`/`updated`: the newest item date, so rebuilds do not change feeds.

    A feed without items takes `empty` (a date from the content: see
    `Channel.empty_updated`); with neither, a ValueError: no date is made up."""
    dates = [max(item.published, item.updated) for item in items]
    if dates:
        return max(dates)
    if empty is None:
        raise ValueError("a feed without items needs Channel.empty_updated")
    return empty


def _generator(channel: Channel, items: Sequence[FeedItem], for_rss: bool) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("media", atom=True, rss=True)
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(channel.self_url)
    fg.title(channel.title)
    fg.description(channel.description)
    fg.link(href=channel.self_url, rel="self")
    fg.link(href=channel.home_url, rel="alternate")
    fg.language(channel.language)
    fg.generator(channel.generator)
    if channel.author_name:
        author = {"name": channel.author_name, "uri": channel.home_url}
        if channel.author_email:
            author["email"] = channel.author_email
        fg.author(author)
    if channel.logo_url:
        fg.logo(channel.logo_url)
        if for_rss and channel.logo_width and channel.logo_height:
            fg.image(
                url=channel.logo_url,
                title=channel.title,
                link=channel.home_url,
                width=str(channel.logo_width),
                height=str(channel.logo_height),
            )
    if channel.icon_url:
        fg.icon(channel.icon_url)
    stamp = newest_date(items, channel.empty_updated)
    fg.lastBuildDate(stamp)
    fg.updated(stamp)
    for item in items:
        _add_entry(fg, item, for_rss)
    return fg


def _add_entry(fg: FeedGenerator, item: FeedItem, for_rss: bool) -> None:
    fe = fg.add_entry(order="append")
    fe.id(item.guid)
    fe.guid(item.guid, permalink=False)
    fe.title(item.title)
    fe.link(href=item.url, rel="alternate")
    fe.content(item.content_html, type="html")
    fe.summary(item.summary_html or item.title, type="html")
    fe.published(item.published)
    fe.pubDate(item.published)
    fe.updated(item.updated)
    fe.author({"name": item.author, "uri": item.author_url} if item.author_url else {"name": item.author})
    fe.dc.dc_creator(item.author)
    for category in item.categories:
        entry = {"term": category.term, "label": category.term}
        if category.scheme:
            entry["scheme"] = category.scheme
        fe.category(entry)
    image = item.image
    if image is None:
        return
    if for_rss:
        fe.enclosure(image.url, str(image.length), image.mime_type)
    fe.media.content(
        {
            "url": image.url,
            "medium": "image",
            "type": image.mime_type,
            "fileSize": str(image.length),
            "width": str(image.width),
            "height": str(image.height),
        },
        group=None,
    )


def _serialize(tree: etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def rss_document(channel: Channel, items: Sequence[FeedItem]) -> bytes:
    root = etree.fromstring(_generator(channel, items, for_rss=True).rss_str())
    channel_el = root.find("channel")
    if channel.hub_url and channel_el is not None:
        hub = etree.Element(f"{{{ATOM_NS}}}link", href=channel.hub_url, rel="hub")
        channel_el.insert(0, hub)
    return _serialize(root)


def atom_document(channel: Channel, items: Sequence[FeedItem]) -> bytes:
    root = etree.fromstring(_generator(channel, items, for_rss=False).atom_str())
    by_id = {item.guid: item for item in items}
    for entry in root.iterfind(f"{{{ATOM_NS}}}entry"):
        item = by_id[entry.findtext(f"{{{ATOM_NS}}}id")]
        for link in entry.iterfind(f"{{{ATOM_NS}}}link"):
            link.set("rel", "alternate")
            link.set("type", "text/html")
        if item.image is not None:
            etree.SubElement(
                entry,
                f"{{{ATOM_NS}}}link",
                rel="enclosure",
                href=item.image.url,
                type=item.image.mime_type,
                length=str(item.image.length),
            )
    if channel.hub_url:
        etree.SubElement(root, f"{{{ATOM_NS}}}link", rel="hub", href=channel.hub_url)
        # Atom wants metadata before entries: move the hub link up.
        first_entry = root.find(f"{{{ATOM_NS}}}entry")
        if first_entry is not None:
            first_entry.addprevious(root[-1])
    return _serialize(root)


def json_feed_document(channel: Channel, items: Sequence[FeedItem]) -> bytes:
    feed: dict = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": channel.home_url,
        "feed_url": channel.self_url,
        "description": channel.description,
        "language": channel.language,
    }
    if channel.icon_url:
        feed["icon"] = channel.icon_url
        feed["favicon"] = channel.icon_url
    if channel.author_name:
        feed["authors"] = [{"name": channel.author_name, "url": channel.home_url}]
    if channel.hub_url:
        feed["hubs"] = [{"type": "WebSub", "url": channel.hub_url}]
    feed["items"] = [_json_item(item) for item in items]
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _json_author(item: FeedItem) -> dict:
    return {"name": item.author, "url": item.author_url} if item.author_url else {"name": item.author}


def _json_item(item: FeedItem) -> dict:
    entry: dict = {
        "id": item.guid,
        "url": item.url,
        "title": item.title,
        "content_html": item.content_html,
        "summary": plain_text(item.summary_html),
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "authors": [
            {"name": item.author, "url": item.author_url} if item.author_url else {"name": item.author}
        ],
        "tags": [category.term for category in item.categories],
        "language": "id",
    }
    if item.image is not None:
        entry["image"] = item.image.url
        entry["attachments"] = [
            {
                "url": item.image.url,
                "mime_type": item.image.mime_type,
                "size_in_bytes": item.image.length,
            }
        ]
    return entry


Renderer = Callable[[Channel, Sequence[FeedItem]], bytes]


def capped_document(
    render: Renderer,
    channel: Channel,
    items: Sequence[FeedItem],
    max_items: int,
    max_bytes: int = TWO_MEGABYTES,
) -> tuple[bytes, int]:
    """The feed with the newest `max_items` items, fewer if needed to stay under `max_bytes`.

    Returns the document and how many items it holds. Items must be newest first.
    """
    count = min(len(items), max_items)
    # Grow by doubling until a size does not fit, then bisect: for a long archive this
    # renders a few times the final feed instead of the whole archive a dozen times.
    best: tuple[bytes, int] | None = None
    probe = min(count, 64)
    while True:
        document = render(channel, items[:probe])
        if len(document) > max_bytes:
            break
        best = (document, probe)
        if probe == count:
            return best
        probe = min(count, probe * 2)
    low, high = (best[1] if best else 0) + 1, probe - 1
    while low <= high:
        middle = (low + high) // 2
        document = render(channel, items[:middle])
        if len(document) <= max_bytes:
            best, low = (document, middle), middle + 1
        else:
            high = middle - 1
    if best is not None:
        return best
    # Not even one item fits: an empty feed, dated by the newest item it could not hold.
    dated = replace(channel, empty_updated=channel.empty_updated or newest_date(items))
    return render(dated, []), 0
