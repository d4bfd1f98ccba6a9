"""Writing output files only when their bytes change (see sitebuild/outputs.py).

sitebuild renders into the previous site and, after the build, deletes every
file this build neither wrote nor kept. A plugin that writes output files
itself uses these helpers, so unchanged files keep their bytes and mtime (rsync
and HTTP caches see no change) and are still counted as part of the new site.
"""

from __future__ import annotations

import os
import shutil
import stat


def keep(path: str | os.PathLike) -> None:
    """Mark an unchanged output file as produced by this build (ctime := now, mtime kept)."""
    status = os.stat(path)
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def _unlinked_if_shared(path: str | os.PathLike) -> os.stat_result | None:
    """The file's status, after removing it if it is a link (never write through a link)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    if os.path.islink(path) or status.st_nlink > 1:
        os.unlink(path)
        return None
    return status


def write_if_changed(path: str | os.PathLike, data: bytes) -> bool:
    """Write `data` unless the file already holds exactly these bytes; True if written."""
    status = _unlinked_if_shared(path)
    if status is not None and status.st_size == len(data):
        with open(path, "rb") as existing:
            if existing.read() == data:
                keep(path)
                return False
    with open(path, "wb") as target:
        target.write(data)
    return True


def copy_if_changed(source: str | os.PathLike, target: str | os.PathLike) -> bool:
    """Copy `source` to `target` unless it already holds the same bytes; True if copied."""
    status = _unlinked_if_shared(target)
    if status is not None and status.st_size == os.path.getsize(source):
        with open(source, "rb") as new, open(target, "rb") as old:
            if new.read() == old.read():
                keep(target)
                return False
    shutil.copyfile(source, target)
    return True


def link_if_changed(source: str | os.PathLike, target: str | os.PathLike) -> bool:
    """Publish an immutable cache file at `target` as a hard link to it; True if written.

    For sources that never change once written (e.g. the photo cache, named by
    the hash of what made them): a target that already is the source (same
    inode) is current without reading a byte. Otherwise the target is replaced,
    never written through: by a link, or by a copy (compared by bytes next time)
    where the source is on another filesystem.
    """
    source_status = os.stat(source)
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        status = None
    if status is not None and os.path.samestat(status, source_status):
        keep(target)
        return False
    if status is not None and stat.S_ISREG(status.st_mode) and status.st_dev != source_status.st_dev:
        return copy_if_changed(source, target)
    if status is not None:
        os.unlink(target)
    os.makedirs(os.path.dirname(os.fspath(target)) or ".", exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return True
