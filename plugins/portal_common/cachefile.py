"""The build's caches: one `Store` per cache, sealed so a damaged cache never changes the site.

* `Store(root, name, version)`: one value (usually a dict) kept in one file,
  `<root>/<name>.pickle`. `root` is the build's cache folder (`PORTAL_CACHE_DIR`,
  set by sitebuild beside the output: `.output.cache/`); without one (a plain
  `pelican` run) a Store keeps nothing. The value is read back only when it was
  saved under the same version, and the version always includes `code_version()`
  (every plugin and sitebuild source file, the installed libraries): changing
  the code starts every cache afresh, so no caller has a version to forget.
* Every file is **sealed**: a header with the payload's size and SHA-256.
  An unreadable, truncated or altered file is removed with a warning
  (`discarded`) and the caller starts afresh: a damaged cache costs time, never a
  failed or wrong build. The photo cache's entries use `read_sealed` /
  `write_sealed` directly (their images are files of their own).
* `Memo`: results of pure functions of strings (keyed by `digest_texts` of the
  inputs); `StatMemo`: values computed from a file's bytes, reused while the
  file's stat data (`stat_stamp`) is unchanged.
* `stable_repr`: the text of a settings value that is the same in every process.

Warnings go straight to stderr: the build driver turns logged warnings into
fatal errors, and a discarded cache is not the officer's mistake.
The benchmark switches a named cache off with PORTAL_CACHE_OFF (bench/layers.py).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

_MAGIC = b"PORTAL-CACHE 1 "
# How files written before caches were sealed begin (JSON, pickle, Jinja bytecode):
# dropped without a warning.
_UNSEALED_STARTS = (b"{", b"\x80", b"j2")
_CODE = Path(__file__).resolve().parents[2]  # the project: plugins/ and sitebuild/
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
RACY_NS = 2_000_000_000


def cache_off(name: str) -> bool:
    """True when the benchmark turned the cache `name` off (bench/layers.py sets PORTAL_CACHE_OFF)."""
    return name in os.environ.get("PORTAL_CACHE_OFF", "").split(",")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_texts(*parts: str) -> str:
    """SHA-256 of several strings, kept apart (so ('ab', 'c') and ('a', 'bc') differ)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def stable_repr(value: Any) -> str:
    """A repr that is the same in every process (no object addresses, sorted keys)."""
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda item: str(item[0]))
        return "{" + ",".join(f"{stable_repr(k)}:{stable_repr(v)}" for k, v in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(map(stable_repr, value))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(map(stable_repr, value)) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return _ADDRESS.sub("", repr(value))


@functools.cache
def code_version() -> str:
    """Digest of every Python file of plugins/ and sitebuild/, every installed library's version and Python's.

    Computed once per process: the preview restarts itself when Python code changes.
    """
    parts = [sys.version, *sorted(f"{d.metadata['Name']}={d.version}" for d in metadata.distributions())]
    for folder in ("plugins", "sitebuild"):
        for path in sorted((_CODE / folder).rglob("*.py")):
            parts += [path.relative_to(_CODE).as_posix(), digest(path.read_bytes())]
    return digest_texts(*parts)


# -- sealed files -------------------------------------------------------------


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


# -- stores ---------------------------------------------------------------------


class Store:
    """One cache file: a value saved under a version (see module doc)."""

    def __init__(self, root: str | os.PathLike | None, name: str, version: str = "") -> None:
        off = root is None or cache_off(name)
        self.path = None if off else Path(root) / f"{name}.pickle"
        self.version = digest_texts(name, version, code_version())

    @classmethod
    def open(cls, settings: Mapping, name: str, version: str = "") -> Store:
        """The store `name` in this build's cache folder (none outside sitebuild)."""
        return cls(settings.get("PORTAL_CACHE_DIR"), name, version)

    def load(self) -> Any:
        """The value saved under this version; None when there is none (or it was damaged)."""
        payload = read_sealed(self.path) if self.path else None
        if payload is None:
            return None
        try:
            version, value = pickle.loads(payload)
        except Exception:  # an old or foreign pickle can fail in many ways (TypeError, ImportError, …)
            discarded(self.path, "tidak bisa dibaca")
            return None
        return value if version == self.version else None

    def save(self, value: Any) -> None:
        """Write atomically: a killed build leaves the old file."""
        if self.path:
            write_sealed(self.path, pickle.dumps((self.version, value), pickle.HIGHEST_PROTOCOL))


def _load_dict(store: Store) -> dict:
    value = store.load()
    return value if isinstance(value, dict) else {}


class Memo:
    """Results of pure functions of strings, kept across builds.

    An entry is keyed by a hash of its inputs; entries not used in a build are
    dropped when it saves, so the file never grows past one site's worth.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._old: dict[str, Any] = _load_dict(store)
        self._used: dict[str, Any] = {}
        self.hits = self.misses = 0

    @classmethod
    def open(cls, settings: Mapping, name: str, version: str = "") -> Memo:
        return cls(Store.open(settings, name, version))

    def get(
        self, function: Callable[..., Any], *args: str, valid: Callable[[Any], bool] | None = None
    ) -> Any:
        """`function(*args)`, from the memo when these exact inputs were seen before.

        `valid`, when given, vets a stored value (e.g. its type); one it rejects is computed afresh.
        """
        key = digest_texts(*args)
        if key in self._used:
            return self._used[key]
        if key in self._old and (valid is None or valid(self._old[key])):
            self.hits += 1
            value = self._old[key]
        else:
            self.misses += 1
            value = function(*args)
        self._used[key] = value
        return value

    def save(self) -> None:
        """Keep the entries used in this build (not written when they are exactly the stored ones)."""
        if self.misses or self._used.keys() != self._old.keys():
            self.store.save(self._used)


def stat_stamp(path: str | os.PathLike, now_ns: int | None = None) -> tuple | None:
    """(inode, size, mtime, ctime), or None while the file is too recently changed to trust.

    Like git's index: inode, size, mtime and ctime together change on any write;
    ctime is set by the kernel and no tool can set it back (a restored backup
    keeps its old mtime, not its ctime). A file changed within the last two
    seconds might change again within the same timestamp tick ("racy" in git's
    words): callers then look at the bytes.
    """
    status = os.stat(path)
    now_ns = time.time_ns() if now_ns is None else now_ns
    if now_ns - status.st_ctime_ns < RACY_NS:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


class StatMemo:
    """Values computed from files' bytes, reused while each file's stat stamp holds.

    One instance per build; `save()` keeps what this build used.
    """

    def __init__(self, store: Store, clock: Callable[[], int] = time.time_ns) -> None:
        self.store, self._clock = store, clock
        self._entries: dict[str, tuple] = _load_dict(store)
        self._used: dict[str, tuple] = {}

    def get(self, source: Path, variant: str, compute: Callable[[], Any]) -> Any:
        """`compute()` for `source` (and `variant`, e.g. a recipe), reused while the file is unchanged."""
        name = f"{os.path.abspath(source)}\0{variant}"
        stamp = stat_stamp(source, self._clock())
        entry = self._entries.get(name)
        if stamp is not None and isinstance(entry, tuple) and len(entry) == 2 and entry[0] == stamp:
            self._used[name] = entry
            return entry[1]
        value = compute()
        if stamp is not None:
            self._used[name] = (stamp, value)
        return value

    def save(self) -> None:
        if self._used != self._entries:
            self.store.save(self._used)
            self._entries = dict(self._used)
