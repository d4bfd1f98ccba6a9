"""Home and article pages on a 360×640 phone, with and without JavaScript."""

from __future__ import annotations

import pytest
from browserkit import horizontal_overflow
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def article_path(demo_build) -> str:
    soup = BeautifulSoup(demo_build.page("/"), "html.parser")
    return "/" + soup.select_one(".lead-story .lead-title a")["href"].lstrip("./")


def test_home_on_a_phone(phone_page, site_url):
    phone_page.goto(site_url + "/")
    assert horizontal_overflow(phone_page) == 0
    lead = phone_page.locator(".lead-story img")
    lead.wait_for(state="visible")
    assert phone_page.evaluate("img => img.complete && img.naturalWidth > 0", lead.element_handle())
    box = lead.bounding_box()
    assert box["width"] > 300 and box["y"] < 640, "the lead image is on the first screen"
    assert phone_page.locator(".latest .card").count() >= 5


def test_article_on_a_phone(phone_page, site_url, article_path):
    phone_page.goto(site_url + article_path)
    assert horizontal_overflow(phone_page) == 0
    assert phone_page.locator("h1").inner_text()
    figure = phone_page.locator(".lead-figure img")
    assert figure.is_visible()
    assert phone_page.evaluate("img => img.naturalWidth > 0", figure.element_handle())


def test_without_javascript_content_and_navigation_work(phone_page_nojs, site_url, article_path):
    page = phone_page_nojs
    page.goto(site_url + "/")
    assert page.locator(".lead-story").is_visible()
    page.locator(".nav-menu > summary").click()
    page.locator(".nav-menu a", has_text="Pengumuman").click()
    page.wait_for_url("**/rubrik/pengumuman/")
    assert page.locator("h1").inner_text() == "Pengumuman"
    page.goto(site_url + article_path)
    assert page.locator(".post-body p").first.is_visible()
    assert horizontal_overflow(page) == 0


def test_skip_link_is_the_first_stop_and_visible(phone_page, site_url):
    phone_page.goto(site_url + "/")
    phone_page.keyboard.press("Tab")
    focused = phone_page.evaluate("() => document.activeElement.className")
    assert focused == "skip-link"
    assert phone_page.locator(".skip-link").bounding_box()["y"] >= 0
