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

Where the memo lives: the build driver sets `PORTAL_CACHE_DIR` (next to the
output folder); without it (a plain `pelican` run) the memo is in-memory only.
No module-level state: each build opens its own Memo.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

_ATTRIBUTE = "_portal_parsed_html"


def _digest(*parts: str) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def parsed_html(owner: Any, html: str, parser: str = "html.parser"):
    """BeautifulSoup of `html`, parsed at most once per owner object (read-only!)."""
    from bs4 import BeautifulSoup

    trees = owner.__dict__.setdefault(_ATTRIBUTE, {})
    key = (parser, _digest(html))
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
        try:
            with self.path.open("rb") as handle:
                stored = pickle.load(handle)
        except (OSError, EOFError, pickle.PickleError, AttributeError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        return stored.get("entries", {})

    def get(self, function: Callable[..., Any], *args: str) -> Any:
        """`function(*args)`, from the memo when these exact inputs were seen before."""
        key = _digest(*args)
        if key in self._used:
            return self._used[key]
        if key in self._old:
            self.hits += 1
            value = self._old[key]
        else:
            self.misses += 1
            value = function(*args)
        self._used[key] = value
        return value

    def save(self) -> None:
        """Write the entries used in this build (atomically: a killed build leaves the old file)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump({"version": self.version, "entries": self._used}, handle, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
