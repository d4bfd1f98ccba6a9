"""Caches can never change the live site (issue 13, item 5).

* Published files share no storage with cache entries: damaging the image cache
  in place after a build leaves the published site as it was.
* Every cache entry (image cache, render cache, compiled templates, page memo, the plugins' memos,
  the search scan memo: every `Store`) is checked before it is used: after it is truncated,
  garbled, made unreadable or replaced, the next build succeeds, warns, and
  its output equals a build without any cache, byte for byte.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import tree_digest

from tests.integrity.sites import build, make_site


def _caches(folder: Path) -> dict[str, list[Path]]:
    """The cache files of a build of `folder/content` into `folder/output`, by cache."""
    cache = folder / ".output.cache"
    stores = {
        "render": ["render.pickle"],
        "jinja": ["jinja.pickle"],
        "memo": ["feeds-*.pickle", "content_checks.pickle", "checked-images.pickle"],
        "search": ["search-pages.pickle"],
        "pages": ["pages-*.pickle"],
    }
    found = {name: sorted(p for g in globs for p in cache.glob(g)) for name, globs in stores.items()}
    return {"images": _files(folder / "images-cache"), **found}


def _settings(folder: Path) -> dict:
    return {"OFFICERS_IMAGE_CACHE": str(folder / "images-cache")}


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """(content, digest of a build made without any cache)."""
    folder = tmp_path_factory.mktemp("fresh")
    content = make_site(folder)
    done = build(folder / "output", content, _settings(folder))
    assert done.ok, done.messages
    return content, tree_digest(folder / "output")


def _warm(tmp_path: Path, content: Path) -> Path:
    """Two builds (both output buffers and every cache filled); returns the folder."""
    for _ in range(2):
        done = build(tmp_path / "output", content, _settings(tmp_path))
        assert done.ok, done.messages
    return tmp_path


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garble(path: Path) -> None:
    """Flip bytes in the middle, keeping the size (and the end of a pickle)."""
    data = bytearray(path.read_bytes())
    if len(data) < 4:
        path.write_bytes(b"\x00" * 8)
        return
    middle = len(data) // 2
    for index in range(max(0, middle - 8), min(len(data) - 2, middle + 8)):
        data[index] ^= 0x5A
    with open(path, "r+b") as handle:  # in place: the same inode
        handle.write(bytes(data))


def _unreadable(path: Path) -> None:
    """chmod 000; root reads it anyway, so the file is also swapped for a folder of its name."""
    path.chmod(0)
    if os.geteuid() == 0:
        path.unlink()
        path.mkdir()


DAMAGE = {"truncate": _truncate, "garble": _garble, "unreadable": _unreadable}


@pytest.mark.parametrize("how", sorted(DAMAGE))
@pytest.mark.parametrize("which", ["images", "render", "memo", "pages", "search", "jinja"])
def test_damaged_cache_is_rebuilt_and_output_equals_fresh(which, how, fresh, tmp_path):
    content, digest = fresh
    folder = _warm(tmp_path, content)
    damaged = _caches(folder)[which]
    assert damaged, f"no {which} cache files"
    for path in damaged:
        DAMAGE[how](path)

    done = build(folder / "output", content, _settings(folder))

    assert done.ok, done.messages
    assert "Traceback" not in done.messages
    assert tree_digest(folder / "output") == digest
    warned = done.messages
    if which == "images":  # a photo already published right is kept; a new output takes all from the cache
        other = build(folder / "second", content, _settings(folder))
        assert other.ok, other.messages
        assert tree_digest(folder / "second") == digest
        warned += other.messages
    assert "peringatan: cache rusak dibuang dan dibuat ulang" in warned, warned
    if which == "pages":  # one manifest per output buffer: the other buffer's is met next
        assert build(folder / "output", content, _settings(folder)).ok
    again = build(folder / "output", content, _settings(folder))  # and the rebuilt cache serves
    assert again.ok and "cache rusak" not in again.messages, again.messages
    assert tree_digest(folder / "output") == digest


def test_published_files_share_no_storage_with_the_cache(fresh, tmp_path):
    content, digest = fresh
    folder = _warm(tmp_path, content)
    published = _files(folder / "output")
    assert all(p.stat().st_nlink == 1 for p in published), [p for p in published if p.stat().st_nlink > 1]
    for path in _caches(folder)["images"]:
        if path.suffix in (".jpg", ".webp", ".png"):
            _garble(path)
    assert tree_digest(folder / "output") == digest


def test_cache_folder_removed_between_builds(fresh, tmp_path):
    content, digest = fresh
    folder = _warm(tmp_path, content)
    shutil.rmtree(folder / ".output.cache")
    shutil.rmtree(folder / "images-cache")
    done = build(folder / "output", content, _settings(folder))
    assert done.ok, done.messages
    assert tree_digest(folder / "output") == digest
