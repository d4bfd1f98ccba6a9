"""Saved news pages of different shapes become clean posts that pass `invoke check` and build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from html_import.cli import run_import
from html_import.core import ImportProblem, write_post
from html_import.extract import DATELINE, _dateline
from PIL import Image
from smallsite import write_small_site

ROOT = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).parent / "pages"
WIB = ZoneInfo("Asia/Jakarta")
# What the browser's "Save page as (complete)" put next to each page.
SAVED_IMAGES = [
    "wordpress-bimtek_files/bimtek-aula.jpg",
    "wordpress-bimtek_files/penyerahan-sk.jpg",
    "blogger-pleno_files/pleno-dps.jpg",
    "portal-berita-dpt_files/pleno-dpt.jpg",
    "portal-berita-dpt_files/banner-iklan.jpg",
]
JUNK = [
    "<script",
    "adsbygoogle",
    "style=",
    "Bagikan",
    "Berita Lainnya",
    "Berita Terkait",
    "Baca juga",
    "Terkait",
    "BlogThis",
    "ADVERTISEMENT",
    "Komentar",
    "WhatsApp",
    "pixel",
    "facebook.com/tr",
    "scorecardresearch",
    "Iklan",
    "@@figure",
]


def make_site(folder: Path) -> Path:
    """A tiny site (no posts yet, the demo's data files) to import into."""
    return write_small_site(folder, {}, with_data=True)


def saved_pages(folder: Path) -> Path:
    pages = folder / "saved"
    shutil.copytree(PAGES, pages)
    for index, name in enumerate(SAVED_IMAGES):
        path = pages / name
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (640, 360), (20 * index, 80, 120)).save(path, "JPEG")
    return pages


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("import")
    content = make_site(folder)
    pages = saved_pages(folder)
    results = {}
    for page in sorted(pages.glob("*.html")):
        target, post = write_post(page, content, "Kegiatan", draft=False)
        results[page.stem] = (target, post, target.read_text(encoding="utf-8"))
    return folder, content, results


def header(text: str) -> dict[str, str]:
    head = text.split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def body(text: str) -> str:
    return text.split("\n\n", 1)[1]


def test_wordpress_page(imported):
    _, content, results = imported
    target, post, text = results["wordpress-bimtek"]
    meta = header(text)
    assert target.relative_to(content).as_posix() == (
        "posts/2023/2023-02-11-bimtek-pps-se-kecamatan-concong-jelang-coklit.md"
    )
    assert meta["Title"] == "Bimtek PPS se-Kecamatan Concong Jelang Coklit"
    assert meta["Date"] == "2023-02-11 09:30"  # 02:30 UTC in the meta tag, written in WIB
    assert meta["Author"] == "Rina Marlina"
    assert meta["Tags"] == "bimtek, coklit"
    assert meta["Category"] == "Kegiatan"
    assert (
        meta["Source_url"]
        == "https://ppk-concong-lama.example.id/2023/02/11/bimtek-pps-pantarlih-dan-sidalih/"
    )
    assert meta["Image_alt"] == "Peserta bimtek PPS duduk di aula kantor camat"
    assert meta["Image_caption"] == "Suasana bimtek PPS di aula kantor camat. (Foto: Tim Media PPK)"
    assert (content / meta["Image"]).is_file()
    story = body(text)
    assert "## Penyerahan SK dan perlengkapan" in story
    assert "- Rompi dan topi Pantarlih\n- Stiker coklit" in story
    assert "**Sidalih**" in story and "*Hendra Saputra*" in story
    assert "[laman KPU](https://kpu.example.id/coklit)" in story
    assert "<figcaption>Ketua PPK menyerahkan SK kepada PPS Concong Luar.</figcaption>" in story
    # The empty alt of the second photo is filled from its caption.
    assert 'alt="Ketua PPK menyerahkan SK kepada PPS Concong Luar."' in story
    assert "bimtek-aula" not in story  # the lead photo is not repeated in the body
    assert len(post.images) == 2


def test_blogger_page(imported):
    _, content, results = imported
    _, post, text = results["blogger-pleno"]
    meta = header(text)
    assert meta["Title"] == "Rapat Pleno Rekapitulasi DPS Tingkat Kecamatan"
    assert meta["Date"] == "2023-04-14 00:00"  # from the date header "Jumat, 14 April 2023"
    assert meta["Author"] == "Dedi Kurniawan"
    assert meta["Source_url"] == "https://ppkconcong.blogspot.com/2023/04/rapat-pleno-dps.html"
    assert meta["Image_caption"] == "Anggota PPK membacakan hasil rekapitulasi DPS."
    assert (content / meta["Image"]).is_file()  # found in blogger-pleno_files/ by its name
    story = body(text)
    assert story.startswith("CONCONG – PPK Concong menggelar rapat pleno terbuka")
    assert "partai politik.  \nHasil rekapitulasi" in story  # <br> kept as a line break
    assert "#### Tanggapan masyarakat" in story
    assert "Jumat, 14 April 2023" not in story


