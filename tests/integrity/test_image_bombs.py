"""Image decoding is bounded in every role (issue 13, item 4).

A decompression bomb (a small PNG declaring a huge picture), as a lead image, a
gallery photo, an officer photo or a plain static image, stops `invoke check`
and the build with an Indonesian error naming the file and the limit in force,
never a traceback; the hint's number is that same limit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image
from portal_common.imagelimits import MAX_MEGAPIXELS, MAX_PIXELS, ImageTooLarge, open_bounded

from tests.integrity.sites import GALLERY, build, error_lines, make_site, run_check


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    """Real PNG files made with Pillow: 1-bit pixels, so a few hundred kB on disk."""
    folder = tmp_path_factory.mktemp("bombs")
    made = {}
    for name, side in (("huge", 30_000), ("just_over", 16_000)):
        path = folder / f"{name}.png"
        Image.new("1", (side, side)).save(path)
        made[name] = path
    assert made["huge"].stat().st_size < 2_000_000
    assert 16_000 * 16_000 > MAX_PIXELS > 15_000 * 15_000  # just over the limit, under Pillow's own error
    return made


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("site"))


def _officer_photo(content: Path, bomb: Path) -> str:
    shutil.copy(bomb, content / "data/petugas/foto/bom.png")
    path = content / "data/petugas/ppk.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("foto/fadlan-syahputra.jpg", "foto/bom.png"),
        encoding="utf-8",
    )
    return "content/data/petugas/foto/bom.png"


def _lead_image(content: Path, bomb: Path) -> str:
    shutil.copy(bomb, content / "images/bom.png")
    post = content / "posts/bimtek.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace("Image: images/bimtek.jpg", "Image: images/bom.png"),
        encoding="utf-8",
    )
    return "content/images/bom.png"


def _gallery_photo(content: Path, bomb: Path) -> str:
    shutil.copy(bomb, content / f"galeri/{GALLERY}/04-bom.png")
    return f"content/galeri/{GALLERY}/04-bom.png"


def _static_image(content: Path, bomb: Path) -> str:
    shutil.copy(bomb, content / "images/peta-bom.png")
    return "content/images/peta-bom.png"


ROLES = {
    "officer_photo": _officer_photo,
    "lead_image": _lead_image,
    "gallery_photo": _gallery_photo,
    "static_image": _static_image,
}


@pytest.mark.parametrize("size", ["huge", "just_over"])
@pytest.mark.parametrize("role", sorted(ROLES))
def test_bomb_is_a_clear_error_in_every_role(role, size, site, bombs, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(site, content)
    shown = ROLES[role](content, bombs[size])

    checked = run_check(content)
    built = build(tmp_path / "output", content)

    for run, text in (("check", checked.stderr), ("build", built.messages)):
        assert "Traceback" not in text, (run, text)
        errors = [line for line in error_lines(text) if line.startswith(f"{shown}: error:")]
        assert errors, (run, text)
        assert f"batasnya {MAX_MEGAPIXELS} megapiksel" in errors[0], errors
        hint = text.split(errors[0], 1)[1].splitlines()[1]
        assert f"paling banyak {MAX_MEGAPIXELS} megapiksel" in hint, hint
    assert checked.returncode == 1 and built.returncode == 1
    assert error_lines(checked.stderr) == error_lines(built.messages)
    assert not (tmp_path / "output").exists()


def test_open_bounded_refuses_before_decoding_and_restores_pillow(bombs, tmp_path):
    before = Image.MAX_IMAGE_PIXELS
    with pytest.raises(ImageTooLarge) as refused:
        open_bounded(bombs["huge"])
    assert "30000 x 30000 piksel" in refused.value.message
    assert before == Image.MAX_IMAGE_PIXELS
    small = tmp_path / "kecil.png"
    Image.new("1", (4000, 3000)).save(small)
    with open_bounded(small) as image:
        assert image.size == (4000, 3000)
