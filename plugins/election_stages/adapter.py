"""Pelican adapter: load the stage data, link posts, write the timeline, stage pages, .ics.

Order within a build:
1. `article_generator_finalized` (right after the articles are read, before any
   plugin generator or writer runs): load the elections (once per build: the
   content checks' load at `initialized` is reused via `Build.call`), apply the
   build's instant (`Build.now`), link each post's `Stage:` to its Stage and publish
   `context["elections"]` (also `Build.elections`) and `context["stage_posts"]` for
   templates and the feed plugin.
2. `TahapanGenerator.generate_output`: /tahapan/, one page per stage, one .ics
   per election.
"""

from __future__ import annotations

from pathlib import Path

from indonesian_dates.core import zone_label
from pelican import signals
from pelican.generators import ArticlesGenerator, Generator
from portal_common import build
from portal_common.nav import with_nav_entry
from portal_common.outputfiles import write_if_changed

from .core import election_calendar, link_posts, load_elections
from .core.settings import StageSettings
from .core.view import apply_clock, webcal_url


def link_stages(generator: ArticlesGenerator) -> None:
    """Load the elections and hang them, and each post's Stage, on the shared context."""
    this = build.of(generator.settings)
    conf = this.options(StageSettings)
    elections = this.elections = this.call(load_elections, conf.data_dir, conf.display_root)
    today = apply_clock(elections, this.now, this.timezone)
    everything = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *getattr(generator, "hidden_articles", []),
        *getattr(generator, "hidden_translations", []),
    ]
    stage_posts = link_posts(everything, elections, conf.display_root, listed=list(generator.articles))
    for election in elections:
        election.webcal_url = webcal_url(generator.settings.get("SITEURL", ""), election.ics_url)
    generator.context["elections"] = elections
    generator.context["stage_posts"] = stage_posts
    generator.context["tahapan_now"] = this.now
    generator.context["tahapan_today"] = today
    generator.context["tahapan_zone"] = {"name": this.timezone, "label": zone_label(this.timezone)}


class TahapanGenerator(Generator):
    """Writes /tahapan/, /tahapan/<stage>/ and /tahapan/<election>.ics."""

    def generate_context(self) -> None:
        self.elections = self.context.get("elections", [])

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        writer.write_file(
            "tahapan/index.html",
            self.get_template("tahapan"),
            self.context,
            relative_urls=relative,
            page_name="tahapan/index",
        )
        stage_template = self.get_template("tahapan_stage")
        for election in self.elections:
            for stage in election.all_stages():
                writer.write_file(
                    stage.save_as,
                    stage_template,
                    self.context,
                    relative_urls=relative,
                    page_name=stage.url.rstrip("/"),
                    stage=stage,
                    election=election,
                )
            self.write_calendar(election)

    def write_calendar(self, election) -> None:
        target = Path(self.output_path) / election.ics_url
        target.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(  # unchanged: keeps its mtime
            target,
            election_calendar(
                election,
                site_name=self.settings.get("SITENAME", ""),
                site_url=self.settings.get("SITEURL", ""),
                uid_domain=build.of(self.settings).options(StageSettings).uid_domain,
                timezone_name=build.of(self.settings).timezone,
            ),
        )


def get_generators(pelican) -> type[TahapanGenerator]:
    return TahapanGenerator


def add_nav_entry(pelican) -> None:
    """The timeline's menu entry ("Tahapan"), after "Sosialisasi" in PORTAL_NAV."""
    nav = pelican.settings.get("PORTAL_NAV")
    if isinstance(nav, (list, tuple)):
        pelican.settings["PORTAL_NAV"] = with_nav_entry(
            nav, "Tahapan", "tahapan/", after="rubrik/sosialisasi/"
        )


def register() -> None:
    signals.initialized.connect(build.start)
    signals.initialized.connect(add_nav_entry)
    signals.article_generator_finalized.connect(link_stages)
    signals.get_generators.connect(get_generators)
