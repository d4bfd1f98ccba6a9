"""RSS, Atom and JSON Feed documents from the pure core, validated for real."""

from datetime import datetime

import pytest
from feeds.core import feedbuild
from feeds.core.model import FeedItem
from lxml import etree

from tests.feeds.feedcheck import assert_valid_atom, assert_valid_json_feed, parse_feed
from tests.feeds.itemfactory import BASE, HOSTILE, channel, item, newest_first

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "media": "http://search.yahoo.com/mrss/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


def test_rss_has_every_field_the_standards_ask_for():
    items = newest_first(3)
    document = feedbuild.rss_document(channel(self_url=f"{BASE}/feed/rss.xml"), items)
    parsed = parse_feed(document)
    assert parsed.version == "rss20"
    assert [e.id for e in parsed.entries] == [i.guid for i in items]
    root = etree.fromstring(document)
    chan = root.find("channel")
    assert chan.findtext("link") == f"{BASE}/"  # not the self link (feedgen pitfall)
    assert chan.find("atom:link[@rel='self']", NS).get("href") == f"{BASE}/feed/rss.xml"
    assert chan.findtext("language") == "id"
    assert chan.findtext("lastBuildDate") == "Sat, 04 Feb 2023 11:30:00 +0700"
    assert chan.find("image/url").text.startswith(BASE)
    first = chan.find("item")
    assert first.find("guid").get("isPermaLink") == "false"
    assert first.findtext("pubDate") == "Sat, 04 Feb 2023 09:30:00 +0700"
    assert first.findtext("dc:creator", namespaces=NS) == "Rina Marlina"
    assert first.findtext("description") == "<p>Ringkasan 3</p>"
    assert "Isi tulisan 3" in first.findtext("content:encoded", namespaces=NS)
    assert [c.text for c in first.findall("category")] == ["Berita", "coklit"]
    enclosure = first.find("enclosure")
    assert (enclosure.get("length"), enclosure.get("type")) == ("12345", "image/jpeg")
    media = first.find("media:content", NS)
    assert media.getparent() is first  # no media:group wrapper
    assert (media.get("medium"), media.get("width"), media.get("height")) == ("image", "1200", "675")


def test_atom_is_valid_rfc4287_without_duplicate_alternates():
    items = newest_first(3)
    document = feedbuild.atom_document(channel(), items)
    assert_valid_atom(document)
    parsed = parse_feed(document)
    assert parsed.version == "atom10"
    root = etree.fromstring(document)
    assert root.findtext("atom:updated", namespaces=NS) == "2023-02-04T11:30:00+07:00"
    entry = root.find("atom:entry", NS)
    rels = sorted(link.get("rel") for link in entry.findall("atom:link", NS))
    assert rels == ["alternate", "enclosure"]
    enclosure = entry.find("atom:link[@rel='enclosure']", NS)
    assert (enclosure.get("length"), enclosure.get("type")) == ("12345", "image/jpeg")
    assert entry.find("atom:content", NS).get("type") == "html"
    assert entry.findtext("atom:published", namespaces=NS) == "2023-02-04T09:30:00+07:00"
    assert entry.findtext("atom:updated", namespaces=NS) == "2023-02-04T11:30:00+07:00"
    assert entry.find("media:content", NS) is not None
    # entries keep newest-first order (feedgen prepends unless told otherwise)
    assert [e.findtext("atom:id", namespaces=NS) for e in root.findall("atom:entry", NS)] == [
        i.guid for i in items
    ]


def test_hub_link_in_all_formats():
    hub = "https://hub.example.net/"
    items = newest_first(2)
    rss = etree.fromstring(feedbuild.rss_document(channel(hub_url=hub), items))
    assert rss.find("channel/atom:link[@rel='hub']", NS).get("href") == hub
    atom_doc = feedbuild.atom_document(channel(hub_url=hub), items)
    assert_valid_atom(atom_doc)
    assert etree.fromstring(atom_doc).find("atom:link[@rel='hub']", NS).get("href") == hub
    feed = assert_valid_json_feed(feedbuild.json_feed_document(channel(hub_url=hub), items))
    assert feed["hubs"] == [{"type": "WebSub", "url": hub}]


