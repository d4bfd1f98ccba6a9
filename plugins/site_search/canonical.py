"""Make Pagefind's bundle byte-identical across runs on the same site.

Pagefind 1.5.2 builds its filter maps in Rust HashMaps, whose iteration order is
random per process (CloudCannon/pagefind#638). So the order of the values inside
each `filter/*.pf_filter` file, the order of the filters and sorts listed in
`pagefind.<lang>_<hash>.pf_meta`, and therefore the content-hashed file names and
`pagefind-entry.json`, change from run to run although the content does not.

This module rewrites those files in a canonical order and renames them the way
Pagefind names them, so pagefind.js and its WebAssembly load them unchanged:

* each file is gzip("pagefind_dcd" + CBOR), CBOR of arrays, text and unsigned
  integers only (minicbor's minimal encoding, which cbor2 reproduces exactly:
  every file is checked to round-trip before it is touched);
* a name is `<lang>_` + the first 7 (filters) or 10 (meta) characters of the
  SHA-1 of the CBOR payload, each byte written as `{:x}` (no zero padding);
* the meta file lists `[filter name, file hash]` at index 3 and
  `[sort name, pages]` at index 4; entry.json names the meta hash per language.

Word index chunks and fragments are already deterministic and are left alone.
Gzip is always re-done (level 9, mtime 0, Pagefind's header), even for a
file whose order happened to be canonical, so the bytes never depend on luck.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
# magic, deflate, no flags, mtime 0, XFL 2 (best compression), OS 255 (unknown)
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
FILTER_HASH_LENGTH = 7
META_HASH_LENGTH = 10
ENTRY_FILE = "pagefind-entry.json"
_META_FILTERS = 3
_META_SORTS = 4


class BundleFormatError(RuntimeError):
    """The Pagefind bundle is not in the format this module knows (1.5.x)."""


def decode(raw: bytes, what: str) -> Any:
    """Gunzip one Pagefind file and decode its CBOR, insisting on an exact round trip."""
    try:
        data = gzip.decompress(raw)
    except (OSError, EOFError) as err:
        raise BundleFormatError(f"{what}: not gzip ({err})") from err
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{what}: does not start with {SIGNATURE.decode()}")
    payload = data[len(SIGNATURE) :]
    try:
        value = cbor2.loads(payload)
    except cbor2.CBORDecodeError as err:
        raise BundleFormatError(f"{what}: bad CBOR ({err})") from err
    if cbor2.dumps(value) != payload:
        raise BundleFormatError(f"{what}: CBOR does not re-encode to the same bytes")
    return value


def payload_of(value: Any) -> bytes:
    """The CBOR bytes Pagefind would write for `value` (and hash for its name)."""
    return cbor2.dumps(value)


def encode(payload: bytes) -> bytes:
    """Pagefind's file layout, compressed deterministically (no time, no name).

    The gzip header is written by hand, byte for byte the one flate2 writes for
    Pagefind (mtime 0, best compression, OS unknown): Python's own varies by version.
    """
    data = SIGNATURE + payload
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, 9)
    body = packer.compress(data) + packer.flush()
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return GZIP_HEADER + body + trailer


def short_hash(payload: bytes, length: int) -> str:
    """Pagefind's hash text: SHA-1 bytes as unpadded lowercase hex, cut to `length`."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(payload).digest())[:length]  # noqa: S324


def _pairs(value: Any, what: str) -> list[list[Any]]:
    """Check `value` is a list of [text, anything] pairs."""
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in value
    ):
        raise BundleFormatError(f"{what}: expected a list of [name, value] pairs")
    return value


def canonical_filter(index: Any, what: str) -> list[Any]:
    """[filter, [[value, pages]...]] with values sorted by text and pages ascending."""
    if not isinstance(index, list) or len(index) != 2 or not isinstance(index[0], str):
        raise BundleFormatError(f"{what}: expected [filter name, values]")
    values = _pairs(index[1], what)
    return [index[0], sorted(([value, sorted(pages)] for value, pages in values), key=lambda v: v[0])]


def _unique_name(prefix: str, payload: bytes, length: int, taken: set[str]) -> str:
    """Pagefind's short hash, lengthened on the (rare) clash with a name already used."""
    full = short_hash(payload, 40)
    while f"{prefix}{full[:length]}" in taken and length < len(full):
        length += 1
    return f"{prefix}{full[:length]}"


def canonicalize_language(bundle: Path, meta_hash: str) -> str:
    """Rewrite one language's meta and filter files; return the new meta hash."""
    prefix = meta_hash.rsplit("_", 1)[0] + "_" if "_" in meta_hash else ""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = decode(meta_path.read_bytes(), meta_path.name)
    if not isinstance(meta, list) or len(meta) <= _META_SORTS:
        raise BundleFormatError(f"{meta_path.name}: unexpected layout")
    files = []
    for name, file_hash in _pairs(meta[_META_FILTERS], f"{meta_path.name} filters"):
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        index = canonical_filter(decode(path.read_bytes(), path.name), path.name)
        if index[0] != name:
            raise BundleFormatError(f"{path.name}: holds filter {index[0]!r}, meta says {name!r}")
        files.append((path, name, payload_of(index)))
    for path, _, _ in files:
        path.unlink()
    listed, taken = [], set()
    for _, filter_name, payload in sorted(files, key=lambda f: f[1]):
        name = _unique_name(prefix, payload, FILTER_HASH_LENGTH, taken)
        taken.add(name)
        (bundle / "filter" / f"{name}.pf_filter").write_bytes(encode(payload))
        listed.append([filter_name, name])
    meta[_META_FILTERS] = listed
    meta[_META_SORTS] = sorted(_pairs(meta[_META_SORTS], f"{meta_path.name} sorts"), key=lambda s: s[0])
    payload = payload_of(meta)
    new_hash = f"{prefix}{short_hash(payload, META_HASH_LENGTH)}"
    meta_path.unlink()
    (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(encode(payload))
    return new_hash


def canonicalize_bundle(bundle: Path) -> None:
    """Canonicalize every language in pagefind-entry.json, then rewrite it in key order.

    serde_json writes compact JSON with non-ASCII text as is; so does this, with
    the languages sorted (a HashMap in Pagefind too).
    """
    entry_path = bundle / ENTRY_FILE
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        hashes = {code: info["hash"] for code, info in languages.items()}
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise BundleFormatError(f"{ENTRY_FILE}: unexpected layout ({err})") from err
    for code, old in hashes.items():
        languages[code]["hash"] = canonicalize_language(bundle, old)
    entry["languages"] = dict(sorted(languages.items()))
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")
