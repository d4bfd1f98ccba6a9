"""Reading a built site the way a reader's browser would: pages, links, images."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

# Hosts a page may link to (never load from): the public site, the local preview
# address that preview builds use for canonical and feed links, the WhatsApp share link,
# and on /memilih/ KPU's voter-list check and OpenStreetMap (a TPS on the map).
ALLOWED_LINK_HOSTS = {
    "ppk-concong.example.id",
    "localhost:8000",
    "wa.me",
    "cekdptonline.kpu.go.id",
    "www.openstreetmap.org",
}
# Link relations that only name a URL; every other <link> (stylesheet, icon, preload…) loads it.
NAMING_RELS = {"canonical", "alternate", "home", "prev", "next", "author", "license", "search"}


def loads_resource(tag_name: str, attribute: str, rel: list[str]) -> bool:
    """Whether the browser fetches this reference while showing the page."""
    if tag_name == "a" or tag_name == "form":
        return False
    if tag_name == "link":
        return not set(rel) <= NAMING_RELS
    return True


def html_pages(output: Path) -> Iterator[tuple[str, BeautifulSoup]]:
    """(URL path, parsed page) for every HTML file, skipping Pagefind's own bundle."""
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative.startswith(("pagefind/", "theme/")):
            continue
        url = "/" + relative.removesuffix("index.html")
        yield url, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def references(soup: BeautifulSoup) -> Iterator[tuple[str, str, bool]]:
    """(attribute, URL, loaded?) for every link and resource the page refers to."""
    for tag in soup.find_all(True):
        loaded = loads_resource(tag.name, "", tag.get("rel") or [])
        for attribute in ("href", "src", "action", "poster", "data"):
            if tag.get(attribute):
                yield f"{tag.name}[{attribute}]", tag[attribute], loaded
        if tag.get("srcset"):
            for candidate in tag["srcset"].split(","):
                yield f"{tag.name}[srcset]", candidate.strip().split(" ")[0], loaded


def resolve_local(output: Path, page_url: str, reference: str) -> Path | None:
    """The file a same-site URL points to, or None for other schemes/hosts."""
    absolute = urljoin("http://site.invalid" + page_url, reference)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc != "site.invalid":
        return None
    target = output / unquote(parts.path).lstrip("/")
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target
