"""Doing expensive work on post HTML once: per build, and across builds.

* `parsed_html(owner, html)`: the BeautifulSoup tree of `html`, parsed once per
  build and kept on `owner` (an article/page object), so feeds, checks and the
  search adapter share one parse. Treat the tree as read-only; take
  `copy.copy(tree)` before changing it.
* `Memo`: a small store for pure functions of text (e.g. cleaning a post's HTML
  for feeds, extracting its plain text) kept on disk between builds. An entry is
  keyed by a hash of its inputs and of a `version` the caller bumps when the
  function changes, so a stale result is never returned; entries not used in a
  build are dropped when it saves, so the file never grows past one site's worth.
  The file is sealed (portal_common.cachefile): a damaged one is discarded with
  a warning and the values are computed again.

* `BuildShared`: values computed once per build and used by several plugins
  (e.g. the stage data both the content checks and the stage plugin need). It
  lives in the build's settings under a private key, created by `start_build`
  from an `initialized` handler, so a second build gets a fresh one.

Where the memo lives: the build driver sets `PORTAL_CACHE_DIR` (next to the
output folder); without it (a plain `pelican` run) the memo is in-memory only.
No module-level state: each build opens its own Memo and its own BuildShared.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import weakref
from collections.abc import Callable, Hashable, Mapping, MutableMapping
from pathlib import Path
from typing import Any, TypeVar

from .cachefile import discarded, read_sealed, write_sealed
from .errors import ContentError

_ATTRIBUTE = "_portal_parsed_html"
SHARED_KEY = "_PORTAL_BUILD_SHARED"
T = TypeVar("T")


def cache_off(name: str) -> bool:
    """True when the benchmark turned the cache `name` off (bench/layers.py sets PORTAL_CACHE_OFF)."""
    return name in os.environ.get("PORTAL_CACHE_OFF", "").split(",")


def digest_texts(*parts: str) -> str:
    """SHA-256 of several strings, kept apart (so ('ab', 'c') and ('a', 'bc') differ)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def parsed_html(owner: Any, html: str, parser: str = "html.parser"):
    """BeautifulSoup of `html`, parsed at most once per owner object (read-only!)."""
    from bs4 import BeautifulSoup

    trees = owner.__dict__.setdefault(_ATTRIBUTE, {})
    key = (parser, digest_texts(html))
    if key not in trees:
        trees[key] = BeautifulSoup(html, parser)
    return trees[key]


class Memo:
    """Results of a pure function of strings, kept across builds (see module doc)."""

    def __init__(self, path: Path | None, version: str) -> None:
        self.path, self.version = path, version
        self._old: dict[str, Any] = self._load()
        self._used: dict[str, Any] = {}
        self.hits = self.misses = 0

    @classmethod
    def open(cls, settings: Mapping, name: str, version: str) -> Memo:
        """The memo `name` for this build (in memory only when the driver set no cache dir)."""
        folder = None if cache_off(name) else settings.get("PORTAL_CACHE_DIR")
        return cls(Path(folder) / "memo" / f"{name}.pickle" if folder else None, version)

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        payload = read_sealed(self.path)  # checked against its recorded size and digest
        if payload is None:
            return {}
        try:
            stored = pickle.loads(payload)
        except Exception:  # an old or foreign pickle can fail in many ways (TypeError, ImportError, …)
            discarded(self.path, "tidak bisa dibaca")
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(
        self, function: Callable[..., Any], *args: str, valid: Callable[[Any], bool] | None = None
    ) -> Any:
        """`function(*args)`, from the memo when these exact inputs were seen before.

        `valid`, when given, vets a stored value (e.g. its type); one it rejects is computed afresh.
        """
        key = digest_texts(*args)
        if key in self._used:
            return self._used[key]
        if key in self._old and (valid is None or valid(self._old[key])):
            self.hits += 1
            value = self._old[key]
        else:
            self.misses += 1
            value = function(*args)
        self._used[key] = value
        return value

    def save(self) -> None:
        """Write the entries used in this build (atomically: a killed build leaves the old file).

        Nothing is written when the build used exactly the stored entries (the file would not change).
        """
        if self.path is None or (self.misses == 0 and self._used.keys() == self._old.keys()):
            return
        stored = {"version": self.version, "entries": self._used}
        write_sealed(self.path, pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))


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
