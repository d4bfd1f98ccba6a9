"""Write only what changed: the staging folder is the previous site, updated in place.

A full build re-renders every page, but after one edit almost every file comes out
byte-identical. Deleting the old site and writing 3,000+ files anew is most of a
warm rebuild on a disk with online discard (unlink is slow there), and it changes
every file's mtime, so rsync and HTTP caches see a new site each time.

So the driver keeps two folders and swaps them (double buffering): the build
renders into the site from the build before, and

* `SkipUnchangedWriter` (Pelican's writer) leaves a file alone when its bytes
  are the same, and only touches its inode change time (ctime) with `keep()`;
* everything else that writes (static copies, images, the search index) writes
  as usual, which also sets ctime;
* `sweep()` then deletes every file whose ctime is older than the build's start
  stamp: what this build did not produce, exactly as if it had started from an
  empty folder.

A plugin that skips writing an unchanged output file must call `keep(path)` on
it, or the sweep removes it: `portal_common.outputfiles` has `keep`,
`write_if_changed` and `copy_if_changed` for plugins.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from pelican.writers import FileOverwriteFailedError, Writer
from portal_common.outputfiles import keep, write_if_changed

__all__ = ["SkipUnchangedWriter", "keep", "start_stamp", "sweep", "write_if_changed", "writer_for"]


class _PendingFile(io.StringIO):
    """What Pelican writes to a page; compared with the old bytes on close."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self._path, self._encoding = path, encoding

    def close(self) -> None:
        if not self.closed:
            write_if_changed(self._path, self.getvalue().encode(self._encoding))
        super().close()


class SkipUnchangedWriter(Writer):
    """Pelican's Writer (same duplicate-write rules), but unchanged files stay untouched."""

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously'
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _PendingFile(filename, encoding)


def writer_for(pelican) -> type[Writer]:
    """`get_writer` signal receiver."""
    return SkipUnchangedWriter


def start_stamp(folder: Path) -> int:
    """The filesystem's own clock (ctime of a fresh file) as the build starts, in ns."""
    marker = folder.with_name(f".{folder.name}.stamp")
    marker.write_bytes(b"")
    try:
        return os.stat(marker).st_ctime_ns
    finally:
        marker.unlink()


def sweep(folder: Path, since_ns: int) -> int:
    """Delete files under `folder` not written or kept since `since_ns`; prune empty folders."""
    removed = 0
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = os.path.join(root, name)
            if os.lstat(path).st_ctime_ns < since_ns:
                os.unlink(path)
                removed += 1
        for name in dirs:
            path = os.path.join(root, name)
            if os.path.islink(path):
                if os.lstat(path).st_ctime_ns < since_ns:
                    os.unlink(path)
            elif not os.listdir(path):
                os.rmdir(path)
    return removed
