"""Nothing outside content/ is published (issue 13, items 1 and 9).

A symbolic link under content/ that leads outside it, and a path that climbs out
of content/, stop the build (and `invoke check`) naming the link and its target;
a 16-digit number or a phone number in a published file name stops it naming the
file. The last good site stays byte for byte.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import tree_digest
from PIL import Image

from tests.integrity.sites import GALLERY, build, copy_site, error_lines, make_site, run_check


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """(folder, content, digest of the last good output)."""
    folder = tmp_path_factory.mktemp("good")
    content = make_site(folder)
    done = build(folder / "output", content)
    assert done.ok, done.messages
    return folder, content, tree_digest(folder / "output")


@pytest.fixture(scope="module")
def outside(tmp_path_factory) -> Path:
    """Files outside any content folder: a 'system' text file and an image."""
    folder = tmp_path_factory.mktemp("outside")
    (folder / "rahasia.txt").write_text("root:x:0:0:RAHASIA\n", encoding="utf-8")
    Image.new("RGB", (200, 100), "purple").save(folder / "foto-luar.jpg")
    (folder / "map").mkdir()
    Image.new("RGB", (200, 100), "orange").save(folder / "map" / "foto.jpg")
    return folder


def _link(content: Path, relative: str, target: Path) -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


# case -> (link under content, target under the `outside` folder)
LINKS = {
    "static_text_file": ("images/data.txt", "rahasia.txt"),
    "static_image": ("images/foto-luar.jpg", "foto-luar.jpg"),
    "static_folder": ("images/arsip", "map"),
    "gallery_photo": (f"galeri/{GALLERY}/04-luar.jpg", "foto-luar.jpg"),
    "officer_photo": ("data/petugas/foto/luar.jpg", "foto-luar.jpg"),
    "data_file": ("data/tahapan/luar.yaml", "rahasia.txt"),
}


@pytest.mark.parametrize("case", sorted(LINKS))
def test_link_leading_outside_content_stops_build_and_check(case, good, outside, tmp_path):
    folder, content, digest = good
    relative, target = LINKS[case]
    broken = copy_site(content, tmp_path / "content")
    _link(broken, relative, outside / target)

    done = build(folder / "output", broken)
    checked = run_check(broken)

    assert done.returncode == 1 and checked.returncode == 1
    expected = f"content/{relative}: error: tautan simbolik menunjuk ke luar folder content/"
    assert any(line.startswith(expected) for line in error_lines(done.messages)), done.messages
    assert str(outside / target) in done.messages
    assert error_lines(done.messages) == error_lines(checked.stderr)
    assert "RAHASIA" not in done.messages
    assert tree_digest(folder / "output") == digest


def test_link_inside_content_is_allowed(good, tmp_path):
    """A link from one place in content/ to another publishes the file it points to."""
    _, content, _ = good
    site = copy_site(content, tmp_path / "content")
    _link(site, "images/sk-salinan.jpg", site / "images" / "sk.jpg")
    done = build(tmp_path / "output", site)
    assert done.ok, done.messages
    assert (done.output / "images" / "sk-salinan.jpg").is_file()
    assert run_check(site).returncode == 0


def test_link_loop_is_an_error(good, tmp_path):
    folder, content, digest = good
    broken = copy_site(content, tmp_path / "content")
    os.symlink("putar-b.jpg", broken / "images" / "putar-a.jpg")
    os.symlink("putar-a.jpg", broken / "images" / "putar-b.jpg")
    done = build(folder / "output", broken)
    assert done.returncode == 1
    assert "content/images/putar-a.jpg: error: tautan simbolik" in done.messages, done.messages
    assert tree_digest(folder / "output") == digest


# case -> (text replaced in posts/bimtek.md, replacement, line, words)
ESCAPES = {
    "lead_image": (
        "Image: images/bimtek.jpg",
        "Image: ../../../../etc/passwd",
        4,
        "keluar dari folder content",
    ),
    "gallery": (f"Gallery: {GALLERY}", "Gallery: ../images", 6, "folder galeri '../images'"),
    "static_link": (
        "{static}/images/sk.jpg",
        "{static}/../../../../etc/hostname",
        10,
        "luar folder content/",
    ),
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_path_climbing_out_of_content_stops_build_and_check(case, good, tmp_path):
    folder, content, digest = good
    old, new, line, words = ESCAPES[case]
    broken = copy_site(content, tmp_path / "content")
    post = broken / "posts" / "bimtek.md"
    post.write_text(post.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    done = build(folder / "output", broken)
    checked = run_check(broken)

    assert done.returncode == 1 and checked.returncode == 1
    located = [
        m for m in error_lines(done.messages) if m.startswith(f"content/posts/bimtek.md:{line}: error:")
    ]
    assert any(words in m for m in located), done.messages
    assert error_lines(done.messages) == error_lines(checked.stderr)
    assert tree_digest(folder / "output") == digest


# Personal data in the names of files that would be published (item 9).
NAMES = {
    "static_image_nik": "images/ktp-1404180101010001.jpg",
    "attachment_phone": "images/kontak-0812-3456-7890.pdf",
    "gallery_photo_phone": f"galeri/{GALLERY}/05-hubungi-081234567890.jpg",
    "officer_photo_nik": "data/petugas/foto/1404180101010001.jpg",
    "folder_nik": "images/1404 1801 0101 0001/foto.jpg",
}


@pytest.mark.parametrize("case", sorted(NAMES))
def test_personal_data_in_a_file_name_stops_build_and_check(case, good, tmp_path):
    folder, content, digest = good
    relative = NAMES[case]
    broken = copy_site(content, tmp_path / "content")
    path = broken / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".jpg":
        Image.new("RGB", (200, 100), "white").save(path)
    else:
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")

    done = build(folder / "output", broken)
    checked = run_check(broken)

    assert done.returncode == 1 and checked.returncode == 1
    expected = f"content/{relative}: error: nama berkas memuat"
    assert any(line.startswith(expected) for line in error_lines(done.messages)), done.messages
    assert error_lines(done.messages) == error_lines(checked.stderr)
    assert tree_digest(folder / "output") == digest
