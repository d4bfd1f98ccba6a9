"""Every kind of bad input stops the real build (`python -m sitebuild`) and `--check`, names the
file and line, and leaves the last good site byte-identical."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree_digest
from smallsite import write_small_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"

POSTS = {
    "bimtek.md": """\
Title: Bimtek PPS se-Kecamatan Concong
Date: 2023-02-11 09:30
Category: Kegiatan
Tags: bimtek, coklit
Stage: coklit
Image: images/bimtek.jpg
Image_alt: Peserta bimtek duduk di aula kantor camat
Summary: PPK Concong membekali PPS tentang tata kerja Pantarlih.

CONCONG – PPK Concong menggelar bimtek bagi seluruh PPS, Sabtu (11/2/2023).

![Ketua PPK menyerahkan SK kepada PPS]({static}/images/sk.jpg)

Baca juga [pengumuman DPS]({filename}/posts/dps.md) dan [jadwal](/berita/2023/04/pengumuman-dps/).
Unduh [surat edaran]({static}/images/surat-edaran.pdf). Hubungi kantor: 0812-0000-0000.
""",
    "dps.md": """\
Title: Pengumuman DPS
Date: 2023-04-14 08:00
Category: Pengumuman
Slug: pengumuman-dps

Masyarakat dapat memeriksa DPS di kantor desa.
""",
}


def make_site(folder: Path) -> Path:
    """Write the tiny site under `folder/content` and return that path."""
    content = write_small_site(folder, POSTS, images=["bimtek.jpg", "sk.jpg"], with_data=True)
    (content / "images" / "surat-edaran.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    return content


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory, build_site):
    """(folder, content, digest of the built output) for the tiny site."""
    folder = tmp_path_factory.mktemp("good")
    content = make_site(folder)
    build = build_site(folder / "output", content=content, overrides={"PORTAL_NOW": NOW})
    assert build.ok, build.messages
    return folder, content, tree_digest(folder / "output")


@pytest.fixture
def broken_copy(last_good_site, tmp_path):
    """A fresh copy of the good content, to break in one way."""
    _, content, _ = last_good_site
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    return copy


BIMTEK = POSTS["bimtek.md"]
DPS = POSTS["dps.md"]


def _post(text: str):
    return {"posts/bimtek.md": text}


# case -> (files to write (path under content -> text or bytes), file named, line or None, words in message)
CASES = {
    "missing_title": (
        _post(BIMTEK.replace("Title: Bimtek PPS se-Kecamatan Concong\n", "")),
        "posts/bimtek.md",
        1,
        "judul tidak ada",
    ),
    "title_line_malformed": (
        _post(BIMTEK.replace("Title: ", "Judul - ")),
        "posts/bimtek.md",
        1,
        "judul tidak ada",
    ),
    "missing_date": (
        _post(BIMTEK.replace("Date: 2023-02-11 09:30\n", "")),
        "posts/bimtek.md",
        1,
        "tanggal tidak ada",
    ),
    "unparseable_date": (
        _post(BIMTEK.replace("2023-02-11 09:30", "kemarin sore")),
        "posts/bimtek.md",
        2,
        "tidak bisa dibaca",
    ),
    "ambiguous_date": (
        _post(BIMTEK.replace("2023-02-11 09:30", "11/02/2023")),
        "posts/bimtek.md",
        2,
        "ambigu",
    ),
    "impossible_date": (
        _post(BIMTEK.replace("2023-02-11 09:30", "2023-02-30 09:30")),
        "posts/bimtek.md",
        2,
        "tidak ada di kalender",
    ),
    "impossible_time": (
        _post(BIMTEK.replace("2023-02-11 09:30", "2023-02-11 25:30")),
        "posts/bimtek.md",
        2,
        "tidak ada di kalender",
    ),
    "implausible_year": (
        _post(BIMTEK.replace("2023-02-11 09:30", "2203-02-11 09:30")),
        "posts/bimtek.md",
        2,
        "tahun 2203",
    ),
    "unknown_rubric": (
        _post(BIMTEK.replace("Category: Kegiatan", "Category: Kegiatn")),
        "posts/bimtek.md",
        3,
        "rubrik 'Kegiatn' tidak dikenal",
    ),
    "unknown_stage": (
        _post(BIMTEK.replace("Stage: coklit", "Stage: coklt")),
        "posts/bimtek.md",
        5,
        "tahapan 'coklt' tidak dikenal",
    ),
    "missing_lead_image": (
        _post(BIMTEK.replace("images/bimtek.jpg", "images/hilang.jpg")),
        "posts/bimtek.md",
        6,
        "tidak ditemukan",
    ),
    "lead_image_without_alt": (
        _post(BIMTEK.replace("Image_alt: Peserta bimtek duduk di aula kantor camat\n", "")),
        "posts/bimtek.md",
        6,
        "Image_alt",
    ),
    "missing_body_image": (
        _post(BIMTEK.replace("{static}/images/sk.jpg", "{static}/images/sk-hilang.jpg")),
        "posts/bimtek.md",
        12,
        "sk-hilang.jpg",
    ),
    "body_image_without_alt": (
        _post(BIMTEK.replace("![Ketua PPK menyerahkan SK kepada PPS]", "![]")),
        "posts/bimtek.md",
        12,
        "tanpa teks alternatif",
    ),
    "html_image_without_alt": (
        _post(
            BIMTEK.replace(
                "![Ketua PPK menyerahkan SK kepada PPS]({static}/images/sk.jpg)",
                '<img src="{static}/images/sk.jpg">',
            )
        ),
        "posts/bimtek.md",
        12,
        "tanpa teks alternatif",
    ),
    "missing_file": (
        _post(BIMTEK.replace("surat-edaran.pdf", "surat-edaran-2.pdf")),
        "posts/bimtek.md",
        15,
        "surat-edaran-2.pdf",
    ),
    "link_to_missing_post": (
        _post(BIMTEK.replace("{filename}/posts/dps.md", "{filename}/posts/dps-lama.md")),
        "posts/bimtek.md",
        14,
        "dps-lama.md",
    ),
    "link_to_missing_url": (
        _post(BIMTEK.replace("/berita/2023/04/pengumuman-dps/", "/berita/2023/04/pengumuman-dpt/")),
        "posts/bimtek.md",
        14,
        "tidak ada",
    ),
    "relative_link": (
        _post(BIMTEK.replace("{filename}/posts/dps.md", "dps.md")),
        "posts/bimtek.md",
        14,
        "relatif",
    ),
    "same_url": ({"posts/bimtek-2.md": BIMTEK}, "posts/bimtek", 1, "sudah dipakai"),
    "page_takes_builtin_url": (
        {"pages/indeks.md": "Title: Indeks\nSlug: indeks\n\nIsi.\n"},
        "pages/indeks.md",
        1,
        "indeks/index.html",
    ),
    "title_too_long": (
        _post(BIMTEK.replace("se-Kecamatan Concong", "se-Kecamatan Concong " + "dan sekitarnya " * 8)),
        "posts/bimtek.md",
        1,
        "judul terlalu panjang",
    ),
    "summary_too_long": (
        _post(BIMTEK.replace("tata kerja Pantarlih.", "tata kerja Pantarlih. " + "Materi lengkap. " * 20)),
        "posts/bimtek.md",
        8,
        "ringkasan (Summary) terlalu panjang",
    ),
    "not_utf8": (
        {"posts/bimtek.md": BIMTEK.replace("–", "-").encode("utf-8").replace(b"Sabtu", b"S\xe2btu")},
        "posts/bimtek.md",
        10,
        "UTF-8",
    ),
    "empty_post": ({"posts/kosong.md": ""}, "posts/kosong.md", None, "berkas kosong"),
    "empty_data": ({"data/tahapan/kosong.yaml": "\n"}, "data/tahapan/kosong.yaml", None, "kosong"),
    "malformed_yaml": (
        {"data/petugas/catatan.yaml": "nama: Hendra\n  jabatan: ketua\n"},
        "data/petugas/catatan.yaml",
        2,
        "YAML tidak valid",
    ),
    "nik_in_post": (_post(BIMTEK + "Data peserta: 1404180101010001.\n"), "posts/bimtek.md", 16, "NIK"),
    "phone_in_post": (
        _post(BIMTEK + "Hubungi Hendra di 0813 7788 9900.\n"),
        "posts/bimtek.md",
        16,
        "nomor telepon",
    ),
    "not_utf8_data": (
        {"data/petugas/catatan.yaml": b"catatan: rapat\nketua: Hendra\ntempat: Aula Camat \xb7 Concong\n"},
        "data/petugas/catatan.yaml",
        3,
        "UTF-8",
    ),
    "duplicate_yaml_key": (
        {"data/petugas/catatan.yaml": "catatan: rapat\ncatatan: pleno\n"},
        "data/petugas/catatan.yaml",
        2,
        "dua kali",
    ),
    "nik_in_data": (
        {"data/petugas/catatan.yaml": "catatan: NIK 1404 1801 0101 0001\n"},
        "data/petugas/catatan.yaml",
        1,
        "NIK",
    ),
    "unknown_status": (
        _post(BIMTEK.replace("Tags:", "Status: drat\nTags:")),
        "posts/bimtek.md",
        4,
        "Status 'drat'",
    ),
    "raw_html_post": (
        {"posts/berita.html": "<html><body>Berita</body></html>"},
        "posts/berita.html",
        None,
        "raw .html",
    ),
    "link_to_draft": (
        {"posts/dps.md": DPS.replace("Slug:", "Status: draft\nSlug:")},
        "posts/bimtek.md",
        14,
        "draf",
    ),
}


def _write(content: Path, files: dict) -> None:
    for relative, data in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def _expect_named(messages: str, shown: str, line: int | None, words: str) -> None:
    if line is not None:
        assert f"{shown}" in messages and f":{line}: error:" in messages, messages
        located = [m for m in messages.splitlines() if shown in m and f":{line}: error:" in m]
        assert any(words in m for m in located), messages
    else:
        assert any(shown in m and ": error:" in m and words in m for m in messages.splitlines()), messages


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_stops_build_and_keeps_last_site(case, last_good_site, broken_copy, build_site):
    folder, _, good_digest = last_good_site
    files, shown, line, words = CASES[case]
    _write(broken_copy, files)

    build = build_site(folder / "output", content=broken_copy, overrides={"PORTAL_NOW": NOW})

    assert build.returncode != 0
    _expect_named(build.messages, f"content/{shown}", line, words)
    assert "situs sebelumnya tetap utuh" in build.messages
    assert tree_digest(folder / "output") == good_digest


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_reports_without_building(case, broken_copy, tmp_path):
    files, shown, line, words = CASES[case]
    _write(broken_copy, files)

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitebuild",
            "--check",
            "-c",
            str(broken_copy),
            "--set",
            f'PORTAL_NOW="{NOW}"',
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    _expect_named(done.stderr, f"content/{shown}", line, words)
    assert "saran:" in done.stderr  # every finding carries a hint


def test_good_site_checks_clean(last_good_site):
    _, content, _ = last_good_site
    done = subprocess.run(
        [sys.executable, "-m", "sitebuild", "--check", "-c", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "0 kesalahan (errors), 0 peringatan (warnings)." in done.stderr


def test_all_findings_reported_at_once(broken_copy):
    _write(
        broken_copy,
        {**CASES["unknown_rubric"][0], "data/petugas/catatan.yaml": "a: [\n", "posts/kosong.md": ""},
    )
    done = subprocess.run(
        [sys.executable, "-m", "sitebuild", "--check", "-c", str(broken_copy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "content/posts/bimtek.md:3: error: rubrik 'Kegiatn'" in done.stderr
    assert "content/data/petugas/catatan.yaml:" in done.stderr
    assert "content/posts/kosong.md: error: berkas kosong" in done.stderr
    assert "3 kesalahan (errors)" in done.stderr


def test_warnings_do_not_stop_the_build(last_good_site, broken_copy, build_site, tmp_path):
    text = BIMTEK.replace(
        "se-Kecamatan Concong",
        "se-Kecamatan Concong, Kabupaten Indragiri Hilir, Provinsi Riau, Menjelang Coklit 2023",
    )
    _write(broken_copy, {"posts/bimtek.md": text.replace("Tags:", "Kategori: Berita\nTags:")})
    build = build_site(tmp_path / "output", content=broken_copy, overrides={"PORTAL_NOW": NOW})
    assert build.ok, build.messages
    assert "content/posts/bimtek.md:1: warning: judul" in build.messages
    assert "content/posts/bimtek.md:4: warning: kunci metadata 'kategori' tidak dikenal" in build.messages
