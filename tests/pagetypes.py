"""One URL for each page type of the built site, discovered from the pages themselves.

Browser, accessibility and page-weight tests run over every page type. URLs are
found by following links in the built site (not hard-coded), so a renamed slug
does not break the suite; a page type that is missing fails loudly.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

PAGE_TYPES = [
    "home",
    "article",
    "rubric",
    "archive",
    "timeline",
    "stage",
    "officers",
    "desa",
    "gallery",
    "gallery-post",
    "gallery-photo",
    "voting",
    "search",
    "404",
]
DESA_SLUGS = (
    "concong-luar",
    "concong-dalam",
    "concong-tengah",
    "kampung-baru",
    "panglima-raja",
    "sungai-berapit",
    "sungaiberapit",
)
ARTICLE = re.compile(r"^/berita/\d{4}/\d{2}/[^/]+/$")
PHOTO_PAGE = re.compile(r"^/galeri/.+/\d+/$")


class MissingPageType(LookupError):
    """The built site has no page of this type (yet)."""


def _file(output: Path, url: str) -> Path:
    path = output / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def _links(output: Path, url: str) -> list[str]:
    """Same-site link targets of the page at `url`, as absolute URL paths."""
    page = _file(output, url)
    if not page.is_file():
        raise MissingPageType(f"{url} was not built")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup
    found = []
    for anchor in main.find_all("a", href=True):
        parts = urlsplit(urljoin("http://site.invalid" + url, anchor["href"]))
        if parts.netloc == "site.invalid" and parts.path not in found:
            found.append(parts.path)
    return found


def _first(links: list[str], test, what: str) -> str:
    for link in links:
        if test(link):
            return link
    raise MissingPageType(f"no link to {what} found")


def _exists(output: Path, url: str) -> str:
    if not _file(output, url).is_file():
        raise MissingPageType(f"{url} was not built")
    return url


def find_page(output: Path, kind: str) -> str:
    """The URL path of one page of type `kind` in the site built into `output`."""
    if kind == "home":
        return _exists(output, "/")
    if kind == "article":
        return _first(_links(output, "/"), ARTICLE.match, "an article from the home page")
    if kind == "rubric":
        return _first(_links(output, "/"), lambda u: u.startswith("/rubrik/"), "a rubric")
    if kind == "archive":
        return _exists(output, "/indeks/")
    if kind == "timeline":
        return _exists(output, "/tahapan/")
    if kind == "stage":
        return _first(
            _links(output, "/tahapan/"),
            lambda u: re.match(r"^/tahapan/[^/]+/(?:[^/]+/)?$", u) is not None,
            "a stage page from /tahapan/",
        )
    if kind == "officers":
        return _exists(output, "/petugas/")
    if kind == "desa":
        return _first(
            _links(output, "/petugas/"),
            lambda u: u.startswith("/petugas/") and any(s in u for s in DESA_SLUGS),
            "the officers of one desa from /petugas/",
        )
    if kind == "gallery":
        return _exists(output, "/galeri/")
    if kind == "gallery-post":
        return _first(
            _links(output, "/galeri/"),
            lambda u: u != "/galeri/" and not u.startswith(("/foto/", "/images/")),
            "a photo gallery from /galeri/",
        )
    if kind == "gallery-photo":
        post = find_page(output, "gallery-post")
        return _first(_links(output, post), PHOTO_PAGE.match, "a photo viewer page from a post's gallery")
    if kind == "voting":
        return _first(
            _links(output, "/"), lambda u: u == "/memilih/", "the voting-place page from the home page"
        )
    if kind == "search":
        return _exists(output, "/cari/")
    if kind == "404":
        return _exists(output, "/404.html")
    raise ValueError(f"unknown page type {kind!r}")
