"""sitemap.xml (split with an index when large), the Google News sitemap and robots.txt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NEWS_WINDOW = timedelta(days=2)
NEWS_MAX_URLS = 1_000


@dataclass(frozen=True)
class SitemapUrl:
    loc: str
    lastmod: datetime | None = None  # None: no accurate date, so no <lastmod>


@dataclass(frozen=True)
class NewsEntry:
    loc: str
    title: str
    published: datetime


def _document(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _w3c(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def urlset_document(urls: Sequence[SitemapUrl]) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for url in urls:
        element = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(element, f"{{{SITEMAP_NS}}}loc").text = url.loc
        if url.lastmod is not None:
            etree.SubElement(element, f"{{{SITEMAP_NS}}}lastmod").text = _w3c(url.lastmod)
    return _document(root)


def index_document(parts: Sequence[SitemapUrl]) -> bytes:
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
    for part in parts:
        element = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(element, f"{{{SITEMAP_NS}}}loc").text = part.loc
        if part.lastmod is not None:
            etree.SubElement(element, f"{{{SITEMAP_NS}}}lastmod").text = _w3c(part.lastmod)
    return _document(root)


def _chunks(urls: list[SitemapUrl], max_urls: int, max_bytes: int) -> list[tuple[list[SitemapUrl], bytes]]:
    """Split into files of at most `max_urls` URLs and `max_bytes` bytes each."""
    pending = [urls[start : start + max_urls] for start in range(0, len(urls), max_urls)]
    done: list[tuple[list[SitemapUrl], bytes]] = []
    while pending:
        chunk = pending.pop(0)
        document = urlset_document(chunk)
        if len(document) <= max_bytes or len(chunk) == 1:
            done.append((chunk, document))
        else:
            half = len(chunk) // 2
            pending[:0] = [chunk[:half], chunk[half:]]
    return done


def sitemap_files(
    urls: Sequence[SitemapUrl],
    base_url: str,
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
    name: str = "sitemap",
) -> dict[str, bytes]:
    """`{file name: content}`: one `sitemap.xml`, or an index of `sitemap-N.xml` parts."""
    ordered = list(urls)
    chunks = _chunks(ordered, max_urls, max_bytes) if ordered else [([], urlset_document([]))]
    if len(chunks) == 1:
        return {f"{name}.xml": chunks[0][1]}
    files: dict[str, bytes] = {}
    parts = []
    for number, (chunk, document) in enumerate(chunks, start=1):
        filename = f"{name}-{number}.xml"
        files[filename] = document
        dates = [url.lastmod for url in chunk if url.lastmod is not None]
        parts.append(SitemapUrl(f"{base_url.rstrip('/')}/{filename}", max(dates) if dates else None))
    files[f"{name}.xml"] = index_document(parts)
    return files


def recent_news(entries: Sequence[NewsEntry], now: datetime) -> list[NewsEntry]:
    """Posts of the last two days up to `now`, newest first, at most 1,000."""
    fresh = [e for e in entries if now - NEWS_WINDOW <= e.published <= now]
    fresh.sort(key=lambda e: (e.published, e.loc), reverse=True)
    return fresh[:NEWS_MAX_URLS]


def news_document(entries: Sequence[NewsEntry], publication: str, language: str) -> bytes:
    """Google News sitemap; with no recent posts an empty `<urlset>` (see docs/feeds.md)."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for entry in entries:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        pub = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(pub, f"{{{NEWS_NS}}}name").text = publication
        etree.SubElement(pub, f"{{{NEWS_NS}}}language").text = language
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = _w3c(entry.published)
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = entry.title
    return _document(root)


def robots_txt(sitemap_urls: Sequence[str], disallow: Sequence[str] = ()) -> str:
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in disallow] or ["Allow: /"]
    lines.append("")
    lines += [f"Sitemap: {url}" for url in sitemap_urls]
    return "\n".join(lines) + "\n"
