"""axe-core finds no serious or critical accessibility violation on any page type.

axe-core comes from the npm registry (package.json, `npm ci`); it is evaluated
through the DevTools protocol, so the page's own strict CSP stays untouched.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pagewatch import PAGE_TYPES, url_of

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run `npm ci` (./bootstrap.sh test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 640}, locale="id-ID")
    yield context.new_page()
    context.close()


def violations(page, axe_source: str) -> list[str]:
    """Serious and critical axe violations of the current page, one line each."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return {checked: r.passes.length + r.violations.length,
                    violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))};
        }"""
    )
    assert result["checked"] > 10, "axe-core ran no rule: was it injected?"
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['targets']}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_violations(page, axe_source, demo_build, site_url, kind):
    url = url_of(demo_build, kind)
    page.goto(site_url + url)
    page.wait_for_load_state("networkidle")
    found = violations(page, axe_source)
    assert not found, f"{kind} {url}:\n" + "\n".join(found)


def test_search_results_have_no_serious_violations(page, axe_source, site_url):
    page.goto(site_url + "/cari/?q=coklit&rubrik=Kegiatan")
    page.locator(".cari-item").first.wait_for()
    found = violations(page, axe_source)
    assert not found, "\n".join(found)


def test_no_serious_violations_at_desktop_width(browser, axe_source, demo_build, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    try:
        page = context.new_page()
        for kind in ("home", "article", "search"):
            page.goto(site_url + url_of(demo_build, kind))
            found = violations(page, axe_source)
            assert not found, f"{kind}:\n" + "\n".join(found)
    finally:
        context.close()
