"""The /cari/ page: Pagefind search in Indonesian over post and page bodies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pagewatch import PageWatch

pytestmark = pytest.mark.browser

BIMTEK_SLUG = "bimtek-pps-tata-kerja-pantarlih-sidalih"


@pytest.fixture(scope="module")
def search(browser, site_url):
    """A search page whose Pagefind client has loaded, reused by the module's tests."""
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    watch = PageWatch(context, site_url)
    page = context.new_page()
    yield page, watch
    context.close()


def open_search(page, site_url: str, query: str = "") -> None:
    page.goto(site_url + "/cari/" + (f"?q={query}" if query else ""))
    page.wait_for_selector("html[data-cari-siap]")


def result_links(page) -> list[str]:
    return page.locator(".cari-item h2 a").evaluate_all("links => links.map(a => a.href)")


def result_count(page) -> int:
    """How many results the status line announces (all pages, not just those shown)."""
    status = page.inner_text("[data-cari-status]")
    match = re.match(r"^(\d+) hasil", status)
    return int(match.group(1)) if match else 0


def run_query(page, query: str) -> None:
    page.fill("#cari-q", query)
    page.press("#cari-q", "Enter")
    page.wait_for_function(
        "q => document.querySelector('[data-cari-status]').textContent.includes(`hasil untuk “${q}”`)"
        " || document.querySelector('[data-cari-status]').textContent.startsWith('Tidak ada hasil')",
        arg=query,
    )


def test_coklit_finds_the_bimtek_post(search, site_url):
    page, watch = search
    watch.reset()
    open_search(page, site_url)
    assert page.locator("[data-cari-fallback]").is_hidden()
    run_query(page, "coklit")
    links = result_links(page)
    assert any(BIMTEK_SLUG in link for link in links), links
    assert re.match(r"^\d+ hasil untuk “coklit”\.$", page.inner_text("[data-cari-status]"))
    assert page.url.endswith("/cari/?q=coklit"), "the query is kept in the address"
    assert not watch.problems(page), "\n".join(watch.problems(page))


def test_result_shows_title_date_rubric_excerpt_and_image(search, site_url):
    page, _ = search
    open_search(page, site_url, "coklit")
    item = page.locator(".cari-item", has=page.locator(f'a[href*="{BIMTEK_SLUG}"]'))
    item.wait_for()
    assert "Bimtek" in item.locator("h2").inner_text()
    meta = item.locator(".cari-meta").inner_text()
    assert "11 Februari 2023" in meta and "Kegiatan" in meta
    assert item.locator("mark").count() >= 1, "matched words are highlighted"
    image = item.locator("img")
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())


def test_rubric_filter_narrows_results(search, site_url):
    page, _ = search
    open_search(page, site_url, "coklit")
    everything = result_count(page)
    page.select_option("select[name=rubrik]", "Kegiatan")
    page.wait_for_url("**/cari/?q=coklit&rubrik=Kegiatan")
    page.wait_for_function(
        f"() => /^\\d+ hasil/.test(document.querySelector('[data-cari-status]')"
        f".textContent) && parseInt(document.querySelector('[data-cari-status]')"
        f".textContent) < {everything}"
    )
    assert 0 < result_count(page) < everything
    assert any(BIMTEK_SLUG in link for link in result_links(page))
    for meta in page.locator(".cari-meta").all_inner_texts():
        assert "Kegiatan" in meta


def test_stage_filter_narrows_results(search, site_url):
    page, _ = search
    open_search(page, site_url, "pemilih")
    everything = result_count(page)
    stage = page.locator("select[name=tahapan] option", has_text="Pemutakhiran")
    assert stage.count() >= 1, "posts carry their election stage as a filter"
    page.select_option("select[name=tahapan]", stage.first.get_attribute("value"))
    page.wait_for_url("**/cari/?q=pemilih&tahapan=*")
    page.wait_for_function(
        f"() => parseInt(document.querySelector('[data-cari-status]').textContent) < {everything}"
    )
    assert 0 < result_count(page) < everything
    assert any(BIMTEK_SLUG in link for link in result_links(page))


