"""Shared fixtures: real Pelican builds (through `python -m sitebuild`) into temp dirs."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
# The demo is built as of this moment (WIB), so stage statuses, the countdown and
# scheduled posts are the same on every machine and every day.
DEMO_NOW = "2024-02-10T12:00:00+07:00"


@dataclass
class Build:
    """The result of one real build: exit code, what it printed, where it wrote."""

    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def messages(self) -> str:
        return self.stdout + self.stderr

    def page(self, url_path: str) -> str:
        """The HTML of a page by its URL path ("" for the home page)."""
        target = self.output / url_path.strip("/")
        if not url_path or url_path.endswith("/"):
            target = target / "index.html"
        return target.read_text(encoding="utf-8")


def run_build(
    output: Path,
    *,
    content: Path | None = None,
    settings: str = "pelicanconf.py",
    overrides: dict | None = None,
) -> Build:
    """Run the real build in a subprocess (fatal warnings, atomic output)."""
    command = [sys.executable, "-m", "sitebuild", "-s", str(ROOT / settings), "-o", str(output)]
    if content is not None:
        command += ["-c", str(content)]
    for key, value in (overrides or {}).items():
        command += ["--set", f"{key}={json.dumps(value)}"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    return Build(done.returncode, done.stdout, done.stderr, output)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its SHA-256: to prove a site is byte-identical."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def build_site():
    """Factory fixture: `build_site(output, content=..., settings=..., overrides=...)`."""
    return run_build


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Build:
    """The demo site as the officer previews it (pelicanconf.py), built once per session."""
    build = run_build(tmp_path_factory.mktemp("demo") / "output", overrides={"PORTAL_NOW": DEMO_NOW})
    assert build.ok, build.messages
    return build


@pytest.fixture(scope="session")
def published_build(tmp_path_factory) -> Build:
    """The demo site as published (publishconf.py: absolute URLs, no drafts)."""
    build = run_build(
        tmp_path_factory.mktemp("published") / "output",
        settings="publishconf.py",
        overrides={"PORTAL_NOW": DEMO_NOW},
    )
    assert build.ok, build.messages
    return build


# Debian's Chromium driven by Playwright (never a downloaded browser). One per test
# worker: Playwright's sync API allows one running instance per thread, so every test
# that needs a browser (tests/browser, hosting, the preview server) shares this one.
CHROMIUM = Path("/usr/bin/chromium")
# Without these, Chromium keeps trying to reach Google's services on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run ./bootstrap.sh test (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
