"""Cache files that are checked before use: a damaged entry is discarded, never trusted.

Every cache the build keeps between runs (portal_common.buildcache.Memo, the
StatMemo files, the page memo's manifest, the search scan memo, the render
cache) stores its bytes `sealed`: a header with the payload's size and SHA-256.
`read_sealed` returns the payload only when both match; an unreadable,
truncated or altered file is removed with a warning (`discarded`) and the
caller starts afresh, so a damaged cache costs time, never a failed or wrong
build.

Warnings go straight to stderr: the build driver turns logged warnings into
fatal errors, and a discarded cache is not the officer's mistake.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

_MAGIC = b"PORTAL-CACHE 1 "
# How files written before caches were sealed begin (JSON, pickle, Jinja bytecode):
# dropped without a warning.
_UNSEALED_STARTS = (b"{", b"\x80", b"j2")


def discarded(path: str | os.PathLike, why: str) -> None:
    """Tell the officer a cache entry was thrown away (and remove it)."""
    print(
        f"peringatan: cache rusak dibuang dan dibuat ulang: {os.fspath(path)} ({why})",
        file=sys.stderr,
        flush=True,
    )
    remove(path)


def remove(path: str | os.PathLike) -> None:
    """Delete a file or folder, whatever it is now (a damaged entry may be either)."""
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sealed(payload: bytes) -> bytes:
    """`payload` with its size and SHA-256 in front."""
    return _MAGIC + f"{len(payload)} {digest(payload)}\n".encode() + payload


def unseal(data: bytes) -> bytes | None:
    """The payload of `sealed(payload)`, or None when the bytes are not exactly that."""
    if not data.startswith(_MAGIC):
        return None
    header, newline, payload = data[len(_MAGIC) :].partition(b"\n")
    try:
        size, expected = header.decode("ascii").split(" ")
    except (UnicodeDecodeError, ValueError):
        return None
    if not newline or size != str(len(payload)) or expected != digest(payload):
        return None
    return payload


def read_sealed(path: str | os.PathLike) -> bytes | None:
    """The checked payload of a cache file; None when it is missing or was damaged (then removed)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return None
    except OSError as err:
        discarded(path, err.strerror or type(err).__name__)
        return None
    payload = unseal(data)
    if payload is None and data.startswith(_UNSEALED_STARTS):  # written before caches were sealed
        remove(path)
    elif payload is None:
        discarded(path, "isi tidak cocok dengan ukuran dan sidik SHA-256 yang dicatat")
    return payload


def write_sealed(path: str | os.PathLike, payload: bytes) -> None:
    """Write atomically (a killed build leaves the old file or none)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(sealed(payload))
    os.replace(temporary, path)
