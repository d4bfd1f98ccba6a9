"""Pelican side of the web editor: write output/admin/ after the site is written.

Settings (pelicanconf.py / publishconf.py):
    WEB_EDITOR_LOCAL_BACKEND  URL of the local proxy (decap-server) for `invoke edit`; "" = none
    WEB_EDITOR_BACKEND        Decap backend dict for the published site (GitHub by default)
    WEB_EDITOR_NODE_MODULES   where the pinned npm packages are (default: <project>/node_modules)
    WEB_EDITOR_ENABLED        False leaves /admin/ out of the build
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from content_checks.config import CheckSettings
from election_stages.core import load_elections
from election_stages.core.settings import StageSettings
from hosting.adapter import theme_file
from officers.core.config import OfficerConfig
from officers.core.model import CONFIG_FILES, load_setup
from pelican import signals
from polling_places.core import FILE_NAME as POLLING_PLACES_FILE
from portal_common import build, outputfiles
from portal_common.options import NONE, option

from . import core

ADMIN_DIR = "admin"
GITHUB = {"name": "github", "repo": "", "branch": "main"}


def _backend(value: dict | None) -> str | None:
    if not value or value.get("name"):
        return None
    return "must be a Decap backend dict, e.g. {'name': 'github', 'repo': 'o/r'}"


def _loopback(value: str | None) -> str | None:
    if not value or value.startswith(("http://127.0.0.1:", "http://localhost:")):
        return None
    return "must be a loopback URL, e.g. http://127.0.0.1:8081/api/v1"


@dataclass(frozen=True)
class EditorOptions:
    enabled: bool = option("WEB_EDITOR_ENABLED", bool, True)
    backend: dict = option("WEB_EDITOR_BACKEND", (dict, NONE), GITHUB, _backend, lambda b: dict(b or GITHUB))
    local_backend: str = option("WEB_EDITOR_LOCAL_BACKEND", (str, NONE), "", _loopback, lambda u: u or "")
    node_modules: str | None = option("WEB_EDITOR_NODE_MODULES", (str, os.PathLike, NONE), None)


def _settings(settings: dict) -> core.EditorSettings:
    conf = build.of(settings).options(EditorOptions)
    return core.EditorSettings(conf.local_backend, dict(conf.backend), settings.get("SITEURL") or "")


def _data(settings: dict) -> core.EditorData:
    this = build.of(settings)
    content = Path(settings["PATH"]).resolve()
    repo_root = content.parent
    stages = this.options(StageSettings)
    elections = this.call(load_elections, stages.data_dir, stages.display_root)
    officer_conf = this.options(OfficerConfig)
    setup = None
    if all((officer_conf.data_dir / name).is_file() for name in CONFIG_FILES):
        setup = load_setup(officer_conf.data_dir, officer_conf.shown(officer_conf.data_dir))
    limits = this.options(CheckSettings).summary_limits
    return core.EditorData(
        content=content.name,
        rubrics=tuple(settings["PORTAL_RUBRICS"]),
        stages=tuple(
            (f"{stage.name} · {election.name}", stage.slug)
            for election in elections
            for top in election.stages
            for stage in top.walk()
        ),
        elections=tuple((e.name, e.source) for e in elections),
        desas=tuple(desa.name for desa in setup.desas) if setup else (),
        desa_slugs=tuple((desa.name, desa.slug) for desa in setup.desas) if setup else (),
        divisions=tuple((d.name, d.slug) for d in setup.divisions) if setup else (),
        officer_files=core.officer_files(
            officer_conf.data_dir.resolve(), repo_root, {b.slug: b for b in setup.bodies}, CONFIG_FILES
        )
        if setup
        else (),
        galleries=core.galleries(officer_conf.gallery_dir),
        summary_limit=int(limits[0]),
        polling_places=_polling_places_file(officer_conf.data_dir, repo_root),
        author=str(settings.get("AUTHOR") or ""),
    )


def _polling_places_file(data_dir: Path, repo_root: Path) -> str:
    path = data_dir.resolve() / POLLING_PLACES_FILE
    return path.relative_to(repo_root).as_posix() if path.is_file() else ""


def _node_modules(settings: dict) -> Path:
    configured = build.of(settings).options(EditorOptions).node_modules
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "node_modules"


def write_admin(pelican) -> None:
    """Write /admin/: the pinned CMS bundle, our modules, config.yml and index.html."""
    settings = pelican.settings
    if not build.of(settings).options(EditorOptions).enabled:
        return
    editor = _settings(settings)
    data = _data(settings)
    files = core.bundle_files(_node_modules(settings))
    target = Path(pelican.output_path) / ADMIN_DIR
    for source, name in files:
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        outputfiles.copy_if_changed(source, path)
    generated = {
        "config.yml": core.config_yaml(core.build_config(data, editor)),
        "settings.json": core.editor_js_settings(data, theme_file(settings, "css/portal.css")),
        "index.html": core.index_html(
            editor.csp, settings.get("SITENAME", ""), theme_file(settings, "img/logo.svg")
        ),
    }
    for name, text in generated.items():
        outputfiles.write_if_changed(target / name, text.encode("utf-8"))


def add_admin_policy(pelican) -> None:
    """Hand /admin/'s own CSP to the hosting plugin's header files (HOSTING_PATH_POLICIES).

    The public CSP would block the editor, and browsers enforce every policy they get,
    so /admin/ must carry only this one.
    """
    settings = pelican.settings
    if not build.start(pelican).options(EditorOptions).enabled:
        return
    policies = dict(settings.get("HOSTING_PATH_POLICIES") or {})
    # A policy the site's settings give /admin/ explicitly wins over the derived one.
    policies[f"/{ADMIN_DIR}/"] = {
        "Content-Security-Policy": _settings(settings).csp,
        **policies.get(f"/{ADMIN_DIR}/", {}),
    }
    settings["HOSTING_PATH_POLICIES"] = policies


def register() -> None:
    signals.initialized.connect(add_admin_policy)
    signals.finalized.connect(write_admin)


__all__ = ["register", "write_admin"]
