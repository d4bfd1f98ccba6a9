"""Writing output files only when their bytes change (see sitebuild/outputs.py).

sitebuild renders into the previous site and, after the build, deletes every
file this build neither wrote nor kept. A plugin that writes output files
itself uses these helpers, so unchanged files keep their bytes and mtime (rsync
and HTTP caches see no change) and are still counted as part of the new site.
"""

from __future__ import annotations

import hashlib
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


class DamagedSource(Exception):
    """A cache file does not hold the bytes its entry recorded (size and SHA-256)."""


def _sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def copy_verified(source: str | os.PathLike, target: str | os.PathLike, size: int, sha256: str) -> bool:
    """Publish a copy of cache file `source` at `target`, checked against its record; True if written.

    The published file never shares storage with the cache (no hard link), so
    nothing done to the cache changes the live site. A target that already holds
    the recorded bytes is kept (mtime unchanged). Otherwise the source must hold
    exactly `size` bytes with this SHA-256, else DamagedSource; the copy is
    written beside the target and renamed over it (never written through).
    """
    status = _unlinked_if_shared(target)
    current = status is not None and stat.S_ISREG(status.st_mode) and status.st_size == size
    if current and _sha256_file(target) == sha256:
        keep(target)
        return False
    try:
        with open(source, "rb") as handle:
            data = handle.read()
    except OSError as err:
        raise DamagedSource(f"{os.fspath(source)}: {err.strerror or type(err).__name__}") from err
    if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
        raise DamagedSource(f"{os.fspath(source)}: isi tidak cocok dengan catatan cache")
    folder = os.path.dirname(os.fspath(target)) or "."
    os.makedirs(folder, exist_ok=True)
    temporary = os.path.join(folder, f".{os.path.basename(os.fspath(target))}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, target)
    return True
