"""Every page type is usable by keyboard alone, with a visible focus indicator."""

from __future__ import annotations

import pytest
from pagewatch import PAGE_TYPES, url_of

pytestmark = pytest.mark.browser

MAX_STOPS = 250  # more than the longest page's focusable elements

# What the browser should be able to reach by Tab: visible, enabled, not removed
# from the tab order, not folded away in a closed <details> (the phone menu) other
# than that details' own summary.
REACHABLE = """() => [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, [tabindex]'
  )].filter(el => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0
            && getComputedStyle(el).visibility !== 'hidden'
            && (!el.closest('details:not([open])')
                || el === el.closest('details:not([open])').querySelector(':scope > summary')))"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow !== 'none';
  return {
    id: el.outerHTML.slice(0, 120),
    visibleFocus: outline || ring,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
    index: [...document.querySelectorAll('*')].indexOf(el),
  };
}"""


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="id-ID")
    yield context.new_page()
    context.close()


def tab_walk(page) -> list[dict]:
    """Press Tab until focus leaves the page or comes back round; return each stop."""
    stops: list[dict] = []
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or (stops and state["index"] == stops[0]["index"]):
            break
        stops.append(state)
    return stops


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_control_is_reachable_with_visible_focus(page, demo_build, site_url, kind):
    url = url_of(demo_build, kind)
    page.goto(site_url + url)
    page.wait_for_load_state("networkidle")
    reachable = page.evaluate(f"() => ({REACHABLE})().length")
    stops = tab_walk(page)
    assert stops, f"{kind} {url}: nothing takes keyboard focus"
    assert "skip-link" in stops[0]["id"], "the first Tab stop skips to the content"
    invisible = [s["id"] for s in stops if not s["visibleFocus"]]
    assert not invisible, f"{kind} {url}: no visible focus on {invisible}"
    off_screen = [s["id"] for s in stops if not s["onScreen"]]
    assert not off_screen, f"{kind} {url}: focused element not scrolled into view: {off_screen}"
    assert len({s["index"] for s in stops}) >= reachable, (
        f"{kind} {url}: Tab reached {len(stops)} of {reachable} controls"
    )


@pytest.mark.parametrize("kind", ["home", "article"])
def test_skip_link_moves_focus_to_the_content(page, demo_build, site_url, kind):
    page.goto(site_url + url_of(demo_build, kind))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "konten"
    page.keyboard.press("Tab")
    inside = page.evaluate("() => !!document.activeElement.closest('main')")
    assert inside, "after the skip link, Tab continues inside the main content"


def test_main_navigation_works_by_keyboard(page, demo_build, site_url):
    """On a phone the menu is a <details>: Tab to "Menu", Enter opens it, Tab on to an entry."""
    page.goto(site_url + "/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.nav-menu > summary')"):
            break
    else:
        pytest.fail("the 'Menu' button is not reachable by Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('.nav-menu').open")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim() === 'Cari'"):
            break
    else:
        pytest.fail("the 'Cari' menu entry is not reachable by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cari/")
