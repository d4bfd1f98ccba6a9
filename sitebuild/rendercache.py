"""Rendered Markdown kept across builds: Pelican's reader cache, made safe to leave on.

Pelican can cache what its readers return (HTML + metadata) per source file, but
it only invalidates on the file's own change. Here the cache folder is named by a
fingerprint of everything else the reader output depends on (all settings except
output/cache paths, the Pelican and Markdown versions, the plugins' code), and
files are compared by their stat data (see `file_stamp`), or by SHA-256 of
their bytes while that stat data cannot be trusted yet. A stale entry is
therefore never used, and the output is byte-identical with or without cache.
Each cache file's size and SHA-256 are recorded when Pelican saves it and
checked before Pelican loads it: a damaged file is discarded (`_drop_damaged`).
Jinja's compiled templates are sealed the same way (`SealedBytecodeCache`).

Setting `PORTAL_RENDER_CACHE`: a folder, None (default: `.<output>.cache/render`
next to the output folder, so builds into different folders never share a cache
file) or False (off).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, FileSystemBytecodeCache
from portal_common.cachefile import digest, discarded, read_sealed, remove, write_sealed
from portal_common.errors import SettingsError
from portal_common.filestamp import stat_stamp

# Paths that differ between otherwise identical builds (staging, cache itself).
_VOLATILE = {
    "OUTPUT_PATH",
    "CACHE_PATH",
    "PORTAL_CACHE_DIR",
    "PORTAL_RENDER_CACHE",
    "DELETE_OUTPUT_DIRECTORY",
}
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _stable(value: Any) -> str:
    """A repr that is the same in every process (no object addresses, sorted keys)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in sorted(value.items(), key=str)) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(map(_stable, value)) if isinstance(value, (set, frozenset)) else map(_stable, value)
        return "[" + ",".join(items) + "]"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    return _ADDRESS.sub("", repr(value))


def _code_stamp(folders: list[str]) -> str:
    """Name, size and mtime of every plugin source file: plugins may hook the readers."""
    parts = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.py")):
            status = path.stat()
            parts.append(f"{path}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts)


def fingerprint(settings: dict) -> str:
    relevant = {k: v for k, v in settings.items() if k not in _VOLATILE}
    text = "\n".join(
        [
            _stable(relevant),
            metadata.version("pelican"),
            metadata.version("markdown"),
            _code_stamp([str(p) for p in settings.get("PLUGIN_PATHS", [])]),
        ]
    )
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def cache_root(settings: dict, default: Path) -> Path | None:
    value = settings.get("PORTAL_RENDER_CACHE")
    if value is False:
        return None
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise SettingsError("PORTAL_RENDER_CACHE", "must be a folder path, None or False")
    return Path(value)


def configure(settings: dict, default_root: Path) -> Path | None:
    """Turn Pelican's reader cache on in `settings`; return the cache folder (None: off)."""
    root = cache_root(settings, default_root)
    if root is None:
        return None
    folder = root / fingerprint(settings)
    if root.is_dir():
        for old in root.iterdir():  # caches of other settings/code: never read again
            if old != folder and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
    _drop_damaged(folder)
    settings.update(
        CACHE_PATH=str(folder),
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        CONTENT_CACHING_LAYER="reader",
        CHECK_MODIFIED_METHOD="sha256",
        GZIP_CACHE=False,
    )
    return folder


_DIGESTS = "digests"


def _drop_damaged(folder: Path) -> None:
    """Delete every cache file that is not exactly what the last build saved.

    Pelican catches only OSError and PickleError when loading, so a truncated
    file would crash every later build, and a pickle altered in place could
    load and hand a post's wrong HTML to the site. Each file Pelican saves is
    recorded with its size and SHA-256 (`_record`, in a sealed file); a file
    without a record (saved by a build killed before recording it) is dropped,
    one that does not match it is dropped with a warning.
    """
    if not folder.is_dir():
        return
    payload = read_sealed(folder / _DIGESTS)
    try:
        records = json.loads(payload) if payload is not None else {}
    except ValueError:
        records = {}
    for path in folder.iterdir():
        if path.name == _DIGESTS or path.name.startswith("."):
            continue
        expected = records.get(path.name) if isinstance(records, dict) else None
        try:
            data = path.read_bytes()
        except OSError as err:
            discarded(path, err.strerror or type(err).__name__)
            continue
        if expected is None:
            remove(path)
        elif expected != [len(data), digest(data)]:
            discarded(path, "isi tidak cocok dengan ukuran dan sidik SHA-256 yang dicatat")


def _record(path: str) -> None:
    """Note the size and SHA-256 of a cache file Pelican has just saved."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError:
        return
    payload = read_sealed(file.parent / _DIGESTS)
    try:
        records = json.loads(payload) if payload is not None else {}
    except ValueError:
        records = {}
    if not isinstance(records, dict):
        records = {}
    records[file.name] = [len(data), digest(data)]
    write_sealed(file.parent / _DIGESTS, json.dumps(records, sort_keys=True).encode("utf-8"))


class SealedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled templates on disk, sealed like every other cache file.

    Jinja reads a damaged file with pickle and marshal, which can raise or load
    other code; sealed (portal_common.cachefile), a damaged file is discarded
    with a warning and the template compiled again.
    """

    def load_bytecode(self, bucket: Bucket) -> None:
        payload = read_sealed(self._get_cache_filename(bucket))
        if payload is not None:
            bucket.bytecode_from_string(payload)

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_sealed(self._get_cache_filename(bucket), bucket.bytecode_to_string())


def file_stamp(filename: str, now_ns: int | None = None) -> tuple:
    """What Pelican's reader cache compares to decide a source file is unchanged.

    Pelican offers mtime (misses an edit that keeps the mtime, e.g. a restored
    backup) or a hash of the bytes (reads every post and every static image on
    every build: most of the cache's time at 2,000 posts). We use the file's stat
    data (`portal_common.filestamp`), and its SHA-256 while a recent change makes
    that stat data untrustworthy.
    """
    stamp = stat_stamp(filename, now_ns)
    if stamp is None:
        with open(filename, "rb") as source:
            return ("sha256", hashlib.sha256(source.read()).hexdigest())
    return ("stat", *stamp)


def use_file_stamps(readers) -> None:
    """`readers_init` receiver: stamp source files with `file_stamp` when caching,
    and record each saved cache file's size and digest (checked by `configure`)."""
    if readers.settings.get("CACHE_CONTENT") and readers.settings.get("CONTENT_CACHING_LAYER") == "reader":
        readers._filestamp_func = file_stamp
        save = readers.save_cache

        def save_and_record() -> None:
            save()
            _record(readers._cache_path)

        readers.save_cache = save_and_record
