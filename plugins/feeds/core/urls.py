"""Absolute URLs from the site base and Pelican's site-relative paths."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_absolute_base(url: str) -> bool:
    """True for an http(s) URL with a host: the only kind feeds and sitemaps accept."""
    parts = urlsplit(url or "")
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def absolute(base: str, path: str) -> str:
    """`base` + site-relative `path`; a trailing `index.html` becomes the directory URL."""
    if is_absolute_base(path):
        return path
    clean = path.lstrip("/")
    if clean == "index.html":
        clean = ""
    elif clean.endswith("/index.html"):
        clean = clean[: -len("index.html")]
    return f"{base.rstrip('/')}/{clean}"


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""
