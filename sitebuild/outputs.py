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
from collections.abc import Callable
from pathlib import Path

from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer
from portal_common.outputfiles import keep, write_if_changed

from .pagememo import PageMemo

__all__ = [
    "SkipUnchangedWriter",
    "keep",
    "memo_writer",
    "start_stamp",
    "sweep",
    "write_if_changed",
]


class _PendingFile(io.StringIO):
    """What Pelican writes to a page; compared with the old bytes on close."""

    def __init__(self, path: str, encoding: str, written: Callable[[str], None] | None = None) -> None:
        super().__init__()
        self._path, self._encoding, self._written = path, encoding, written

    def close(self) -> None:
        if not self.closed:
            write_if_changed(self._path, self.getvalue().encode(self._encoding))
            if self._written:
                self._written(self._path)
        super().close()


class _KeptFile(io.StringIO):
    """A page the memo found current: nothing to write, the old file is kept."""

    def __init__(self, path: str, kept: Callable[[str], None]) -> None:
        super().__init__()
        self._path, self._kept = path, kept

    def close(self) -> None:
        if not self.closed:
            keep(self._path)
            self._kept(self._path)
        super().close()


class _MemoTemplate:
    """Wraps a Jinja template: `render` is skipped when the page memo has it current."""

    def __init__(self, template, writer: SkipUnchangedWriter) -> None:
        self._template, self._writer = template, writer
        self.name, self.environment = template.name, template.environment

    def render(self, localcontext: dict) -> str:
        writer, memo = self._writer, self._writer.page_memo
        path = sanitised_join(writer.output_path, localcontext["output_file"])
        context, key = memo.prepare(self._template, localcontext)
        if key is not None and memo.is_current(path, key):
            writer.memo_pending[path] = (key, True)
            return ""
        writer.memo_pending[path] = (key, False)
        return self._template.render(context)


class SkipUnchangedWriter(Writer):
    """Pelican's Writer (same duplicate-write rules), but unchanged files stay untouched.

    With a `page_memo` (see `memo_writer`), pages whose inputs did not change are
    not even rendered (sitebuild/pagememo.py).
    """

    page_memo: PageMemo | None = None

    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self.memo_pending: dict[str, tuple[str | None, bool]] = {}

    def write_file(self, name, template, context, *args, **kwargs):
        if self.page_memo is not None and template is not None:
            template = _MemoTemplate(template, self)
        return super().write_file(name, template, context, *args, **kwargs)

    def _recorded(self, path: str) -> None:
        key, _ = self.memo_pending.pop(path, (None, False))
        if key is not None:
            self.page_memo.record(path, key)

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            self.memo_pending.pop(filename, None)
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously'
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        pending = self.memo_pending.get(filename)
        if pending is None:
            return _PendingFile(filename, encoding)
        if pending[1]:
            self.page_memo.stats.skipped += 1
            return _KeptFile(filename, self._recorded)
        self.page_memo.stats.rendered += 1
        return _PendingFile(filename, encoding, self._recorded)


def memo_writer(memo: PageMemo) -> type[Writer]:
    """The writer class for one build, bound to that build's page memo."""
    return type("MemoWriter", (SkipUnchangedWriter,), {"page_memo": memo})


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
