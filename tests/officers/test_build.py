"""Real builds: the officer pages, the galleries, the published images, bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePosixPath

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT, DEMO_NOW, tree_digest
from PIL import Image

BIMTEK = "berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/"
RASTER = (".jpg", ".jpeg", ".png", ".webp")


def soup(build, url: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url), "html.parser")


def resolve(page_url: str, ref: str) -> str:
    """A relative URL from a page, as a path from the site root."""
    parts: list[str] = []
    for part in PurePosixPath(page_url.strip("/"), ref).parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def assert_images_sound(build, url: str) -> list:
    """Every <img> has width, height, alt; every src/srcset file exists."""
    page = soup(build, url)
    images = page.select("main img")
    for img in images:
        assert img.get("width") and img.get("height") and img.has_attr("alt"), img
        candidates = [img["src"]] + [
            entry.split()[0]
            for tag in [img, *img.find_parent("picture").select("source")]
            if img.find_parent("picture")
            for entry in tag.get("srcset", "").split(",")
            if entry.strip()
        ]
        for ref in candidates:
            assert (build.output / resolve(url, ref)).is_file(), f"{url}: {ref} missing"
    assert not page.select("main [style]"), "no inline styles (CSP style-src 'self')"
    return images


def test_overview_lists_every_body_and_village(demo_build):
    page = soup(demo_build, "petugas/")
    text = page.main.get_text(" ", strip=True)
    for body in (
        "Panitia Pemilihan Kecamatan (PPK)",
        "Panitia Pemungutan Suara (PPS)",
        "Petugas Pemutakhiran Data Pemilih (Pantarlih)",
        "Panwaslu Kecamatan",
        "(PKD)",
    ):
        assert body in text
    assert "5 dari 5 petugas" in text and "18 dari 18 petugas" in text and "50 dari 50" in text
    desa_links = {a["href"] for a in page.select(".desa-picker a")}
    assert len(desa_links) == 6
    assert all(
        (demo_build.output / resolve("petugas/", link) / "index.html").is_file() for link in desa_links
    )
    nav = [a.get_text() for a in page.select(".site-nav a")]
    assert "Petugas" in nav and "Galeri" in nav
    assert_images_sound(demo_build, "petugas/")


def test_body_page_shows_cards_with_photo_or_initials(demo_build):
    page = soup(demo_build, "petugas/ppk/")
    cards = page.select(".officer-card")
    names = [c.select_one(".officer-name").get_text() for c in cards]
    assert names == [
        "Fadlan Syahputra",
        "M. Iqbal Ramadhan",
        "Nurhasanah Amir",
        "Dewi Kartika Sari",
        "Andi Zulkarnain",
    ]
    assert "Ketua" in cards[0].get_text() and "Divisi Keuangan, Umum dan Logistik" in cards[0].get_text()
    assert cards[0].select_one("source[type='image/webp']")["srcset"].count("w,") == 1  # 160w, 320w
    assert cards[4].select_one("svg[role=img]")["aria-label"].startswith("Inisial Andi Zulkarnain")
    assert "Masa tugas 4 Januari 2023" in page.get_text(" ", strip=True)
    images = assert_images_sound(demo_build, "petugas/ppk/")
    assert len(images) == 4


def test_desa_page_answers_who_serves_my_village(demo_build):
    page = soup(demo_build, "petugas/desa/concong-luar/")
    text = page.main.get_text(" ", strip=True)
    assert page.h1.get_text() == "Petugas Pemilu di Kelurahan Concong Luar"
    for name in ("Junaidi Abbas", "Rina Marlina", "Syaiful Anwar", "Irwan Setiadi", "Agus Hamid"):
        assert name in text
    assert "Panwaslu Kelurahan" in text
    tps = [p.get_text() for p in page.select("#pantarlih-concong-luar .officer-tps")]
    assert tps == [f"TPS {n:03d}" for n in range(1, 13)]
    dalam = soup(demo_build, "petugas/desa/concong-dalam/").main.get_text(" ", strip=True)
    assert "Sri Wahyuni" in dalam and "(PKD)" in dalam and "Junaidi Abbas" not in dalam


def test_post_gallery_grid_links_thumbnails_to_viewer_pages(demo_build):
    page = soup(demo_build, BIMTEK)
    gallery = page.select_one("section.gallery")
    assert gallery is not None
    figures = gallery.select("figure")
    assert len(figures) == 6
    first = figures[0]
    assert first.figcaption.get_text(strip=True).startswith("Ketua PPK Concong membuka bimtek")
    assert figures[4].figcaption.get_text(strip=True) == "Perlengkapan pantarlih"  # from the file name
    viewer = resolve(BIMTEK, first.a["href"])
    assert re.fullmatch(r"galeri/2023-02-11-bimtek-pps/1", viewer)  # the photo's own page
    viewer_page = soup(demo_build, viewer + "/")
    large = viewer_page.select_one(".photo-large a")["href"]
    assert Image.open(demo_build.output / resolve(viewer + "/", large)).size == (1200, 900)
    assert all(img.get("loading") == "lazy" for img in gallery.select("img"))
    # WebP at 320 and 640 px; one 640 px JPEG for browsers without WebP, no srcset needed.
    assert first.source["srcset"].count("w,") == 1 and first.source["srcset"].endswith(".webp 640w")
    assert first.img["src"].endswith("-640.jpg") and not first.img.get("srcset")
    assert (first.img["width"], first.img["height"]) == ("640", "480")
    assert not page.select("script[src*=galeri]")
    assert_images_sound(demo_build, BIMTEK)


def test_lead_image_gets_srcset_and_webp(demo_build):
    lead = soup(demo_build, BIMTEK).select_one(".lead-figure")
    assert lead.select_one("source[type='image/webp']")["srcset"].startswith("../../../../foto/berita/")
    assert lead.img["srcset"].endswith("images/2023/bimtek-pps.jpg 1200w")
    assert_images_sound(demo_build, BIMTEK)
    assert_images_sound(demo_build, "")


def test_gallery_index_lists_galleries_newest_first(demo_build):
    page = soup(demo_build, "galeri/")
    titles = [h.get_text(strip=True) for h in page.select(".gallery-index h2")]
    assert titles and titles[0].startswith("Bimtek PPS Jelang Coklit")
    assert page.select_one(".gallery-index a")["href"].endswith("#galeri")
    assert_images_sound(demo_build, "galeri/")


def test_no_published_image_carries_metadata(demo_build):
    images = [p for p in demo_build.output.rglob("*") if p.suffix.lower() in RASTER]
    assert len(images) > 100
    for path in images:
        if "theme" in path.relative_to(demo_build.output).parts:
            continue
        with Image.open(path) as image:
            assert not image.getexif() and "exif" not in image.info, path
    # The demo photo saved sideways by a "phone" (Orientation 6, GPS) is upright and clean.
    source = CONTENT / "galeri/2023-02-11-bimtek-pps/06-foto-bersama.jpg"
    assert Image.open(source).getexif().get_ifd(0x8825), "the demo source does carry GPS"
    folder = demo_build.output / "foto/galeri/2023-02-11-bimtek-pps"
    # The large copy is <stem>-<hash>.jpg; the width variants end in -<width>.jpg.
    [large] = [p for p in folder.iterdir() if re.fullmatch(r"06-foto-bersama-[0-9a-f]{8}\.jpg", p.name)]
    assert Image.open(large).size == (1200, 900)


# --- builds of a copy of the demo content -----------------------------------------------


@pytest.fixture
def content(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def test_second_build_reencodes_nothing(tmp_path, content, build_site):
    """Also: a post that opts out with `Nik_ok: ya` may show a 16-digit number."""
    post = content / "posts/2023/2023-02-11-bimtek-pps-tata-kerja-pantarlih-sidalih.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("Gallery:", "Nik_ok: ya\nGallery:", 1) + "\nNomor rekening kegiatan 1234567890123456.\n",
        encoding="utf-8",
    )
    settings = {"PORTAL_NOW": DEMO_NOW, "OFFICERS_IMAGE_CACHE": str(tmp_path / "cache")}
    first = build_site(tmp_path / "one", content=content, overrides=settings)
    assert first.ok, first.messages
    entries = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("meta.json")}
    assert len(entries) > 20  # officers, gallery, lead and other static images
    second = build_site(tmp_path / "two", content=content, overrides=settings)
    assert second.ok, second.messages
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("meta.json")} == entries
    for folder in ("foto", "images"):
        assert tree_digest(first.output / folder) == tree_digest(second.output / folder)


def _fails(build, location: str, fragment: str) -> None:
    assert not build.ok
    assert re.search(rf"{re.escape(location)}: error: .*{re.escape(fragment)}", build.messages), (
        build.messages
    )


def test_officer_data_error_stops_the_build(tmp_path, content, build_site):
    data = content / "data/petugas/pkd.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "  - {nama: Siti Maryam,", "  - {nama: Siti Maryam, alamat: Jl. Parit Lima,"
        ),
        encoding="utf-8",
    )
    build = build_site(tmp_path / "out", content=content)
    _fails(build, "content/data/petugas/pkd.yaml:8", "kolom 'alamat' berisi alamat rumah")


def test_bad_gallery_folder_names_the_post(tmp_path, content, build_site):
    post = content / "posts/2023/2023-02-11-bimtek-pps-tata-kerja-pantarlih-sidalih.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("Gallery: 2023-02-11-bimtek-pps", "Gallery: bimtek-salah"),
        encoding="utf-8",
    )
    build = build_site(tmp_path / "out", content=content)
    _fails(build, f"{post.relative_to(content.parent)}:12", "folder galeri 'bimtek-salah' tidak ditemukan")


def test_corrupt_photo_names_the_file(tmp_path, content, build_site):
    """A broken header is found when planning, a truncated photo only when it is
    decoded in the background: both are reported by the same failed build."""
    folder = content / "galeri/2023-02-11-bimtek-pps"
    (folder / "07-rusak.jpg").write_bytes(b"\xff\xd8\xff broken")
    whole = (folder / "06-foto-bersama.jpg").read_bytes()
    (folder / "08-terpotong.jpg").write_bytes(whole[: len(whole) // 2])  # copy interrupted
    build = build_site(
        tmp_path / "out", content=content, overrides={"OFFICERS_IMAGE_CACHE": str(tmp_path / "cache")}
    )
    _fails(build, "content/galeri/2023-02-11-bimtek-pps/07-rusak.jpg", "rusak atau bukan gambar")
    _fails(build, "content/galeri/2023-02-11-bimtek-pps/08-terpotong.jpg", "rusak atau bukan gambar")


def test_truncated_lead_image_stops_the_build(tmp_path, content, build_site):
    whole = (content / "images/2023/bimtek-pps.jpg").read_bytes()
    (content / "images/2023/bimtek-pps.jpg").write_bytes(whole[: len(whole) // 2])
    build = build_site(
        tmp_path / "out", content=content, overrides={"OFFICERS_IMAGE_CACHE": str(tmp_path / "cache")}
    )
    _fails(build, "content/images/2023/bimtek-pps.jpg", "rusak atau bukan gambar")


def test_nik_in_a_post_without_opt_out_stops_the_build(tmp_path, content, build_site):
    post = content / "posts/2023/2023-02-12-coklit-dimulai.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nNIK warga 1404180101850001.\n", encoding="utf-8")
    build = build_site(tmp_path / "out", content=content)
    assert not build.ok and "1404180101850001" in build.messages and "Nik_ok" in build.messages
