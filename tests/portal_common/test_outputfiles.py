"""Publishing cache files as checked copies: never a link, never written through."""

from __future__ import annotations

import hashlib

import pytest
from portal_common.outputfiles import DamagedSource, copy_verified


def _record(data: bytes) -> tuple[int, str]:
    return len(data), hashlib.sha256(data).hexdigest()


def test_a_cache_file_is_copied_once_and_then_left_alone(tmp_path):
    cached = tmp_path / "cache" / "ab12.webp"
    cached.parent.mkdir()
    cached.write_bytes(b"foto")
    target = tmp_path / "site" / "foto" / "a.webp"
    assert copy_verified(cached, target, *_record(b"foto"))
    assert target.read_bytes() == b"foto" and not target.samefile(cached)
    assert target.stat().st_nlink == 1
    mtime = target.stat().st_mtime_ns
    assert not copy_verified(cached, target, *_record(b"foto"))
    assert target.stat().st_mtime_ns == mtime
    cached.write_bytes(b"FOTO")  # the cache changes: the published copy does not
    assert target.read_bytes() == b"foto"


def test_links_at_the_target_are_replaced_not_written_through(tmp_path):
    old = tmp_path / "old.webp"
    old.write_bytes(b"lama")
    new = tmp_path / "new.webp"
    new.write_bytes(b"baru")
    hard = tmp_path / "hard.webp"
    hard.hardlink_to(old)
    assert copy_verified(new, hard, *_record(b"baru"))
    symlink = tmp_path / "symlink.webp"
    symlink.symlink_to(old)
    assert copy_verified(new, symlink, *_record(b"baru"))
    assert not symlink.is_symlink() and hard.read_bytes() == b"baru" and old.read_bytes() == b"lama"


@pytest.mark.parametrize("damage", ["truncated", "garbled", "missing"])
def test_a_cache_file_that_does_not_match_its_record_is_refused(tmp_path, damage):
    cached = tmp_path / "a.webp"
    record = _record(b"foto asli")
    if damage == "truncated":
        cached.write_bytes(b"foto")
    elif damage == "garbled":
        cached.write_bytes(b"foto ASLI")
    target = tmp_path / "site.webp"
    target.write_bytes(b"situs lama")
    with pytest.raises(DamagedSource):
        copy_verified(cached, target, *record)
    assert target.read_bytes() == b"situs lama"
