"""Disk full, read-only disk, permission denied: one Indonesian line, the footer, the old site intact.

Real faults: a small tmpfs filled to the last byte, a tmpfs remounted read-only,
and a build run as the unprivileged user `nobody` (the tests run as root, for
whom chmod denies nothing) into a folder it may no longer write.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from buildprocs import add_post, beside, build_command, no_traceback, run, tiny_site
from conftest import tree_digest

FOOTER = "Build dibatalkan; situs sebelumnya tetap utuh"


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]
    if subprocess.run(mount, check=False).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): no real disk-full fault")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    """Write one file until the filesystem has no byte left."""
    filler = folder / "filler"
    chunk = b"\0" * 65536
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(chunk)
        except OSError:
            pass
        try:
            while True:
                handle.write(b"\0")
        except OSError:
            pass
    return filler


def _assert_one_clear_line(stderr: str, *words: str) -> None:
    assert no_traceback(stderr), stderr
    errors = [line for line in stderr.splitlines() if ": error: " in line or line.startswith("error: ")]
    assert len(errors) == 1, stderr
    for word in words:
        assert word in errors[0], errors[0]
    assert FOOTER in stderr


def test_disk_full_is_a_message_and_the_previous_site_stays(tmp_path):
    content = tiny_site(tmp_path)
    with tmpfs(tmp_path / "disk", "64m") as disk:  # the site with /admin/ is ~8 MB, twice (double buffer)
        output = disk / "site" / "output"
        assert run(build_command(content, output)).returncode == 0
        before = tree_digest(output)
        filler = _fill(disk)
        add_post(content, 1)

        full = run(build_command(content, output))

        assert full.returncode == 1
        _assert_one_clear_line(full.stderr, "disk penuh", str(disk / "site"), "kosongkan ruang")
        assert tree_digest(output) == before
        assert beside(output) == {"output", ".output.cache", ".output.lock"}, "partial staging removed"

        filler.unlink()
        again = run(build_command(content, output))
        assert again.returncode == 0, again.stderr
        assert "Kegiatan Tambahan Nomor 1" in (output / "index.html").read_text(encoding="utf-8")


def test_read_only_output_disk_is_a_message_and_the_previous_site_stays(tmp_path):
    content = tiny_site(tmp_path)
    with tmpfs(tmp_path / "disk", "64m") as disk:
        output = disk / "site" / "output"
        assert run(build_command(content, output)).returncode == 0
        before = tree_digest(output)
        add_post(content, 1)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)

        refused = run(build_command(content, output))

        assert refused.returncode == 1
        _assert_one_clear_line(refused.stderr, "hanya-baca", str(disk / "site"))
        assert tree_digest(output) == before


def _without_root_override(command: list[str]) -> list[str]:
    """`command` as root but without CAP_DAC_OVERRIDE (util-linux setpriv): file modes apply again."""
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner", "--", *command]


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="setpriv (util-linux) drops root's override")
def test_permission_denied_is_a_message_and_the_previous_site_stays(tmp_path):
    content = tiny_site(tmp_path)
    site = tmp_path / "site"
    output = site / "output"
    assert run(build_command(content, output)).returncode == 0
    before = tree_digest(output)
    add_post(content, 1)
    site.chmod(0o555)  # the officer's account may no longer write where the site is built
    try:
        denied = run(_without_root_override(build_command(content, output)))
    finally:
        site.chmod(0o755)

    assert denied.returncode == 1
    _assert_one_clear_line(denied.stderr, "izin", str(site))
    assert tree_digest(output) == before


def test_output_inside_a_file_is_a_message(tmp_path):
    content = tiny_site(tmp_path)
    (tmp_path / "berkas").write_text("bukan folder", encoding="utf-8")
    done = run(build_command(content, tmp_path / "berkas" / "output"))
    assert done.returncode == 1
    _assert_one_clear_line(done.stderr, str(tmp_path / "berkas"))