def test_news_portal_page(imported):
    _, content, results = imported
    _, post, text = results["portal-berita-dpt"]
    meta = header(text)
    assert meta["Title"] == "PPK Concong Tetapkan DPT Pemilu 2024"
    assert meta["Date"] == "2023-06-17 14:05"  # JSON-LD datePublished
    assert meta["Author"] == "Sari Wulandari"
    assert meta["Tags"] == "DPT, Pemilu 2024, Concong"
    assert meta["Summary"].startswith("Rapat pleno terbuka PPK Concong")
    # The lazy-loaded lead photo sits above the story container.
    assert meta["Image_alt"] == "Rapat pleno DPT di aula kantor camat Concong"
    assert meta["Image_caption"] == "Rapat pleno DPT tingkat kecamatan. (Foto: Riau Pesisir News)"
    story = body(text)
    assert '> "Kami berterima kasih kepada seluruh PPS dan Pantarlih," ujarnya.' in story
    assert "### Jumlah pemilih" in story
    assert "| Concong Luar | 12 |" in story
    assert len(post.images) == 1  # the advertisement banner is not copied
    assert not list(content.rglob("*banner*"))


def test_plain_page_with_dateline_and_legacy_encoding(imported):
    _, _, results = imported
    _, post, text = results["sederhana-sosialisasi"]
    meta = header(text)
    assert meta["Title"] == "Sosialisasi Pemilu kepada Pemilih Pemula"
    assert meta["Date"] == "2023-02-14 00:00"  # "Selasa (14/2/2023)" in the first paragraph
    assert "Image" not in meta and "Source_url" not in meta
    assert "CONCONG – PPK Concong" in text  # windows-1252 en dash decoded
    assert "\n\n\n" not in text
    assert any("tidak ikut tersimpan" in note for note in post.notes)


@pytest.mark.parametrize(
    "name", ["wordpress-bimtek", "blogger-pleno", "portal-berita-dpt", "sederhana-sosialisasi"]
)
def test_no_junk_survives(imported, name):
    text = imported[2][name][2]
    for junk in JUNK:
        assert junk not in text, junk


def test_imported_posts_pass_check_and_build(imported, build_site):
    folder, content, _ = imported
    check = subprocess.run(
        [sys.executable, "-m", "sitebuild", "--check", "-c", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
    assert ": error:" not in check.stderr
    build = build_site(
        folder / "output", content=content, overrides={"PORTAL_NOW": "2024-02-10T12:00:00+07:00"}
    )
    assert build.ok, build.messages
    page = build.page("berita/2023/02/bimtek-pps-se-kecamatan-concong-jelang-coklit/")
    assert "Ketua PPK menyerahkan SK kepada PPS Concong Luar." in page
    assert "images/impor/2023/bimtek-pps-se-kecamatan-concong-jelang-coklit-2.jpg" in page
    assert "{static}" not in page


def test_imports_as_draft_by_default_and_never_overwrites(tmp_path):
    content = make_site(tmp_path)
    pages = saved_pages(tmp_path)
    target, _ = write_post(pages / "wordpress-bimtek.html", content, "Berita")
    assert "Status: draft" in target.read_text(encoding="utf-8")
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    with pytest.raises(ImportProblem, match="sudah ada"):
        write_post(pages / "wordpress-bimtek.html", content, "Berita")
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before


def test_page_without_date_needs_date_option(tmp_path):
    content = make_site(tmp_path)
    page = tmp_path / "tanpa-tanggal.html"
    page.write_text(
        "<html><h1>Rapat Koordinasi PPS</h1><p>" + "Isi berita rapat koordinasi. " * 5 + "</p></html>"
    )
    with pytest.raises(ImportProblem, match="tanggal terbit tidak ditemukan"):
        write_post(page, content, "Berita")
    assert run_import(page, content, date="2023-03-01 10:00") == 0
    assert (content / "posts" / "2023" / "2023-03-01-rapat-koordinasi-pps.md").is_file()


def test_cli_rejects_unknown_rubric(tmp_path, capsys):
    content = make_site(tmp_path)
    code = run_import(
        PAGES / "sederhana-sosialisasi.html", content, rubric="Gosip", rubrics=("Berita", "Kegiatan")
    )
    assert code == 2
    assert "rubrik 'Gosip' tidak dikenal" in capsys.readouterr().err
    assert not list((content / "posts").rglob("*.md"))


def test_cli_module(tmp_path):
    content = make_site(tmp_path)
    pages = saved_pages(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "html_import", str(pages / "blogger-pleno.html"), "--content", str(content)],
        cwd=ROOT / "plugins",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Berita diimpor" in done.stdout and "Status: draft" in done.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CONCONG – Sabtu (11/02/2023), PPK", datetime(2023, 2, 11, tzinfo=WIB)),
        ("Jumat (3/3/23) lalu", datetime(2023, 3, 3, tzinfo=WIB)),
        ("Jum'at (17/11/2023)", datetime(2023, 11, 17, tzinfo=WIB)),
    ],
)
def test_indonesian_dateline(text, expected):
    assert DATELINE.search(text)
    assert _dateline(text, WIB, None) == expected
