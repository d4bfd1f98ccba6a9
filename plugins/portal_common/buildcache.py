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

Where the memo lives: the build driver sets `PORTAL_CACHE_DIR` (next to the
output folder); without it (a plain `pelican` run) the memo is in-memory only.
No module-level state: each build opens its own Memo. (Values shared by several
plugins within one build live on portal_common.build.Build.)
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .cachefile import discarded, read_sealed, write_sealed

_ATTRIBUTE = "_portal_parsed_html"


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
        folder = settings.get("PORTAL_CACHE_DIR")
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
