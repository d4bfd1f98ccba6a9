"""Write only what changed: the staging folder is the previous site, updated in place.

A full build re-renders every page, but after one edit almost every file comes out
byte-identical. Deleting the old site and writing 3,000+ files anew is most of a
warm rebuild on a disk with online discard (unlink is slow there), and it changes
every file's mtime, so rsync and HTTP caches see a new site each time.

So the driver keeps two folders and swaps them (double buffering): the build
renders into the site from the build before, and

* `SiteWriter` (Pelican's writer) leaves a page alone when its bytes are the
  same, and only touches its inode change time (ctime) with `keep()`; with the
  page memo (pagememo.py) it does not even render a page whose inputs did not
  change;
* everything else that writes (static copies, images, the search index) writes
  as usual, which also sets ctime;
* `sweep()` then deletes every file whose ctime is older than the build's start
  stamp: what this build did not produce, exactly as if it had started from an
  empty folder.

A plugin never has to remember anything: whatever it writes survives the sweep.
To leave an unchanged file's mtime alone (rsync, HTTP caches, the search scan
memo), it writes through `portal_common.outputfiles.write_if_changed` or
`copy_if_changed`, which `keep()` the file when its bytes are the same.

Pelican has no hook for how a page is written (its `Writer._open_w` is private),
so `SiteWriter.write_file` is Pelican's `write_file` again, on public names only;
tests/sitebuild/test_incremental.py fails loudly when Pelican's own changes.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from pelican.paginator import Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer
from portal_common.outputfiles import keep, write_if_changed

from .pagememo import PageMemo


class SiteWriter(Writer):
    """Pelican's Writer (same pagination and duplicate-write rules); unchanged pages stay untouched.

    With a `page_memo` (see `site_writer`), pages whose inputs did not change are
    not even rendered (sitebuild/pagememo.py).
    """

    page_memo: PageMemo | None = None

    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        self._pages: set[str] = set()
        self._overriding: set[str] = set()

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Render `template` into `name` (paginated like Pelican's: one file per page)."""
        if not name:
            return
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in {"articles", "dates"}}
        if not paginated or template_name not in self.settings["PAGINATED_TEMPLATES"]:
            self._write_page(template, context, name, kwargs, relative_urls, override_output)
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            key: Paginator(name, url, value, self.settings, per_page) for key, value in paginated.items()
        }
        for number in range(1, next(iter(paginators.values())).num_pages + 1):
            page_kwargs = dict(kwargs)
            for key, paginator in paginators.items():
                page = paginator.page(number)
                page_kwargs[f"{key}_paginator"] = paginator
                page_kwargs[f"{key}_page"] = page
                page_kwargs[f"{key}_previous_page"] = paginator.page(number - 1) if number > 1 else None
                last = number == paginator.num_pages
                page_kwargs[f"{key}_next_page"] = None if last else paginator.page(number + 1)
            self._write_page(template, context, page.save_as, page_kwargs, relative_urls, override_output)

    def _write_page(self, template, context, name, kwargs, relative_urls, override) -> None:
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(name))
        local["output_file"] = name
        local.update(kwargs)
        if local["localsiteurl"]:
            context["localsiteurl"] = local["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        if not self._claim(path, override):
            return
        os.makedirs(os.path.dirname(path), exist_ok=True)
        memo, key = self.page_memo, None
        render_context = local
        if memo is not None:
            render_context, key = memo.prepare(template, local)
        if key is not None and memo.is_current(path, key):
            keep(path)
            memo.stats.skipped += 1
        else:
            write_if_changed(path, template.render(render_context).encode("utf-8"))
            if memo is not None:
                memo.stats.rendered += 1
        if key is not None:
            memo.record(path, key)
        signals.content_written.send(path, context=local)

    def _claim(self, path: str, override: bool) -> bool:
        """Pelican's rule: a file is written once, or once more with override (later writes skipped)."""
        if path in self._overriding:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" a second time')
            return False
        if path in self._pages and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to it previously'
            )
        if override:
            self._overriding.add(path)
        self._pages.add(path)
        return True


def site_writer(memo: PageMemo | None) -> type[Writer]:
    """The writer class for one build, bound to that build's page memo."""
    return type("SiteWriter", (SiteWriter,), {"page_memo": memo})


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
