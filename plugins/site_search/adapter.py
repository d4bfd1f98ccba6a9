"""Pelican adapter: nav entry, the /cari/ page, and Pagefind after the last write."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from portal_common.nav import with_nav_entry

from .core import NAV_LABEL, build_index, read_settings

log = logging.getLogger(__name__)


def _initialized(pelican) -> None:
    """Validate settings once, keep them, and add "Cari" to the main navigation."""
    cfg = read_settings(pelican.settings)
    pelican.settings["PORTAL_SEARCH"] = cfg
    # Per-build state (this Pelican's own settings, never module-level).
    pelican.settings["PORTAL_SEARCH_STATE"] = {"documents": 0}
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


def _finalized(pelican) -> None:
    """Index the finished output; a failure fails the build (old site stays)."""
    cfg = pelican.settings["PORTAL_SEARCH"]
    if not cfg.enabled:
        log.info("site_search: PORTAL_SEARCH_ENABLED is False, no search index")
        return
    if not pelican.settings["PORTAL_SEARCH_STATE"]["documents"]:
        log.info("site_search: no published post or page yet, no search index")
        return
    report = build_index(Path(pelican.output_path), cfg)  # SearchIndexError fails the build
    log.info(
        "site_search: indexed %d pages, %d words, %d filters in %.2f s",
        report.pages,
        report.words,
        report.filters,
        report.seconds,
    )


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.get_generators.connect(_generators)
    signals.finalized.connect(_finalized)
