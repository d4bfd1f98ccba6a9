"""Pure core of site search: settings, the Pagefind command line, its report.

Pagefind runs as the binary shipped in the pinned PyPI package `pagefind-bin`
(nothing is downloaded at build time). Pages opt in with `data-pagefind-body`
(post and page bodies only), so navigation and footer text never match.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from portal_common.errors import SettingsError

from .canonical import BundleFormatError, canonicalize_bundle

DEFAULT_LANGUAGE = "id"
DEFAULT_BUNDLE_DIR = "pagefind"
DEFAULT_PAGE_URL = "cari/"
NAV_LABEL = "Cari"
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_BUNDLE_DIR = re.compile(r"^[a-z0-9_-]+$")
# Pagefind's ready-made interfaces: never loaded by our page (cari.js uses the API).
UNUSED_UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
NO_BODY_MARKER = "Did not find a data-pagefind-body element"
_COUNTS = re.compile(r"Indexed (\d+) (language|page|word|filter|sort)s?")


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its own output for the developer."""


@dataclass(frozen=True)
class SearchSettings:
    """What the search plugin reads from the Pelican settings, validated once."""

    enabled: bool = True
    language: str = DEFAULT_LANGUAGE
    bundle_dir: str = DEFAULT_BUNDLE_DIR
    page_url: str = DEFAULT_PAGE_URL
    exclude_selectors: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndexReport:
    """What one Pagefind run indexed, parsed from its log, and how long it took."""

    pages: int
    words: int
    filters: int
    seconds: float
    log: str


def read_settings(settings: Mapping[str, object]) -> SearchSettings:
    """Validate the PORTAL_SEARCH_* settings, naming the bad one."""
    enabled = settings.get("PORTAL_SEARCH_ENABLED", True)
    if not isinstance(enabled, bool):
        raise SettingsError("PORTAL_SEARCH_ENABLED", "must be True or False")
    language = settings.get("PORTAL_SEARCH_LANGUAGE", DEFAULT_LANGUAGE)
    if not isinstance(language, str) or not _LANGUAGE.match(language):
        raise SettingsError("PORTAL_SEARCH_LANGUAGE", f"{language!r} is not a two-letter ISO 639-1 code")
    bundle = settings.get("PORTAL_SEARCH_BUNDLE_DIR", DEFAULT_BUNDLE_DIR)
    if not isinstance(bundle, str) or not _BUNDLE_DIR.match(bundle):
        raise SettingsError("PORTAL_SEARCH_BUNDLE_DIR", f"{bundle!r} must be one plain folder name")
    page_url = settings.get("PORTAL_SEARCH_URL", DEFAULT_PAGE_URL)
    if not isinstance(page_url, str) or not page_url.endswith("/") or page_url.startswith("/"):
        raise SettingsError(
            "PORTAL_SEARCH_URL",
            f"{page_url!r} must be relative and end with '/', e.g. 'cari/'",
        )
    excludes = settings.get("PORTAL_SEARCH_EXCLUDE", ())
    if isinstance(excludes, str) or not all(isinstance(s, str) and s for s in excludes):
        raise SettingsError("PORTAL_SEARCH_EXCLUDE", "must be a list of CSS selectors")
    return SearchSettings(enabled, language, bundle, page_url, tuple(excludes))


def pagefind_executable() -> Path:
    """The Pagefind binary shipped inside the `pagefind-bin` wheel."""
    from pagefind_bin import get_executable

    return get_executable()


def pagefind_command(site: Path, cfg: SearchSettings, executable: Path) -> list[str]:
    """Every option on the command line, so no stray pagefind.yml can change the index."""
    command = [
        str(executable),
        "--site",
        str(site),
        "--output-subdir",
        cfg.bundle_dir,
        "--force-language",
        cfg.language,
    ]
    if cfg.exclude_selectors:
        command += ["--exclude-selectors", ",".join(cfg.exclude_selectors)]
    return command


def parse_report(log: str, seconds: float) -> IndexReport:
    """Read the totals Pagefind prints ("Indexed 12 pages", ...)."""
    counts = {kind: int(n) for n, kind in _COUNTS.findall(log)}
    return IndexReport(
        pages=counts.get("page", 0),
        words=counts.get("word", 0),
        filters=counts.get("filter", 0),
        seconds=seconds,
        log=log,
    )


def build_index(site: Path, cfg: SearchSettings, executable: Path | None = None) -> IndexReport:
    """Run Pagefind over the finished site in `site`; raise SearchIndexError on failure."""
    site = Path(site)
    if not site.is_dir():
        raise SearchIndexError(f"output folder {site} does not exist")
    binary = executable or pagefind_executable()
    command = pagefind_command(site, cfg, binary)
    # The output folder may hold the previous site (sitebuild writes only what
    # changed): Pagefind leaves existing fragment files alone, so start empty.
    shutil.rmtree(site / cfg.bundle_dir, ignore_errors=True)
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=site,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"could not run Pagefind ({binary}): {err}") from err
    log = done.stdout + done.stderr
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind exited with {done.returncode}:\n{log.strip()}")
    if NO_BODY_MARKER in log:
        raise SearchIndexError(
            "no page has a data-pagefind-body element: the templates of posts and "
            "pages must mark their body, or the index fills with navigation text"
        )
    drop_unused_ui(site / cfg.bundle_dir)
    try:
        canonicalize_bundle(site / cfg.bundle_dir)
    except (BundleFormatError, OSError) as err:
        raise SearchIndexError(f"could not make Pagefind's bundle reproducible: {err}") from err
    seconds = time.perf_counter() - started
    return parse_report(log, seconds)


def drop_unused_ui(bundle: Path) -> None:
    """Remove the UI bundles (~400 KB) nobody requests, so publishing copies less."""
    for name in UNUSED_UI_FILES:
        (bundle / name).unlink(missing_ok=True)
