"""Real builds: the timeline, stage pages, home block, badge and .ics in the output.

The demo site (`demo_build`, built as of 10 Feb 2024 12.00 WIB: the last day of
the campaign, H-4) is checked as shipped; a small content folder of our own
checks the exact wiring and the build failures.
"""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest

from tests.election_stages.stagesite import POSTS, soup, write_content

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
NOW = "2024-02-10T12:00:00+07:00"
DEMO_NOW_LOCAL = "2024-02-10 12:00"  # tests/conftest.py DEMO_NOW, as posts write dates


@pytest.fixture(scope="module")
def mini(tmp_path_factory, build_site):
    content = write_content(tmp_path_factory.mktemp("mini") / "content")
    build = build_site(content.parent / "output", content=content, overrides={"PORTAL_NOW": NOW})
    assert build.ok, build.messages
    return build


# --- the small site: exact wiring ---------------------------------------------------------


def test_timeline_lists_every_election_and_stage(mini):
    page = soup(mini.page("tahapan/"))
    assert page.h1.get_text() == "Tahapan Pemilu dan Pemilihan"
    sections = page.select("section.election")
    assert [s["id"] for s in sections] == ["pemilu-2024", "pilkada-2024"]
    assert len(sections[0].select("li.stage")) == 19 and len(sections[1].select("li.stage")) == 11
    assert "Dasar hukum: PKPU Nomor 3 Tahun 2022" in sections[0].get_text()
    assert sections[0].select_one("[data-countdown]").get_text() == "H-4"
    assert sections[1].select_one("[data-countdown]").get_text() == "H-291"
    assert "Rabu, 14 Februari 2024" in sections[0].select_one(".countdown").get_text()
    assert (
        "Status dihitung per Sabtu, 10 Februari 2024 | 12.00 WIB" in page.select_one("[data-stage-asof]").text
    )


def test_timeline_statuses_progress_and_dates(mini):
    page = soup(mini.page("tahapan/"))

    def stage(slug):
        return page.find("li", id=slug)

    kampanye = stage("kampanye")
    assert kampanye["data-status"] == "berlangsung"
    assert kampanye.select_one("[data-stage-status]").get_text() == "sedang berlangsung"
    bar = kampanye.select_one("progress")
    assert bar["max"] == "100" and 98 <= int(bar["value"]) <= 99
    assert bar["aria-label"] == "Kemajuan tahapan Masa kampanye"
    assert kampanye.select_one("[data-stage-percent]").get_text() == f"{bar['value']}%"
    assert kampanye["data-stage-start"] == "2023-11-28T00:00:00+07:00"
    assert kampanye["data-stage-end"] == "2024-02-11T00:00:00+07:00"
    assert kampanye.select_one(".stage-when").get_text() == "28 November 2023 – 10 Februari 2024"
    tenang = stage("masa-tenang")
    assert tenang["data-status"] == "akan-datang"
    assert tenang.select_one("[data-stage-status]").get_text() == "akan datang"
    assert stage("coklit")["data-status"] == "selesai"
    # A one-day stage shows one date and no progress bar.
    voting = stage("pemungutan-suara")
    assert voting.select_one(".stage-when").get_text() == "14 Februari 2024"
    assert voting.select_one("progress") is None
    # On the timeline a sub-stage is an item of its own that names its parent...
    assert stage("coklit").find_parent("li") is None
    parent_link = stage("coklit").select_one(".stage-when a")
    assert parent_link["href"] == "#pemutakhiran-data-pemilih"
    # ...and the parent's own page nests it.
    parent_page = soup(mini.page("tahapan/pemutakhiran-data-pemilih/"))
    assert parent_page.select_one("ol.timeline li#coklit") is not None


def test_timeline_lists_posts_and_links_the_calendars(mini):
    page = soup(mini.page("tahapan/"))
    coklit_posts = [a.get_text() for a in page.find("li", id="coklit").select(".stage-posts a")]
    assert coklit_posts == ["Coklit rampung", "Coklit dimulai serentak"]  # newest first
    links = [a["href"] for a in page.select(".stage-calendar a")]
    assert links == ["../tahapan/pemilu-2024.ics", "../tahapan/pilkada-2024.ics"]


