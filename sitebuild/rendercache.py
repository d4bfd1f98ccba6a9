"""Rendered Markdown and compiled templates kept across builds.

A post is converted again only when its file changed. Through Pelican's
documented reader hook (the `readers_init` signal may replace
entries of `Readers.reader_classes`), every content reader becomes a subclass
whose `read()` first looks in a `Store` (portal_common.cachefile): per source
file, its stamp and what the reader returned (HTML + metadata). The stamp is
the file's stat data (`stat_stamp`), or the SHA-256 of its bytes while a recent
change makes that stat data untrustworthy. The Store's version covers the code
and libraries (cachefile.code_version) and every setting except paths
(`fingerprint`), so a stale entry is never used and the output is
byte-identical with or without the cache. Pelican's own reader cache stays off:
it compares files by mtime (misses a restored backup) or hashes every source
and static image on every build. `TemplateCache` keeps Jinja's compiled
templates in a Store the same way (Jinja's own bytecode-cache interface).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from portal_common.cachefile import Store, stable_repr, stat_stamp

# Paths that differ between otherwise identical builds (staging, cache itself).
_VOLATILE = {"OUTPUT_PATH", "CACHE_PATH", "PORTAL_CACHE_DIR", "PORTAL_SCRATCH_DIR", "DELETE_OUTPUT_DIRECTORY"}


def fingerprint(settings: dict) -> str:
    """Every setting except paths that differ between otherwise identical builds."""
    relevant = {k: v for k, v in settings.items() if k not in _VOLATILE}
    return hashlib.sha256(stable_repr(relevant).encode("utf-8", "surrogatepass")).hexdigest()


def file_stamp(filename: str, now_ns: int | None = None) -> tuple:
    """The file's stat stamp, or the SHA-256 of its bytes while the stat data is too recent to trust."""
    stamp = stat_stamp(filename, now_ns)
    if stamp is None:
        with open(filename, "rb") as source:
            return ("sha256", hashlib.sha256(source.read()).hexdigest())
    return ("stat", *stamp)


class ReaderCache:
    """One build's rendered-Markdown cache; `install` is the `readers_init` receiver."""

    def __init__(self, settings: dict, memory: dict | None = None) -> None:
        """`memory`: kept by a long-running caller between builds (the preview): the entries
        of the build before stay in it, so only a change of settings or code reads the Store."""
        self.store = Store.open(settings, "render", fingerprint(settings))
        self._memory = memory
        kept = memory.get("render") if memory is not None else None
        if kept is not None and kept[0] == self.store.version:
            self._old: dict[str, tuple] = kept[1]
        else:
            self._old = self.store.load() or {}
        self._used: dict[str, tuple] = {}

    def install(self, readers) -> None:
        for extension, reader_class in readers.reader_classes.items():
            if reader_class:
                readers.reader_classes[extension] = self._cached(reader_class)

    def _cached(self, reader_class: type) -> type:
        cache = self

        class CachedReader(reader_class):
            def read(self, source_path: str):
                return cache.read(source_path, super().read)

        CachedReader.__name__ = CachedReader.__qualname__ = f"Cached{reader_class.__name__}"
        return CachedReader

    def read(self, path: str, read: Callable[[str], Any]) -> Any:
        """What `read(path)` returned for this file as it is now, from the cache when it can."""
        stamp = file_stamp(path)
        entry = self._old.get(path)
        value = entry[1] if entry is not None and entry[0] == stamp else read(path)
        self._used[path] = (stamp, value)
        return value

    def save(self) -> None:
        """After the build: keep the files this build read (not written when nothing changed)."""
        changed = self._used.keys() != self._old.keys()
        if changed or any(self._old[path][0] != entry[0] for path, entry in self._used.items()):
            self.store.save(self._used)
        if self._memory is not None:
            self._memory["render"] = (self.store.version, self._used)


class TemplateCache(BytecodeCache):
    """Jinja's compiled theme templates kept across builds in one Store.

    Jinja checks each template's source against the compiled one before using it;
    compiling the theme is ~10 % of a warm rebuild otherwise (docs/benchmarks.md).
    """

    def __init__(self, settings: dict) -> None:
        self.store = Store.open(settings, "jinja")
        self._old: dict[str, bytes] = self.store.load() or {}
        self._new: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self._old.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._new[bucket.key] = bucket.bytecode_to_string()

    def save(self) -> None:
        if self._new:
            self.store.save({**self._old, **self._new})
