"""Precompressed `.br` and `.gz` siblings of the site's text files, byte for byte reproducible.

nginx (`gzip_static`, `brotli_static`) and the generated `.htaccess` serve
`page.html.br` for `page.html` to browsers that accept it, so the server never
compresses on the fly and uses the strongest settings once, at build time.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable, Iterator
from pathlib import PurePosixPath

import brotli

# Text the browser reads; Pagefind's own .pf_* and .pagefind files are compressed already.
TEXT_SUFFIXES = frozenset(
    {".html", ".css", ".js", ".mjs", ".xml", ".json", ".svg", ".ics", ".txt", ".webmanifest"}
)
MIN_BYTES = 1024  # below this a compressed copy saves less than one network packet
SIBLINGS = (".br", ".gz")
# Brotli's best quality (11) is ~40x slower than 7 for ~7% fewer bytes: worth it for the
# fingerprinted theme files (compressed once, cached by browsers for a year), not for
# the ~200 pages and feeds a build may rewrite (7: ~0.3 s for the demo instead of ~12 s).
BEST, FAST = 11, 7
VERSION = f"gzip9-brotli-{brotli.__version__}"


def compressed(data: bytes, quality: int = FAST) -> tuple[bytes, bytes]:
    """(brotli, gzip) of `data`: deterministic (gzip without file name or time)."""
    return (
        brotli.compress(data, mode=brotli.MODE_TEXT, quality=quality),
        gzip.compress(data, compresslevel=9, mtime=0),
    )


def candidates(paths: Iterable[str], min_bytes: int, size: Callable[[str], int]) -> Iterator[str]:
    """The site paths among `paths` worth a compressed sibling (text, at least `min_bytes`)."""
    for path in paths:
        if PurePosixPath(path).suffix in TEXT_SUFFIXES and size(path) >= min_bytes:
            yield path