def test_stage_page(mini):
    page = soup(mini.page("tahapan/coklit/"))
    assert page.h1.get_text() == "Pencocokan dan penelitian (coklit)"
    header = page.select_one(".stage-header")
    assert header["data-status"] == "selesai"
    facts = page.select_one(".stage-facts").get_text(" ", strip=True)
    assert "Minggu, 12 Februari 2023 – Selasa, 14 Maret 2023 (31 hari)" in facts
    assert "Keputusan KPU Nomor 27 Tahun 2023" in facts
    assert "Pemutakhiran data pemilih" in facts  # its parent stage
    assert "mencocokkan data pemilih" in page.select_one(".stage-desc").get_text()
    titles = [a.get_text() for a in page.select(".stage-news .card-title a")]
    assert titles == ["Coklit rampung", "Coklit dimulai serentak"]
    crumbs = [li.get_text(strip=True) for li in page.select(".breadcrumb li")]
    assert crumbs == [
        "Beranda",
        "Tahapan",
        "Pemilu 2024",
        "Pemutakhiran data pemilih dan penyusunan daftar pemilih",
        "Pencocokan dan penelitian (coklit)",
    ]
    feeds = [a["href"] for a in page.select(".stage-feeds a")]  # the feeds plugin's per-stage feeds
    assert any(href.endswith("tahapan/coklit/rss.xml") for href in feeds), feeds
    empty = soup(mini.page("tahapan/kampanye-pilkada/"))
    assert "Belum ada berita untuk tahapan ini." in empty.select_one(".stage-news").get_text()


def test_every_stage_has_a_page(mini):
    for election in ("pemilu-2024", "pilkada-2024"):
        ics = icalendar.Calendar.from_ical((mini.output / "tahapan" / f"{election}.ics").read_bytes())
        for event in ics.walk("VEVENT"):
            slug = str(event["UID"]).split(".")[0]
            assert (mini.output / "tahapan" / slug / "index.html").is_file()


def test_home_block(mini):
    page = soup(mini.page(""))
    block = page.select_one("[data-stage-now]")
    assert block is not None
    elections = block.select("[data-election]")
    assert [e.has_attr("hidden") for e in elections] == [False, True]  # Pemilu is voted next
    pemilu = elections[0]
    assert pemilu.select_one("[data-countdown]").get_text() == "H-4"
    shown = [li.a.get_text() for li in pemilu.select("li[data-stage-start]") if not li.has_attr("hidden")]
    assert "Masa kampanye" in shown  # running
    assert "Masa tenang" in shown  # next
    assert "Pencocokan dan penelitian (coklit)" not in shown
    assert shown == ["Masa kampanye", "Perencanaan program dan anggaran", "Masa tenang"]


def test_article_badge(mini):
    page = soup(mini.page("berita/2023/02/coklit-dimulai-serentak/"))
    badge = page.select_one(".stage-badge a")
    assert badge["href"] == "../../../../tahapan/coklit/"
    assert "Pencocokan dan penelitian (coklit)" in badge.get_text()
    assert soup(mini.page("berita/2023/01/profil-kecamatan/")).select_one(".stage-badge") is None


def test_nav_has_tahapan_after_sosialisasi(mini):
    labels = [a.get_text() for a in soup(mini.page("")).select(".site-nav a")]
    assert labels[labels.index("Sosialisasi") + 1] == "Tahapan"
    current = soup(mini.page("tahapan/")).select_one('.site-nav a[aria-current="page"]')
    assert current.get_text() == "Tahapan"


@pytest.mark.parametrize("url", ["tahapan/", "tahapan/coklit/", ""])
def test_pages_pass_a_strict_csp(mini, url):
    page = soup(mini.page(url))
    for script in page.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
    for tag in page.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on")], tag.name
        assert "style" not in tag.attrs, tag.name
    # Fingerprinted by plugins/hosting: theme/js/tahapan.<hash>.js
    sources = [script.get("src", "") for script in page.find_all("script")]
    assert any(re.search(r"theme/js/tahapan\.[0-9a-f]{10}\.js$", source) for source in sources)


