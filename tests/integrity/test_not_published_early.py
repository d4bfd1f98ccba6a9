"""Nothing published early or silently dropped (issue 13, item 10, first two parts).

* In the published build (publishconf.py: drafts are not written), the images
  and attachments of a draft or a scheduled post are not published before the
  post: not the file itself, not its photo variants. In local preview
  (pelicanconf.py) drafts are pages under draf/, so their images are there too.
* A Markdown file under content/ that no reader publishes gets a warning naming
  it and where it should go, from the build and from `invoke check`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_build
from PIL import Image

from tests.integrity.sites import NOW, build, make_site, run_check

DRAFT = """\
Title: Rekapitulasi Suara Tingkat Kecamatan
Date: 2024-02-15 09:00
Category: Berita
Status: draft
Image: images/draf-rekap.jpg
Image_alt: Petugas menghitung suara

Isi draf. ![Formulir rekap]({static}/images/draf-formulir.jpg) [Berkas]({static}/images/draf-lampiran.pdf)
Foto bersama: ![Tim]({static}/images/sk.jpg)
"""

SCHEDULED = """\
Title: Pengumuman Hasil Pleno
Date: 2024-03-01 08:00
Category: Pengumuman
Image: images/jadwal-pleno.jpg
Image_alt: Ruang pleno
Gallery: pleno-terjadwal

Isi pengumuman yang terbit nanti.
"""

WITHHELD = ("draf-rekap", "draf-formulir", "draf-lampiran", "jadwal-pleno", "pleno-terjadwal")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    content = make_site(tmp_path_factory.mktemp("site"))
    (content / "posts" / "rekap.md").write_text(DRAFT, encoding="utf-8")
    (content / "posts" / "pleno.md").write_text(SCHEDULED, encoding="utf-8")
    for name in ("draf-rekap.jpg", "draf-formulir.jpg", "jadwal-pleno.jpg"):
        Image.new("RGB", (800, 600), "teal").save(content / "images" / name)
    (content / "images" / "draf-lampiran.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    gallery = content / "galeri" / "pleno-terjadwal"
    gallery.mkdir()
    Image.new("RGB", (800, 600), "navy").save(gallery / "01-pleno.jpg")
    return content


def _published_names(output: Path) -> list[str]:
    return [str(p.relative_to(output)) for p in output.rglob("*") if p.is_file()]


def test_published_build_holds_back_the_files_of_drafts_and_scheduled_posts(site, tmp_path):
    done = run_build(
        tmp_path / "output", content=site, settings="publishconf.py", overrides={"PORTAL_NOW": NOW}
    )
    assert done.ok, done.messages
    names = _published_names(done.output)
    early = [n for n in names if any(word in n for word in WITHHELD)]
    assert early == [], early
    assert "images/sk.jpg" in names  # also used by a published post
    assert "images/bimtek.jpg" in names and "images/surat-edaran.pdf" in names
    assert not any("pleno-terjadwal" in n for n in names)


def test_preview_shows_drafts_with_their_images(site, tmp_path):
    done = build(tmp_path / "output", site)
    assert done.ok, done.messages
    names = _published_names(done.output)
    for word in ("draf-rekap", "draf-formulir", "draf-lampiran", "jadwal-pleno", "pleno-terjadwal"):
        assert any(word in n for n in names), (word, names)
    draft_page = next(p for p in done.output.glob("draf/*/index.html") if "rekapitulasi" in str(p))
    assert "draf-formulir" in draft_page.read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["berita-baru.md", "images/catatan.md", "data/berita-lama.md"])
def test_markdown_outside_posts_and_pages_is_named_in_a_warning(where, site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(site, content)
    (content / where).write_text("Title: Berita Baru\nDate: 2024-02-01 10:00\n\nIsi.\n", encoding="utf-8")

    done = build(tmp_path / "output", content)
    checked = run_check(content)

    expected = f"content/{where}: warning: berkas Markdown ini tidak akan diterbitkan"
    for text in (done.messages, checked.stderr):
        assert expected in text, text
        assert "pindahkan ke content/posts/" in text
    assert done.ok and checked.returncode == 0
