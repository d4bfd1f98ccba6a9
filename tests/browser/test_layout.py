"""Every page type on a 360×640 phone: no sideways scrolling, nothing blocked or foreign."""

from __future__ import annotations

import pytest
from browserkit import horizontal_overflow
from pagewatch import PAGE_TYPES, PageWatch, url_of

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}


@pytest.fixture(scope="module")
def watched(browser, site_url):
    """One phone-sized page for the whole module, watched for CSP and network problems."""
    context = browser.new_context(viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta")
    watch = PageWatch(context, site_url)
    page = context.new_page()
    yield page, watch
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_fits_a_phone_and_loads_only_from_this_site(watched, demo_build, site_url, kind):
    page, watch = watched
    url = url_of(demo_build, kind)
    watch.reset()
    page.goto(site_url + url, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert horizontal_overflow(page) == 0, f"{kind} {url} scrolls sideways at 360 px"
    assert page.locator("main h1").first.is_visible(), f"{kind} {url} has no visible heading"
    assert not watch.problems(page), f"{kind} {url}:\n" + "\n".join(watch.problems(page))


def test_search_results_fit_a_phone(watched, site_url):
    page, watch = watched
    watch.reset()
    page.goto(site_url + "/cari/?q=coklit")
    page.locator(".cari-item").first.wait_for()
    page.wait_for_load_state("networkidle")
    assert horizontal_overflow(page) == 0
    assert not watch.problems(page), "\n".join(watch.problems(page))


def test_images_keep_their_space_while_loading(watched, demo_build, site_url):
    """width/height on every <img> reserve the box: no layout shift on slow networks."""
    page, _ = watched
    page.goto(site_url + url_of(demo_build, "article"))
    unsized = page.evaluate(
        """() => [...document.images]
            .filter(img => !img.getAttribute('width') || !img.getAttribute('height'))
            .map(img => img.src)"""
    )
    assert not unsized
