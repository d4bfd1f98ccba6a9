"""Runs the content checks in every Pelican build, and in `invoke check` (`run_check`).

* `initialized`: core.pre_read, what must be caught before Pelican reads a file.
* `article_generator_pretaxonomy`: scheduled articles are held back as drafts, then
  core.check_post runs on every article Pelican read (before news_portal links them).
* `page_generator_finalized`: core.check_site (pages, links, shared addresses and
  Guids, galleries, lead images), before any other generator reads its content.

Each step stops the build with a ContentError naming every error it found. The
findings (warnings included) are left on the Pelican object as
`pelican.portal_check_findings` so the build driver can print the warnings. The
per-build state (config, findings) is the build's `Build.checks` (portal_common.build).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from election_stages.core.settings import StageSettings
from news_portal.settings import PortalSettings
from officers.core.config import OfficerConfig
from pelican import signals
from pelican.utils import slugify
from portal_common import build
from portal_common.cachefile import StatMemo, Store
from portal_common.errors import ContentError, Finding

from .config import CheckConfig, CheckSettings
from .core import (
    RAW_CONTENT,
    check_post,
    check_site,
    content_files,
    errors_of,
    pre_read,
    sort_findings,
    with_stages,
)
from .schedule import split_scheduled

log = logging.getLogger(__name__)

# Checks of data files that other plugins own, in the one list `invoke check` and every
# build run: (plugin, "module:function"), used when the plugin is in PLUGINS. The
# function takes the settings (its Build: portal_common.build.of) and returns its findings.
DATA_CHECKS = (("polling_places", "polling_places.adapter:check_data"),)
_DIRECT_SAVE_AS = {
    "index": "INDEX_SAVE_AS",
    "archives": "ARCHIVES_SAVE_AS",
    "tags": "TAGS_SAVE_AS",
    "categories": "CATEGORIES_SAVE_AS",
    "authors": "AUTHORS_SAVE_AS",
}


def _reserved_outputs(settings: Mapping) -> dict[str, str]:
    """Files the site writes itself, so a post or page must not take their address.

    (Rubric pages: core.site_of takes them from the parsed posts' categories.)"""
    reserved = {}
    for template in settings.get("DIRECT_TEMPLATES", []):
        key = _DIRECT_SAVE_AS.get(template, f"{template.upper()}_SAVE_AS")
        save_as = settings.get(key, f"{template}.html")
        if save_as:
            reserved[save_as] = f"halaman bawaan '{template}'"
    for save_as in settings.get("TEMPLATE_PAGES", {}).values():
        reserved[save_as] = f"halaman bawaan '{save_as}'"
    return reserved


def _slugify_with(settings: Mapping, text: str) -> str:
    """Pelican's slugify with the site's slug settings."""
    return slugify(
        text,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=bool(settings.get("SLUGIFY_PRESERVE_CASE", False)),
        use_unicode=bool(settings.get("SLUGIFY_USE_UNICODE", False)),
    )


def config_from_settings(settings: Mapping) -> CheckConfig:
    """The validator's view of Pelican settings (read once per build)."""
    this = build.of(settings)
    content = Path(settings["PATH"])
    own = this.options(CheckSettings)
    title, summary = own.title_limits, own.summary_limits
    committee = settings.get("PORTAL_COMMITTEE") or {}
    phones = [committee.get("phone", ""), *own.public_phones]
    rubrics = this.options(PortalSettings).rubrics
    return CheckConfig(
        content_dir=content,
        display_root=content.parent,
        now=this.now,
        timezone=this.timezone,
        article_paths=tuple(settings.get("ARTICLE_PATHS", [""])),
        page_paths=tuple(settings.get("PAGE_PATHS", ["pages"])),
        stage_dir=this.options(StageSettings).data_path,
        static_paths=tuple(settings.get("STATIC_PATHS", ["images"])),
        rubrics=tuple(rubrics),
        reserved_outputs=_reserved_outputs(settings),
        slugify=partial(_slugify_with, settings),
        title_soft=title[0],
        title_hard=title[1],
        summary_soft=summary[0],
        summary_hard=summary[1],
        public_numbers=frozenset(p for p in phones if p),
        ignore_globs=tuple(settings.get("IGNORE_FILES", [])),
        check_stages="election_stages" in [str(p) for p in settings.get("PLUGINS") or []],
        **_officer_folders(settings),
    )


def data_checks(settings: Mapping) -> list[Callable[[], list]]:
    """The DATA_CHECKS of the plugins this site uses, ready to run."""
    plugins = [str(p) for p in settings.get("PLUGINS") or []]
    checks = []
    for plugin, target in DATA_CHECKS:
        if plugin in plugins:
            module, function = target.split(":")
            checks.append(partial(getattr(importlib.import_module(module), function), settings))
    return checks


def _officer_folders(settings: Mapping) -> dict:
    """The officer plugin's folders, read by its own settings code (same errors, same defaults)."""
    if "officers" not in [str(p) for p in settings.get("PLUGINS") or []]:
        return {"check_officers": False}
    conf = build.of(settings).options(OfficerConfig)
    return {
        "check_officers": True,
        "officer_data_dir": conf.data_dir.relative_to(conf.content).as_posix(),
        "gallery_dir": conf.gallery_dir.relative_to(conf.content).as_posix(),
    }


@dataclass
class _BuildChecks:
    """One build's checks: the config (with the stage slugs), its findings so far, the image memo."""

    config: CheckConfig
    images: StatMemo | None
    findings: list[Finding] = field(default_factory=list)
    articles: list = field(default_factory=list)  # every article Pelican read
    published: list = field(default_factory=list)  # those the feeds carry

    def add(self, findings: list[Finding], settings: Mapping | None = None) -> None:
        """Keep `findings`; stop the build when one is an error.

        With `settings` (a step before every post and page was checked), the posts and
        pages Pelican can still read are checked first, so one run names every problem.
        """
        self.findings[:] = sort_findings([*self.findings, *findings])
        if not errors_of(self.findings):
            return
        if settings is not None:
            self.findings[:] = sort_findings([*self.findings, *_everything_else(settings, self)])
        raise ContentError.from_findings(errors_of(self.findings))


def _everything_else(settings: Mapping, state: _BuildChecks) -> list[Finding]:
    """The build is stopping: read the files Pelican can still read and check them too.

    Pelican's reader logs what the findings already say (an image without alt text);
    its messages are held back while it reads here, since the build stops anyway.
    """
    from pelican.contents import Article, Page
    from pelican.readers import Readers

    config = state.config
    readers = Readers(dict(settings))
    context = {**settings, "generated_content": {}, "static_links": set(), "static_content": {}}
    posts: dict[str, list] = {"article": [], "page": []}
    quiet = logging.Filter("quiet: nothing passes")  # a name no record has
    loggers = [logging.getLogger(name) for name in ("pelican.readers", "pelican.contents")]
    for logger in loggers:
        logger.addFilter(quiet)
    try:
        for kind, content_class in (("article", Article), ("page", Page)):
            for path in content_files(config, kind):
                if path.suffix.lower() in RAW_CONTENT:
                    continue
                try:
                    relative = path.relative_to(config.content_dir).as_posix()
                    post = readers.read_file(
                        str(config.content_dir), relative, content_class, context=context
                    )
                    if post.is_valid():
                        posts[kind].append(post)
                except Exception:  # noqa: BLE001 - whatever stops Pelican here, the build stops anyway
                    continue
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)
    articles, pages = posts["article"], posts["page"]
    published = [a for a in articles if a.status == "published" and a.date <= config.now]
    findings = [f for article in articles for f in check_post(article, config)]
    findings += check_site(articles, pages, published, config, state.images)
    # A clash the pre-read found by slug is found again here by address: name it once.
    clashes = {(f.path, f.line) for f in state.findings if f.message.endswith(_CLASH)}
    return [f for f in findings if not (f.message.endswith(_CLASH) and (f.path, f.line) in clashes)]


