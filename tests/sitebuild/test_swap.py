"""The new site replaces the old one with no moment without a site, and a killed build leaves nothing.

Real processes: a reader polls output/index.html in a tight loop while real
builds swap sites under it; a build is killed with SIGKILL while Pagefind
(its worker process) runs, then the next build must clean up after it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from buildprocs import (
    add_post,
    alive,
    beside,
    build_command,
    children,
    holds_lock,
    no_traceback,
    run,
    start,
    tiny_site,
    wait_for,
    with_tmpdir,
)
from conftest import tree_digest

from sitebuild import swap

AFTER_A_BUILD = {"output", ".output.new", ".output.cache", ".output.lock"}

READER = r"""
import json, os, sys
page, stop, report = sys.argv[1:]
reads = missing = partial = 0
open(report + ".ready", "w").close()  # polling starts now
while True:
    for _ in range(500):
        try:
            with open(page, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            missing += 1
            continue
        reads += 1
        if not data.rstrip().endswith(b"</html>"):
            partial += 1
    if os.path.exists(stop):
        break
with open(report, "w") as out:
    json.dump({"reads": reads, "missing": missing, "partial": partial}, out)
"""


def test_a_reader_never_finds_the_site_missing_during_builds(tmp_path):
    content = tiny_site(tmp_path)
    output = tmp_path / "site" / "output"
    assert run(build_command(content, output)).returncode == 0
    reader, stop, report = _reader(output / "index.html", tmp_path)
    try:
        for number in range(3):
            add_post(content, number)
            done = run(build_command(content, output))
            assert done.returncode == 0, done.stderr
    finally:
        seen = _stop(reader, stop, report)

    assert seen["reads"] > 1000, seen
    assert seen["missing"] == 0, f"output/index.html was missing {seen['missing']} times during the swaps"
    assert seen["partial"] == 0, seen
    assert "Kegiatan Tambahan Nomor 2" in (output / "index.html").read_text(encoding="utf-8")


def _reader(page: Path, tmp_path: Path) -> tuple[subprocess.Popen, Path, Path]:
    stop, report = tmp_path / "stop", tmp_path / "report.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(page), str(stop), str(report)])
    # A loaded machine may start the reader late: swaps only count once it is polling.
    assert wait_for(lambda: Path(f"{report}.ready").exists() or reader.poll() is not None)
    return reader, stop, report


def _stop(reader: subprocess.Popen, stop: Path, report: Path) -> dict:
    stop.touch()
    reader.wait(timeout=60)
    return json.loads(report.read_text())


def test_thousands_of_swaps_never_leave_the_output_missing(tmp_path):
    """The swap itself, repeated while a reader polls: the window of two renames shows up here."""
    output, staging = tmp_path / "output", tmp_path / ".output.new"
    for folder in (output, staging):
        folder.mkdir()
        (folder / "index.html").write_text("<html>situs</html>\n", encoding="utf-8")
    reader, stop, report = _reader(output / "index.html", tmp_path)
    try:
        started = time.monotonic()
        swaps = 0
        while swaps < 3000 or time.monotonic() - started < 2:  # long enough for >1000 reads
            swap.swap_in(staging, output)
            swaps += 1
    finally:
        seen = _stop(reader, stop, report)
    assert seen["reads"] > 1000, seen
    assert seen["missing"] == 0, f"output/index.html was missing {seen['missing']} times"


def test_swap_exchanges_the_two_folders(tmp_path):
    """After a swap the old site is the staging folder (double buffering), both complete."""
    output, staging = tmp_path / "output", tmp_path / ".output.new"
    for folder, text in ((output, "lama"), (staging, "baru")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    swap.swap_in(staging, output)
    assert (output / "index.html").read_text(encoding="utf-8") == "baru"
    assert (staging / "index.html").read_text(encoding="utf-8") == "lama"
    assert not output.is_symlink()


def test_the_first_build_has_no_old_site_to_exchange(tmp_path):
    output, staging = tmp_path / "output", tmp_path / ".output.new"
    staging.mkdir()
    (staging / "index.html").write_text("baru", encoding="utf-8")
    swap.swap_in(staging, output)
    assert (output / "index.html").read_text(encoding="utf-8") == "baru"
    assert not staging.exists()


def test_ctrl_c_stops_a_build_with_a_message_and_the_site_intact(tmp_path):
    content = tiny_site(tmp_path)
    output = tmp_path / "site" / "output"
    assert run(build_command(content, output)).returncode == 0
    before = tree_digest(output)
    add_post(content, 3)
    build = start(build_command(content, output), tmp_path / "build.log")
    assert wait_for(holds_lock(output, build.pid)), build.text()
    os.kill(build.pid, signal.SIGINT)
    code, log = build.finish()
    # 130, or death by SIGINT when Ctrl+C landed inside an exec() of a string (e.g. a dataclass being
    # created during an import): CPython then re-raises SIGINT at exit. A shell shows 130 either way.
    assert code in (130, -signal.SIGINT), log
    assert "Dihentikan (Ctrl+C); situs sebelumnya tetap utuh" in log
    assert no_traceback(log), log
    assert tree_digest(output) == before
    assert run(build_command(content, output, "--wait", "0")).returncode == 0
    assert beside(output) == AFTER_A_BUILD


def test_an_output_link_of_the_officer_is_followed_and_ours_is_not(tmp_path):
    www = tmp_path / "srv" / "www"
    www.mkdir(parents=True)
    theirs = tmp_path / "output"
    theirs.symlink_to(www)
    assert swap.output_path(theirs) == www  # built beside /srv/www, their link stays
    ours = tmp_path / "site" / "output"
    ours.parent.mkdir()
    ours.symlink_to(".output.a")
    assert swap.output_path(ours) == ours


def _pagefind_of(pid: int) -> list[int]:
    return [child for child in children(pid) if "pagefind" in Path(f"/proc/{child}/cmdline").read_text()]


@pytest.mark.parametrize("when", ["pagefind", "start"])
def test_a_killed_build_leaves_no_workers_and_the_next_build_no_leftovers(tmp_path, when):
    """SIGKILL mid-build (Pagefind running) or right after taking the lock, then a normal build.

    The builds' system temp folder is TMPDIR, private to this test: nothing may stay there.
    """
    content = tiny_site(tmp_path)
    output = tmp_path / "site" / "output"
    env = with_tmpdir(tmp_path / "systemp")
    assert run(build_command(content, output), env=env).returncode == 0
    add_post(content, 7)

    killed = start(build_command(content, output), tmp_path / "killed.log", env=env)
    if when == "pagefind":  # the search worker runs and the scratch folders exist
        assert wait_for(lambda: bool(_pagefind_of(killed.pid)), timeout=120), killed.text()
        workers = _pagefind_of(killed.pid)
    else:
        assert wait_for(holds_lock(output, killed.pid), timeout=120), killed.text()
        workers = []
    os.kill(killed.pid, signal.SIGKILL)
    killed.process.wait(timeout=30)

    assert wait_for(lambda: not any(alive(pid) for pid in workers), timeout=5), "Pagefind outlived its build"
    assert (output / "index.html").is_file(), "the previous site is still there"
    nxt = run(build_command(content, output, "--wait", "0"), env=env)  # the kernel released the lock
    assert nxt.returncode == 0, nxt.stderr
    assert no_traceback(nxt.stderr)
    assert beside(output) == AFTER_A_BUILD
    assert sorted((tmp_path / "systemp").iterdir()) == [], "scratch folders were left outside the project"
    assert "Kegiatan Tambahan Nomor 7" in (output / "index.html").read_text(encoding="utf-8")


def test_swap_falls_back_to_a_symlink_switch_where_exchange_is_refused(tmp_path):
    """Filesystems without RENAME_EXCHANGE (e.g. NFS, vfat): output becomes a symlink switched atomically."""
    output, staging = tmp_path / "output", tmp_path / ".output.new"
    for folder, text in ((output, "lama"), (staging, "baru")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    for number, text in enumerate(["baru", "lebih baru", "terbaru"]):
        if number:
            (staging / "index.html").write_text(text, encoding="utf-8")
        swap.symlink_switch(staging, output)
        assert output.is_symlink()
        assert (output / "index.html").read_text(encoding="utf-8") == text
        assert staging.is_dir() and not staging.is_symlink()
    assert {p.name for p in tmp_path.iterdir()} <= {"output", ".output.new", ".output.a", ".output.b"}


def test_builds_keep_switching_the_link_once_output_is_one(tmp_path):
    """The fallback in real builds: once output/ is the link, every build switches it atomically."""
    content = tiny_site(tmp_path)
    output = tmp_path / "site" / "output"
    for _ in range(2):  # the second build leaves the first site as .output.new
        assert run(build_command(content, output)).returncode == 0
    swap.symlink_switch(output.with_name(".output.new"), output)  # what a refused exchange does
    reader, stop, report = _reader(output / "index.html", tmp_path)
    try:
        for number in range(2):
            add_post(content, number)
            done = run(build_command(content, output))
            assert done.returncode == 0, done.stderr
            assert output.is_symlink()
    finally:
        seen = _stop(reader, stop, report)

    assert seen["reads"] > 1000 and seen["missing"] == 0, seen
    assert "Kegiatan Tambahan Nomor 1" in (output / "index.html").read_text(encoding="utf-8")
    assert beside(output) == {"output", ".output.a", ".output.new", ".output.cache", ".output.lock"}
