"""Unit tests of the pure search core, with the real Pagefind binary on tiny sites."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from news_portal.core import LeadImage
from portal_common.cachefile import Store
from portal_common.errors import SettingsError
from portal_common.options import read
from site_search.core import (
    GLOB_LIMIT,
    IndexJob,
    ScanMemo,
    SearchIndexError,
    SearchSettings,
    build_index,
    filesystem_now,
    html_files,
    indexable_pages,
    page_glob,
    pagefind_command,
    pagefind_executable,
    parse_report,
    publish_bundle,
    run_pagefind,
    scratch_root,
    smallest_variant,
    thumbnail_path,
)

POST = """<!doctype html><html lang="id"><head><title>{title}</title></head><body>
<nav><a href="/">Beranda</a> navigasi {nav_word}</nav>
<main><article data-pagefind-body>
<h1>{title}</h1>
<span hidden data-pagefind-filter="rubrik">{rubric}</span>
<p>{text}</p></article></main>
<footer>kaki {nav_word}</footer></body></html>"""


def write_site(root: Path, posts: dict[str, dict[str, str]]) -> Path:
    for slug, fields in posts.items():
        page = root / slug / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(POST.format(nav_word="zzznav", **fields), encoding="utf-8")
    return root


def test_defaults() -> None:
    assert read(SearchSettings, {}) == SearchSettings()
    assert read(SearchSettings, {}).language == "id"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("PORTAL_SEARCH_ENABLED", "ya"),
        ("PORTAL_SEARCH_LANGUAGE", "indonesia"),
        ("PORTAL_SEARCH_LANGUAGE", None),
        ("PORTAL_SEARCH_BUNDLE_DIR", "../pagefind"),
        ("PORTAL_SEARCH_URL", "/cari/"),
        ("PORTAL_SEARCH_URL", "cari"),
        ("PORTAL_SEARCH_EXCLUDE", ".iklan"),
        ("PORTAL_SEARCH_EXCLUDE", ["", ".iklan"]),
    ],
)
def test_bad_settings_name_the_setting(key: str, value: object) -> None:
    with pytest.raises(SettingsError) as caught:
        read(SearchSettings, {key: value})
    assert caught.value.key == key


def test_command_has_every_option() -> None:
    cfg = SearchSettings(exclude_selectors=(".iklan", "figure figcaption"))
    command = pagefind_command(Path("/site"), cfg, Path("/bin/pagefind"), Path("/tmp/bundle"))
    assert command[0] == "/bin/pagefind"
    assert command[command.index("--site") + 1] == "/site"
    assert command[command.index("--force-language") + 1] == "id"
    assert command[command.index("--output-path") + 1] == "/tmp/bundle"
    # The built-in exclusions (page title, photo captions) come first, then the setting's.
    assert command[command.index("--exclude-selectors") + 1] == "h1,figcaption,.iklan,figure figcaption"


def test_built_in_exclusions_are_always_passed() -> None:
    command = pagefind_command(Path("/site"), SearchSettings(), Path("/bin/pagefind"), Path("/tmp/b"))
    assert command[command.index("--exclude-selectors") + 1] == "h1,figcaption"
    twice = SearchSettings(exclude_selectors=("figcaption",))
    command = pagefind_command(Path("/site"), twice, Path("/bin/pagefind"), Path("/tmp/b"))
    assert command[command.index("--exclude-selectors") + 1] == "h1,figcaption"


def test_thumbnail_is_the_smallest_variant() -> None:
    @dataclass
    class Published:  # officers' ProcessedImage, as thumbnail_path reads it
        path: str
        srcset: str = ""
        webp_srcset: str = ""

        @property
        def src(self):
            return self

    def Lead(path: str, srcset: str = "", webp_srcset: str = "") -> LeadImage:
        return LeadImage(path, 1200, 800, "alt", published=Published(path, srcset, webp_srcset))

    both = Lead(
        "images/a.jpg",
        "foto/a-800.jpg 800w, images/a.jpg 1200w",
        "foto/a-800.webp 800w, foto/a-480.webp 480w",
    )
    assert thumbnail_path(both) == "foto/a-480.webp"
    assert thumbnail_path(Lead("images/a.jpg", "foto/a-800.jpg 800w, images/a.jpg 1200w")) == "foto/a-800.jpg"
    assert thumbnail_path(Lead("images/a.jpg")) == "images/a.jpg"  # no variants published
    assert thumbnail_path(LeadImage("images/a.jpg", 1200, 800, "alt")) == "images/a.jpg"  # pipeline not run
    assert smallest_variant("odd, x 2x") == ""


def test_executable_is_the_pinned_wheel_binary() -> None:
    binary = pagefind_executable()
    assert binary.is_file()
    assert "pagefind_bin" in binary.parts


def test_parse_report() -> None:
    log = "Total:\n  Indexed 1 language\n  Indexed 12 pages\n  Indexed 900 words\n  Indexed 2 filters\n"
    report = parse_report(log, 0.5)
    assert (report.pages, report.words, report.filters, report.seconds) == (
        12,
        900,
        2,
        0.5,
    )


def test_index_built_in_indonesian_with_filters(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "bimtek": {
                "title": "Bimtek PPS",
                "rubric": "Kegiatan",
                "text": "coklit dimulai",
            },
            "dpt": {
                "title": "DPT ditetapkan",
                "rubric": "Pengumuman",
                "text": "daftar pemilih",
            },
        },
    )
    report = build_index(site, SearchSettings())
    assert report.pages == 2
    assert report.filters == 1
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["page_count"] == 2
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-worker.js").is_file()
    assert not list((site / "pagefind").glob("*ui*")), "unused UI bundles are removed"


def test_missing_body_marker_fails(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<html lang="id"><body><p>tanpa penanda</p></body></html>')
    with pytest.raises(SearchIndexError, match="data-pagefind-body"):
        build_index(tmp_path, SearchSettings())


def test_empty_site_fails(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no page has a data-pagefind-body"):
        build_index(tmp_path, SearchSettings())


def test_missing_folder_fails(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="does not exist"):
        build_index(tmp_path / "tidak-ada", SearchSettings())


def test_broken_binary_fails(tmp_path: Path) -> None:
    write_site(tmp_path, {"a": {"title": "A", "rubric": "Berita", "text": "x"}})
    with pytest.raises(SearchIndexError, match="could not run"):
        build_index(tmp_path, SearchSettings(), executable=tmp_path / "no-such-binary")


def indexed_urls(site: Path) -> list[str]:
    urls = []
    for file in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        urls.append(json.loads(gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd"))["url"])
    return sorted(urls)


def test_only_pages_with_a_body_marker_are_given_to_pagefind(tmp_path: Path) -> None:
    write_site(tmp_path, {"a": {"title": "A", "rubric": "Berita", "text": "satu"}})
    (tmp_path / "topik").mkdir()
    (tmp_path / "topik" / "index.html").write_text("<html><body><p>daftar topik</p></body></html>")
    (tmp_path / "besar").mkdir()
    (tmp_path / "besar" / "index.html").write_text(
        "<html><body><MAIN DATA-PAGEFIND-BODY>x</MAIN></body></html>"
    )
    (tmp_path / "feed.xml").write_text("<feed>data-pagefind-body</feed>")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "old.html").write_text("<main data-pagefind-body>lama</main>")
    assert indexable_pages(tmp_path, "pagefind").paths == ("a/index.html", "besar/index.html")


def test_pages_older_than_the_build_are_left_out(tmp_path: Path) -> None:
    """In sitebuild's staging folder, pages of an earlier build wait for the sweep: never indexed."""
    write_site(tmp_path, {"lama": {"title": "Lama", "rubric": "Berita", "text": "dihapus"}})
    time.sleep(0.05)  # file times tick in steps of a few ms
    since = filesystem_now()
    write_site(tmp_path, {"baru": {"title": "Baru", "rubric": "Berita", "text": "terbit"}})
    assert indexable_pages(tmp_path, "pagefind", since).paths == ("baru/index.html",)
    os.utime(tmp_path / "lama" / "index.html")  # outputfiles.keep(): part of this build again
    assert indexable_pages(tmp_path, "pagefind", since).paths == ("baru/index.html", "lama/index.html")


