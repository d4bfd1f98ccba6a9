"""tahapan.js: a site built weeks ago shows the status of the reader's day.

The site is built as of 1 Feb 2023 (Pantarlih being recruited, coklit still to
come); the browser's clock says 20 Feb 2023, 10.00 WIB (coklit under way).
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from pagewatch import PageWatch

from tests.election_stages.stagesite import write_content

pytestmark = pytest.mark.browser

BUILT_AT = "2023-02-01T09:00:00+07:00"
READER_NOW = "2023-02-20T10:00:00+07:00"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def stale_site(tmp_path_factory, build_site):
    """A small site built on 1 Feb 2023, served on 127.0.0.1."""
    content = write_content(tmp_path_factory.mktemp("stale") / "content")
    build = build_site(content.parent / "output", content=content, overrides={"PORTAL_NOW": BUILT_AT})
    assert build.ok, build.messages
    handler = functools.partial(_Quiet, directory=str(build.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def open_at(browser, url: str, *, now: str | None, javascript: bool = True, height: int = 640):
    context = browser.new_context(
        viewport={"width": 360, "height": height},
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        java_script_enabled=javascript,
    )
    watch = PageWatch(context, url)
    page = context.new_page()
    if now is not None:
        page.clock.set_fixed_time(now)
    page.goto(url)
    return context, page, watch


def stage(page, slug: str):
    return page.locator(f"li#{slug}")


def test_script_updates_stale_statuses_to_the_readers_clock(browser, stale_site):
    context, page, watch = open_at(browser, stale_site + "/tahapan/", now=READER_NOW)
    try:
        coklit = stage(page, "coklit")
        page.wait_for_function("() => document.querySelector('li#coklit').dataset.status === 'berlangsung'")
        assert coklit.locator("> .stage-state [data-stage-status]").inner_text() == "sedang berlangsung"
        # 8 of 31 days and 10 hours: 27 %.
        assert coklit.locator("> .stage-state progress").get_attribute("value") == "27"
        assert coklit.locator("> .stage-state [data-stage-percent]").inner_text() == "27%"
        pantarlih = stage(page, "rekrutmen-pantarlih")
        assert pantarlih.get_attribute("data-status") == "selesai"
        # Finished stages are folded (<details>): read the text, not what is on screen.
        assert pantarlih.locator("> .stage-state [data-stage-status]").text_content() == "selesai"
        # The parent's label is its own, not overwritten by a sub-stage's.
        parent = stage(page, "pemutakhiran-data-pemilih")
        assert parent.locator("> .stage-state [data-stage-status]").inner_text() == "sedang berlangsung"
        countdown = page.locator("#pemilu-2024 [data-countdown]")
        assert countdown.inner_text() == "H-359"
        asof = page.locator("[data-stage-asof]").inner_text()
        assert "jam perangkat Anda" in asof and "Senin, 20 Februari 2023" in asof and asof.endswith("WIB.")
        assert watch.problems(page) == []
    finally:
        context.close()


def test_without_javascript_the_build_time_text_stands(browser, stale_site):
    context, page, _ = open_at(browser, stale_site + "/tahapan/", now=None, javascript=False)
    try:
        assert stage(page, "coklit").get_attribute("data-status") == "akan-datang"
        assert (
            stage(page, "coklit").locator("> .stage-state [data-stage-status]").inner_text() == "akan datang"
        )
        assert stage(page, "rekrutmen-pantarlih").locator(
            "> .stage-state [data-stage-status]"
        ).inner_text() == ("sedang berlangsung")
        assert page.locator("#pemilu-2024 [data-countdown]").inner_text() == "H-378"
        assert "Rabu, 1 Februari 2023" in page.locator("[data-stage-asof]").inner_text()
    finally:
        context.close()


def test_home_block_follows_the_readers_clock(browser, stale_site):
    context, page, watch = open_at(browser, stale_site + "/", now=READER_NOW)
    try:
        block = page.locator("[data-stage-now] [data-election]:not([hidden])")
        page.wait_for_function(
            "() => !document.querySelector('[data-stage-now] li:has(a[href$=\"tahapan/coklit/\"])').hidden"
        )
        visible = block.locator("li[data-stage-start]:not([hidden]) > a").all_inner_texts()
        assert "Pencocokan dan penelitian (coklit)" in visible  # running now
        assert "Penyusunan Daftar Pemilih Sementara (DPS)" in visible  # next, from 28 Feb
        assert "Pembentukan Pantarlih" not in visible  # over since 11 Feb
        # Most specific first: the running stage ending soonest, the next one last.
        assert visible[0] == "Pencocokan dan penelitian (coklit)"
        assert visible[-1] == "Penyusunan Daftar Pemilih Sementara (DPS)"
        assert block.locator("[data-countdown]").inner_text() == "H-359"
        assert watch.problems(page) == []
    finally:
        context.close()


def test_voting_day_and_after(browser, stale_site):
    context, page, _ = open_at(browser, stale_site + "/", now="2024-02-14T07:30:00+07:00")
    try:
        shown = page.locator("[data-stage-now] [data-election]:not([hidden])")
        page.wait_for_function(
            "() => document.querySelector('[data-stage-now] [data-countdown]').textContent === 'Hari H'"
        )
        assert shown.locator("[data-countdown]").inner_text() == "Hari H"
    finally:
        context.close()
    # Two days after the Pemilu, the home block turns to the Pilkada.
    context, page, _ = open_at(browser, stale_site + "/", now="2024-02-16T09:00:00+07:00")
    try:
        page.wait_for_function(
            "() => document.querySelector('[data-stage-now] [data-election]:not([hidden]) [data-countdown]')"
            ".textContent === 'H-285'"
        )
        shown = page.locator("[data-stage-now] [data-election]:not([hidden])")
        assert "Pemilihan Serentak 2024" in shown.locator(".countdown").inner_text()
    finally:
        context.close()


# --- issue 14: the timeline starts with now; after the last vote nothing counts ----------

FIRST_SCREEN = 780  # a 360×780 phone
AFTER_EVERYTHING = "2026-11-30T12:00:00+07:00"  # later than every stage of every election


def serve(folder):
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.parametrize("javascript", [True, False])
def test_running_stage_is_in_the_first_screen(browser, demo_build, site_url, javascript):
    from tests.conftest import DEMO_NOW

    now = DEMO_NOW if javascript else None
    context, page, watch = open_at(
        browser, site_url + "/tahapan/", now=now, javascript=javascript, height=FIRST_SCREEN
    )
    try:
        running = page.locator("[data-today-running] a").first
        assert running.inner_text() == "Masa kampanye"
        box = running.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= FIRST_SCREEN, box
        assert "H-1" in page.locator("[data-today-next]").inner_text()  # masa tenang starts tomorrow
        # The jump link lands on the running stage in the timeline.
        page.locator("[data-today-jump]").click()
        target = page.locator("li#kampanye")
        assert target.is_visible()
        top = target.bounding_box()["y"]
        assert 0 <= top < FIRST_SCREEN
        # The two-year planning umbrella comes after the campaign, not before it.
        order = page.locator("#pemilu-2024-berlangsung li.stage").evaluate_all("els => els.map(e => e.id)")
        assert order.index("kampanye") < order.index("perencanaan-program-anggaran")
        if javascript:
            assert watch.problems(page) == []
    finally:
        context.close()


def test_script_moves_stages_between_groups_and_updates_now(browser, stale_site):
    context, page, watch = open_at(browser, stale_site + "/tahapan/", now=READER_NOW, height=FIRST_SCREEN)
    try:
        page.wait_for_function(
            "() => document.querySelector('li#coklit').closest('#pemilu-2024-berlangsung')"
        )
        assert (
            page.locator("[data-today-running] a").first.inner_text() == "Pencocokan dan penelitian (coklit)"
        )
        assert page.locator("[data-today-running] a").first.get_attribute("href") == "#coklit"
        nxt = page.locator("[data-today-next] li").first
        assert "Penyusunan Daftar Pemilih Sementara (DPS)" in nxt.inner_text() and "H-8" in nxt.inner_text()
        # Finished by the reader's clock: folded away, counted in the summary.
        pantarlih = page.locator("li#rekrutmen-pantarlih")
        assert pantarlih.evaluate("el => el.closest('details').id") == "pemilu-2024-selesai"
        assert not pantarlih.is_visible()
        # A link to a finished stage unfolds it, with or without the browser's own help.
        page.goto(stale_site + "/tahapan/#rekrutmen-pantarlih")
        page.wait_for_function("() => document.querySelector('#pemilu-2024-selesai').open")
        assert pantarlih.is_visible()
        assert watch.problems(page) == []
    finally:
        context.close()


def test_finished_stages_open_without_javascript(browser, stale_site):
    context, page, _ = open_at(browser, stale_site + "/tahapan/", now=None, javascript=False)
    try:
        # Built 1 Feb 2023: the party registration (ended Dec 2022) is folded.
        item = page.locator("li#pendaftaran-verifikasi-peserta")
        assert not item.is_visible()
        page.locator("#pemilu-2024-selesai > summary").click()
        assert item.is_visible()
    finally:
        context.close()


@pytest.fixture(scope="module")
def over_site(tmp_path_factory, build_site):
    """The demo content built after every stage of every election has ended."""
    build = build_site(tmp_path_factory.mktemp("over") / "output", overrides={"PORTAL_NOW": AFTER_EVERYTHING})
    assert build.ok, build.messages
    server, url = serve(build.output)
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", ["/", "/tahapan/"])
def test_after_the_last_vote_no_h_plus_anywhere(browser, over_site, path):
    context, page, watch = open_at(browser, over_site + path, now=AFTER_EVERYTHING, height=FIRST_SCREEN)
    try:
        page.wait_for_load_state("networkidle")
        assert "H+" not in page.locator("body").inner_text()
        assert "H+" not in page.content()
        note = page.locator("[data-election-over]:visible").first
        assert "Pemilihan Serentak 2024 telah selesai" in note.inner_text()
        assert note.locator("a").first.get_attribute("href").endswith("tahapan/rekapitulasi-pilkada/")
        assert watch.problems(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/", "/tahapan/"])
def test_script_stops_counting_after_the_last_stage(browser, stale_site, path):
    """A site built in Feb 2023, read in Nov 2026: tahapan.js follows the same rule."""
    context, page, watch = open_at(browser, stale_site + path, now=AFTER_EVERYTHING)
    try:
        page.wait_for_function("() => document.querySelector('[data-election-over]:not([hidden])')")
        assert "H+" not in page.locator("body").inner_text()
        assert (
            "Pemilihan Serentak 2024 telah selesai"
            in page.locator("[data-election-over]:visible").first.inner_text()
        )
        if path == "/tahapan/":
            assert page.locator("[data-today-over]").is_visible()
            assert not page.locator("[data-today-live]").is_visible()
            pemilu = page.locator("#pemilu-2024 [data-election-over]")
            # Pemilu 2024's note names the next election.
            assert pemilu.is_visible() and "Pemilihan Serentak 2024" in pemilu.inner_text()
        assert watch.problems(page) == []
    finally:
        context.close()


def test_between_voting_day_and_the_tally_the_count_goes_on(browser, stale_site):
    """H+n is KPU's usage after voting day while stages still run (rekapitulasi)."""
    context, page, _ = open_at(browser, stale_site + "/tahapan/", now="2024-12-01T09:00:00+07:00")
    try:
        clock = page.locator("#pilkada-2024 [data-countdown]")
        page.wait_for_function("() => document.querySelector('#pilkada-2024 [data-countdown]').textContent")
        assert clock.inner_text() == "H+4"
        assert page.locator("#pemilu-2024 [data-election-over]").is_visible()
    finally:
        context.close()


