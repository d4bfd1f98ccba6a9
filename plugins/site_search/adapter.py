"""Pelican adapter: nav entry, the /cari/ page, and Pagefind over the posts and pages.

Pagefind starts as soon as the posts and pages are written (`page_writer_finalized`)
and runs on the other core while Pelican writes feeds, photos and static files.
At `finalized` the pages are read again: if any indexed page changed, appeared
or disappeared since, that run is dropped and Pagefind runs again on the final
pages, so the index is always the one of the finished site.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from portal_common import build
from portal_common.cachefile import Store
from portal_common.nav import with_nav_entry

from .core import (
    NAV_LABEL,
    IndexJob,
    PageSet,
    ScanMemo,
    SearchSettings,
    filesystem_now,
    indexable_pages,
    thumbnail_path,
)

log = logging.getLogger(__name__)


@dataclass
class SearchState:
    """This build's search state (on `Build.search`, never module-level)."""

    cfg: SearchSettings
    since: int  # files older than this are left from an earlier build (never indexed)
    documents: int = 0
    job: IndexJob | None = None
    memo: ScanMemo | None = None


def _state(settings) -> SearchState:
    return build.of(settings).search


def _initialized(pelican) -> None:
    """Start this build's search state and add "Cari" to the main navigation."""
    this = build.start(pelican)
    cfg = this.options(SearchSettings)
    this.search = SearchState(cfg, filesystem_now())
    nav = pelican.settings.get("PORTAL_NAV") or []
    pelican.settings["PORTAL_NAV"] = with_nav_entry(nav, NAV_LABEL, cfg.page_url, before="tentang/")


class SearchPageGenerator(Generator):
    """Writes the search page (`cari.html`) to PORTAL_SEARCH_URL."""

    def generate_context(self) -> None:
        state = _state(self.settings)
        self.context["search_url"] = state.cfg.page_url
        self.context["search_bundle_url"] = f"{state.cfg.bundle_dir}/"
        state.documents = len(self.context.get("articles", ())) + len(self.context.get("pages", ()))

    def generate_output(self, writer) -> None:
        cfg = _state(self.settings).cfg
        writer.write_file(
            cfg.page_url + "index.html",
            self.get_template("cari"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=cfg.page_url,
            page_name="cari",
        )


def _generators(pelican) -> type[Generator]:
    return SearchPageGenerator


def _wanted(settings) -> bool:
    state = _state(settings)
    return state.cfg.enabled and bool(state.documents)


def _pages(settings, output_path: str, previous: PageSet | None = None) -> PageSet:
    state = _state(settings)
    if state.memo is None:
        state.memo = ScanMemo(Store.open(settings, "search-pages"))  # a plain pelican run reads every page
    return indexable_pages(Path(output_path), state.cfg.bundle_dir, state.since, previous, state.memo)


def _scratch(settings) -> Path | None:
    """sitebuild's scratch folder beside the output (emptied by the next build, even after a kill).

    None under a plain `pelican` run: the index job then picks RAM or the site's disk.
    """
    folder = settings.get("PORTAL_SCRATCH_DIR")
    return Path(folder) if folder else None


def _pages_written(generator, writer=None) -> None:
    """Posts and pages are on disk: start Pagefind now, in the background."""
    settings = generator.settings
    if not _wanted(settings):
        return
    pages = _pages(settings, generator.output_path)
    if pages.paths:  # none: _finalized reports the missing body marker
        state = _state(settings)
        state.job = IndexJob(generator.output_path, state.cfg, pages, scratch=_scratch(settings))


def _finalized(pelican) -> None:
    """Finish the index of the final output; a failure fails the build (old site stays)."""
    settings = pelican.settings
    state = _state(settings)
    cfg, job, state.job = state.cfg, state.job, None
    if not cfg.enabled:
        log.info("site_search: PORTAL_SEARCH_ENABLED is False, no search index")
        return
    if not state.documents:
        log.info("site_search: no published post or page yet, no search index")
        return
    pages = _pages(settings, pelican.output_path, job.pages if job else None)
    if job is None or job.pages != pages:
        if job is not None:
            log.info("site_search: indexed pages changed after they were written, indexing again")
            job.cancel()
        job = IndexJob(pelican.output_path, cfg, pages, scratch=_scratch(settings))
    report = job.finish()  # SearchIndexError fails the build
    state.memo.save()
    state.memo = None  # a next run (pelican --autoreload) loads it afresh
    log.info(
        "site_search: indexed %d pages, %d words, %d filters in %.2f s (%d bundle files written)",
        report.pages,
        report.words,
        report.filters,
        report.seconds,
        report.written,
    )


def _add_template_helpers(generator) -> None:
    """`search_thumb(image)`: the lead image's smallest variant, for `data-pagefind-meta="image:…"`.

    A global, not a filter: templates guard it with `is defined`, a run-time test.
    (`"name" is filter` is folded at compile time, and Jinja's bytecode cache then
    keeps the answer of the first build, e.g. one with this plugin, for a build without it.)
    """
    generator.env.globals["search_thumb"] = thumbnail_path


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.generator_init.connect(_add_template_helpers)
    signals.get_generators.connect(_generators)
    signals.page_writer_finalized.connect(_pages_written)
    signals.finalized.connect(_finalized)
