"""Small things residents see on every page (issue: residents on a phone), checked in the
built demo: one date style per page, plain-word feed and calendar links, the 404 page's
search link, and a breadcrumb named for screen readers without a visible label."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from sitecheck import html_pages

NUMERIC_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
WORDED_DATE = re.compile(
    r"\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}"
)


def test_no_page_mixes_numeric_and_worded_dates(demo_build):
    mixed = []
    for url, soup in html_pages(demo_build.output):
        texts = [t.get_text(strip=True) for t in soup.find_all("time")]
        if any(NUMERIC_DATE.match(t) for t in texts) and any(WORDED_DATE.search(t) for t in texts):
            mixed.append(url)
    assert not mixed, "pages showing 9/2/2024 beside 9 Februari 2024: " + ", ".join(mixed)


def test_home_page_dates_are_in_one_style(demo_build):
    soup = BeautifulSoup(demo_build.page("/"), "html.parser")
    pinned = [t.get_text(strip=True) for t in soup.select(".pinned time")]
    cards = [t.get_text(strip=True) for t in soup.select(".post-meta time")]
    assert pinned and cards
    day = re.compile(r"^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), " + WORDED_DATE.pattern + "$")
    assert all(day.match(text) for text in pinned + cards), pinned + cards


def test_footer_subscriptions_speak_plainly(demo_build):
    soup = BeautifulSoup(demo_build.page("/"), "html.parser")
    footer = soup.select_one("footer.site-footer")
    feeds = {a.get_text(strip=True): a["href"] for a in footer.select(".footer-feeds a")}
    assert feeds == {
        "Langganan berita (RSS)": "./feed/rss.xml",
        "Langganan berita (Atom)": "./feed/atom.xml",
        "Langganan berita (JSON Feed)": "./feed/feed.json",
    }
    calendars = footer.select(".footer-calendars a")
    assert calendars and all(a["href"].endswith(".ics") and "(.ics)" in a.get_text() for a in calendars)
    hints = [p.get_text(" ", strip=True) for p in footer.select(".footer-hint")]
    assert any("aplikasi pembaca berita" in h for h in hints)
    assert any(".ics" in h and "kalender" in h for h in hints), "one line says what the .ics file does"


def test_404_search_link_goes_to_the_search_page(demo_build):
    soup = BeautifulSoup(demo_build.page("/404.html"), "html.parser")
    link = soup.find("a", string="Cari di situs ini")
    assert link is not None and link["href"].endswith("/cari/")
    assert (demo_build.output / "cari" / "index.html").is_file()


def test_breadcrumbs_are_named_but_show_no_label(demo_build):
    checked = 0
    for url, soup in html_pages(demo_build.output):
        for crumbs in soup.select("nav.breadcrumb"):
            checked += 1
            assert crumbs.get("aria-label"), url
            assert "Remah roti" not in crumbs.get_text(), url
        assert "Remah roti" not in soup.body.get_text(), f"{url}: 'Remah roti' shown as text"
    assert checked > 10
