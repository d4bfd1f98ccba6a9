"""Browser harness: Playwright driving Debian's headless Chromium over a local HTTP server.

The `browser` fixture (Debian's Chromium, one per test worker) is in tests/conftest.py.
Chromium comes from the project's setup (apt package `chromium`); Playwright never
downloads a browser here. The built demo site is served on 127.0.0.1 only.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

PHONE = {"width": 360, "height": 640}

pytestmark = pytest.mark.browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `folder` on a free port of 127.0.0.1 in a daemon thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(demo_build) -> Iterator[str]:
    """Base URL of the demo site (local preview build) served over HTTP."""
    server, url = serve_folder(demo_build.output)
    yield url
    server.shutdown()


@pytest.fixture
def phone_page(browser):
    """A 360×640 phone-sized page with JavaScript on."""
    context = browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page_nojs(browser):
    """A 360×640 phone-sized page with JavaScript disabled."""
    context = browser.new_context(
        viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta", java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()
