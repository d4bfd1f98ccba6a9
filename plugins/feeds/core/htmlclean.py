"""Post HTML made safe for feeds: no scripts, styles or frames, every URL absolute.

Feed readers and aggregators (Google News among them) strip or reject active
content and cannot resolve relative links, so both are fixed here once.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, Tag

REMOVED_TAGS = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "noscript",
        "object",
        "embed",
        "applet",
        "template",
        "link",
        "meta",
        "base",
        "form",
    ]
)
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "longdesc", "action", "background")
_DANGEROUS_SCHEME = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.I)
_SPACE = re.compile(r"\s+")


def clean_html(html: str, page_url: str) -> str:
    """Strip active content and inline styles; resolve URLs against `page_url`."""
    if not html or not html.strip():
        return ""
    soup = BeautifulSoup(html, "lxml")  # lxml: twice as fast as html.parser here
    body = soup.body
    if body is None:
        return ""
    for node in list(body.descendants):  # one pass: drop, strip or fix each node
        if isinstance(node, Comment):
            node.extract()
        elif isinstance(node, Tag) and not node.decomposed:
            if node.name in REMOVED_TAGS:
                node.decompose()
            else:
                _clean_attributes(node, page_url)
    return body.decode_contents().strip()


def _clean_attributes(element, page_url: str) -> None:
    for name in list(element.attrs):
        lowered = name.lower()
        value = element.attrs[name]
        if lowered.startswith("on") or lowered == "style":
            del element.attrs[name]
        elif lowered in URL_ATTRIBUTES and isinstance(value, str):
            if _DANGEROUS_SCHEME.match(value):
                del element.attrs[name]
            else:
                element.attrs[name] = urljoin(page_url, value.strip())
        elif lowered == "srcset" and isinstance(value, str):
            element.attrs[name] = _absolute_srcset(value, page_url)


def _absolute_srcset(value: str, page_url: str) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.strip().split()
        if parts:
            candidates.append(" ".join([urljoin(page_url, parts[0]), *parts[1:]]))
    return ", ".join(candidates)


def plain_text(html: str) -> str:
    """Visible text of an HTML fragment on one line (JSON Feed summary, descriptions)."""
    if not html:
        return ""
    text = BeautifulSoup(html, "lxml").get_text(" ")
    return _SPACE.sub(" ", text).strip()


def header_value(source: str, key: str) -> str | None:
    """The value of `Key:` in a Markdown header as the author typed it (continuation
    lines indented under it joined with spaces), or None when the header has no such key.

    Pelican renders a `Summary:` as Markdown; feeds want the plain text the officer wrote,
    escaped, so `<b>` or `&` in a summary reach readers as those characters."""
    found: list[str] | None = None
    for line in source.splitlines():
        if not line.strip():
            break
        if found is not None and line[:1] in (" ", "\t"):
            found.append(line.strip())
            continue
        if found is not None:
            break
        name, separator, value = line.partition(":")
        if separator and name.strip().lower() == key.lower():
            found = [value.strip()]
    return " ".join(part for part in found if part) if found is not None else None
