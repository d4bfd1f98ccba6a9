"""What a resident does on a 360×780 phone: find their TPS, page through gallery photos
without JavaScript, and get images no bigger than the slot they are drawn in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browserkit import horizontal_overflow
from officers.core.model import load_setup
from pagewatch import url_of

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 780}


@pytest.fixture(scope="module", params=[True, False], ids=["js", "nojs"])
def phone(request, browser):
    context = browser.new_context(
        viewport=PHONE, locale="id-ID", timezone_id="Asia/Jakarta", java_script_enabled=request.param
    )
    yield context.new_page()
    context.close()


def test_voting_page_lists_every_desa_and_its_tps(phone, site_url):
    setup = load_setup(ROOT / "content" / "data" / "petugas", "content/data/petugas")
    phone.goto(site_url + "/")
    phone.locator(".home-vote a").click()  # the home-page entry
    phone.wait_for_url("**/memilih/")
    assert phone.locator("main h1").inner_text() == "Di Mana Saya Memilih?"
    assert horizontal_overflow(phone) == 0
    for desa in setup.desas:
        phone.locator(".desa-picker").get_by_role("link", name=desa.name, exact=True).click()
        section = phone.locator(f"section#{desa.slug}")
        heading = section.locator("h2")
        assert heading.is_visible() and desa.label in heading.inner_text()
        assert heading.bounding_box()["y"] < PHONE["height"] / 2, f"{desa.slug}: the jump lands on it"
        numbers = section.locator(".tps-number").all_inner_texts()
        assert numbers == [f"TPS {n:03d}" for n in range(1, desa.tps_count + 1)]
        assert all(text.strip() for text in section.locator(".tps-location").all_inner_texts())
    assert horizontal_overflow(phone) == 0
    kpu = phone.get_by_role("link", name=re.compile("cekdptonline.kpu.go.id"))
    assert kpu.get_attribute("href") == "https://cekdptonline.kpu.go.id/"


def test_gallery_photo_viewer_pages_through_without_script(phone, demo_build, site_url):
    phone.goto(site_url + url_of(demo_build, "gallery-post") + "#galeri")
    thumbs = phone.locator(".gallery-grid a")
    total = thumbs.count()
    assert total >= 2
    thumbs.first.click()
    phone.wait_for_url(re.compile(r"/galeri/.+/1/$"))
    seen = []
    for number in range(1, total + 1):
        assert phone.locator(".photo-view .kicker").inner_text().lower() == f"foto {number} dari {total}"
        image = phone.locator(".photo-figure img")
        image.scroll_into_view_if_needed()
        assert phone.evaluate("img => img.complete && img.naturalWidth > 0", image.element_handle())
        alt = image.get_attribute("alt")
        assert alt and alt == phone.locator(".photo-figure figcaption").inner_text()
        assert horizontal_overflow(phone) == 0
        seen.append(alt)
        assert (phone.locator(".photo-prev").count() == 1) == (number > 1)
        if number < total:
            phone.locator(".photo-next").click()
            phone.wait_for_url(re.compile(rf"/{number + 1}/$"))
    assert len(set(seen)) == total, "every page shows a different photo"
    assert phone.locator(".photo-next").count() == 0
    phone.locator(".photo-prev").click()
    phone.wait_for_url(re.compile(rf"/{total - 1}/$"))
    phone.locator(".photo-back").click()
    phone.wait_for_url(re.compile(r"/berita/.+#galeri$"))
    assert phone.locator("#galeri").is_visible()


def test_breadcrumb_has_a_name_but_no_visible_label(phone, demo_build, site_url):
    phone.goto(site_url + url_of(demo_build, "article"))
    crumbs = phone.locator("nav.breadcrumb")
    assert crumbs.get_attribute("aria-label")
    assert "Remah roti" not in crumbs.inner_text()
    assert "Remah roti" not in phone.locator("body").inner_text()


def test_404_search_link_goes_to_the_search_page(phone, site_url):
    phone.goto(site_url + "/404.html")
    phone.get_by_role("link", name="Cari di situs ini").click()
    phone.wait_for_url("**/cari/")


# --- image sizes -------------------------------------------------------------------

# The width `sizes` announces for an <img> (its <picture> source's sizes), measured by
# the browser itself: the first entry whose media condition matches.
SLOT_FROM_SIZES = """img => {
  const source = img.closest('picture')?.querySelector('source[sizes]');
  const sizes = (source || img).getAttribute('sizes');
  if (!sizes) return null;
  for (const entry of sizes.split(/,(?![^(]*\\))/)) {
    const text = entry.trim();
    let media = null, length = text;
    if (text.startsWith('(')) {
      let depth = 0, end = 0;
      for (; end < text.length; end++) {
        if (text[end] === '(') depth++;
        if (text[end] === ')' && --depth === 0) break;
      }
      media = text.slice(0, end + 1);
      length = text.slice(end + 1).trim();
    }
    if (media && !matchMedia(media).matches) continue;
    const probe = document.createElement('div');
    probe.style.width = length;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  }
  return null;
}"""
# (page type, selector of the image in its layout slot)
LAID_OUT = [
    ("home", ".lead-story img"),
    ("home", ".card-image img"),
    ("article", ".lead-figure img"),
    ("rubric", ".card-image img"),
    ("gallery-photo", ".photo-figure img"),
]


@pytest.mark.parametrize("width", [360, 412, 800, 1000, 1280])
def test_sizes_match_the_drawn_width(browser, demo_build, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="id-ID")
    try:
        page = context.new_page()
        for kind, selector in LAID_OUT:
            page.goto(site_url + url_of(demo_build, kind))
            image = page.locator(selector).first
            drawn = image.bounding_box()["width"]
            announced = page.evaluate(SLOT_FROM_SIZES, image.element_handle())
            assert announced is not None, f"{kind} {selector}: no sizes"
            assert abs(announced - drawn) <= 2, (
                f"{kind} {selector} at {width}px: sizes {announced}, drawn {drawn}"
            )
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["home", "article"])
def test_lead_image_in_a_380px_slot_uses_the_480px_variant(browser, demo_build, site_url, kind):
    """412 px wide phone (Lighthouse's): the lead image slot is 380 px."""
    context = browser.new_context(viewport={"width": 412, "height": 900}, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(site_url + url_of(demo_build, kind))
        image = page.locator(".lead-story img, .lead-figure img").first
        image.wait_for()
        page.wait_for_function("img => img.complete && img.currentSrc", arg=image.element_handle())
        assert round(image.bounding_box()["width"]) == 380
        assert re.search(r"-480\.(webp|jpg)$", image.evaluate("img => img.currentSrc"))
    finally:
        context.close()
