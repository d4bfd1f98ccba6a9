"""Mistakes the media officer can make stop the build with a clear message, and the
last good site stays exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import tree_digest
from smallsite import write_small_site

GOOD_POST = """\
Title: Rapat Pleno Terbuka
Date: 2023-06-20 10:00
Category: Berita
Tags: dpt
Image: images/pleno.jpg
Image_alt: Meja pleno di aula kantor camat

CONCONG – Isi berita.
"""


def _small_site(folder: Path) -> Path:
    return write_small_site(folder, {"pleno.md": GOOD_POST}, images=["pleno.jpg"])


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory, build_site):
    folder = tmp_path_factory.mktemp("good")
    content = _small_site(folder)
    build = build_site(folder / "output", content=content)
    assert build.ok, build.messages
    return folder, content, tree_digest(folder / "output")


BAD_POSTS = {
    "no_title": (GOOD_POST.replace("Title: Rapat Pleno Terbuka\n", ""), "title", None),
    "bad_date": (GOOD_POST.replace("2023-06-20 10:00", "2023-02-30 10:00"), "2023-02-30", None),
    "unknown_rubric": (
        GOOD_POST.replace("Category: Berita", "Category: Gosip"),
        "rubrik 'Gosip' tidak dikenal",
        3,
    ),
    "missing_image": (GOOD_POST.replace("images/pleno.jpg", "images/tidak-ada.jpg"), "tidak ditemukan", 5),
    "image_without_alt": (
        GOOD_POST.replace("Image_alt: Meja pleno di aula kantor camat\n", ""),
        "Image_alt",
        5,
    ),
    "bad_pinned_word": (GOOD_POST.replace("Tags: dpt\n", "Tags: dpt\nPinned: mungkin\n"), "Pinned", 5),
}


@pytest.mark.parametrize("case", sorted(BAD_POSTS))
def test_bad_post_fails_with_file_and_keeps_last_site(case, last_good_site, build_site, tmp_path):
    folder, content, good_digest = last_good_site
    text, fragment, line = BAD_POSTS[case]
    broken = tmp_path / "content"
    shutil.copytree(content, broken)
    (broken / "posts" / "pleno.md").write_text(text, encoding="utf-8")

    build = build_site(folder / "output", content=broken)

    assert build.returncode != 0
    assert "pleno.md" in build.messages
    assert fragment in build.messages
    if line is not None:
        assert f"pleno.md:{line}: error:" in build.messages
    assert "situs sebelumnya tetap utuh" in build.messages
    assert tree_digest(folder / "output") == good_digest


def test_bad_setting_is_named(last_good_site, build_site):
    folder, content, good_digest = last_good_site
    build = build_site(folder / "output", content=content, overrides={"PORTAL_RUBRICS": []})
    assert build.returncode != 0
    assert "PORTAL_RUBRICS" in build.messages
    assert tree_digest(folder / "output") == good_digest


def test_broken_theme_template_is_named_without_traceback(last_good_site, build_site, tmp_path):
    """A theme edit Jinja cannot compile names the template and line; the last site stays."""
    folder, content, good_digest = last_good_site
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parent.parent / "theme", theme)
    page = theme / "templates" / "page.html"
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_line = next(i for i, text in enumerate(lines, 1) if "{% block content %}" in text)
    block = "{% block content %}"
    lines[broken_line - 1] = lines[broken_line - 1].replace(block, block + "{% if %}")
    page.write_text("".join(lines), encoding="utf-8")

    build = build_site(folder / "output", content=content, overrides={"THEME": str(theme)})

    assert build.returncode != 0
    assert f"page.html:{broken_line}: error: templat tema rusak" in build.messages
    assert "Traceback" not in build.messages
    assert "situs sebelumnya tetap utuh" in build.messages
    assert tree_digest(folder / "output") == good_digest
