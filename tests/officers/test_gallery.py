"""Gallery folders: captions from the sidecar or file names, and every bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from officers.core.gallery import caption_from_name, load_gallery
from PIL import Image
from portal_common.errors import ContentError

POST = "content/posts/2023/bimtek.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "galeri" / "bimtek"
    folder.mkdir(parents=True)
    for name in ("10-penutupan.jpg", "02-materi.jpg", "01-pembukaan.jpg"):
        Image.new("RGB", (40, 30)).save(folder / name)
    (folder / "Thumbs.db").write_bytes(b"x")
    return tmp_path / "galeri"


def load(root: Path, folder: str = "bimtek"):
    return load_gallery(root, "content/galeri", folder, POST, 9)


def test_photos_in_name_order_with_sidecar_and_file_name_captions(root):
    (root / "bimtek" / "keterangan.yaml").write_text(
        "# keterangan\n02-materi.jpg: Narasumber   memaparkan Sidalih.\n", encoding="utf-8"
    )
    gallery = load(root)
    assert [p.name for p in gallery.photos] == ["01-pembukaan.jpg", "02-materi.jpg", "10-penutupan.jpg"]
    assert [p.caption for p in gallery.photos] == ["Pembukaan", "Narasumber memaparkan Sidalih.", "Penutupan"]
    assert gallery.cover.name == "01-pembukaan.jpg"


@pytest.mark.parametrize(
    ("name", "caption"),
    [
        ("02-penyerahan-sk.jpg", "Penyerahan sk"),
        ("IMG_2041.JPG", "IMG 2041"),
        ("rapat_pleno.png", "Rapat pleno"),
    ],
)
def test_caption_from_name(name, caption):
    assert caption_from_name(name) == caption


@pytest.mark.parametrize("folder", ["tidak-ada", "../galeri", "/etc"])
def test_unknown_folder_blames_the_post_line(root, folder):
    with pytest.raises(ContentError) as caught:
        load(root, folder)
    assert (caught.value.path, caught.value.line) == (POST, 9)
    assert "tidak ditemukan" in caught.value.findings[0].message
    assert "bimtek" in caught.value.findings[0].hint  # lists the galleries that exist


def test_empty_folder(root):
    (root / "kosong").mkdir()
    with pytest.raises(ContentError, match="tidak berisi foto") as caught:
        load(root, "kosong")
    assert caught.value.path == POST


def test_sidecar_naming_a_missing_photo(root):
    (root / "bimtek" / "keterangan.yaml").write_text(
        "01-pembukaan.jpg: Buka\n03-salah.jpg: X\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        load(root)
    assert (caught.value.path, caught.value.line) == ("content/galeri/bimtek/keterangan.yaml", 2)
    assert "foto '03-salah.jpg' tidak ada" in caught.value.findings[0].message


def test_sidecar_caption_must_be_text(root):
    (root / "bimtek" / "keterangan.yaml").write_text("01-pembukaan.jpg:\n  - a\n", encoding="utf-8")
    with pytest.raises(ContentError, match="harus berupa teks"):
        load(root)


def test_sidecar_must_be_a_mapping(root):
    (root / "bimtek" / "keterangan.yaml").write_text("- 01-pembukaan.jpg\n", encoding="utf-8")
    with pytest.raises(ContentError, match="nama-berkas: keterangan"):
        load(root)


def test_caption_with_personal_data_is_refused(root):
    (root / "bimtek" / "keterangan.yaml").write_text(
        "# x\n01-pembukaan.jpg: Hubungi Budi 0812-3456-7890\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as caught:
        load(root)
    assert caught.value.line == 2 and "nomor telepon/HP" in caught.value.findings[0].message


def test_unsupported_photo_format_names_the_file(root):
    (root / "bimtek" / "dari-iphone.heic").write_bytes(b"....")
    with pytest.raises(ContentError) as caught:
        load(root)
    assert caught.value.path == "content/galeri/bimtek/dari-iphone.heic"
    assert "JPEG" in caught.value.findings[0].hint
