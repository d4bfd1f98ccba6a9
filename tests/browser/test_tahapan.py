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


def open_at(browser, url: str, *, now: str | None, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": 360, "height": 640},
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
        assert pantarlih.locator("> .stage-state [data-stage-status]").inner_text() == "selesai"
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
            "() => document.querySelector('[data-stage-now] [data-countdown]').textContent === 'hari ini'"
        )
        assert shown.locator("[data-countdown]").inner_text() == "hari ini"
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
