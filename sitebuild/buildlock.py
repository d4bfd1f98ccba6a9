"""One build at a time per output folder: an OS file lock beside it (`.output.lock`).

Two builds into the same output would render into the same staging folder and
swap each other's half-written sites (seen as misleading errors such as "no page
has a data-pagefind-body element"). `flock` is released by the kernel when the
holder exits in any way, SIGKILL included, so a crashed build never leaves a
stale lock; the file itself stays (deleting it would let two builds lock two
different files).

A build that finds the lock taken waits for it, saying so, up to `wait` seconds
(`--wait`, default 300), then stops with a message; `--wait 0` stops at once.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

DEFAULT_WAIT = 300.0
_POLL = 0.2


class BuildBusy(Exception):
    """Another build holds the lock and did not finish within the wait; `str()` is the message."""


def lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.lock")


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
    except OSError:
        return "?"


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise
    return True


def _open(path: Path) -> int:
    """The lock file, created if needed; an OSError names the folder it lives in."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path.parent)) from error


@contextmanager
def build_lock(output: Path, wait: float = DEFAULT_WAIT, stream: TextIO | None = None) -> Iterator[None]:
    """Hold the build lock of `output` for the block; BuildBusy when another build keeps it."""
    path = lock_path(output)
    fd = _open(path)
    try:
        if not _try_lock(fd):
            _wait_for(fd, output, wait, stream)
        pid = f"{os.getpid()}\n".encode("ascii")
        os.pwrite(fd, pid, 0)
        os.ftruncate(fd, len(pid))
        yield
    finally:
        os.close(fd)  # releases the lock


def _wait_for(fd: int, output: Path, wait: float, stream: TextIO | None) -> None:
    busy = f"Build lain sedang berjalan untuk {output} (PID {_holder(fd)})"
    if wait > 0 and stream is not None:
        print(f"{busy}; menunggu sampai selesai (paling lama {wait:g} detik)...", file=stream, flush=True)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(_POLL)
        if _try_lock(fd):
            return
    raise BuildBusy(
        f"{busy}; tunggu sampai selesai, lalu jalankan lagi. "
        "(Another build is running for this output folder.)"
    )
