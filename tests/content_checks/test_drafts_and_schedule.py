"""Drafts show only in the local preview; future-dated posts wait for their date (PORTAL_NOW)."""

from __future__ import annotations

from pathlib import Path

import pytest
from smallsite import write_small_site

BEFORE = "2024-02-10T12:00:00+07:00"
AFTER = "2024-02-20T08:00:00+07:00"

POSTS = {
    "lalu.md": (
        "Title: Bimtek KPPS Gelombang Pertama\nDate: 2024-01-26 09:00\nCategory: Kegiatan\n\nIsi berita.\n"
    ),
    "terjadwal.md": (
        "Title: Jadwal Rekapitulasi Tingkat Kecamatan\nDate: 2024-02-20 07:00\nCategory: Pengumuman\n\n"
        "Rekapitulasi dimulai hari ini.\n"
    ),
    "draf.md": (
        "Title: Catatan Rapat Internal\nDate: 2024-01-30 10:00\nCategory: Berita\nStatus: draft\n\n"
        "Belum terbit.\n"
    ),
}
SCHEDULED_URL = "berita/2024/02/jadwal-rekapitulasi-tingkat-kecamatan/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return write_small_site(tmp_path_factory.mktemp("schedule"), POSTS, with_data=True)


def _all_html(output: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(output.rglob("*.html")))


def test_published_site_hides_drafts_and_future_posts(site, build_site, tmp_path):
    build = build_site(
        tmp_path / "out", content=site, settings="publishconf.py", overrides={"PORTAL_NOW": BEFORE}
    )
    assert build.ok, build.messages
    assert (build.output / "berita/2024/01/bimtek-kpps-gelombang-pertama/index.html").is_file()
    assert not (build.output / SCHEDULED_URL).exists()
    pages = _all_html(build.output)
    assert "Jadwal Rekapitulasi Tingkat Kecamatan" not in pages
    assert "Catatan Rapat Internal" not in pages
    assert not (build.output / "draf").exists()
    feeds = "".join(p.read_text(encoding="utf-8") for p in build.output.rglob("*.xml"))
    assert "Jadwal Rekapitulasi" not in feeds and "Catatan Rapat Internal" not in feeds


def test_scheduled_post_appears_on_the_next_build_after_its_date(site, build_site, tmp_path):
    build = build_site(
        tmp_path / "out", content=site, settings="publishconf.py", overrides={"PORTAL_NOW": AFTER}
    )
    assert build.ok, build.messages
    assert "Jadwal Rekapitulasi Tingkat Kecamatan" in build.page(SCHEDULED_URL)
    assert "Jadwal Rekapitulasi Tingkat Kecamatan" in build.page("")
    assert "Catatan Rapat Internal" not in _all_html(build.output)


def test_local_preview_shows_drafts_and_scheduled_posts_as_drafts(site, build_site, tmp_path):
    build = build_site(tmp_path / "out", content=site, overrides={"PORTAL_NOW": BEFORE})
    assert build.ok, build.messages
    assert "Catatan Rapat Internal" in build.page("draf/catatan-rapat-internal/")
    assert "Jadwal Rekapitulasi Tingkat Kecamatan" in build.page(
        "draf/jadwal-rekapitulasi-tingkat-kecamatan/"
    )
    assert not (build.output / SCHEDULED_URL).exists()
    assert "Jadwal Rekapitulasi Tingkat Kecamatan" not in build.page("")  # not listed as news yet
