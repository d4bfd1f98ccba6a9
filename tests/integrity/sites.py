"""A small site with every image role (lead image, body image, gallery, officer photos,
a static attachment), and helpers to run `--check` and the build on it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_build
from PIL import Image
from smallsite import write_small_site

NOW = "2024-02-10T12:00:00+07:00"
GALLERY = "2023-02-11-bimtek"

POSTS = {
    "bimtek.md": f"""\
Title: Bimtek PPS se-Kecamatan Concong
Date: 2023-02-11 09:30
Category: Kegiatan
Image: images/bimtek.jpg
Image_alt: Peserta bimtek duduk di aula kantor camat
Gallery: {GALLERY}

CONCONG – PPK Concong menggelar bimtek bagi seluruh PPS.

![Ketua PPK menyerahkan SK]({{static}}/images/sk.jpg)

Unduh [surat edaran]({{static}}/images/surat-edaran.pdf).
""",
    "dps.md": """\
Title: Pengumuman DPS
Date: 2023-04-14 08:00
Category: Pengumuman

Masyarakat dapat memeriksa DPS di kantor desa.
""",
}


def make_site(folder: Path) -> Path:
    """Write `folder/content` and return it."""
    content = write_small_site(folder, POSTS, images=["bimtek.jpg", "sk.jpg"], with_data=True)
    (content / "images" / "surat-edaran.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    gallery = content / "galeri" / GALLERY
    gallery.mkdir(parents=True)
    for index, colour in enumerate(("red", "green", "blue"), start=1):
        Image.new("RGB", (400, 300), colour).save(gallery / f"0{index}-kegiatan.jpg")
    return content


def copy_site(content: Path, target: Path) -> Path:
    shutil.copytree(content, target, symlinks=True)
    return target


def run_check(content: Path, overrides: dict | None = None) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        "-m",
        "sitebuild",
        "--check",
        "-c",
        str(content),
        "--set",
        f'PORTAL_NOW="{NOW}"',
    ]
    for key, value in (overrides or {}).items():
        command += ["--set", f"{key}={json.dumps(value)}"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def build(output: Path, content: Path, overrides: dict | None = None):
    return run_build(output, content=content, overrides={"PORTAL_NOW": NOW, **(overrides or {})})


_ERROR = re.compile(r"^(\S.*?): error: (.*)$")


def error_lines(text: str) -> list[str]:
    """The `path[:line]: error: message` lines of a run, sorted."""
    return sorted(line for line in text.splitlines() if _ERROR.match(line))