def test_stage_badge_keeps_its_shape_on_a_phone(browser, demo_build, site_url):
    context, page, _ = open_at(browser, site_url + "/", now=None, javascript=False)
    try:
        from bs4 import BeautifulSoup

        # The demo post with the longest stage name.
        html = (demo_build.output / "tahapan" / "pemutakhiran-data-pemilih" / "index.html").read_text()
        href = BeautifulSoup(html, "html.parser").select_one(".stage-news .card-title a")["href"]
        page.goto(site_url + "/tahapan/pemutakhiran-data-pemilih/" + href)
        badge = page.locator(".stage-badge a")
        box = badge.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        radius = badge.evaluate("el => parseFloat(getComputedStyle(el).borderTopLeftRadius)")
        lines = badge.evaluate("el => el.getClientRects().length")
        # Either one line, or a shape that wraps cleanly (no 999px pill on two lines).
        assert box["height"] < 40 or radius <= 8, (box, radius, lines)
        assert radius <= 8
    finally:
        context.close()


@pytest.mark.parametrize("moment", ["2024-02-10T12:00:00+07:00", AFTER_EVERYTHING])
def test_timeline_has_no_serious_axe_violation_with_every_group_open(browser, stale_site, moment):
    """axe on /tahapan/ as residents see it now, and after the last stage, folds opened."""
    from tests.browser.test_a11y import AXE, violations

    context, page, _ = open_at(browser, stale_site + "/tahapan/", now=moment, height=FIRST_SCREEN)
    try:
        page.wait_for_load_state("networkidle")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        found = violations(page, AXE.read_text(encoding="utf-8"))
        assert not found, "\n".join(found)
    finally:
        context.close()
