"""Runs the content checks at the start of every Pelican build (`initialized`).

Errors stop the build with a ContentError naming every problem at once; the
findings (warnings included) are left on the Pelican object as
`pelican.portal_check_findings` so the build driver can print the warnings.

Per-file results are kept across builds in the memo `content_checks`
(`PORTAL_CACHE_DIR`, see core.run_checks); the stage data loaded here is shared
with the stage plugin through the build's BuildShared.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Mapping
from functools import partial
from importlib import metadata
from pathlib import Path

from pelican import signals
from pelican.utils import slugify
from portal_common.buildcache import BuildShared, start_build
from portal_common.cachefile import Memo, StatMemo, Store
from portal_common.clock import build_now
from portal_common.errors import ContentError, SettingsError

from .config import CheckConfig
from .core import errors_of, run_checks
from .fingerprint import checker_version
from .schedule import split_scheduled

log = logging.getLogger(__name__)

_URL_KEYS = (
    "ARTICLE_URL",
    "ARTICLE_SAVE_AS",
    "DRAFT_URL",
    "DRAFT_SAVE_AS",
    "PAGE_URL",
    "PAGE_SAVE_AS",
    "DRAFT_PAGE_URL",
    "DRAFT_PAGE_SAVE_AS",
)
# Checks of data files that other plugins own, in the one list `invoke check` and every
# build run: (plugin, "module:function"), used when the plugin is in PLUGINS. The
# function takes (settings, BuildShared | None) and returns its findings.
DATA_CHECKS = (("polling_places", "polling_places.adapter:check_data"),)
_DIRECT_SAVE_AS = {
    "index": "INDEX_SAVE_AS",
    "archives": "ARCHIVES_SAVE_AS",
    "tags": "TAGS_SAVE_AS",
    "categories": "CATEGORIES_SAVE_AS",
    "authors": "AUTHORS_SAVE_AS",
}


def _limits(settings: Mapping, key: str, default: tuple[int, int]) -> tuple[int, int]:
    value = settings.get(key, default)
    if not (isinstance(value, (tuple, list)) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise SettingsError(key, "must be (soft, hard) character limits, e.g. (70, 110)")
    return int(value[0]), int(value[1])


def _reserved_outputs(settings: Mapping) -> dict[str, str]:
    """Files the site writes itself, so a post or page must not take their address."""
    reserved = {}
    for template in settings.get("DIRECT_TEMPLATES", []):
        key = _DIRECT_SAVE_AS.get(template, f"{template.upper()}_SAVE_AS")
        save_as = settings.get(key, f"{template}.html")
        if save_as:
            reserved[save_as] = f"halaman bawaan '{template}'"
    for save_as in settings.get("TEMPLATE_PAGES", {}).values():
        reserved[save_as] = f"halaman bawaan '{save_as}'"
    category_save_as = settings.get("CATEGORY_SAVE_AS", "")
    for rubric in settings.get("PORTAL_RUBRICS", []):
        if category_save_as:
            reserved[category_save_as.format(slug=_slugify(settings, rubric))] = f"rubrik '{rubric}'"
    return reserved


def _slug_rules(settings: Mapping) -> tuple:
    """Pelican's slug settings as plain values (they are part of the memo key)."""
    subs = tuple(tuple(pair) for pair in settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
    return (
        subs,
        bool(settings.get("SLUGIFY_PRESERVE_CASE", False)),
        bool(settings.get("SLUGIFY_USE_UNICODE", False)),
    )


def _slugify(settings: Mapping, text: str) -> str:
    return _slugify_with(_slug_rules(settings), text)


def _slugify_with(rules: tuple, text: str) -> str:
    subs, preserve_case, use_unicode = rules
    return slugify(text, regex_subs=list(subs), preserve_case=preserve_case, use_unicode=use_unicode)


def config_from_settings(settings: Mapping) -> CheckConfig:
    """The validator's view of Pelican settings (read once per build)."""
    content = Path(settings["PATH"])
    timezone = settings.get("TIMEZONE") or "Asia/Jakarta"
    title = _limits(settings, "PORTAL_TITLE_LIMITS", (90, 110))
    summary = _limits(settings, "PORTAL_SUMMARY_LIMITS", (160, 300))
    committee = settings.get("PORTAL_COMMITTEE") or {}
    phones = [committee.get("phone", ""), *settings.get("PORTAL_PUBLIC_PHONES", [])]
    rubrics = settings.get("PORTAL_RUBRICS")
    if not rubrics:
        raise SettingsError("PORTAL_RUBRICS", "list the allowed rubrics, e.g. ['Berita', 'Pengumuman']")
    return CheckConfig(
        content_dir=content,
        display_root=content.parent,
        now=build_now(settings.get("PORTAL_NOW"), timezone),
        timezone=timezone,
        article_paths=tuple(settings.get("ARTICLE_PATHS", [""])),
        page_paths=tuple(settings.get("PAGE_PATHS", ["pages"])),
        stage_dir=settings.get("TAHAPAN_DATA_PATH", "data/tahapan"),
        static_paths=tuple(settings.get("STATIC_PATHS", ["images"])),
        lang=settings.get("DEFAULT_LANG", "en"),
        rubrics=tuple(rubrics),
        default_category=settings.get("DEFAULT_CATEGORY", "misc"),
        use_folder_as_category=bool(
            settings.get("USE_FOLDER_AS_CATEGORY") and settings.get("CATEGORY_SAVE_AS")
        ),
        urls={key: settings[key] for key in _URL_KEYS if settings.get(key)},
        reserved_outputs=_reserved_outputs(settings),
        slugify=partial(_slugify_with, _slug_rules(settings)),
        title_soft=title[0],
        title_hard=title[1],
        summary_soft=summary[0],
        summary_hard=summary[1],
        public_numbers=frozenset(p for p in phones if p),
        ignore_globs=tuple(settings.get("IGNORE_FILES", [])),
        check_stages="election_stages" in [str(p) for p in settings.get("PLUGINS") or []],
        **_officer_folders(settings),
    )


def data_checks(settings: Mapping, shared: BuildShared | None) -> list[Callable[[], list]]:
    """The DATA_CHECKS of the plugins this site uses, ready to run."""
    plugins = [str(p) for p in settings.get("PLUGINS") or []]
    checks = []
    for plugin, target in DATA_CHECKS:
        if plugin in plugins:
            module, function = target.split(":")
            checks.append(partial(getattr(importlib.import_module(module), function), settings, shared))
    return checks


def _officer_folders(settings: Mapping) -> dict:
    """The officer plugin's folders, read by its own settings code (same errors, same defaults)."""
    if "officers" not in [str(p) for p in settings.get("PLUGINS") or []]:
        return {"check_officers": False}
    from officers.core.config import read_config

    conf = read_config(dict(settings))
    return {
        "check_officers": True,
        "officer_data_dir": conf.data_dir.relative_to(conf.content).as_posix(),
        "gallery_dir": conf.gallery_dir.relative_to(conf.content).as_posix(),
    }


def check_settings(settings: Mapping, shared: BuildShared | None = None) -> list:
    """All findings for the site described by `settings` (also used by `invoke check`)."""
    config = config_from_settings(settings)
    memo = Memo.open(settings, "content_checks", checker_version(metadata.version("pelican")))
    images = StatMemo(Store.open(settings, "checked-images"))
    findings = run_checks(config, memo, shared, data_checks=data_checks(settings, shared), images=images)
    memo.save()
    images.save()
    log.debug("content_checks: %d files from the memo, %d checked afresh", memo.hits, memo.misses)
    return findings


def _check_before_build(pelican) -> None:
    findings = check_settings(pelican.settings, start_build(pelican))
    pelican.portal_check_findings = findings
    errors = errors_of(findings)
    if errors:
        raise ContentError.from_findings(errors)
    warnings = len(findings) - len(errors)
    if warnings:
        log.info("content_checks: %d peringatan (warnings); jalankan 'invoke check'", warnings)


def _hold_scheduled(generator) -> None:
    """Move future-dated articles to the drafts: hidden when published, shown in preview."""
    settings = generator.settings
    now = build_now(settings.get("PORTAL_NOW"), settings.get("TIMEZONE") or "Asia/Jakarta")
    published, scheduled = split_scheduled(generator.articles, now)
    if not scheduled:
        return
    for article in scheduled:
        article.status = "draft"
        article.scheduled = True
    generator.articles = published
    generator.drafts = sorted([*generator.drafts, *scheduled], key=lambda a: a.date, reverse=True)


def register() -> None:
    signals.initialized.connect(_check_before_build)
    signals.article_generator_pretaxonomy.connect(_hold_scheduled)