def test_filters_alone_list_a_rubric(search, site_url):
    page, _ = search
    page.goto(site_url + "/cari/?rubrik=Kegiatan")
    page.wait_for_selector("html[data-cari-siap]")
    assert page.locator(".cari-item").count() >= 1
    for meta in page.locator(".cari-meta").all_inner_texts():
        assert "Kegiatan" in meta


def test_navigation_and_footer_are_not_indexed(search, site_url):
    """Only post and page bodies are indexed: site chrome never matches."""
    page, _ = search
    open_search(page, site_url)
    contents = page.evaluate(
        """async () => {
            const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
            const found = await pagefind.search("concong");
            const pages = await Promise.all(found.results.map(r => r.data()));
            return pages.map(p => [p.url, p.content]);
        }"""
    )
    assert contents, "the kecamatan's name is in the posts"
    for url, content in contents:
        assert "Langsung ke konten utama" not in content, url
        assert "Situs resmi informasi" not in content, url
        assert not url.startswith(("/cari/", "/indeks/", "/rubrik/", "/topik/", "/draf/")), url


def test_nothing_found_points_to_the_archive(search, site_url):
    page, _ = search
    open_search(page, site_url)
    run_query(page, "qwxyzzy")
    assert page.locator(".cari-item").count() == 0
    assert "Tidak ada hasil" in page.inner_text("[data-cari-status]")


def test_search_by_keyboard_alone(search, site_url):
    page, _ = search
    open_search(page, site_url)
    page.focus("#cari-q")
    page.keyboard.type("coklit")
    page.keyboard.press("Enter")
    page.locator(".cari-item").first.wait_for()
    page.keyboard.press("Tab")  # the search button
    for _ in range(10):
        if page.evaluate("() => !!document.activeElement.closest('.cari-item')"):
            break
        page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.cari-item')")
    target = page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)


def test_long_result_lists_come_in_pages_of_ten(search, site_url):
    page, _ = search
    open_search(page, site_url, "pemilu")
    total = result_count(page)
    assert total > 10, "the demo has more than ten posts about the election"
    assert page.locator(".cari-item").count() == 10
    page.get_by_role("button", name=re.compile(r"^Tampilkan \d+ hasil lagi$")).click()
    page.wait_for_function("() => document.querySelectorAll('.cari-item').length > 10")
    assert page.locator(".cari-item").count() == min(total, 20)
    focused = page.evaluate(
        "() => [...document.querySelectorAll('.cari-item')].indexOf("
        "document.activeElement.closest('.cari-item'))"
    )
    assert focused == 10, "focus moves to the first newly shown result"


# --- issue 14: the engine loads on first use, weighs little, finds officers and stages ----

PHONE_TALL = {"width": 360, "height": 780}
KB = 1024
BEFORE_TYPING = 60 * KB
AFTER_ONE_QUERY = 200 * KB
PETUGAS = Path(__file__).resolve().parents[2] / "content" / "data" / "petugas"


class Transfer:
    """Sum of the encoded body sizes of every response the page received (the tests' server)."""

    def __init__(self, page) -> None:
        self.sizes: dict[str, int] = {}
        page.on("requestfinished", self._done)

    def _done(self, request) -> None:
        size = max(0, request.sizes()["responseBodySize"])
        self.sizes[request.url] = self.sizes.get(request.url, 0) + size

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    def detail(self) -> str:
        return ", ".join(f"{url.rsplit('/', 1)[-1] or url}={size}" for url, size in self.sizes.items())


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(viewport=PHONE_TALL, locale="id-ID", timezone_id="Asia/Jakarta")
    watch = PageWatch(context, site_url)
    page = context.new_page()
    yield page, watch
    context.close()