def test_a_second_scan_sees_every_change_and_rereads_only_written_files(tmp_path: Path) -> None:
    write_site(tmp_path, {slug: {"title": slug, "rubric": "Berita", "text": slug} for slug in "abc"})
    first = indexable_pages(tmp_path, "pagefind")
    assert indexable_pages(tmp_path, "pagefind", previous=first) == first
    page = tmp_path / "a" / "index.html"
    page.write_bytes(page.read_bytes())  # rewritten, same bytes
    assert indexable_pages(tmp_path, "pagefind", previous=first) == first
    page.write_text(page.read_text(encoding="utf-8").replace("<p>a", "<p>diubah"), encoding="utf-8")
    assert indexable_pages(tmp_path, "pagefind", previous=first) != first
    assert indexable_pages(tmp_path, "pagefind", previous=first) == indexable_pages(tmp_path, "pagefind")
    (tmp_path / "b" / "index.html").unlink()
    assert indexable_pages(tmp_path, "pagefind", previous=first).paths == ("a/index.html", "c/index.html")
    write_site(tmp_path, {"d": {"title": "D", "rubric": "Berita", "text": "baru"}})
    assert "d/index.html" in indexable_pages(tmp_path, "pagefind", previous=first).paths


def test_glob_shares_folders_and_escapes_glob_characters() -> None:
    paths = ["berita/2024/01/a/index.html", "berita/2024/01/b/index.html", "berita/2024/02/c/index.html"]
    assert page_glob(paths) == "berita/2024/{01/{a/index.html,b/index.html},02/c/index.html}"
    assert page_glob(["x{y},(1)*?/index.html"]) == r"x\{y\}\,\(1\)\*\?/index.html"


