"""The officer's commands (invoke tasks) as typed, in a throwaway copy of the project."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from buildprocs import build_command, holds_lock, no_traceback, start, tiny_site, wait_for

ROOT = Path(__file__).resolve().parent.parent
QUICKSTART_NAMES = {"build", "rebuild", "serve", "livereload", "preview", "publish", "gh-pages", "clean"}
OUR_NAMES = {"new", "test", "check", "import-html"}
SKIP = shutil.ignore_patterns(".git", ".venv", "output", ".output.*", "node_modules", "__pycache__", "bench")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("project") / "portal"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    return copy


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_SSH")}
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_task_names_follow_pelican_quickstart(project):
    listing = invoke(project, "--list")
    assert listing.returncode == 0, listing.stderr
    names = {line.split()[0] for line in listing.stdout.splitlines()[1:] if line.strip()}
    assert names >= QUICKSTART_NAMES | OUR_NAMES


def test_new_post_is_a_draft_that_builds(project):
    created = invoke(project, "new", "Rapat Koordinasi PPS Jelang Pilkada", "--rubric", "Kegiatan")
    assert created.returncode == 0, created.stderr
    [post] = (project / "content" / "posts").rglob("*-rapat-koordinasi-pps-jelang-pilkada.md")
    assert "Status: draft" in post.read_text(encoding="utf-8")

    built = invoke(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    draft = project / "output" / "draf" / "rapat-koordinasi-pps-jelang-pilkada" / "index.html"
    assert "Rapat Koordinasi PPS Jelang Pilkada" in draft.read_text(encoding="utf-8")


def test_new_post_refuses_an_unknown_rubric(project):
    refused = invoke(project, "new", "Judul", "--rubric", "Gosip")
    assert refused.returncode == 2
    assert "rubrik 'Gosip' tidak dikenal" in refused.stdout + refused.stderr


def test_publish_without_a_destination_says_what_to_set(project):
    refused = invoke(project, "publish")
    assert refused.returncode == 2
    assert "PORTAL_SSH_HOST" in refused.stdout + refused.stderr
    assert not (project / "output" / "sitemap.xml").exists(), "nothing was built for publishing"


def test_clean_refuses_while_a_build_runs_then_removes_every_build_folder(project, tmp_path):
    content = tiny_site(tmp_path)
    output = project / "output"
    command = build_command(content, output)
    assert subprocess.run(command, cwd=project, capture_output=True, timeout=300).returncode == 0
    running = start(command, tmp_path / "build.log", cwd=project)
    try:
        assert wait_for(holds_lock(output, running.pid)), running.text()
        os.kill(running.pid, signal.SIGSTOP)
        refused = invoke(project, "clean")
    finally:
        os.kill(running.pid, signal.SIGKILL)
        running.process.wait(timeout=30)

    assert refused.returncode == 1
    assert f"Build lain sedang berjalan untuk {output} (PID {running.pid})" in refused.stderr
    assert no_traceback(refused.stdout + refused.stderr)
    assert (output / "index.html").is_file()

    cleaned = invoke(project, "clean")
    assert cleaned.returncode == 0, cleaned.stderr
    assert {p.name for p in project.iterdir() if "output" in p.name} == {".output.lock"}


@pytest.fixture
def read_only(project):
    """The project copy bind-mounted read-only over itself (as on a disk mounted read-only)."""
    mounted = subprocess.run(["mount", "--bind", str(project), str(project)], check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot bind-mount here (needs root or CAP_SYS_ADMIN): no read-only project")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(project)], check=True)
        yield project
    finally:
        subprocess.run(["umount", "-l", str(project)], check=False)


def test_build_on_a_read_only_disk_is_one_clear_line(read_only):
    refused = invoke(read_only, "build")
    assert refused.returncode == 1
    text = refused.stdout + refused.stderr
    assert no_traceback(text), text
    assert f"{read_only}: error: disk ini hanya-baca" in text
    assert "Build dibatalkan; situs sebelumnya tetap utuh" in text
