"""Reading a saved news page: metadata (title, date, author, source URL) and the article body."""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Comment, Tag

DAYS = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "ags"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov", "nop"),
            ("desember", "des"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# "Sabtu (11/02/2023)" or "Sabtu (11/2)" in the first paragraph of a news story.
DATELINE = re.compile(rf"\b{DAYS}\s*\(\s*(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{2,4}}))?\s*\)", re.IGNORECASE)
# "Sabtu, 11 Februari 2023 | 09:30 WIB" or "11 Feb 2023 09.30" in a byline.
LONG_DATE = re.compile(
    rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})(?:\D{{1,5}}?(\d{{1,2}})[:.](\d{{2}}))?", re.IGNORECASE
)
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content", "").strip():
            return " ".join(tag["content"].split())
    return ""


def json_ld(soup: BeautifulSoup) -> dict:
    """The first NewsArticle/Article/BlogPosting object in the page's JSON-LD, if any."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except json.JSONDecodeError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        for item in items:
            kind = item.get("@type") if isinstance(item, dict) else None
            kinds = kind if isinstance(kind, list) else [kind]
            if any(k in ("NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle") for k in kinds):
                return item
    return {}


def find_title(soup: BeautifulSoup, body: Tag | None, ld: dict) -> str:
    """The story's own heading first: a blog's <h1> is often the blog's name."""
    own = (body.find("h1") if body else None) or soup.select_one(".entry-title, .post-title, .detail__title")
    page_h1 = soup.find("h1")
    for candidate in (
        own.get_text(" ", strip=True) if own else "",
        _meta(soup, "og:title", "twitter:title"),
        str(ld.get("headline", "")),
        page_h1.get_text(" ", strip=True) if page_h1 else "",
        _TITLE_SPLIT.split(soup.title.get_text(" ", strip=True))[0] if soup.title else "",
    ):
        text = " ".join(candidate.split())
        if text:
            return text
    return ""


def parse_iso(value: str, zone: ZoneInfo) -> datetime | None:
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone)


def _long_date(text: str, zone: ZoneInfo) -> datetime | None:
    match = LONG_DATE.search(text)
    if not match:
        return None
    day, month, year, hour, minute = match.groups()
    try:
        return datetime(
            int(year), MONTHS[month.lower()], int(day), int(hour or 0), int(minute or 0), tzinfo=zone
        )
    except ValueError:
        return None


def _dateline(text: str, zone: ZoneInfo, year_hint: int | None) -> datetime | None:
    match = DATELINE.search(text)
    if not match:
        return None
    day, month, year = match.groups()
    full_year = int(year) + (2000 if year and len(year) == 2 else 0) if year else year_hint
    if not full_year:
        return None
    try:
        return datetime(full_year, int(month), int(day), tzinfo=zone)
    except ValueError:
        return None


def find_date(soup: BeautifulSoup, body: Tag | None, ld: dict, zone: ZoneInfo) -> datetime | None:
    """Meta tags, JSON-LD, <time>, a byline date, then an Indonesian dateline in the text."""
    for value in (
        _meta(
            soup,
            "article:published_time",
            "og:published_time",
            "datePublished",
            "pubdate",
            "date",
            "DC.date.issued",
            "dc.date",
        ),
        str(ld.get("datePublished", "")),
    ):
        moment = parse_iso(value, zone) if value else None
        if moment:
            return moment
    for time in soup.find_all("time"):
        moment = parse_iso(time.get("datetime", ""), zone) or _long_date(time.get_text(" "), zone)
        if moment:
            return moment
    for byline in soup.select(".date, .post-date, .published, .entry-date, .date-header, .byline, .meta"):
        moment = _long_date(byline.get_text(" "), zone)
        if moment:
            return moment
    text = body.get_text(" ") if body else soup.get_text(" ")
    return _dateline(text, zone, None) or _long_date(text, zone)


_AUTHOR_LABEL = re.compile(r"^\s*(?:oleh|penulis|reporter|pewarta|editor|by)\s*[:\-]?\s*", re.IGNORECASE)


def _clean_author(text: str) -> str:
    name = _AUTHOR_LABEL.sub("", " ".join(text.split()))
    return "" if name.startswith("http") else name.strip(" ,|")


_AUTHOR_SELECTORS = (
    "[rel=author]",
    ".author .fn",
    ".fn",
    ".author-name",
    ".post-author",
    ".author",
    ".byline",
)


def find_author(soup: BeautifulSoup, ld: dict) -> str:
    author = ld.get("author")
    if isinstance(author, list) and author:
        author = author[0]
    candidates = [
        _meta(soup, "author", "article:author", "dc.creator"),
        author.get("name", "") if isinstance(author, dict) else str(author or ""),
    ]
    matches = soup.select(", ".join(_AUTHOR_SELECTORS))  # one pass over the page
    for selector in _AUTHOR_SELECTORS:
        tag = next((t for t in matches if t.css.match(selector)), None)
        if tag:
            candidates.append(tag.get_text(" ", strip=True))
    for candidate in candidates:
        name = _clean_author(candidate)
        if name and len(name) <= 80:
            return name
    return ""


_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(https?://\S+)")


def find_source_url(soup: BeautifulSoup) -> str:
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href", "").startswith("http"):
        return canonical["href"].strip()
    og = _meta(soup, "og:url")
    if og.startswith("http"):
        return og
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = _SAVED_FROM.search(comment)
        if match:
            return match.group(1)
    return ""


def find_summary(soup: BeautifulSoup) -> str:
    return _meta(soup, "description", "og:description", "twitter:description")


def find_tags(soup: BeautifulSoup) -> list[str]:
    tags = [
        t["content"].strip()
        for t in soup.find_all("meta", attrs={"property": "article:tag"})
        if t.get("content")
    ]
    if not tags:
        tags = [k.strip() for k in _meta(soup, "keywords", "news_keywords").split(",")]
    seen: dict[str, str] = {}
    for tag in tags:
        if tag and tag.lower() not in seen and len(tag) <= 40:
            seen[tag.lower()] = tag
    return list(seen.values())[:8]
