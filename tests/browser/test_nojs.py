"""With JavaScript off, every page type still shows its content and navigation."""

from __future__ import annotations

import pytest
from browserkit import horizontal_overflow
from pagewatch import PAGE_TYPES, url_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="id-ID", java_script_enabled=False
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_content_and_navigation_without_javascript(page, demo_build, site_url, kind):
    url = url_of(demo_build, kind)
    page.goto(site_url + url)
    assert page.locator("main h1").first.is_visible(), f"{kind} {url}: no heading"
    assert len(page.locator("main").inner_text().strip()) > 40, f"{kind} {url}: empty main"
    menu = page.locator(".nav-menu > summary")
    assert menu.is_visible(), f"{kind} {url}: no menu button on a phone"
    assert page.locator(".nav-menu a").count() >= 5
    assert horizontal_overflow(page) == 0
    broken = page.evaluate(
        "() => [...document.images].filter(i => i.complete && i.naturalWidth === 0"
        " && i.getBoundingClientRect().top < innerHeight).map(i => i.src)"
    )
    assert not broken, f"{kind} {url}: images not shown: {broken}"


def test_search_page_offers_the_archive_instead(page, site_url):
    page.goto(site_url + "/cari/")
    assert page.locator("[data-cari-form]").is_hidden(), "a search box that cannot work is hidden"
    fallback = page.locator("[data-cari-fallback]")
    assert fallback.is_visible()
    fallback.get_by_role("link", name="Indeks Berita").click()
    page.wait_for_url("**/indeks/")
    assert page.locator("main h1").is_visible()


def test_menu_links_lead_somewhere_without_javascript(page, site_url):
    page.goto(site_url + "/")
    hrefs = page.locator(".nav-menu a").evaluate_all("links => links.map(a => a.href)")
    for href in hrefs:
        response = page.goto(href)
        assert response is not None and response.ok, href
        assert page.locator("main h1").first.is_visible(), href
