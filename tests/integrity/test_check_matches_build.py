"""`invoke check` runs every check the build runs (issue 13, item 3).

For every bad-input fixture of the project (tests/test_bad_input.py,
tests/content_checks/test_bad_input_builds.py) and the inputs the build used to
reject alone, `python -m sitebuild --check` and the real build give the same
verdict: both fail, with the same `file:line: error:` lines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image

from tests.content_checks import test_bad_input_builds as builds_cases
from tests.integrity.sites import GALLERY, NOW, build, error_lines, make_site, run_check
from tests.smallsite import write_small_site
from tests.test_bad_input import BAD_POSTS, GOOD_POST


def _write(content: Path, files: dict) -> None:
    for relative, data in files.items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(data):
            data(path)
        elif isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def _edit(relative: str, old: str, new: str):
    """A change to an existing file of the site."""

    def change(content: Path) -> None:
        path = content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _truncated(source: str):
    def cut(content: Path) -> None:
        whole = (content / source).read_bytes()
        (content / source).write_bytes(whole[: len(whole) // 2])

    return cut


def _corrupt(relative: str):
    def write(content: Path) -> None:
        (content / relative).write_bytes(b"\xff\xd8\xff rusak")

    return write


def _photo_jpeg(size=(640, 480)):
    def save(path: Path) -> None:
        Image.new("RGB", size, "gray").save(path, quality=90)

    return save


BIMTEK = "posts/bimtek.md"
# The inputs only the build rejected before item 3 (on tests/integrity/sites.py's site).
OWN_CASES = {
    "officer_without_name": _edit("data/petugas/ppk.yaml", "nama: ", "namaa: "),
    "officer_unknown_key": _edit("data/petugas/ppk.yaml", "nama: ", "hobi: memancing\n    nama: "),
    "corrupt_gallery_photo": _corrupt(f"galeri/{GALLERY}/02-kegiatan.jpg"),
    "truncated_gallery_photo": _truncated(f"galeri/{GALLERY}/03-kegiatan.jpg"),
    "truncated_lead_image": _truncated("images/bimtek.jpg"),
    "corrupt_static_image": _corrupt("images/sk.jpg"),
    "missing_gallery_folder": _edit(BIMTEK, f"Gallery: {GALLERY}", "Gallery: tidak-ada"),
    "duplicate_guid": lambda c: (
        _edit(BIMTEK, "Category:", "Guid: tag:ppk-concong,2023:satu\nCategory:")(c),
        _edit("posts/dps.md", "Category:", "Guid: tag:ppk-concong,2023:satu\nCategory:")(c),
    ),
    "unsupported_static_format": lambda c: Image.new("RGB", (60, 40)).save(c / "images" / "peta.gif"),
    "officer_photo_missing": _edit(
        "data/petugas/ppk.yaml", "foto/fadlan-syahputra.jpg", "foto/tidak-ada.jpg"
    ),
}


@pytest.fixture(scope="module")
def own_site(tmp_path_factory) -> Path:
    return make_site(tmp_path_factory.mktemp("own"))


@pytest.fixture(scope="module")
def builds_site(tmp_path_factory) -> Path:
    return builds_cases.make_site(tmp_path_factory.mktemp("builds"))


@pytest.fixture(scope="module")
def posts_site(tmp_path_factory) -> Path:
    return write_small_site(tmp_path_factory.mktemp("posts"), {"pleno.md": GOOD_POST}, images=["pleno.jpg"])


def _same_verdict(content: Path, output: Path) -> None:
    checked = run_check(content)
    built = build(output, content)
    assert checked.returncode == 1, checked.stderr
    assert built.returncode == 1, built.messages
    assert "Traceback" not in checked.stderr + built.messages
    errors = error_lines(built.messages)
    assert errors, built.messages
    assert error_lines(checked.stderr) == errors, (checked.stderr, built.messages)


@pytest.mark.parametrize("case", sorted(OWN_CASES))
def test_own_cases(case, own_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(own_site, content)
    OWN_CASES[case](content)
    _same_verdict(content, tmp_path / "output")


@pytest.mark.parametrize("case", sorted(builds_cases.CASES))
def test_bad_input_builds_cases(case, builds_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(builds_site, content)
    _write(content, builds_cases.CASES[case][0])
    _same_verdict(content, tmp_path / "output")


@pytest.mark.parametrize("case", sorted(BAD_POSTS))
def test_bad_input_cases(case, posts_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(posts_site, content)
    (content / "posts" / "pleno.md").write_text(BAD_POSTS[case][0], encoding="utf-8")
    _same_verdict(content, tmp_path / "output")


def test_good_site_passes_both(own_site, tmp_path):
    assert run_check(own_site).returncode == 0
    done = build(tmp_path / "output", own_site)
    assert done.ok, done.messages
    assert NOW  # the fixed clock both runs use