def test_pagefind_reads_exactly_the_listed_pages_whatever_their_names(tmp_path: Path) -> None:
    posts = {
        name: {"title": "Judul", "rubric": "Berita", "text": "isi"} for name in ("a,b", "x{y}", "q(1)", "s p")
    }
    write_site(tmp_path, posts)
    (tmp_path / "daftar").mkdir()
    (tmp_path / "daftar" / "index.html").write_text("<html><body><p>daftar</p></body></html>")
    report = build_index(tmp_path, SearchSettings())
    assert report.pages == 4
    assert indexed_urls(tmp_path) == ["/a,b/", "/q(1)/", "/s p/", "/x{y}/"]


def test_a_stray_pagefind_config_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    site = write_site(tmp_path / "site", {"a": {"title": "A", "rubric": "Berita", "text": "satu"}})
    for folder in (site, tmp_path):
        (folder / "pagefind.yml").write_text('force_language: "en"\nglob: "nothing/*.html"\n')
    monkeypatch.chdir(tmp_path)
    report = build_index(site, SearchSettings())
    assert report.pages == 1
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]


def test_publish_rewrites_only_changed_files_and_removes_old_ones(tmp_path: Path) -> None:
    new, target = tmp_path / "new", tmp_path / "site" / "pagefind"
    (new / "fragment").mkdir(parents=True)
    (new / "fragment" / "id_same.pf_fragment").write_bytes(b"sama")
    (new / "fragment" / "id_new.pf_fragment").write_bytes(b"baru")
    (new / "pagefind.js").write_bytes(b"js")
    (new / "pagefind-ui.js").write_bytes(b"ui")
    (target / "fragment").mkdir(parents=True)
    (target / "index").mkdir()
    (target / "fragment" / "id_same.pf_fragment").write_bytes(b"sama")
    (target / "fragment" / "id_old.pf_fragment").write_bytes(b"lama")
    (target / "index" / "id_old.pf_index").write_bytes(b"lama")
    (target / "pagefind.js").write_bytes(b"js lama")
    os.utime(target / "fragment" / "id_same.pf_fragment", ns=(1, 1))
    assert publish_bundle(new, target) == 2
    files = {p.relative_to(target).as_posix(): p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert files == {
        "fragment/id_same.pf_fragment": b"sama",
        "fragment/id_new.pf_fragment": b"baru",
        "pagefind.js": b"js",
    }
    assert (target / "fragment" / "id_same.pf_fragment").stat().st_mtime_ns == 1, "unchanged: not rewritten"
    assert not (target / "index").exists()


def test_a_cancelled_job_leaves_no_process_and_no_files(tmp_path: Path) -> None:
    write_site(tmp_path, {"a": {"title": "A", "rubric": "Berita", "text": "satu"}})
    job = IndexJob(tmp_path, SearchSettings(), indexable_pages(tmp_path, "pagefind"))
    process, folders = job.run.process, (job.scratch, job.run.work)
    job.cancel()
    assert process.poll() is not None
    assert not any(folder.exists() for folder in folders)
    assert not (tmp_path / "pagefind").exists()


def test_scan_memo_skips_reading_unchanged_files_across_builds(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {s: {"title": s, "rubric": "Berita", "text": s} for s in "ab"})
    (site / "daftar.html").write_text("<html><body>daftar</body></html>")
    store = Store(tmp_path / "cache", "search-pages")
    memo = ScanMemo(store)
    first = indexable_pages(site, "pagefind", memo=memo)
    memo.save()
    page = site / "a" / "index.html"
    status = page.stat()
    # Same size and mtime: taken as unchanged, so not read (what the memo saves).
    page.write_bytes(page.read_bytes().replace(b"<p>a</p>", b"<p>x</p>"))
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert indexable_pages(site, "pagefind", memo=ScanMemo(store)) == first
    # A real write changes the mtime: read again.
    page.write_bytes(page.read_bytes().replace(b"<p>x</p>", b"<p>diubah</p>"))
    (site / "daftar.html").write_text("<html><body><main data-pagefind-body>kini</main></body></html>")
    again = indexable_pages(site, "pagefind", memo=ScanMemo(store))
    assert again == indexable_pages(site, "pagefind")
    assert again != first and "daftar.html" in again.paths


def test_scan_memo_keeps_two_builds_and_survives_damage(tmp_path: Path) -> None:
    store = Store(tmp_path, "search-pages")
    pages = [write_site(tmp_path / n, {"p": {"title": n, "rubric": "Berita", "text": n}}) for n in "xyz"]
    for site in pages:  # three builds, each into another folder
        memo = ScanMemo(store)
        indexable_pages(site, "pagefind", memo=memo)
        memo.save()
    memo = ScanMemo(store)
    statuses = [(site / "p" / "index.html").stat() for site in pages]
    assert [memo.lookup(s) is not None for s in statuses] == [False, True, True]
    store.path.write_bytes(b"rusak")
    assert ScanMemo(store).lookup(statuses[2]) is None


def test_a_first_bundle_is_moved_into_place_whole(tmp_path: Path) -> None:
    new, target = tmp_path / "new", tmp_path / "site" / "pagefind"
    (new / "fragment").mkdir(parents=True)
    (new / "fragment" / "id_a.pf_fragment").write_bytes(b"a")
    (new / "pagefind-ui.css").write_bytes(b"ui")
    target.parent.mkdir()
    assert publish_bundle(new, target) == 1
    assert not new.exists()
    assert [p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()] == [
        "fragment/id_a.pf_fragment"
    ]


def test_a_first_bundle_on_another_disk_is_copied(tmp_path: Path) -> None:
    """Scratch in RAM, site on disk: the rename fails (EXDEV) and the files are copied."""
    with tempfile.TemporaryDirectory(dir=scratch_root() or "/dev/shm") as scratch:
        new = Path(scratch) / "bundle"
        (new / "index").mkdir(parents=True)
        (new / "index" / "id_a.pf_index").write_bytes(b"a")
        target = tmp_path / "pagefind"
        assert publish_bundle(new, target) == 1
        assert (target / "index" / "id_a.pf_index").read_bytes() == b"a"
        assert new.exists() == (os.stat(scratch).st_dev != tmp_path.stat().st_dev)


def test_glob_collapses_folders_whose_pages_are_all_selected() -> None:
    every = ["berita/2024/01/a/index.html", "berita/2024/01/b/index.html", "berita/2024/02/c/index.html"]
    every += ["topik/x/index.html", "kontak/index.html"]
    selected = ["berita/2024/01/a/index.html", "berita/2024/01/b/index.html", "berita/2024/02/c/index.html"]
    assert page_glob([*selected, "kontak/index.html"], every) == "{berita/**/*.html,kontak/**/*.html}"
    stale = [*every, "berita/2024/02/dihapus/index.html"]  # left from the build before last
    assert page_glob(selected, stale) == "berita/2024/{01/**/*.html,02/c/**/*.html}"


def test_thousands_of_posts_still_make_a_glob_pagefind_reads(tmp_path) -> None:
    site = tmp_path / "site"
    paths = [f"berita/{2022 + i // 3000}/{1 + i % 12:02d}/pemilih-{i:05d}/index.html" for i in range(8000)]
    for path in [*paths, "berita/2022/01/dihapus/index.html"]:
        page = site / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<html lang="id"><body><main data-pagefind-body><h1>{path}</h1><p>{path}</p></main></body>'
        )
    glob = page_glob(paths, html_files(site))
    assert len(glob) < 10_000 and "dihapus" not in glob  # one month listed, the rest collapsed
    log = run_pagefind(site, SearchSettings(), tmp_path / "bundle", paths)
    assert parse_report(log, 0).pages == 8000


def test_a_glob_too_long_for_pagefind_indexes_a_mirror_of_the_selected_pages(tmp_path) -> None:
    site = tmp_path / "site"
    paths = [f"berita/{i // 100:03d}/pemilih-disabilitas-{i:05d}/index.html" for i in range(3000)]
    for path in [*paths, *(f"berita/{i:03d}/dihapus/index.html" for i in range(30))]:  # no folder is whole
        page = site / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<html lang="id"><body><main data-pagefind-body><h1>{path}</h1><p>{path}</p></main></body>'
        )
    assert len(page_glob(paths, html_files(site))) > GLOB_LIMIT
    log = run_pagefind(site, SearchSettings(), tmp_path / "bundle", paths)
    assert parse_report(log, 0).pages == 3000
