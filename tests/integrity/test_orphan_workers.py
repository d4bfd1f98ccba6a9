"""A killed build leaves no photo workers behind (issue 13, item 7: worker processes).

A real build encodes photos in a pool of worker processes; the build process is
killed with SIGKILL while they work; every worker must be gone shortly after.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT
from PIL import Image

from tests.integrity.sites import GALLERY, NOW, make_site


def _children(pid: int) -> list[int]:
    """Direct children of `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_build_leaves_no_worker_processes(tmp_path):
    content = make_site(tmp_path)
    gallery = content / "galeri" / GALLERY
    for index in range(24):  # noisy photos: slow to encode, so the workers are busy when the build dies
        Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3)).save(
            gallery / f"1{index:02d}-foto.jpg"
        )
    command = [
        sys.executable, "-m", "sitebuild", "-c", str(content), "-o", str(tmp_path / "output"),
        "--set", f'PORTAL_NOW="{NOW}"', "--set", "OFFICERS_IMAGE_WORKERS=2",
        "--set", f'OFFICERS_IMAGE_CACHE="{tmp_path / "cache"}"',
    ]  # fmt: skip
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 300
        while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            workers = _children(build.pid)
        assert len(workers) >= 2, "the build never started its photo workers"
        time.sleep(0.5)  # the workers have taken their first photos
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if _running(w)]
        assert left == [], f"worker processes still running after the build was killed: {left}"
    finally:
        if build.poll() is None:
            build.kill()
        for pid in workers:  # never leave this test's own processes behind, even when it fails
            if _running(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
