"""Run Pelican so that the media officer's mistakes never reach the published site.

* Pelican runs in-process with warnings and errors fatal (stock Pelican logs most
  content errors and exits 0 with the post silently missing).
* Errors raised by our plugins (`ContentError`) are printed as one
  `path:line: error: message` line each, with a hint, instead of a traceback.
* The site is rendered into a staging folder next to the output folder and
  swapped in only when the whole build succeeded, in one atomic step (swap.py):
  after a failure the previous site is untouched, byte for byte, and readers
  never find the output folder missing.
* One build at a time per output folder (buildlock.py); scratch files live in
  `.output.tmp` beside it, emptied at the start and end of every build.
* Operating-system errors (disk full, read-only disk, no permission) are one
  line naming the path and what to do (oserrors.py), never a traceback.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from . import oserrors
from .buildlock import DEFAULT_WAIT, BuildBusy, build_lock
from .swap import output_path, swap_in

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
    """Pelican's logging, fatal on warnings; its duplicate filter forgets the builds before.

    Pelican's `LimitFilter` keeps the messages it has let through in class attributes and
    drops a repeat, which also skips the fatal error a warning should raise: a warning
    repeated in the second build in one process (the preview, sitebuild/preview.py) would pass.
    """
    from pelican.log import LimitFilter
    from pelican.log import init as init_pelican_logging

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()

    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_pelican_logging(level=logging.WARNING, fatal="warnings", handler=handler)


def _render(
    settings_file: Path, staging: Path, scratch: Path, overrides: Mapping[str, Any], memory: dict | None
) -> list | None:
    """Run Pelican into `staging`; return the content checks' findings (None: checks not active).

    `memory`: state a long-running caller (the preview) keeps between its builds.
    """
    from pelican import Pelican, signals
    from pelican.settings import read_settings
    from portal_common.cachefile import cache_off

    from . import outputs, pagememo, rendercache

    # The staging folder holds the site of the build before: never wipe it, the
    # sweep below removes what this build did not write (see outputs.py).
    settings = read_settings(
        str(settings_file),
        override={**overrides, "OUTPUT_PATH": str(staging), "DELETE_OUTPUT_DIRECTORY": False},
    )
    cache = staging.with_name(staging.name.removesuffix(".new") + ".cache")
    settings.setdefault("PORTAL_CACHE_DIR", str(cache))  # every Store (portal_common.cachefile)
    settings.setdefault("PORTAL_SCRATCH_DIR", str(scratch))  # plugins' temporary folders
    if cache_off("outputs"):  # benchmark switch: render into an empty folder
        shutil.rmtree(staging)
        staging.mkdir()
    theme = [settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    stamp = pagememo.code_stamp(rendercache.fingerprint(settings), theme)
    memo = None if cache_off("pages") else pagememo.PageMemo(staging, cache, stamp, settings)
    readers = rendercache.ReaderCache(settings, memory)
    templates = rendercache.TemplateCache(settings)
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "bytecode_cache": templates}
    writer = outputs.site_writer(memo)

    def give_writer(_pelican):
        return writer

    signals.get_writer.connect(give_writer, weak=False)
    signals.readers_init.connect(readers.install)
    try:
        since = outputs.start_stamp(staging)
        pelican = Pelican(settings)
        pelican.run()
        outputs.sweep(staging, since)
    finally:
        signals.get_writer.disconnect(give_writer)
        signals.readers_init.disconnect(readers.install)
    readers.save()
    templates.save()
    if memo:
        memo.save()
    return getattr(pelican, "portal_check_findings", None)


def _print_warnings(findings: list, stream) -> None:
    warnings = [f for f in findings if f.severity == "warning"]
    for finding in warnings:
        print(finding.format(), file=stream)
    if warnings:
        print(f"{len(warnings)} peringatan (warnings): situs tetap dibangun.", file=stream)


def scratch_path(output: Path) -> Path:
    """The build's scratch folder, beside the output: emptied at the start and end of every build."""
    return output.with_name(f".{output.name}.tmp")


def _clear_leftovers(output: Path) -> None:
    """Remove what a killed build may have left beside the output (the lock is held)."""
    for name in (f".{output.name}.tmp", f".{output.name}.old"):  # .old: the swap of before swap.py
        shutil.rmtree(output.with_name(name), ignore_errors=True)
    for name in (f".{output.name}.stamp", f".{output.name}.link"):
        output.with_name(name).unlink(missing_ok=True)


