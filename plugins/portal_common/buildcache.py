"""Doing expensive work on post HTML once: per build, and across builds.

* `parsed_html(owner, html)`: the BeautifulSoup tree of `html`, parsed once per
  build and kept on `owner` (an article/page object), so feeds, checks and the
  search adapter share one parse. Treat the tree as read-only; take
  `copy.copy(tree)` before changing it.
* `BuildShared`: values computed once per build and used by several plugins
  (e.g. the stage data both the content checks and the stage plugin need). It
  lives in the build's settings under a private key, created by `start_build`
  from an `initialized` handler, so a second build gets a fresh one.

Caches kept across builds are in portal_common.cachefile (`Store`, `Memo`).
No module-level state: each build gets its own BuildShared.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Mapping, MutableMapping
from typing import Any, TypeVar

from .cachefile import digest_texts
from .errors import ContentError

_ATTRIBUTE = "_portal_parsed_html"
SHARED_KEY = "_PORTAL_BUILD_SHARED"
T = TypeVar("T")


def parsed_html(owner: Any, html: str, parser: str = "html.parser"):
    """BeautifulSoup of `html`, parsed at most once per owner object (read-only!)."""
    from bs4 import BeautifulSoup

    trees = owner.__dict__.setdefault(_ATTRIBUTE, {})
    key = (parser, digest_texts(html))
    if key not in trees:
        trees[key] = BeautifulSoup(html, parser)
    return trees[key]


class BuildShared:
    """Values computed once per build and shared between plugins (see module doc).

    `get(key, compute)` runs `compute()` the first time a key is asked for in this
    build; a ContentError it raises is kept too and raised again for every later
    caller, so each plugin reports the same errors as if it had loaded the data itself.
    """

    def __init__(self, owner: Any = None) -> None:
        self._owner = weakref.ref(owner) if owner is not None else None
        self._values: dict[Hashable, tuple[bool, Any]] = {}

    def __repr__(self) -> str:  # stable: settings fingerprints must not see an address
        return "BuildShared()"

    def __reduce__(self) -> tuple:
        # Pelican pickles the settings with its reader cache (URLWrapper objects hold
        # them); what this build computed must not travel along: it pickles empty.
        return (BuildShared, ())

    def belongs_to(self, owner: Any) -> bool:
        return self._owner is not None and self._owner() is owner

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        if key not in self._values:
            try:
                self._values[key] = (True, compute())
            except ContentError as err:
                self._values[key] = (False, err)
        ok, value = self._values[key]
        if not ok:
            raise value
        return value

    def call(self, function: Callable[..., T], *args: Hashable) -> T:
        """`function(*args)` once per build (keyed by the function and its arguments)."""
        return self.get((function, *args), lambda: function(*args))


def start_build(pelican: Any) -> BuildShared:
    """The BuildShared of this Pelican build, created on first call (from `initialized`)."""
    settings: MutableMapping = pelican.settings
    current = settings.get(SHARED_KEY)
    if isinstance(current, BuildShared) and current.belongs_to(pelican):
        return current
    shared = BuildShared(pelican)
    settings[SHARED_KEY] = shared
    return shared


def build_shared(settings: Mapping) -> BuildShared | None:
    """The store `start_build` put in these settings (None outside a Pelican build)."""
    value = settings.get(SHARED_KEY)
    return value if isinstance(value, BuildShared) else None
