"""Content folders for the feeds' build tests: the demo's data and pages plus our own posts."""

from __future__ import annotations

import re
import shutil
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "content"
RUBRICS = ["Berita", "Pengumuman", "Kegiatan", "Sosialisasi", "Opini"]
STAGES = ["pemutakhiran-data-pemilih", "kampanye", "pemungutan-suara", "rekapitulasi"]
TAGS = ["pps", "kpps", "coklit", "dpt", "logistik", "tps"]
HOSTILE_TITLE = "Rapat \"Pleno\" & Rekap </script><script>alert(1)</script> 'selesai'"
HOSTILE_SLUG = "rapat-pleno-hostile"
FIRST = datetime(2021, 6, 1, 8, 0)
STEP = timedelta(hours=6)
_POST_LINK = re.compile(r"\[([^\]]*)\]\(\{filename\}/posts/[^)]*\)")


def base_content(target: Path) -> Path:
    """The demo's pages, data, galleries and images, without its posts."""
    shutil.copytree(DEMO, target, ignore=shutil.ignore_patterns("posts"))
    (target / "posts").mkdir()
    for page in (target / "pages").glob("*.md"):  # links to demo posts would dangle
        text = page.read_text(encoding="utf-8")
        page.write_text(_POST_LINK.sub(r"\1", text), encoding="utf-8")
    return target


def post_text(number: int, when: datetime) -> str:
    rubric = RUBRICS[number % len(RUBRICS)]
    tags = f"{TAGS[number % len(TAGS)]}, {TAGS[(number + 2) % len(TAGS)]}"
    stage = f"Stage: {STAGES[number % len(STAGES)]}\n" if number % 3 == 0 else ""
    paragraph = (
        f"Tulisan uji nomor {number} tentang kerja panitia di Kecamatan Concong. "
        "Petugas menyeberangi sungai dengan pompong untuk mencapai dusun terjauh, "
        "mencocokkan data pemilih dari rumah ke rumah, lalu melapor ke PPS desa. " * 3
    )
    return (
        f"Title: Tulisan uji nomor {number}\nDate: {when:%Y-%m-%d %H:%M}\nCategory: {rubric}\n"
        f"Tags: {tags}\nAuthor: Tim Media PPK Concong\nSlug: tulisan-uji-{number}\n{stage}\n"
        f"{paragraph}\n\n{paragraph}\n"
    )


def write_many(content: Path, count: int) -> datetime:
    """`count` minimal posts six hours apart; returns the newest post's date."""
    folder = content / "posts" / "uji"
    folder.mkdir(parents=True, exist_ok=True)
    when = FIRST
    for number in range(count):
        when = FIRST + number * STEP
        (folder / f"uji-{number:05d}.md").write_text(post_text(number, when), encoding="utf-8")
    return when


def write_special(content: Path, when: datetime) -> None:
    """Posts that exercise the edge cases: hostile title, unsafe HTML, lead image, Guid, Modified."""
    folder = content / "posts" / "khusus"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.md").write_text(
        f"Title: {HOSTILE_TITLE}\nDate: {when:%Y-%m-%d %H:%M}\n"
        f"Modified: {when + timedelta(hours=3):%Y-%m-%d %H:%M}\n"
        f"Category: Berita\nTags: pps\nAuthor: Rina Marlina\nSlug: {HOSTILE_SLUG}\nStage: rekapitulasi\n"
        "Image: images/2023/bimtek-pps.jpg\nImage_alt: Suasana aula rapat pleno\n\n"
        "Isi dengan [tautan statis]({static}/images/2023/bimtek-pps.jpg).\n\n"
        # Executable markup (script, iframe, on* attributes) stops the build since the raw-HTML
        # rule (tests/content_checks/test_raw_html.py); inline styles pass it and feeds strip them.
        '<p style="color:red" class="x">Paragraf bergaya.</p>\n',
        encoding="utf-8",
    )
    (folder / "guid.md").write_text(
        f"Title: Tulisan pindahan dari situs lama\nDate: {when - timedelta(days=30):%Y-%m-%d %H:%M}\n"
        "Category: Pengumuman\nSlug: tulisan-pindahan\nGuid: https://lama.example.id/?p=123\n\n"
        "Isi tulisan lama.\n",
        encoding="utf-8",
    )


def write_post(content: Path, name: str, header: str, body: str = "Isi.") -> Path:
    path = content / "posts" / name
    path.write_text(header.strip() + "\n\n" + body + "\n", encoding="utf-8")
    return path
