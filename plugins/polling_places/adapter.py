"""Pelican adapter: the "Di Mana Saya Memilih?" page (/memilih/) from tps.yaml.

* `initialized`: the setting is checked; "Lokasi TPS" joins PORTAL_NAV when the
  site has TPS data.
* `PollingPlacesGenerator.generate_context`: the data is loaded (once per build,
  shared with the content checks, which validate it before anything renders) and
  published as `context["polling_places"]` and `context["polling_places_url"]`
  (the home page links to it).
* `generate_output`: the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from officers.core.config import read_config
from pelican import signals
from pelican.generators import Generator
from portal_common.buildcache import BuildShared, build_shared
from portal_common.errors import ContentError, Finding, SettingsError
from portal_common.nav import with_nav_entry

from .core import FILE_NAME, PollingPlaces, load_polling_places

SETTING = "POLLING_PLACES_URL"
DEFAULT_URL = "memilih/"
NAV_LABEL = "Lokasi TPS"


def page_url(settings: dict) -> str:
    """The page's URL relative to the site root, e.g. "memilih/"."""
    url = settings.get(SETTING, DEFAULT_URL)
    if not isinstance(url, str) or not url.endswith("/") or url.startswith("/") or ".." in url.split("/"):
        raise SettingsError(SETTING, "must be a folder URL relative to the site root, e.g. 'memilih/'")
    return url


def data_folder(settings: dict) -> tuple[Path, str]:
    """The officer data folder (where tps.yaml lives) and how the officer sees it."""
    conf = read_config(settings)
    return conf.data_dir, conf.shown(conf.data_dir)


def load(settings: dict) -> PollingPlaces | None:
    """This build's TPS data (loaded once per build when a BuildShared exists)."""
    folder, shown = data_folder(settings)
    shared = build_shared(settings)
    if shared is not None:  # the content checks loaded it already
        return shared.call(load_polling_places, folder, shown)
    return load_polling_places(folder, shown)


def add_nav_entry(pelican) -> None:
    url = page_url(pelican.settings)
    folder, _ = data_folder(pelican.settings)
    nav = pelican.settings.get("PORTAL_NAV")
    if (folder / FILE_NAME).is_file() and isinstance(nav, (list, tuple)):
        pelican.settings["PORTAL_NAV"] = with_nav_entry(nav, NAV_LABEL, url, after="tahapan/")


class PollingPlacesGenerator(Generator):
    """Writes the voting-place page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.url = page_url(self.settings)
        self.data: PollingPlaces | None = None

    def generate_context(self) -> None:
        self.data = load(self.settings)
        if self.data is not None:
            self.context["polling_places"] = self.data
            self.context["polling_places_url"] = self.url

    def generate_output(self, writer) -> None:
        if self.data is None:
            return
        save_as = self.url + "index.html"
        writer.write_file(
            save_as,
            self.get_template("memilih"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.url,
            page_name=self.url.rstrip("/"),
            places=self.data,
        )


def get_generators(_pelican) -> type[PollingPlacesGenerator]:
    return PollingPlacesGenerator


def register() -> None:
    signals.initialized.connect(add_nav_entry)
    signals.get_generators.connect(get_generators)


def check_data(settings: dict, shared: BuildShared | None = None) -> list[Finding]:
    """The TPS data's findings, for the content checks' shared list (content_checks.DATA_CHECKS)."""
    folder, shown = data_folder(settings)
    try:
        if shared is not None:
            shared.call(load_polling_places, folder, shown)
        else:
            load_polling_places(folder, shown)
    except ContentError as err:
        return list(err.findings)
    return []