def test_engine_loads_on_first_interaction_and_budgets_hold(phone, site_url):
    page, watch = phone
    transfer = Transfer(page)
    page.goto(site_url + "/cari/")
    page.wait_for_selector("html[data-cari-siap]")
    page.wait_for_load_state("networkidle")
    assert not [url for url in transfer.sizes if "/pagefind/" in url], "nothing of Pagefind before typing"
    assert page.locator("#cari-q").is_visible()
    before = transfer.total
    assert before <= BEFORE_TYPING, f"{before} B before typing: {transfer.detail()}"
    page.click("#cari-q")  # the first interaction starts loading the engine
    page.wait_for_selector("html[data-cari-mesin]")
    run_query(page, "coklit")
    page.wait_for_load_state("networkidle")
    assert result_count(page) > 0
    loaded = list(transfer.sizes)
    assert any(url.endswith("pagefind.js") for url in loaded)
    assert not any("pagefind-worker" in url for url in loaded), "the search runs without Pagefind's worker"
    assert transfer.total <= AFTER_ONE_QUERY, f"{transfer.total} B after one query: {transfer.detail()}"
    print(f"/cari/ transfer: {before} B before typing, {transfer.total} B after one query")
    # Thumbnails load as their result comes into view: the smallest variant, never the original.
    image = page.locator(".cari-item img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => img.currentSrc").endswith("-480.webp")
    assert not [url for url in transfer.sizes if "/images/" in url], "no original photo is fetched"
    assert not watch.problems(page), "\n".join(watch.problems(page))


def test_typing_alone_loads_the_engine(phone, site_url):
    """A keyboard user who types straight away gets results (no click needed)."""
    page, _ = phone
    page.goto(site_url + "/cari/")
    page.wait_for_selector("html[data-cari-siap]")
    page.focus("#cari-q")
    page.keyboard.type("coklit")
    page.wait_for_function(
        "() => /^\\d+ hasil/.test(document.querySelector('[data-cari-status]').textContent)"
    )
    assert result_count(page) > 0


def officer_names(body: str) -> list[tuple[str, str]]:
    import yaml

    data = yaml.safe_load((PETUGAS / f"{body}.yaml").read_text(encoding="utf-8"))
    return [(o["nama"], o.get("desa", "")) for o in data["petugas"]]


@pytest.mark.parametrize("body", ["pantarlih", "pps", "ppk"])
def test_an_officers_name_finds_their_page(search, site_url, body):
    page, _ = search
    name, desa = officer_names(body)[0]
    open_search(page, site_url)
    run_query(page, name)
    expected = f"/petugas/desa/{desa.lower().replace(' ', '-')}/" if desa else f"/petugas/{body}/"
    links = result_links(page)
    assert any(link.endswith(expected) for link in links[:3]), (name, links)
    item = page.locator(".cari-item", has=page.locator(f'h2 a[href$="{expected}"]')).first
    assert "Petugas" in item.locator(".cari-meta").inner_text()


def test_a_desa_name_finds_its_officers_page(search, site_url):
    page, _ = search
    open_search(page, site_url)
    run_query(page, "Sungai Berapit")
    assert any(link.endswith("/petugas/desa/sungai-berapit/") for link in result_links(page)), result_links(
        page
    )


def test_jenis_filter_keeps_only_stages(search, site_url):
    page, _ = search
    open_search(page, site_url, "coklit")
    everything = result_count(page)
    page.select_option("select[name=jenis]", "Tahapan")
    page.wait_for_url("**/cari/?q=coklit&jenis=Tahapan")
    page.wait_for_function(
        f"() => parseInt(document.querySelector('[data-cari-status]').textContent) < {everything}"
    )
    links = result_links(page)
    assert links and all("/tahapan/" in link for link in links), links
    assert any(link.endswith("/tahapan/coklit/") for link in links)