def test_ics_stable_across_builds(mini, build_site, tmp_path):
    content = write_content(tmp_path / "content")
    again = build_site(
        tmp_path / "output", content=content, overrides={"PORTAL_NOW": "2023-03-01T08:00:00+07:00"}
    )
    assert again.ok, again.messages
    for name in ("pemilu-2024.ics", "pilkada-2024.ics"):
        first = (mini.output / "tahapan" / name).read_bytes()
        # Another day, another build: the calendar is byte-identical (no clock inside).
        assert (again.output / "tahapan" / name).read_bytes() == first
        events = icalendar.Calendar.from_ical(first).walk("VEVENT")
        assert len(events) == {"pemilu-2024.ics": 19, "pilkada-2024.ics": 11}[name]
        assert all(re.fullmatch(r"[a-z0-9-]+\.[a-z0-9-]+@ppk-concong", str(e["UID"])) for e in events)


# --- mistakes the media officer can make fail the build ----------------------------------


def test_unknown_stage_in_a_post_fails_the_build(build_site, tmp_path):
    posts = {**POSTS, "salah.md": ("Salah ketik", "2023-02-13 10:00", "Berita", "coklid")}
    content = write_content(tmp_path / "content", posts)
    build = build_site(tmp_path / "output", content=content, overrides={"PORTAL_NOW": NOW})
    assert not build.ok
    assert "content/posts/salah.md:4: error: tahapan 'coklid' tidak dikenal" in build.messages
    assert "'coklit'" in build.messages
    assert not (tmp_path / "output").exists()  # nothing half-written


def test_bad_stage_data_fails_the_build(build_site, tmp_path):
    content = write_content(tmp_path / "content")
    data = content / "data" / "tahapan" / "pilkada-2024.yaml"
    text = data.read_text(encoding="utf-8").replace("end: 2024-08-29", "end: 2024-08-20")
    data.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    end: 2024-08-20") + 1
    build = build_site(tmp_path / "output", content=content, overrides={"PORTAL_NOW": NOW})
    assert not build.ok
    assert f"content/data/tahapan/pilkada-2024.yaml:{line}: error:" in build.messages
    assert "sebelum dimulai" in build.messages


# --- the shipped demo ----------------------------------------------------------------------


def demo_stage_posts() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for path in sorted((CONTENT / "posts").rglob("*.md")):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        match = re.search(r"^stage:\s*(\S+)\s*$", header, re.IGNORECASE | re.MULTILINE)
        is_draft = re.search(r"^status:\s*draft", header, re.IGNORECASE | re.MULTILINE)
        date = re.search(r"^date:\s*(\S+ \S+)", header, re.IGNORECASE | re.MULTILINE)
        scheduled = date is not None and date.group(1) > DEMO_NOW_LOCAL  # not yet published
        if match and not is_draft and not scheduled:
            found.setdefault(match.group(1).lower(), []).append(path)
    return found


