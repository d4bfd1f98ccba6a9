"""Run Pelican so that the media officer's mistakes never reach the published site.

* Pelican runs in-process with warnings and errors fatal (stock Pelican logs most
  content errors and exits 0 with the post silently missing).
* Errors raised by our plugins (`ContentError`) are printed as one
  `path:line: error: message` line each, with a hint, instead of a traceback.
* The site is rendered into a fresh staging folder next to the output folder and
  swapped in only when the whole build succeeded: after a failure the previous
  site is untouched, byte for byte.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FAILURE_FOOTER = (
    "Build dibatalkan; situs sebelumnya tetap utuh. (Build stopped; the previous site is unchanged.)"
)


class BuildFailed(Exception):
    """The build stopped; `str()` is the message for the media officer."""


def _plugin_path(settings_file: Path) -> None:
    plugins = str(settings_file.resolve().parent / "plugins")
    if plugins not in sys.path:
        sys.path.insert(0, plugins)


def _init_logging(stream) -> None:
    from pelican.log import init as init_pelican_logging

    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_pelican_logging(level=logging.WARNING, fatal="warnings", handler=handler)


def _render(settings_file: Path, staging: Path, overrides: Mapping[str, Any]) -> list | None:
    """Run Pelican into `staging`; return the content checks' findings (None: checks not active)."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    from . import outputs, rendercache

    # The staging folder holds the site of the build before: never wipe it, the
    # sweep below removes what this build did not write (see outputs.py).
    settings = read_settings(
        str(settings_file),
        override={**overrides, "OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False},
    )
    cache = staging.with_name(staging.name.removesuffix(".new") + ".cache")
    settings.setdefault("PORTAL_CACHE_DIR", str(cache))  # plugins' memos (portal_common.buildcache)
    memo = _page_memo(settings, staging, cache)
    _jinja_bytecode_cache(settings, cache / "jinja")
    rendercache.configure(settings, cache / "render")
    writer = outputs.memo_writer(memo) if memo else outputs.SkipUnchangedWriter

    def give_writer(_pelican):
        return writer

    signals.get_writer.connect(give_writer, weak=False)
    signals.readers_init.connect(rendercache.use_file_stamps)
    try:
        since = outputs.start_stamp(staging)
        pelican = Pelican(settings)
        pelican.run()
        outputs.sweep(staging, since)
    finally:
        signals.get_writer.disconnect(give_writer)
        signals.readers_init.disconnect(rendercache.use_file_stamps)
    if memo:
        memo.save()
    return getattr(pelican, "portal_check_findings", None)


def _page_memo(settings: dict, staging: Path, cache: Path):
    """This build's page memo (sitebuild/pagememo.py), or None when PORTAL_PAGE_MEMO is off."""
    from portal_common.errors import SettingsError

    from . import pagememo, rendercache

    enabled = settings.get("PORTAL_PAGE_MEMO", True)
    if not isinstance(enabled, bool):
        raise SettingsError("PORTAL_PAGE_MEMO", "must be True or False")
    if not enabled:
        return None
    theme = [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    stamp = pagememo.code_stamp(rendercache.fingerprint(settings), theme)
    return pagememo.PageMemo(staging, cache / "pages", stamp, settings)


def _jinja_bytecode_cache(settings: dict, folder: Path) -> None:
    """Compiled templates kept across builds (Jinja checks each template's source).

    Compiling the theme is ~1 s of every build otherwise.
    """
    from .rendercache import SealedBytecodeCache

    folder.mkdir(parents=True, exist_ok=True)
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    jinja["bytecode_cache"] = SealedBytecodeCache(str(folder))
    settings["JINJA_ENVIRONMENT"] = jinja


def _print_warnings(findings: list, stream) -> None:
    warnings = [f for f in findings if f.severity == "warning"]
    for finding in warnings:
        print(finding.format(), file=stream)
    if warnings:
        print(f"{len(warnings)} peringatan (warnings): situs tetap dibangun.", file=stream)


def _swap_in(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with renames, so readers never see half a site.

    The retired site becomes the next build's staging folder (outputs.py): nothing
    is deleted wholesale, and unchanged files keep their bytes and mtime.
    """
    retired = output.with_name(f".{output.name}.old")
    if retired.exists():
        shutil.rmtree(retired)
    if output.exists():
        os.replace(output, retired)
    os.replace(staging, output)
    if retired.exists():
        os.replace(retired, staging)


def build_site(
    settings_file: Path,
    output: Path,
    overrides: Mapping[str, Any] | None = None,
    stream=None,
    *,
    require_checks: bool = False,
) -> None:
    """Build into `output` atomically; raise BuildFailed with a readable message.

    With `require_checks` (publishing), a build in which the content checks did
    not run is refused like a failed one.
    """
    from portal_common.errors import ContentError, SettingsError

    stream = stream or sys.stderr
    settings_file = Path(settings_file)
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".{output.name}.new")
    staging.mkdir(exist_ok=True)
    _init_logging(stream)
    try:
        findings = _render(settings_file, staging, overrides or {})
    except ContentError as error:
        raise BuildFailed(f"{error.format()}\n{FAILURE_FOOTER}") from error
    except SettingsError as error:
        raise BuildFailed(f"{settings_file}: error: {error}\n{FAILURE_FOOTER}") from error
    except RuntimeError as error:
        # Pelican's fatal logger: the message itself was already printed above.
        raise BuildFailed(f"error: {error}\n{FAILURE_FOOTER}") from error
    finally:
        if staging.exists() and not (staging / "index.html").exists():
            shutil.rmtree(staging, ignore_errors=True)
    if not (staging / "index.html").exists():
        raise BuildFailed(f"error: the build wrote no index.html\n{FAILURE_FOOTER}")
    if findings is None and require_checks:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(
            "error: pemeriksaan konten tidak berjalan (content_checks is not in PLUGINS); "
            f"situs tidak akan diterbitkan tanpa pemeriksaan.\n{FAILURE_FOOTER}"
        )
    _swap_in(staging, output)
    _print_warnings(findings or [], stream)


def check_content(settings_file: Path, overrides: Mapping[str, Any] | None = None, stream=None) -> bool:
    """`invoke check`: print every finding without rendering; True when there is no error."""
    from content_checks.adapter import check_settings
    from pelican.settings import read_settings
    from portal_common.errors import SettingsError

    stream = stream or sys.stderr
    _plugin_path(settings_file)
    try:
        findings = check_settings(read_settings(str(settings_file), override=dict(overrides or {})))
    except SettingsError as error:
        print(f"{settings_file}: error: {error}", file=stream)
        return False
    for finding in findings:
        print(finding.format(), file=stream)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"{errors} kesalahan (errors), {warnings} peringatan (warnings).", file=stream)
    return errors == 0
