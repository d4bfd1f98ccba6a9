"""Pelican adapter: the "Di Mana Saya Memilih?" page (/memilih/) from tps.yaml.

* `initialized`: "Lokasi TPS" joins PORTAL_NAV when the site has TPS data.
* `PollingPlacesGenerator.generate_context`: the data is loaded (once per build,
  shared with the content checks, which validate it before anything renders) and
  published as `context["polling_places"]` and `context["polling_places_url"]`
  (the home page links to it).
* `generate_output`: the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from officers.core.config import OfficerConfig
from pelican import signals
from pelican.generators import Generator
from portal_common import build
from portal_common.errors import ContentError, Finding
from portal_common.nav import with_nav_entry
from portal_common.options import folder_url, option

from .core import FILE_NAME, PollingPlaces, load_polling_places

NAV_LABEL = "Lokasi TPS"


@dataclass(frozen=True)
class PollingSettings:
    url: str = option("POLLING_PLACES_URL", str, "memilih/", check=folder_url)


def page_url(settings: dict) -> str:
    """The page's URL relative to the site root, e.g. "memilih/"."""
    return build.of(settings).options(PollingSettings).url


def data_folder(settings: dict) -> tuple[Path, str]:
    """The officer data folder (where tps.yaml lives) and how the officer sees it."""
    conf = build.of(settings).options(OfficerConfig)
    return conf.data_dir, conf.shown(conf.data_dir)


def load(settings: dict) -> PollingPlaces | None:
    """This build's TPS data (loaded once per build; the content checks loaded it already)."""
    return build.of(settings).call(load_polling_places, *data_folder(settings))


def add_nav_entry(pelican) -> None:
    build.start(pelican)
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


def check_data(settings: dict) -> list[Finding]:
    """The TPS data's findings, for the content checks' shared list (content_checks.DATA_CHECKS)."""
    try:
        load(settings)
    except ContentError as err:
        return list(err.findings)
    return []
