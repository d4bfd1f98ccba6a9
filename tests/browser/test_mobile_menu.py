"""The main menu on a 360×780 phone, with and without JavaScript: every main section is
one tap away once the menu is open, nothing scrolls sideways; on a wide screen the
full row shows instead. The expected entries come from the built menu and from
the sections residents look for."""

from __future__ import annotations

import pytest
from browserkit import horizontal_overflow
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}
# Sections a resident must reach from the menu on any page (labels as shown).
MAIN_SECTIONS = (
    "Beranda",
    "Berita",
    "Pengumuman",
    "Kegiatan",
    "Sosialisasi",
    "Tahapan",
    "Lokasi TPS",
    "Petugas",
    "Galeri",
    "Cari",
    "Tentang",
)


@pytest.fixture(scope="module", params=[True, False], ids=["js", "nojs"])
def phone(request, browser):
    context = browser.new_context(
        viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta", java_script_enabled=request.param
    )
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def menu_entries(demo_build) -> list[tuple[str, str]]:
    soup = BeautifulSoup(demo_build.page("/"), "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in soup.select(".nav-list a")]


def test_the_built_menu_has_every_main_section(menu_entries, demo_build):
    labels = [label for label, _ in menu_entries]
    assert set(MAIN_SECTIONS) <= set(labels), labels
    soup = BeautifulSoup(demo_build.page("/"), "html.parser")
    row = [(a.get_text(strip=True), a["href"]) for a in soup.select(".nav-row a")]
    assert row == menu_entries, "the phone menu and the wide row list the same entries"


def test_closed_menu_is_one_labelled_button(phone, site_url):
    phone.goto(site_url + "/")
    summary = phone.locator(".nav-menu > summary")
    assert summary.is_visible()
    assert summary.inner_text().strip() == "Menu"
    assert phone.locator(".nav-row").is_hidden()
    assert phone.locator("nav.site-nav").get_attribute("aria-label") == "Menu utama"
    assert horizontal_overflow(phone) == 0
    assert summary.bounding_box()["height"] >= 44, "a tap target of at least 44 px"


@pytest.mark.parametrize("label", MAIN_SECTIONS)
def test_every_section_is_one_tap_from_the_open_menu(phone, site_url, demo_build, label):
    phone.goto(site_url + "/galeri/")
    phone.locator(".nav-menu > summary").click()
    link = phone.locator(".nav-list").get_by_role("link", name=label, exact=True)
    assert link.is_visible(), label
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"{label} is off screen sideways"
    assert box["y"] + box["height"] <= PHONE["height"], f"{label} is below the first screen"
    assert box["height"] >= 44, f"{label}: tap target under 44 px"
    assert horizontal_overflow(phone) == 0
    link.click()
    phone.wait_for_load_state()
    assert phone.locator("main h1").first.is_visible()
    current = phone.locator('.nav-list a[aria-current="page"]')
    assert current.count() == 1 and current.text_content().strip() == label


def test_menu_opens_from_the_keyboard(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(site_url + "/")
        page.locator(".nav-menu > summary").focus()
        page.keyboard.press("Enter")
        assert page.locator(".nav-list").get_by_role("link", name="Lokasi TPS").is_visible()
        page.keyboard.press("Enter")  # Enter on the focused summary closes it again
        assert page.locator(".nav-list").is_hidden()
    finally:
        context.close()


def test_wide_screen_shows_the_full_row(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(site_url + "/")
        assert page.locator(".nav-menu").is_hidden()
        for label in MAIN_SECTIONS:
            assert page.locator(".nav-row").get_by_role("link", name=label, exact=True).is_visible(), label
        assert horizontal_overflow(page) == 0
    finally:
        context.close()
