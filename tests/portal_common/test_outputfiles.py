"""Publishing immutable cache files as hard links: current by inode, never written through."""

from __future__ import annotations

from portal_common.outputfiles import link_if_changed


def test_a_cache_file_is_linked_once_and_then_left_alone(tmp_path):
    cached = tmp_path / "cache" / "ab12.webp"
    cached.parent.mkdir()
    cached.write_bytes(b"foto")
    target = tmp_path / "site" / "foto" / "a.webp"
    assert link_if_changed(cached, target)
    assert target.samefile(cached)
    mtime = target.stat().st_mtime_ns
    assert not link_if_changed(cached, target)
    assert target.stat().st_mtime_ns == mtime


def test_a_different_file_at_the_target_is_replaced_not_written_through(tmp_path):
    old_cached = tmp_path / "old.webp"
    old_cached.write_bytes(b"lama")
    new_cached = tmp_path / "new.webp"
    new_cached.write_bytes(b"baru")
    target = tmp_path / "site.webp"
    link_if_changed(old_cached, target)
    assert link_if_changed(new_cached, target)
    assert target.read_bytes() == b"baru" and old_cached.read_bytes() == b"lama"
    symlink = tmp_path / "symlink.webp"
    symlink.symlink_to(old_cached)
    assert link_if_changed(new_cached, symlink)
    assert not symlink.is_symlink() and old_cached.read_bytes() == b"lama"
