"""Pelican adapter: fingerprinted theme files, host files and precompressed siblings.

* `initialized`: read the theme's static files, derive the first-screen sheets and
  name every file after its content; Pelican's own theme copy is switched off
  (THEME_STATIC_PATHS = []) because this plugin publishes those files.
* `generator_init`: templates get `asset('css/portal.css')` (the published path)
  and `hosting_csp` (the CSP for the <meta> tag, from the same policy as the headers).
* `finalized` (last in PLUGINS, after site_search wrote the search index): write the
  theme files, `.htaccess` + `_headers` + `_redirects` (HOSTING_HOST_FILES) and the
  `.br`/`.gz` siblings (HOSTING_PRECOMPRESS), each only when its bytes changed.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from pelican import signals
from portal_common import build
from portal_common.cachefile import Memo
from portal_common.outputfiles import write_if_changed

from .core import assets, compress, render
from .core import settings as hosting_settings
from .core.policy import IMMUTABLE, csp_meta

log = logging.getLogger(__name__)
HOST_FILES = (".htaccess", "_headers", "_redirects")


@dataclass(frozen=True)
class _State:
    """This build's theme files (by theme name) and their published names."""

    files: dict[str, bytes]
    names: dict[str, str]
    since: int  # files with an older ctime are left from an earlier build (sitebuild sweeps them)


def _initialized(pelican) -> None:
    settings = pelican.settings
    this = build.start(pelican)  # checks every setting (portal_common.build)
    roots = [Path(settings["THEME"]) / folder for folder in settings.get("THEME_STATIC_PATHS", ["static"])]
    files = assets.with_first_screen(assets.theme_files(roots))
    state = _State(files, assets.published_names(files), _filesystem_now(Path(pelican.output_path)))
    this.hosting = state
    settings["THEME_STATIC_PATHS"] = []  # published here, under fingerprinted names
    _fingerprint_committee_logo(settings, state)


def _fingerprint_committee_logo(settings, state: _State) -> None:
    """PORTAL_COMMITTEE["logo"] naming a theme file ("theme/img/logo.svg") gets its published name."""
    static_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    committee = settings.get("PORTAL_COMMITTEE")
    logo = committee.get("logo") if isinstance(committee, dict) else None
    if not isinstance(logo, str) or not logo.startswith(static_dir + "/"):
        return
    name = logo[len(static_dir) + 1 :]
    if name in state.names:
        settings["PORTAL_COMMITTEE"] = {**committee, "logo": f"{static_dir}/{state.names[name]}"}


def theme_file(settings: dict, name: str) -> str:
    """Where a theme file is published, from the site root: 'css/portal.css' ->
    'theme/css/portal.3f2a9c1b4d.css' (or 'theme/css/portal.css' without this plugin)."""
    static_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    state = getattr(settings.get(build.KEY), "hosting", None)
    return f"{static_dir}/{state.names[name] if state else name}"


def _filesystem_now(folder: Path) -> int:
    """The ctime a file written now gets, in ns (the filesystem's clock, not the wall clock)."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=folder) as probe:
        return os.fstat(probe.fileno()).st_ctime_ns


def _this_build(output: Path, since: int) -> list[str]:
    """Site paths of the files this build wrote or kept, minus host files and siblings."""
    found = []
    for root, dirs, files in os.walk(output):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if name in HOST_FILES or name.endswith(compress.SIBLINGS) or os.lstat(path).st_ctime_ns < since:
                continue
            found.append("/" + Path(path).relative_to(output).as_posix())
    return found


def _share(generator) -> None:
    state = build.of(generator.settings).hosting
    static_dir = generator.settings.get("THEME_STATIC_DIR", "theme")
    generator.context["asset"] = assets.AssetUrls(static_dir, state.names)
    generator.context["hosting_csp"] = csp_meta()


def _write_theme_files(output: Path, static_dir: str, state: _State) -> None:
    for name, data in state.files.items():
        target = output / static_dir / state.names[name]
        target.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(target, data)


def _write_host_files(output: Path, conf: hosting_settings.HostingSettings, files: list[str]) -> None:
    policy = conf.policy()
    entries = sorted({path[1:].split("/", 1)[0] + ("/" if path.count("/") > 1 else "") for path in files})
    typed = render.typed_paths(policy, files)
    write_if_changed(output / ".htaccess", render.htaccess(policy).encode("utf-8"))
    write_if_changed(output / "_headers", render.netlify_headers(policy, entries, typed).encode("utf-8"))
    write_if_changed(output / "_redirects", render.netlify_redirects(policy).encode("utf-8"))


def _precompress(output: Path, conf: hosting_settings.HostingSettings, settings, files: list[str]) -> None:
    memo = Memo.open(settings, "hosting-precompressed", compress.VERSION)
    written = 0
    policy = conf.policy()
    for site_path in compress.candidates(
        files, conf.min_bytes, lambda name: (output / name[1:]).stat().st_size
    ):
        path = output / site_path[1:]
        data = path.read_bytes()
        quality = compress.BEST if policy.cache_control(site_path) == IMMUTABLE else compress.FAST
        encoded = memo.get(
            lambda _digest, _quality, data=data, quality=quality: compress.compressed(data, quality),
            sha256(data).hexdigest(),
            str(quality),
        )
        for suffix, blob in zip(compress.SIBLINGS, encoded, strict=True):
            sibling = Path(os.fspath(path) + suffix)
            if len(blob) < len(data):
                written += write_if_changed(sibling, blob)
    memo.save()
    log.info("hosting: %d precompressed files written (%d compressions reused)", written, memo.hits)


def _finalized(pelican) -> None:
    settings = pelican.settings
    output = Path(pelican.output_path)
    conf = hosting_settings.read(settings)  # again: other plugins may have added path policies
    state = build.of(settings).hosting
    _write_theme_files(output, settings.get("THEME_STATIC_DIR", "theme").strip("/"), state)
    if not (conf.host_files or conf.precompress):
        return
    files = _this_build(output, state.since)
    if conf.host_files:
        _write_host_files(output, conf, files)
    if conf.precompress:
        _precompress(output, conf, settings, files)


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.generator_init.connect(_share)
    signals.finalized.connect(_finalized)
