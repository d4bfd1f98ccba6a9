"""Validators shared by the feeds tests: the real schemas, feedparser, extruct."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import jsonschema
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"


@cache
def _relaxng(name: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


@cache
def _xsd(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def assert_valid_atom(document: bytes) -> None:
    """RFC 4287 RELAX NG schema, plus the rules the schema leaves to prose."""
    tree = etree.fromstring(document)
    schema = _relaxng("atom.rng")
    assert schema.validate(tree), schema.error_log
    for node in [tree, *tree.iterfind(f"{ATOM}entry")]:
        for name in ("id", "title", "updated"):
            assert len(node.findall(f"{ATOM}{name}")) == 1, f"{name} not exactly once"
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in node.iterfind(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        assert len(alternates) == len(set(alternates)), f"duplicate alternate links: {alternates}"
    assert tree.find(f"{ATOM}author") is not None or all(
        entry.find(f"{ATOM}author") is not None for entry in tree.iterfind(f"{ATOM}entry")
    )
    assert [link for link in tree.iterfind(f"{ATOM}link") if link.get("rel") == "self"]


def assert_valid_sitemap(document: bytes) -> None:
    tree = etree.fromstring(document)
    name = "siteindex.xsd" if tree.tag.endswith("sitemapindex") else "news-sitemap-combined.xsd"
    schema = _xsd(name)
    assert schema.validate(tree), schema.error_log


def news_sitemap_errors(document: bytes) -> list[str]:
    schema = _xsd("news-sitemap-combined.xsd")
    schema.validate(etree.fromstring(document))
    return [error.message for error in schema.error_log]


def assert_valid_json_feed(document: bytes) -> dict:
    feed = json.loads(document)
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, schema, format_checker=jsonschema.FormatChecker())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    for item in feed["items"]:
        assert is_absolute(item["url"])
        assert item.get("content_html") or item.get("content_text")
    return feed


def parse_feed(document: bytes) -> feedparser.FeedParserDict:
    """feedparser, not bozo, every link absolute."""
    parsed = feedparser.parse(document)
    assert not parsed.bozo, parsed.get("bozo_exception")
    for link in parsed.feed.get("links", []):
        assert is_absolute(link["href"]), link
    for entry in parsed.entries:
        assert is_absolute(entry.link), entry.link
        for link in entry.get("links", []):
            assert is_absolute(link["href"]), link
        for media in entry.get("media_content", []):
            assert is_absolute(media["url"])
    return parsed