def test_json_feed_is_valid_1_1():
    items = newest_first(2) + [item(0, image=False)]
    feed = assert_valid_json_feed(
        feedbuild.json_feed_document(channel(self_url=f"{BASE}/feed/feed.json"), items)
    )
    assert feed["feed_url"] == f"{BASE}/feed/feed.json"
    first = feed["items"][0]
    assert first["id"] == items[0].guid
    assert first["summary"] == "Ringkasan 2"
    assert first["date_published"] == "2023-02-03T09:30:00+07:00"
    assert first["attachments"] == [
        {"url": items[0].image.url, "mime_type": "image/jpeg", "size_in_bytes": 12345}
    ]
    assert "image" not in feed["items"][-1]


def test_hostile_title_round_trips_in_every_format():
    items = [item(1, title=HOSTILE)]
    rss = parse_feed(feedbuild.rss_document(channel(), items))
    assert rss.entries[0].title == HOSTILE
    atom_doc = feedbuild.atom_document(channel(), items)
    assert_valid_atom(atom_doc)
    assert parse_feed(atom_doc).entries[0].title == HOSTILE
    feed = assert_valid_json_feed(feedbuild.json_feed_document(channel(), items))
    assert feed["items"][0]["title"] == HOSTILE


def test_content_with_cdata_terminator_stays_well_formed():
    items = [item(1, body="<p>a ]]> b</p>")]
    parsed = parse_feed(feedbuild.rss_document(channel(), items))
    assert "]]>" in parsed.entries[0].content[0].value


def test_two_renders_are_identical_and_dated_by_newest_item():
    items = newest_first(5)
    assert feedbuild.atom_document(channel(), items) == feedbuild.atom_document(channel(), items)
    assert feedbuild.rss_document(channel(), items) == feedbuild.rss_document(channel(), items)
    assert feedbuild.newest_date(items) == items[0].updated


def test_empty_feed_is_still_valid():
    empty = channel(empty_updated=datetime.fromisoformat("2023-11-20T23:59:59+07:00"))
    assert_valid_atom(feedbuild.atom_document(empty, []))
    assert parse_feed(feedbuild.rss_document(empty, [])).feed.updated == "Mon, 20 Nov 2023 23:59:59 +0700"
    assert assert_valid_json_feed(feedbuild.json_feed_document(empty, []))["items"] == []


def test_cap_by_count_then_by_size():
    items = newest_first(30)
    document, count = feedbuild.capped_document(feedbuild.rss_document, channel(), items, max_items=10)
    assert count == 10
    assert len(parse_feed(document).entries) == 10
    big = newest_first(30, body="<p>" + "kata " * 4000 + "</p>")
    one = len(feedbuild.rss_document(channel(), big[:1]))
    limit = one * 7
    document, count = feedbuild.capped_document(feedbuild.rss_document, channel(), big, 30, limit)
    assert len(document) <= limit
    assert len(feedbuild.rss_document(channel(), big[: count + 1])) > limit
    assert [e.id for e in parse_feed(document).entries] == [i.guid for i in big[:count]]


def test_naive_dates_are_refused():
    with pytest.raises(ValueError):
        FeedItem("g", "t", f"{BASE}/", "", "", datetime(2023, 1, 1), datetime(2023, 1, 1), "a")


def test_cap_on_a_long_archive_finds_the_largest_fitting_count():
    items = newest_first(300)
    sizes = {n: len(feedbuild.atom_document(channel(), items[:n])) for n in (149, 150, 151)}
    limit = sizes[150]
    document, count = feedbuild.capped_document(feedbuild.atom_document, channel(), items, 1_000, limit)
    assert count == 150 and len(document) == limit
    assert_valid_atom(document)
    nothing, zero = feedbuild.capped_document(feedbuild.atom_document, channel(), items, 1_000, 10)
    # nothing fits: an empty feed dated by the newest item it could not hold, never 2000-01-01
    dated = channel(empty_updated=feedbuild.newest_date(items))
    assert zero == 0 and nothing == feedbuild.atom_document(dated, [])
