"""Is a file unchanged since last time? Its stat data says so, like git's index.

Hashing every post and photo on every build to find the few that changed is a
large part of a warm rebuild (hundreds of MB of photos at 2,000 posts). Inode,
size, mtime and ctime together change on any write: ctime is set by the kernel
and no tool can set it back (a restored backup keeps its old mtime, not its
ctime). A file changed within the last two seconds might change again within the
same filesystem timestamp tick, so its stat data is not trusted yet ("racy" in
git's words): callers then look at the bytes.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from .buildcache import cache_off
from .cachefile import discarded, read_sealed, write_sealed

RACY_NS = 2_000_000_000


def stat_stamp(path: str | os.PathLike, now_ns: int | None = None) -> tuple | None:
    """(inode, size, mtime, ctime), or None while the file is too recently changed to trust."""
    status = os.stat(path)
    now_ns = time.time_ns() if now_ns is None else now_ns
    if now_ns - status.st_ctime_ns < RACY_NS:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


class StatMemo:
    """Values computed from files' bytes, kept in a JSON file while each file's stamp holds.

    One instance per build; `save()` after the build keeps what this build used
    (files no longer used drop out). The file is sealed (portal_common.cachefile):
    a damaged one is discarded with a warning and everything is computed again.
    """

    def __init__(self, path: Path, clock: Callable[[], int] = time.time_ns) -> None:
        self.path, self._clock = path, clock
        self._entries: dict[str, list] = self._load()
        self._used: dict[str, list] = {}

    def _load(self) -> dict[str, list]:
        payload = None if cache_off(self.path.stem) else read_sealed(self.path)
        if payload is None:
            return {}
        try:
            data = json.loads(payload)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            discarded(self.path, "bukan data yang dikenal")
            return {}
        return data

    def get(self, source: Path, variant: str, compute: Callable[[], str]) -> str:
        """`compute()` for `source` (and `variant`, e.g. a recipe), reused while the file is unchanged."""
        name = f"{os.path.abspath(source)}\0{variant}"
        stamp = stat_stamp(source, self._clock())
        entry = self._entries.get(name)
        if stamp is not None and isinstance(entry, list) and len(entry) == 2 and entry[0] == list(stamp):
            self._used[name] = entry
            return entry[1]
        value = compute()
        if stamp is not None:
            self._used[name] = [list(stamp), value]
        return value

    def save(self) -> None:
        if self._used == self._entries or cache_off(self.path.stem):
            return
        write_sealed(self.path, json.dumps(self._used, sort_keys=True).encode("utf-8"))
        self._entries = dict(self._used)
