"""Benchmark: how long the Pagefind index adds to a build.

Times (1) the demo site built without search, (2) the index of that output,
and (3) the index of a synthetic site of many posts plus listing pages (tags,
archives: no `data-pagefind-body`, as in the portal), so the report shows what
the index costs now and as the archive grows. For (3) it also shows the old
way for comparison: Pagefind over every HTML file of the output, written
straight into the site (`whole`), against `build_index` (only the pages with a
body, bundle built in a scratch folder, copied where changed), cold (empty
bundle folder) and warm (one post edited; files written in brackets). Run:

    .venv/bin/python bench/search.py [--posts 3000] [--repeat 3]

Not a test: speed targets live here, never in the test suite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from site_search.canonical import canonicalize_bundle  # noqa: E402
from site_search.core import SearchSettings, build_index, run_pagefind  # noqa: E402

WORDS = [
    "pemilu",
    "coklit",
    "pantarlih",
    "pemilih",
    "daftar",
    "tetap",
    "sementara",
    "desa",
    "kelurahan",
    "panitia",
    "pemungutan",
    "suara",
    "rekapitulasi",
    "pleno",
    "bimtek",
    "sosialisasi",
    "kampanye",
    "logistik",
    "kotak",
    "surat",
    "tps",
    "kpps",
    "pps",
    "ppk",
    "concong",
    "indragiri",
    "hilir",
    "riau",
    "warga",
    "petugas",
    "data",
    "sidalih",
    "tahapan",
    "jadwal",
    "rapat",
    "kecamatan",
    "kantor",
    "camat",
    "aula",
    "hasil",
    "penghitungan",
    "saksi",
]
RUBRICS = ["Berita", "Pengumuman", "Kegiatan", "Sosialisasi", "Opini"]
STAGES = [
    "Pemutakhiran data pemilih",
    "Masa kampanye",
    "Pemungutan suara",
    "Rekapitulasi",
]
PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav><a href="/">Beranda</a> <a href="/indeks/">Indeks</a></nav></header>
<main><article data-pagefind-body data-pagefind-meta="tanggal:{date}">
<span hidden data-pagefind-filter="rubrik">{rubric}</span>
<span hidden data-pagefind-filter="tahapan">{stage}</span>
<h1>{title}</h1>{paragraphs}</article></main><footer>PPK Concong</footer></body></html>"""
LISTING = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Topik {n}</title></head>
<body><header><nav><a href="/">Beranda</a></nav></header><main><ul>{items}</ul></main></body></html>"""


def synthetic_site(root: Path, posts: int, seed: int = 2024) -> Path:
    """Write `posts` news-sized pages (about 400 words each) under root."""
    rng = random.Random(seed)
    for n in range(posts):
        paragraphs = "".join("<p>" + " ".join(rng.choices(WORDS, k=80)) + ".</p>" for _ in range(5))
        page = root / "berita" / f"{2023 + n % 2}" / f"pos-{n:05d}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            PAGE.format(
                title=" ".join(rng.choices(WORDS, k=7)).capitalize(),
                date=f"{1 + n % 28} Februari 2023",
                rubric=RUBRICS[n % len(RUBRICS)],
                stage=STAGES[n % len(STAGES)],
                paragraphs=paragraphs,
            ),
            encoding="utf-8",
        )
    for n in range(posts * 13 // 10):  # the portal's ratio of listing pages to posts
        page = root / "topik" / f"t-{n:05d}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        items = "".join(
            f"<li><a href='/p/{k}/'>{' '.join(rng.choices(WORDS, k=8))}</a></li>" for k in range(10)
        )
        page.write_text(LISTING.format(n=n, items=items), encoding="utf-8")
    return root


def edit_one_post(root: Path, round_: int) -> None:
    post = sorted((root / "berita").rglob("index.html"))[0]
    post.write_text(
        post.read_text(encoding="utf-8").replace("</article>", f"<p>revisi {round_}</p></article>")
    )


def time_whole(site: Path, repeat: int) -> float:
    """The old way: Pagefind over every HTML file, straight into site/pagefind, then canonical."""
    runs = []
    for _ in range(repeat):
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        started = time.perf_counter()
        run_pagefind(site, SearchSettings(), site / "pagefind")
        canonicalize_bundle(site / "pagefind")
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def time_warm(site: Path, repeat: int) -> tuple[float, int]:
    """build_index after one post was edited, over the bundle of the run before."""
    runs, written = [], 0
    for index in range(repeat):
        edit_one_post(site, index)
        report = build_index(site, SearchSettings())
        runs.append(report.seconds)
        written = report.written
    return statistics.median(runs), written


def build_demo(target: Path) -> float:
    """Build the demo with search off (Pelican in-process); return seconds."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"OUTPUT_PATH": str(target), "PORTAL_SEARCH_ENABLED": False},
    )
    started = time.perf_counter()
    Pelican(settings).run()
    return time.perf_counter() - started


def time_index(site: Path, repeat: int) -> tuple[float, int]:
    """Median seconds of `repeat` Pagefind runs over site, and the page count."""
    runs, pages = [], 0
    for _ in range(repeat):
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        report = build_index(site, SearchSettings())
        runs.append(report.seconds)
        pages = report.pages
    return statistics.median(runs), pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000, help="synthetic site size")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        demo = Path(tmp) / "demo"
        build = build_demo(demo)
        demo_index, demo_pages = time_index(demo, args.repeat)
        print(f"demo build without search: {build:6.2f} s")
        print(
            f"demo Pagefind index:       {demo_index:6.2f} s  ({demo_pages} pages, "
            f"+{100 * demo_index / build:.0f}% of the build)"
        )
        big = synthetic_site(Path(tmp) / "big", args.posts)
        whole = time_whole(big, args.repeat)
        big_index, big_pages = time_index(big, args.repeat)
        size = sum(f.stat().st_size for f in (big / "pagefind").rglob("*") if f.is_file())
        warm, written = time_warm(big, args.repeat)
        files = sum(1 for f in (big / "pagefind").rglob("*") if f.is_file())
        print(f"synthetic, whole output:   {whole:6.2f} s  (old way: every HTML file, bundle in the site)")
        print(
            f"synthetic Pagefind index:  {big_index:6.2f} s  ({big_pages} pages, bundle {size / 1e6:.1f} MB)"
        )
        print(f"  after one edit:          {warm:6.2f} s  ({written} of {files} bundle files written)")


if __name__ == "__main__":
    main()
