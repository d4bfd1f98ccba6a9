"""Publishing that cannot finish (no rsync, a read-only or failing destination) says so in one line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from buildprocs import build_command, no_traceback, run, tiny_site
from conftest import tree_digest

FOOTER = "Penerbitan dibatalkan"
BUILD_FOOTER = "situs sebelumnya tetap utuh"


def _publish(content: Path, output: Path, target: Path, **kwargs) -> subprocess.CompletedProcess:
    return run(build_command(content, output, "--publish", str(target), settings="publishconf.py"), **kwargs)


def _one_error_line(stderr: str) -> str:
    assert no_traceback(stderr), stderr
    lines = [line for line in stderr.splitlines() if ": error: " in line or line.startswith("error: ")]
    assert len(lines) == 1, stderr
    return lines[0]


def test_missing_rsync_stops_before_building(tmp_path):
    content = tiny_site(tmp_path)
    empty = tmp_path / "bin"
    empty.mkdir()
    done = _publish(content, tmp_path / "output", tmp_path / "www", env={"PATH": str(empty)})
    assert done.returncode == 1
    assert "rsync tidak terpasang" in _one_error_line(done.stderr)
    assert FOOTER in done.stderr
    assert not (tmp_path / "output").exists(), "nothing was built for a publish that cannot deploy"
    assert not (tmp_path / "www").exists()


@pytest.fixture
def read_only_disk(tmp_path):
    """A tmpfs with an old site in `www/`, then remounted read-only."""
    disk = tmp_path / "server"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): no read-only destination")
    (disk / "www").mkdir()
    (disk / "www" / "index.html").write_text("<html>situs lama</html>\n", encoding="utf-8")
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is installed by bootstrap.sh")
def test_failing_rsync_is_a_message_naming_the_destination(tmp_path, read_only_disk):
    content = tiny_site(tmp_path)
    target = read_only_disk / "www"
    before = tree_digest(target)
    done = _publish(content, tmp_path / "output", target)
    assert done.returncode == 1
    line = _one_error_line(done.stderr)
    assert "rsync gagal" in line and str(target) in line
    assert FOOTER in done.stderr and BUILD_FOOTER not in done.stderr
    assert tree_digest(target) == before


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is installed by bootstrap.sh")
def test_destination_that_cannot_be_created_is_a_message(tmp_path, read_only_disk):
    content = tiny_site(tmp_path)
    target = read_only_disk / "baru" / "www"
    done = _publish(content, tmp_path / "output", target)
    assert done.returncode == 1
    line = _one_error_line(done.stderr)
    assert "hanya-baca" in line and str(read_only_disk / "baru") in line
    assert FOOTER in done.stderr and BUILD_FOOTER not in done.stderr
    assert (tmp_path / "output" / "index.html").is_file(), "the local build itself succeeded"