_CLASH = "(two contents, one URL)"


def _state(settings: Mapping) -> _BuildChecks:
    state = getattr(settings.get(build.KEY), "checks", None)
    if state is None:
        raise RuntimeError("content_checks: no build state (the `initialized` step did not run)")
    return state


def build_config(settings: Mapping) -> CheckConfig:
    """The config `check_post` needs: this build's (with the stage slugs), else read afresh."""
    state = getattr(settings.get(build.KEY), "checks", None)
    return state.config if state is not None else with_stages(config_from_settings(settings), [])


def _image_memo(settings: Mapping) -> StatMemo:
    return StatMemo(Store.open(settings, "checked-images"))


def _pre_read(pelican) -> None:
    settings = pelican.settings
    this = build.start(pelican)
    images = _image_memo(settings)
    config, findings = pre_read(config_from_settings(settings), this, data_checks(settings), images)
    state = this.checks = _BuildChecks(config, images)
    pelican.portal_check_findings = state.findings
    try:
        state.add(findings, settings)
    finally:
        if images is not None:
            images.save()


def _check_articles(generator) -> None:
    """Hold scheduled articles back, then check every article as Pelican read it."""
    _hold_scheduled(generator)
    state = _state(generator.settings)
    state.published = list(generator.articles)
    state.articles = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]
    state.add(
        [f for article in state.articles for f in check_post(article, state.config)], generator.settings
    )


