"""Parsing a post's HTML once per build.

`parsed_html(owner, html)`: the BeautifulSoup tree of `html`, parsed once per
build and kept on `owner` (an article/page object), so feeds, checks and the
search adapter share one parse. Treat the tree as read-only; take
`copy.copy(tree)` before changing it.

Caches kept across builds are in portal_common.cachefile (`Store`, `Memo`); values
shared by several plugins within one build live on portal_common.build.Build.
No module-level state.
"""

from __future__ import annotations

from typing import Any

from .cachefile import digest_texts

_ATTRIBUTE = "_portal_parsed_html"


def parsed_html(owner: Any, html: str, parser: str = "html.parser"):
    """BeautifulSoup of `html`, parsed at most once per owner object (read-only!)."""
    from bs4 import BeautifulSoup

    trees = owner.__dict__.setdefault(_ATTRIBUTE, {})
    key = (parser, digest_texts(html))
    if key not in trees:
        trees[key] = BeautifulSoup(html, parser)
    return trees[key]
