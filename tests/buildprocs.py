"""Real build processes for crash, concurrency and OS-error tests: start, watch, signal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from smallsite import write_small_site

ROOT = Path(__file__).resolve().parent.parent
NOW = "2024-02-10T12:00:00+07:00"
POST = """\
Title: {title}
Date: 2023-06-{day:02d} 10:00
Category: Berita

CONCONG – {title} di aula kantor camat.
"""


def tiny_site(folder: Path, posts: int = 2) -> Path:
    """A content folder with a few posts (search stays on: Pagefind is part of a real build)."""
    texts = {f"berita-{n}.md": POST.format(title=f"Rapat Pleno Nomor {n}", day=n + 1) for n in range(posts)}
    return write_small_site(folder, texts)


def add_post(content: Path, number: int) -> None:
    """One more post, so the next build writes new pages (and a new home page)."""
    text = POST.format(title=f"Kegiatan Tambahan Nomor {number}", day=(number % 27) + 1)
    (content / "posts" / f"tambahan-{number}.md").write_text(text, encoding="utf-8")


def build_command(content: Path, output: Path, *extra: str, settings: str = "pelicanconf.py") -> list[str]:
    command = [sys.executable, "-m", "sitebuild", "-s", str(ROOT / settings), "-c", str(content)]
    command += ["-o", str(output), "--set", f"PORTAL_NOW={json.dumps(NOW)}", *extra]
    return command


@dataclass
class Running:
    """A build started in the background; its output goes to files (no pipe can fill up)."""

    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def finish(self, timeout: float = 120) -> tuple[int, str]:
        code = self.process.wait(timeout=timeout)
        return code, self.text()


def start(command: list[str], log: Path, **kwargs) -> Running:
    handle = open(log, "wb")  # noqa: SIM115 - the child keeps writing after this returns
    kwargs.setdefault("cwd", ROOT)
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, **kwargs)
    handle.close()
    return Running(process, log)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, **kwargs)


def wait_for(condition: Callable[[], bool], timeout: float = 60, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def lock_file(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


def holds_lock(output: Path, pid: int) -> Callable[[], bool]:
    """True once the build with `pid` holds the build lock of `output` (it writes its PID there)."""

    def check() -> bool:
        try:
            return lock_file(output).read_text(encoding="ascii").strip() == str(pid)
        except OSError:
            return False

    return check


def children(pid: int) -> list[int]:
    """PIDs of the live processes whose parent is `pid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def beside(output: Path) -> set[str]:
    """Everything in the folder that holds `output`."""
    return {entry.name for entry in output.parent.iterdir()}


def with_tmpdir(folder: Path) -> dict[str, str]:
    """The environment with TMPDIR set to `folder`: a system temp folder this test alone uses."""
    folder.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(folder)}


def no_traceback(text: str) -> bool:
    return "Traceback" not in text and 'File "' not in text


def env_without(name: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != name}