def test_demo_posts_are_linked_to_their_stages(demo_build):
    linked = demo_stage_posts()
    assert len(linked) >= 3, "the demo posts should name their stages"
    for slug, paths in linked.items():
        page = soup(demo_build.page(f"tahapan/{slug}/"))
        titles = {a.get_text() for a in page.select(".stage-news .card-title a")}
        for path in paths:
            title = re.search(r"^Title:\s*(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)
            assert title.strip() in titles, (slug, path.name)


def test_demo_timeline_home_and_calendar(demo_build):
    timeline = soup(demo_build.page("tahapan/"))
    assert timeline.find("li", id="kampanye")["data-status"] == "berlangsung"
    assert timeline.find("li", id="masa-tenang")["data-status"] == "akan-datang"
    home = soup(demo_build.page("")).select_one("[data-stage-now] [data-countdown]")
    assert home.get_text() == "H-4"
    ics = icalendar.Calendar.from_ical((demo_build.output / "tahapan" / "pemilu-2024.ics").read_bytes())
    assert len(ics.walk("VEVENT")) == 19


def test_published_site_offers_a_webcal_subscription(published_build):
    page = soup(published_build.page("tahapan/"))
    hrefs = [a["href"] for a in page.select(".stage-calendar a")]
    assert any(h.startswith("webcal://") and h.endswith("/tahapan/pemilu-2024.ics") for h in hrefs)
    ics = icalendar.Calendar.from_ical((published_build.output / "tahapan" / "pemilu-2024.ics").read_bytes())
    coklit = next(e for e in ics.walk("VEVENT") if str(e["UID"]).startswith("coklit."))
    assert str(coklit["URL"]).startswith("https://") and str(coklit["URL"]).endswith("/tahapan/coklit/")


# --- the timeline starts with now; after the last vote nothing counts ---------------------


def test_timeline_opens_with_now_and_folds_finished_stages(mini):
    page = soup(mini.page("tahapan/"))
    today = page.select_one("[data-stage-today]")
    # "Sekarang" comes before the first election's long list.
    assert today.find_next("section", class_="election") is not None
    running = [a.get_text() for a in today.select("[data-today-running] a")]
    assert running[0] == "Masa kampanye" and "Perencanaan program dan anggaran" in running
    assert running.index("Masa kampanye") < running.index("Perencanaan program dan anggaran")
    assert today.select_one("[data-today-jump]")["href"] == "#kampanye"
    nxt = today.select_one("[data-today-next] li")
    assert nxt.a.get_text() == "Masa tenang" and nxt.a["href"] == "#masa-tenang"
    assert nxt.select_one("[data-today-h]").get_text() == "H-1"
    assert today.select_one("[data-today-over]").has_attr("hidden")
    pemilu = page.select_one("section#pemilu-2024")
    groups = pemilu.select("[data-stage-group]")
    assert [g["data-stage-group"] for g in groups] == ["berlangsung", "akan-datang", "selesai"]
    assert [li["id"] for li in groups[0].select("li.stage")][0] == "kampanye"
    folded = groups[2]
    assert folded.name == "details" and not folded.has_attr("open")
    assert folded.find("li", id="coklit") is not None
    # 19 stages: 2 running (campaign, planning), 4 to come (quiet period to the tally), 13 done.
    assert len(folded.select("li.stage")) == 13 and "(13 tahapan)" in folded.summary.get_text()


def test_calendar_link_says_what_it_does(mini):
    for url in ("tahapan/", "tahapan/coklit/"):
        text = soup(mini.page(url)).select_one(".stage-calendar").get_text(" ", strip=True)
        assert "kalender ponsel Anda" in text


@pytest.fixture(scope="module")
def after_last_vote(tmp_path_factory, build_site):
    content = write_content(tmp_path_factory.mktemp("over") / "content")
    build = build_site(
        content.parent / "output", content=content, overrides={"PORTAL_NOW": "2026-11-30T12:00:00+07:00"}
    )
    assert build.ok, build.messages
    return build


def test_after_the_last_vote_nothing_counts(after_last_vote):
    for url in ("", "tahapan/", "tahapan/rekapitulasi/"):
        assert "H+" not in after_last_vote.page(url), url
    timeline = soup(after_last_vote.page("tahapan/"))
    today = timeline.select_one("[data-stage-today]")
    assert today.select_one("[data-today-live]").has_attr("hidden")
    assert not today.select_one("[data-today-over]").has_attr("hidden")
    assert "Pemilihan Serentak 2024 telah selesai" in today.get_text()
    pemilu = timeline.select_one("section#pemilu-2024 [data-election-over]")
    assert not pemilu.has_attr("hidden")
    links = {a.get_text(): a["href"] for a in pemilu.select("a")}
    assert links["Rekapitulasi hasil penghitungan suara"].endswith("tahapan/rekapitulasi/")
    assert links["Pemilihan Serentak 2024"].endswith("tahapan/#pilkada-2024")
    # Every stage is finished and folded away; the countdown box is hidden and empty.
    assert [g.has_attr("hidden") for g in timeline.select("#pemilu-2024 [data-stage-group]")] == [
        True,
        True,
        False,
    ]
    box = timeline.select_one("#pilkada-2024 [data-countdown-box]")
    assert box.has_attr("hidden") and box.select_one("[data-countdown]").get_text() == ""
    home = soup(after_last_vote.page("")).select_one("[data-stage-now] [data-election]:not([hidden])")
    note = home.select_one("[data-election-over]")
    assert not note.has_attr("hidden") and "Pemilihan Serentak 2024 telah selesai" in note.get_text()
    assert note.a["href"].endswith("tahapan/rekapitulasi-pilkada/")


def test_voting_day_reads_hari_h(build_site, tmp_path):
    content = write_content(tmp_path / "content")
    build = build_site(
        tmp_path / "output", content=content, overrides={"PORTAL_NOW": "2024-02-14T08:00:00+07:00"}
    )
    assert build.ok, build.messages
    home = soup(build.page("")).select_one("[data-stage-now] [data-election]:not([hidden]) [data-countdown]")
    assert home.get_text() == "Hari H"
