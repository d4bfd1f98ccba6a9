"""Unit tests of the pure search core, with the real Pagefind binary on tiny sites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from portal_common.errors import SettingsError
from site_search.core import (
    SearchIndexError,
    SearchSettings,
    build_index,
    pagefind_command,
    pagefind_executable,
    parse_report,
    read_settings,
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
    assert read_settings({}) == SearchSettings()
    assert read_settings({}).language == "id"


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
        read_settings({key: value})
    assert caught.value.key == key


def test_command_has_every_option() -> None:
    cfg = SearchSettings(exclude_selectors=(".iklan", "figure figcaption"))
    command = pagefind_command(Path("/site"), cfg, Path("/bin/pagefind"), Path("/tmp/bundle"))
    assert command[0] == "/bin/pagefind"
    assert command[command.index("--site") + 1] == "/site"
    assert command[command.index("--force-language") + 1] == "id"
    assert command[command.index("--output-path") + 1] == "/tmp/bundle"
    assert command[command.index("--exclude-selectors") + 1] == ".iklan,figure figcaption"


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
