"""The published demo build served by Debian's Apache (with its own .htaccess) and nginx
(with the server block from docs/hosting.md): what a browser actually receives."""

from __future__ import annotations

import gzip
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup
from hosting.core.policy import IMMUTABLE, REVALIDATE

from tests.hosting import servers
from tests.hosting.test_core import documented_nginx

SERVERS = ("apache", "nginx")


def _require(binary: Path) -> None:
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run ./bootstrap.sh test (apt-get install apache2 nginx …)")


@pytest.fixture(scope="module")
def site(published_build) -> Iterator[Path]:
    copy = servers.readable_copy(published_build.output)
    yield copy
    shutil.rmtree(copy.parent, ignore_errors=True)


@pytest.fixture(scope="module", params=SERVERS)
def server(request, site) -> Iterator[servers.Server]:
    """Each server started once for this module."""
    work = Path(tempfile.mkdtemp(prefix=f"hosting-{request.param}-"))
    if request.param == "apache":
        _require(servers.APACHE)
        running = servers.start_apache(site, work)
    else:
        _require(servers.NGINX)
        _require(servers.NGINX_BROTLI)
        running = servers.start_nginx(site, work, documented_nginx())
    yield running
    running.stop()
    shutil.rmtree(work, ignore_errors=True)


def _article(site: Path) -> str:
    page = sorted(site.glob("berita/*/*/*/index.html"))[0]
    return "/" + page.parent.relative_to(site).as_posix() + "/"


def _stylesheet(site: Path, article: str) -> str:
    soup = BeautifulSoup(
        (site / article.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    hrefs = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    whole = [href for href in hrefs if re.search(r"/theme/css/portal\.[0-9a-f]{10}\.css$", href)]
    assert len(whole) == 1, hrefs
    return "/" + whole[0].split("://", 1)[1].split("/", 1)[1]


def _decoded(response: servers.Response) -> bytes:
    encoding = response.header("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.body)
    if encoding == "gzip":
        return gzip.decompress(response.body)
    assert not encoding, encoding
    return response.body


def _check_security(response: servers.Response) -> None:
    policy = response.header("Content-Security-Policy")
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.header("Permissions-Policy")


@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), (None, "")])
def test_article_page(server, site, accept, encoding):
    path = _article(site)
    response = servers.fetch(server.base, path, accept)
    assert response.status == 200
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert response.header("Content-Encoding") == encoding
    assert response.header("Cache-Control") == REVALIDATE
    assert "Accept-Encoding" in response.header("Vary")
    _check_security(response)
    assert _decoded(response) == (site / path.strip("/") / "index.html").read_bytes()


def test_stylesheet_is_cached_for_a_year(server, site):
    path = _stylesheet(site, _article(site))
    response = servers.fetch(server.base, path, "gzip, deflate, br")
    assert response.status == 200
    assert response.header("Content-Type") == "text/css; charset=utf-8"
    assert response.header("Content-Encoding") == "br"
    assert response.header("Cache-Control") == IMMUTABLE
    _check_security(response)
    assert _decoded(response) == (site / path.lstrip("/")).read_bytes()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/feed/rss.xml", "application/xml; charset=utf-8"),
        ("/feed/feed.json", "application/feed+json; charset=utf-8"),
        ("/tahapan/pemilu-2024.ics", "text/calendar; charset=utf-8"),
    ],
)
def test_feeds_and_calendar(server, site, path, content_type):
    for accept, encoding in (("gzip", "gzip"), ("br", "br")):
        response = servers.fetch(server.base, path, accept)
        assert response.status == 200, path
        assert response.header("Content-Type") == content_type
        assert response.header("Content-Encoding") == encoding
        assert response.header("Cache-Control") == REVALIDATE
        _check_security(response)
        assert _decoded(response) == (site / path.lstrip("/")).read_bytes()


def test_search_webassembly_is_sent_as_it_is(server, site):
    wasm = sorted(site.glob("pagefind/wasm.*.pagefind"))
    assert wasm
    path = "/" + wasm[0].relative_to(site).as_posix()
    response = servers.fetch(server.base, path, "br, gzip")
    assert response.status == 200
    assert response.header("Content-Type") == "application/wasm"
    assert response.header("Content-Encoding") == ""  # Pagefind compressed it itself
    assert response.header("Cache-Control") == REVALIDATE
    _check_security(response)
    assert response.body == wasm[0].read_bytes()


def test_missing_page_is_the_404_page(server, site):
    response = servers.fetch(server.base, "/berita/tidak-ada/", "br")
    assert response.status == 404
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert response.header("Cache-Control") == REVALIDATE
    _check_security(response)
    assert _decoded(response) == (site / "404.html").read_bytes()


def test_old_feed_address_redirects(server):
    response = servers.fetch(server.base, "/rss.xml")
    assert response.status == 301
    assert response.header("Location").endswith("/feed/rss.xml")


def test_apache_without_optional_modules_still_serves_the_site(site, tmp_path):
    """A shared host without mod_rewrite/headers/deflate/brotli/expires: no error, plain files."""
    _require(servers.APACHE)
    bare = servers.start_apache(site, tmp_path / "bare", servers.APACHE_BARE)
    try:
        path = _article(site)
        response = servers.fetch(bare.base, path, "br, gzip")
        assert response.status == 200
        assert response.header("Content-Type") == "text/html; charset=utf-8"
        assert response.body == (site / path.strip("/") / "index.html").read_bytes()
        assert servers.fetch(bare.base, "/berita/tidak-ada/").status == 404
    finally:
        bare.stop()