def _check_pages(generator) -> None:
    """The pages, then what needs every post and page (links, addresses, Guids, images)."""
    state = _state(generator.settings)
    pages = [
        *generator.pages,
        *generator.translations,
        *generator.hidden_pages,
        *generator.hidden_translations,
        *generator.draft_pages,
        *generator.draft_translations,
    ]
    try:
        state.add(check_site(state.articles, pages, state.published, state.config, state.images))
    finally:
        if state.images is not None:
            state.images.save()
    warnings = len(state.findings)
    if warnings:
        log.info("content_checks: %d peringatan (warnings); jalankan 'invoke check'", warnings)


def run_check(settings: dict) -> list[Finding]:
    """`invoke check`: Pelican reads the posts and pages as in a build and the same checks run; nothing
    is rendered or written. Returns every finding (on an error, those found up to that step)."""
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator, PagesGenerator

    try:
        pelican = Pelican(settings)  # `initialized`: the pre-read (and the other plugins' setup)
        context = {
            **pelican.settings,
            "generated_content": {},
            "static_links": set(),
            "static_content": {},
            "localsiteurl": pelican.settings["SITEURL"],
        }
        for generator_class in (ArticlesGenerator, PagesGenerator):
            generator = generator_class(
                context=context,
                settings=pelican.settings,
                path=pelican.path,
                theme=pelican.theme,
                output_path=pelican.output_path,
            )
            generator.generate_context()
    except ContentError as error:
        state = getattr(settings.get(build.KEY), "checks", None)
        return sort_findings([*(state.findings if state else []), *error.findings])
    return list(_state(pelican.settings).findings)


def _hold_scheduled(generator) -> None:
    """Move future-dated articles to the drafts: hidden when published, shown in preview."""
    published, scheduled = split_scheduled(generator.articles, build.of(generator.settings).now)
    if not scheduled:
        return
    for article in scheduled:
        article.status = "draft"
        article.scheduled = True
    generator.articles = published
    generator.drafts = sorted([*generator.drafts, *scheduled], key=lambda a: a.date, reverse=True)


def register() -> None:
    signals.initialized.connect(_pre_read)
    signals.article_generator_pretaxonomy.connect(_check_articles)
    signals.page_generator_finalized.connect(_check_pages)
