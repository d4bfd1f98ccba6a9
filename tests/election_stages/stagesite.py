"""A small content folder for election-stage builds: the real stage data, a few posts."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

POSTS = {
    "bimtek-pps.md": ("Bimtek PPS se-Kecamatan", "2023-02-11 09:30", "Kegiatan", "rekrutmen-pantarlih"),
    "coklit-dimulai.md": ("Coklit dimulai serentak", "2023-02-12 08:00", "Berita", "coklit"),
    "coklit-rekap.md": ("Coklit rampung", "2023-03-14 16:00", "Berita", "coklit"),
    "masa-tenang.md": ("Imbauan masa tenang", "2024-02-09 10:00", "Pengumuman", "masa-tenang"),
    "tanpa-tahapan.md": ("Profil kecamatan", "2023-01-10 10:00", "Berita", None),
}


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def write_content(folder: Path, posts: dict = POSTS) -> Path:
    """A small content folder: the real data files and a handful of posts."""
    # All of content/data: other plugins (officers) need their data in every build.
    shutil.copytree(CONTENT / "data", folder / "data")
    (folder / "posts").mkdir(parents=True)
    (folder / "pages").mkdir()
    (folder / "pages" / "tentang.md").write_text("Title: Tentang\nSlug: tentang\n\nTentang PPK.\n")
    for name, (title, date, category, stage) in posts.items():
        header = f"Title: {title}\nDate: {date}\nCategory: {category}\n"
        if stage:
            header += f"Stage: {stage}\n"
        (folder / "posts" / name).write_text(header + f"Summary: {title}.\n\n{title}.\n", encoding="utf-8")
    return folder