def build_site(
    settings_file: Path,
    output: Path,
    overrides: Mapping[str, Any] | None = None,
    stream=None,
    *,
    require_checks: bool = False,
    wait: float = DEFAULT_WAIT,
    then: Callable[[Path], None] | None = None,
    memory: dict | None = None,
) -> None:
    """Build into `output` atomically; raise BuildFailed with a readable message.

    Only one build runs per output folder: this one waits up to `wait` seconds
    for another to finish. With `require_checks` (publishing), a build in which
    the content checks did not run is refused like a failed one. `then(output)`
    runs after a good build with the lock still held (publish's rsync: no build
    may swap the site while it is being copied). An OSError (disk full, no
    permission, read-only disk) becomes one line naming the path (oserrors.py).
    `memory`: a dict the caller keeps between builds in one process (the live
    preview): the rendered Markdown stays in it instead of being read from disk.
    """
    stream = stream or sys.stderr
    output = output_path(output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with build_lock(output, wait, stream):
            _build(Path(settings_file), output, overrides or {}, stream, require_checks, memory)
            if then is not None:
                then(output)
    except BuildBusy as busy:
        raise BuildFailed(f"{busy}\n{FAILURE_FOOTER}") from None
    except OSError as error:
        raise BuildFailed(f"{oserrors.describe(error, output.parent)}\n{FAILURE_FOOTER}") from None


def _build(
    settings_file: Path,
    output: Path,
    overrides: Mapping[str, Any],
    stream,
    require_checks: bool,
    memory: dict | None = None,
) -> None:
    """One build with the lock held: render into staging, then swap it in."""
    staging = output.with_name(f".{output.name}.new")
    scratch = scratch_path(output)
    try:
        _clear_leftovers(output)
        staging.mkdir(exist_ok=True)
        scratch.mkdir()
        findings = _render_checked(settings_file, staging, scratch, overrides, stream, memory)
        if findings is None and require_checks:
            shutil.rmtree(staging, ignore_errors=True)
            raise BuildFailed(
                "error: pemeriksaan konten tidak berjalan (content_checks is not in PLUGINS); "
                f"situs tidak akan diterbitkan tanpa pemeriksaan.\n{FAILURE_FOOTER}"
            )
        swap_in(staging, output)
    except OSError:
        # Half-written: dropped (this frees the disk when it is full); the next build renders afresh.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _print_warnings(findings or [], stream)


def _render_checked(
    settings_file: Path,
    staging: Path,
    scratch: Path,
    overrides: Mapping[str, Any],
    stream,
    memory: dict | None = None,
) -> list | None:
    """`_render` with its failures as BuildFailed (OSError passes through); staging stays usable."""
    from portal_common.errors import ContentError, SettingsError

    _init_logging(stream)
    try:
        findings = _render(settings_file, staging, scratch, overrides, memory)
    except ContentError as error:
        raise BuildFailed(f"{error.format()}\n{FAILURE_FOOTER}") from error
    except SettingsError as error:
        raise BuildFailed(f"{error.format(settings_file)}\n{FAILURE_FOOTER}") from error
    except TemplateError as error:
        raise BuildFailed(f"{_template_error(error)}\n{FAILURE_FOOTER}") from error
    except RuntimeError as error:
        cause = oserrors.os_error_in(error)
        if cause is not None:  # logged by Pelican while it handled an OSError: the OSError is the news
            raise cause from None
        # Pelican's fatal logger: the message itself was already printed above.
        raise BuildFailed(f"error: {error}\n{FAILURE_FOOTER}") from error
    finally:
        if staging.exists() and not (staging / "index.html").exists():
            shutil.rmtree(staging, ignore_errors=True)
    if not (staging / "index.html").exists():
        raise BuildFailed(f"error: the build wrote no index.html\n{FAILURE_FOOTER}")
    return findings


def _template_error(error: TemplateError) -> str:
    """A theme template that Jinja cannot compile or render, as `path:line: error: …`."""
    where = getattr(error, "filename", None) or getattr(error, "name", None)
    line = getattr(error, "lineno", None) or 1
    place = f"{where}:{line}: " if where else ""
    return f"{place}error: templat tema rusak (template error): {error.message or error}"


def check_content(settings_file: Path, overrides: Mapping[str, Any] | None = None, stream=None) -> bool:
    """`invoke check`: print every finding without rendering; True when there is no error."""
    from content_checks.adapter import run_check
    from pelican.settings import read_settings
    from portal_common.errors import SettingsError

    stream = stream or sys.stderr
    _plugin_path(settings_file)
    try:
        findings = run_check(read_settings(str(settings_file), override=dict(overrides or {})))
    except SettingsError as error:
        print(error.format(settings_file), file=stream)
        return False
    for finding in findings:
        print(finding.format(), file=stream)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"{errors} kesalahan (errors), {warnings} peringatan (warnings).", file=stream)
    return errors == 0
