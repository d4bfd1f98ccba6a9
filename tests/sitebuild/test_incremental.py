"""Rebuilds that reuse the previous site and the render cache give exactly a fresh build."""

from __future__ import annotations

import hashlib
import inspect
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import CONTENT, DEMO_NOW, run_build, tree_digest
from pelican.writers import Writer

from sitebuild import outputs, rendercache

# Pagefind is left out: it has its own tests, and its filter files are not yet
# byte-stable between two fresh builds.
SETTINGS = {"PORTAL_NOW": DEMO_NOW, "PORTAL_SEARCH_ENABLED": False}
PELICAN_WRITE_FILE = "6a604ad67bbeec99"  # first 16 hex digits of the SHA-256 of Writer.write_file's source


def _posts(content: Path) -> list[Path]:
    return sorted((content / "posts").rglob("*.md"))


def _without_inbound_links(content: Path, post: Path) -> None:
    """Drop lines linking to `post`, so deleting it leaves valid content."""
    target = post.relative_to(content).as_posix()
    for source in [*_posts(content), *sorted((content / "pages").rglob("*.md"))]:
        text = source.read_text(encoding="utf-8")
        if target in text:
            kept = [line for line in text.splitlines() if target not in line]
            source.write_text("\n".join(kept) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """Build, edit one post and delete another, rebuild in place; plus a fresh build of the result."""
    base = tmp_path_factory.mktemp("incremental")
    content = base / "content"
    shutil.copytree(CONTENT, content)
    first = run_build(base / "site" / "output", content=content, overrides=SETTINGS)
    assert first.ok, first.messages
    # Two folders take turns: the third build writes into the first one's files.
    before = {p.relative_to(first.output): p.stat().st_mtime_ns for p in first.output.rglob("*.html")}
    unchanged = run_build(base / "site" / "output", content=content, overrides=SETTINGS)
    assert unchanged.ok, unchanged.messages
    edited, deleted = _posts(content)[0], _posts(content)[-1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nParagraf tambahan uji.\n", encoding="utf-8")
    _without_inbound_links(content, deleted)
    deleted.unlink()
    second = run_build(base / "site" / "output", content=content, overrides=SETTINGS)
    assert second.ok, second.messages
    fresh = run_build(base / "fresh" / "output", content=content, overrides=SETTINGS)  # no cache yet
    assert fresh.ok, fresh.messages
    return base, before, second, fresh


def test_rebuild_in_place_equals_a_fresh_build(rebuilt):
    _, _, second, fresh = rebuilt
    assert tree_digest(second.output) == tree_digest(fresh.output)


def test_unchanged_pages_keep_their_mtime_and_the_edited_one_is_rewritten(rebuilt):
    base, before, second, _ = rebuilt
    after = {p.relative_to(second.output): p.stat().st_mtime_ns for p in second.output.rglob("*.html")}
    kept = {p for p in after if before.get(p) == after[p]}
    assert Path("tentang/index.html") in kept
    rewritten = "".join((second.output / p).read_text(encoding="utf-8") for p in after if p not in kept)
    assert "Paragraf tambahan uji." in rewritten


def test_the_previous_site_becomes_the_next_staging_folder_and_the_cache_is_kept(rebuilt):
    base = rebuilt[0]
    site = base / "site"
    assert (site / ".output.new" / "index.html").is_file()
    assert (site / ".output.cache" / "render.pickle").stat().st_size > 0


def test_a_failed_rebuild_leaves_the_site_untouched_and_the_next_one_recovers(rebuilt, tmp_path):
    base, _, second, fresh = rebuilt
    content = base / "content"
    site_before = tree_digest(second.output)
    post = _posts(content)[1]
    good = post.read_text(encoding="utf-8")
    post.write_text(good.replace("Category:", "Category: RubrikSalah\nX-Old-Category:", 1), encoding="utf-8")
    failed = run_build(second.output, content=content, overrides=SETTINGS)
    assert not failed.ok
    assert tree_digest(second.output) == site_before
    post.write_text(good, encoding="utf-8")
    again = run_build(second.output, content=content, overrides=SETTINGS)
    assert again.ok, again.messages
    assert tree_digest(again.output) == tree_digest(fresh.output)


def test_write_if_changed_keeps_identical_bytes_and_marks_them_kept(tmp_path):
    page = tmp_path / "index.html"
    assert outputs.write_if_changed(page, b"halo")
    stamp = outputs.start_stamp(tmp_path / "site")
    mtime = page.stat().st_mtime_ns
    assert not outputs.write_if_changed(page, b"halo")
    assert page.stat().st_mtime_ns == mtime
    assert page.stat().st_ctime_ns >= stamp
    assert outputs.write_if_changed(page, b"halo!")
    assert page.read_bytes() == b"halo!"


def test_write_if_changed_never_writes_through_a_link(tmp_path):
    source = tmp_path / "content.jpg"
    source.write_bytes(b"asli")
    linked = tmp_path / "output.jpg"
    os.link(source, linked)
    outputs.write_if_changed(linked, b"baru")
    assert source.read_bytes() == b"asli"
    assert linked.read_bytes() == b"baru"


def test_sweep_removes_what_the_build_did_not_write(tmp_path):
    site = tmp_path / "site"
    (site / "lama").mkdir(parents=True)
    (site / "lama" / "index.html").write_text("lama")
    (site / "tetap.html").write_text("tetap")
    stamp = outputs.start_stamp(site)
    outputs.keep(site / "tetap.html")
    (site / "baru.html").write_text("baru")
    assert outputs.sweep(site, stamp) == 1
    assert sorted(p.name for p in site.iterdir()) == ["baru.html", "tetap.html"]


def test_render_cache_fingerprint_follows_markdown_settings(tmp_path):
    settings = {"PATH": str(tmp_path), "MARKDOWN": {"output_format": "html5"}, "PLUGIN_PATHS": []}
    other = {**settings, "MARKDOWN": {"output_format": "xhtml"}}
    assert rendercache.fingerprint(settings) == rendercache.fingerprint(dict(settings))
    assert rendercache.fingerprint(settings) != rendercache.fingerprint(other)
    assert rendercache.fingerprint(settings) == rendercache.fingerprint({**settings, "OUTPUT_PATH": "x"})


def test_render_cache_reads_a_post_again_only_when_its_file_changed(tmp_path):
    settings = {"PATH": str(tmp_path), "PORTAL_CACHE_DIR": str(tmp_path / "cache")}
    post = tmp_path / "pos.md"
    post.write_text("Title: Satu\n", encoding="utf-8")
    reads = []

    def read(path: str) -> str:
        reads.append(path)
        return Path(path).read_text(encoding="utf-8").upper()

    first = rendercache.ReaderCache(settings)
    assert first.read(str(post), read) == "TITLE: SATU\n"
    first.save()
    assert rendercache.ReaderCache(settings).read(str(post), read) == "TITLE: SATU\n"
    assert reads == [str(post)]  # unchanged: from the cache
    post.write_text("Title: Dua\n", encoding="utf-8")
    assert rendercache.ReaderCache(settings).read(str(post), read) == "TITLE: DUA\n"
    assert reads == [str(post)] * 2


def test_pelican_write_file_is_still_the_one_site_writer_copies():
    """SiteWriter.write_file repeats Pelican's Writer.write_file (Pelican has no hook for
    how a page is written): when Pelican changes it, compare sitebuild/outputs.py with
    the new version and update this digest."""
    source = inspect.getsource(Writer.write_file)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == PELICAN_WRITE_FILE, (
        "pelican.writers.Writer.write_file changed: check SiteWriter.write_file in sitebuild/outputs.py"
    )


def test_file_stamps_trust_stat_data_only_once_it_is_old_enough(tmp_path):
    post = tmp_path / "pos.md"
    post.write_text("Title: Satu\n\nIsi.\n", encoding="utf-8")
    assert rendercache.file_stamp(str(post))[0] == "sha256"  # just written: by its bytes
    later = post.stat().st_ctime_ns + 3_000_000_000
    stamp = rendercache.file_stamp(str(post), now_ns=later)
    assert stamp[0] == "stat" and stamp == rendercache.file_stamp(str(post), now_ns=later)
    # An edit that keeps the size and puts the old mtime back still changes the stamp.
    status = post.stat()
    time.sleep(0.05)  # past the filesystem's timestamp tick (the racy window covers less)
    post.write_text("Title: Dua\n\nIsi.\n", encoding="utf-8")
    os.utime(post, ns=(status.st_atime_ns, status.st_mtime_ns))
    edited = rendercache.file_stamp(str(post), now_ns=post.stat().st_ctime_ns + 3_000_000_000)
    assert edited[0] == "stat" and edited != stamp
