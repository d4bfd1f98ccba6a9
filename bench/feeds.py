"""Benchmark: feed and sitemap generation for 5,000 posts.

Two measurements:

1. the feeds core on 5,000 synthetic posts of about 450 words (HTML with
   relative links, an inline script and styled paragraphs to clean): item
   preparation (HTML cleaning and absolutising), every feed (all posts in
   RSS/Atom/JSON, five rubrics and 30 stages in RSS/Atom, each capped),
   sitemap.xml for all URLs (and the 50,000-URL split path), the news sitemap;
2. with `--build`, a real published build of bench/synth.py's site with the
   same number of posts, reporting the plugin's own timings from its log.

    .venv/bin/python bench/feeds.py [--posts 5000] [--repeat 3] [--build]

Not a test: speed targets live here, never in the test suite.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from feeds.core import feedbuild, sitemap  # noqa: E402
from feeds.core.htmlclean import clean_html  # noqa: E402
from feeds.core.model import Channel, FeedCategory, FeedImage, FeedItem  # noqa: E402

BASE = "https://ppk-concong.example.id"
WIB = timezone(timedelta(hours=7))
RUBRICS = ["Berita", "Pengumuman", "Kegiatan", "Sosialisasi", "Opini"]
WORDS = [
    "pemilu", "coklit", "pantarlih", "pemilih", "daftar", "tetap", "sementara", "desa", "kelurahan",
    "panitia", "pemungutan", "suara", "rekapitulasi", "kecamatan", "concong", "pleno", "logistik",
    "kotak", "bilik", "tinta", "formulir", "saksi", "pengawas",
]  # fmt: skip


def post_html(rng: random.Random, number: int) -> str:
    paragraphs = []
    for block in range(8):
        words = " ".join(rng.choice(WORDS) for _ in range(55))
        if block == 2:
            paragraphs.append(f'<p style="color:#333">{words} <a href="../../tentang/">tentang</a></p>')
        elif block == 4:
            paragraphs.append(f'<p><img src="/images/bench/{number}.jpg" alt="foto"> {words}</p>')
        elif block == 6:
            paragraphs.append(f"<script>track({number})</script><p>{words}</p>")
        else:
            paragraphs.append(f"<p>{words}</p>")
    return "\n".join(paragraphs)


def raw_posts(count: int) -> list[dict]:
    rng = random.Random(2024)
    start = datetime(2022, 6, 14, 7, 0, tzinfo=WIB)
    posts = []
    for number in range(count, 0, -1):  # newest first
        published = start + timedelta(hours=4 * number)
        slug = f"tulisan-{number:05d}"
        posts.append(
            {
                "number": number,
                "slug": slug,
                "url": f"{BASE}/berita/{published:%Y/%m}/{slug}/",
                "published": published,
                "html": post_html(rng, number),
                "rubric": RUBRICS[number % len(RUBRICS)],
                "stage": f"tahapan-{number % 30}",
                "image": number % 3 == 0,
            }
        )
    return posts


def prepare(posts: list[dict]) -> list[FeedItem]:
    """What the adapter does per post: clean and absolutise the HTML, build the item."""
    items = []
    for post in posts:
        url = post["url"]
        image = (
            FeedImage(f"{BASE}/images/bench/{post['number']}.jpg", "image/jpeg", 80_000, 1200, 800, "foto")
            if post["image"]
            else None
        )
        items.append(
            FeedItem(
                guid=f"tag:ppk-concong.example.id,{post['published']:%Y-%m-%d}:post/{post['slug']}",
                title=f"Tulisan nomor {post['number']}",
                url=url,
                summary_html=clean_html(post["html"][:400] + "</p>", url),
                content_html=clean_html(post["html"], url),
                published=post["published"],
                updated=post["published"],
                author="Tim Media PPK Concong",
                categories=(
                    FeedCategory(post["rubric"], f"{BASE}/rubrik/{post['rubric'].lower()}/"),
                    FeedCategory(post["stage"], f"{BASE}/tahapan/{post['stage']}/"),
                ),
                image=image,
            )
        )
    return items


def channel(path: str) -> Channel:
    return Channel("PPK Concong", "Berita PPK", f"{BASE}/", f"{BASE}/{path}", author_name="PPK Concong")


def all_feeds(items: list[FeedItem], max_items: int = 50) -> int:
    """Every feed the plugin writes; returns the bytes produced."""
    families = {"all": items}
    for rubric in RUBRICS:
        families[rubric] = [i for i in items if i.categories[0].term == rubric]
    for stage in range(30):
        families[f"stage-{stage}"] = [i for i in items if i.categories[1].term == f"tahapan-{stage}"]
    total = 0
    for key, members in families.items():
        renderers = [feedbuild.rss_document, feedbuild.atom_document]
        if key == "all":
            renderers.append(feedbuild.json_feed_document)
        for render in renderers:
            document, _ = feedbuild.capped_document(render, channel(f"feed/{key}"), members, max_items)
            total += len(document)
    return total


def sitemaps(items: list[FeedItem], extra_pages: int = 600) -> int:
    urls = [sitemap.SitemapUrl(i.url, i.updated) for i in items]
    urls += [sitemap.SitemapUrl(f"{BASE}/halaman/{n}/", items[0].updated) for n in range(extra_pages)]
    files = sitemap.sitemap_files(urls, BASE)
    now = items[0].published + timedelta(hours=1)
    news = sitemap.recent_news([sitemap.NewsEntry(i.url, i.title, i.published) for i in items], now)
    files["news"] = sitemap.news_document(news, "PPK Concong", "id")
    return sum(len(d) for d in files.values())


def timed(repeat: int, work: Callable[[], object]) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def core_bench(count: int, repeat: int) -> None:
    posts = raw_posts(count)
    prep_time, items = timed(repeat, lambda: prepare(posts))
    feed_time, feed_bytes = timed(repeat, lambda: all_feeds(items))
    uncapped_time, _ = timed(1, lambda: all_feeds(items, max_items=count))
    map_time, map_bytes = timed(repeat, lambda: sitemaps(items))
    split_urls = [sitemap.SitemapUrl(f"{BASE}/u/{n}/") for n in range(50_001)]
    split_time, split_files = timed(1, lambda: sitemap.sitemap_files(split_urls, BASE))
    print(f"feeds core, {count:,} posts (median of {repeat}):")
    print(f"  items (clean + absolutise HTML) {prep_time:7.2f} s")
    print(f"  all feeds, 50 items each        {feed_time:7.2f} s  ({feed_bytes / 1e6:.1f} MB)")
    print(f"  all feeds, uncapped (2 MB cap)  {uncapped_time:7.2f} s")
    print(f"  sitemap + news sitemap          {map_time:7.2f} s  ({map_bytes / 1e6:.1f} MB)")
    print(f"  50,001-URL sitemap split        {split_time:7.2f} s  ({len(split_files)} files)")
    print(f"  total (items + feeds + sitemaps){prep_time + feed_time + map_time:7.2f} s")


class _Timings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def build_bench(count: int) -> None:
    import pelicanconf
    from bench.synth import generate
    from sitebuild.driver import build_site

    with tempfile.TemporaryDirectory() as folder:
        content = generate(Path(folder) / "content", count)
        handler = _Timings()
        plugin_logger = logging.getLogger("feeds")
        plugin_logger.setLevel(logging.INFO)
        plugin_logger.addHandler(handler)
        started = time.perf_counter()
        build_site(
            ROOT / "publishconf.py",
            Path(folder) / "output",
            {
                "PATH": str(content),
                "PORTAL_NOW": "2024-12-17T12:00:00+07:00",
                "PLUGINS": [p for p in pelicanconf.PLUGINS if p != "site_search"],
            },
        )
        total = time.perf_counter() - started
    print(f"real published build, {count:,} posts: {total:.1f} s in all; the feeds plugin's part:")
    for line in handler.lines:
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time a real build (minutes)")
    args = parser.parse_args()
    core_bench(args.posts, args.repeat)
    if args.build:
        build_bench(args.posts)


if __name__ == "__main__":
    main()
