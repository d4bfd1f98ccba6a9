"""Chromium paints the first screen without waiting for the whole stylesheet.

The demo site is served by a local server that holds back one stylesheet for
`DELAY` seconds: with the whole `portal.<hash>.css` held back, the first contentful
paint still comes early and the header already has its colours (from
`portal-first.<hash>.css`); with the first-screen sheet held back, the paint waits,
so that one is the only render-blocking stylesheet. When the whole sheet arrives,
the first screen must not jump (cumulative layout shift below Core Web Vitals' 0.1).
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
import time
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser
DELAY = 3.0  # seconds the held-back stylesheet takes
WHOLE = re.compile(r"/theme/css/portal\.[0-9a-f]{10}\.css$")
FIRST = re.compile(r"/theme/css/portal-first\.[0-9a-f]{10}\.css$")
MAROON = "rgb(138, 28, 28)"
FCP = "performance.getEntriesByName('first-contentful-paint').map(e => e.startTime)[0] ?? null"
# Layout shifts so far (an observer only calls back when there are some: read it after a tick).
CLS = """new Promise(done => {
  let sum = 0;
  const add = entries => entries.forEach(e => { if (!e.hadRecentInput) sum += e.value; });
  const observer = new PerformanceObserver(list => add(list.getEntries()));
  observer.observe({type: "layout-shift", buffered: true});
  setTimeout(() => { add(observer.takeRecords()); observer.disconnect(); done(sum); }, 200);
})"""


class _SlowHandler(http.server.SimpleHTTPRequestHandler):
    held_back: re.Pattern[str] | None = None

    def do_GET(self):  # noqa: N802 - stdlib name
        pattern = type(self).held_back
        if pattern is not None and pattern.search(self.path):
            time.sleep(DELAY)
        super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def slow_site(demo_build) -> Iterator[type[_SlowHandler]]:
    """Serve the demo site; set `.held_back` on the yielded handler class to slow one file."""
    handler_class = type("Handler", (_SlowHandler,), {})
    handler = functools.partial(handler_class, directory=str(demo_build.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    handler_class.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield handler_class
    server.shutdown()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def _article(demo_build) -> str:
    soup = BeautifulSoup(demo_build.page("/"), "html.parser")
    return "/" + soup.select_one(".lead-story .lead-title a")["href"].lstrip("./")


@pytest.mark.parametrize("which", ["home", "article", "tahapan/"])
def test_first_paint_does_not_wait_for_the_whole_stylesheet(slow_site, page, demo_build, which):
    path = {"home": "/", "article": _article(demo_build)}.get(which, "/" + which)
    slow_site.held_back = WHOLE
    started = time.monotonic()
    page.goto(slow_site.base + path, wait_until="commit")
    while page.evaluate(FCP) is None and time.monotonic() - started < DELAY * 2:
        time.sleep(0.02)  # page.evaluate is not subject to the page's CSP; wait_for_function is
    painted_after = time.monotonic() - started
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert painted_after < DELAY, "the first paint waited for the whole stylesheet"
    assert header == MAROON, "the first paint had no first-screen styles"
    page.wait_for_load_state("load")
    assert time.monotonic() - started >= DELAY  # the whole sheet really was held back
    assert page.evaluate(CLS) < 0.1, "the first screen jumped when the whole stylesheet arrived"


def test_first_screen_sheet_is_the_render_blocking_one(slow_site, page):
    slow_site.held_back = FIRST
    page.goto(slow_site.base + "/", wait_until="load")
    deadline = time.monotonic() + DELAY
    while page.evaluate(FCP) is None and time.monotonic() < deadline:
        time.sleep(0.02)  # the paint may come just after `load`
    assert page.evaluate(FCP) >= DELAY * 1000 * 0.9
