"""Pelican adapter: nav entry, the /cari/ page, and Pagefind over the posts and pages.

Pagefind starts as soon as the posts and pages are written (`page_writer_finalized`)
and runs on the other core while Pelican writes feeds, photos and static files.
At `finalized` the pages are read again: if any indexed page changed, appeared
or disappeared since, that run is dropped and Pagefind runs again on the final
pages, so the index is always the one of the finished site.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from portal_common.cachefile import Store
from portal_common.nav import with_nav_entry

from .core import (
    NAV_LABEL,
    IndexJob,
    PageSet,
    ScanMemo,
    filesystem_now,
    indexable_pages,
    read_settings,
    thumbnail_path,
)

log = logging.getLogger(__name__)


class JobSlot:
    """This build's IndexJob and ScanMemo; pickles as an empty slot (Pelican's caches pickle settings)."""

    def __init__(self) -> None:
        self.job: IndexJob | None = None
        self.memo: ScanMemo | None = None

    def __reduce__(self):
        return (JobSlot, ())

    def __repr__(self) -> str:  # stable: settings fingerprints must not see an address
        return "JobSlot()"


def _initialized(pelican) -> None:
    """Validate settings once, keep them, and add "Cari" to the main navigation."""
    cfg = read_settings(pelican.settings)
    pelican.settings["PORTAL_SEARCH"] = cfg
    # Per-build state (this Pelican's own settings, never module-level).
    # "since": files older than this are left from an earlier build (never indexed).
    pelican.settings["PORTAL_SEARCH_STATE"] = {"documents": 0, "since": filesystem_now(), "job": JobSlot()}
    nav = pelican.settings.get("PORTAL_NAV") or []
    pelican.settings["PORTAL_NAV"] = with_nav_entry(nav, NAV_LABEL, cfg.page_url, before="tentang/")


class SearchPageGenerator(Generator):
    """Writes the search page (`cari.html`) to PORTAL_SEARCH_URL."""

    def generate_context(self) -> None:
        cfg = self.settings["PORTAL_SEARCH"]
        self.context["search_url"] = cfg.page_url
        self.context["search_bundle_url"] = f"{cfg.bundle_dir}/"
        documents = len(self.context.get("articles", ())) + len(self.context.get("pages", ()))
        self.settings["PORTAL_SEARCH_STATE"]["documents"] = documents

    def generate_output(self, writer) -> None:
        cfg = self.settings["PORTAL_SEARCH"]
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
    cfg = settings["PORTAL_SEARCH"]
    return cfg.enabled and bool(settings["PORTAL_SEARCH_STATE"]["documents"])


def _pages(settings, output_path: str, previous: PageSet | None = None) -> PageSet:
    cfg, state = settings["PORTAL_SEARCH"], settings["PORTAL_SEARCH_STATE"]
    slot = state["job"]
    if slot.memo is None:
        slot.memo = ScanMemo(Store.open(settings, "search-pages"))  # a plain pelican run reads every page
    return indexable_pages(Path(output_path), cfg.bundle_dir, state["since"], previous, slot.memo)


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
        settings["PORTAL_SEARCH_STATE"]["job"].job = IndexJob(
            generator.output_path, settings["PORTAL_SEARCH"], pages, scratch=_scratch(settings)
        )


def _finalized(pelican) -> None:
    """Finish the index of the final output; a failure fails the build (old site stays)."""
    settings = pelican.settings
    cfg, state = settings["PORTAL_SEARCH"], settings["PORTAL_SEARCH_STATE"]
    job, state["job"].job = state["job"].job, None
    if not cfg.enabled:
        log.info("site_search: PORTAL_SEARCH_ENABLED is False, no search index")
        return
    if not state["documents"]:
        log.info("site_search: no published post or page yet, no search index")
        return
    pages = _pages(settings, pelican.output_path, job.pages if job else None)
    if job is None or job.pages != pages:
        if job is not None:
            log.info("site_search: indexed pages changed after they were written, indexing again")
            job.cancel()
        job = IndexJob(pelican.output_path, cfg, pages, scratch=_scratch(settings))
    report = job.finish()  # SearchIndexError fails the build
    state["job"].memo.save()
    state["job"].memo = None  # a next run (pelican --autoreload) loads it afresh
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
