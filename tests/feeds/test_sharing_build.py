"""Issue 16 in real builds: every page type's preview, share cards, tag/author feeds,
structured data, honest dates (git history in a temporary repository), empty feeds."""

from __future__ import annotations

import html as html_lib
import io
import json
import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import run_build
from lxml import etree
from PIL import Image

from tests.feeds import sitegen
from tests.feeds.feedcheck import assert_valid_atom, assert_valid_json_feed, is_absolute, parse_feed
from tests.feeds.test_build import DEMO_NOW, SITE, SM, feed_files, jsonld_of_type, og, structured

SITENAME = "PPK Concong"
# One page of every type the site has (demo URLs, built from the demo content).
PAGE_TYPES = {
    "home": "",
    "home, page 2": "halaman/2/",
    "article": "berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/",
    "article without image": "berita/2023/05/rekapitulasi-dpshp-kecamatan-concong/",
    "page": "tentang/",
    "rubric": "rubrik/kegiatan/",
    "tag": "topik/bimtek/",
    "tags index": "topik/",
    "author": "penulis/rizky-aulia/",
    "archives": "indeks/",
    "period archive": "indeks/2023/",
    "stage timeline": "tahapan/",
    "stage": "tahapan/coklit/",
    "officer directory": "petugas/",
    "officer body": "petugas/pps/",
    "officer desa": "petugas/desa/concong-luar/",
    "gallery": "galeri/",
    "search": "cari/",
    "404": "404.html",
}
WHATSAPP_MAX_BYTES = 300 * 1024  # strictest commonly cited limit; WhatsApp's own page says 600 KB
WHATSAPP_MIN_WIDTH = 300


def head(html: str) -> BeautifulSoup:
    return BeautifulSoup(html.split("</head>", 1)[0], "html.parser")


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def own_title(soup: BeautifulSoup) -> str:
    title = soup.title.get_text()
    for separator in (" · ", " — "):
        if title.endswith(separator + SITENAME):
            return title[: -len(separator + SITENAME)]
    return title


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_previews_its_own_title_and_description(published_build, kind):
    url = PAGE_TYPES[kind]
    page = head(published_build.page(url))
    description = meta(page, "description")
    assert description and meta(page, "og:title") == own_title(page)
    assert meta(page, "og:description") == description
    assert meta(page, "twitter:title") == own_title(page)
    assert meta(page, "twitter:description") == description
    assert is_absolute(meta(page, "og:image")) and is_absolute(meta(page, "twitter:image"))
    assert int(meta(page, "og:image:width")) >= WHATSAPP_MIN_WIDTH
    assert meta(page, "og:url") == f"{SITE}/{url}".replace("/index.html", "/")
    robots = meta(page, "robots")
    if kind == "404":
        assert robots == "noindex, nofollow"
    else:
        assert "max-image-preview:large" in robots
        assert page.find("link", rel="canonical")["href"] == meta(page, "og:url")


def test_page_types_do_not_share_one_preview(published_build):
    seen: dict[tuple[str, str], str] = {}
    for kind, url in PAGE_TYPES.items():
        if kind == "home, page 2":  # the same list, continued
            continue
        page = head(published_build.page(url))
        key = (meta(page, "og:title"), meta(page, "og:description"))
        assert key not in seen, f"{kind} previews like {seen.get(key)}"
        seen[key] = kind
    tagline = "Panitia Pemilihan Kecamatan Concong · Pemilu 2024"
    assert all(description != tagline for _, description in seen)


def test_whatsapp_finds_the_head_in_the_first_300_kb(published_build):
    # WhatsApp's link-preview page: the <head> must sit in the first 300 KB of the HTML.
    for url in PAGE_TYPES.values():
        html = published_build.page(url).encode("utf-8")
        assert html.index(b"</head>") < 300 * 1024, url


# --- share card -------------------------------------------------------------------------------


def test_post_without_lead_image_shares_its_generated_card(published_build):
    out = published_build.output
    url = f"{SITE}/{PAGE_TYPES['article without image']}"
    page = published_build.page(PAGE_TYPES["article without image"])
    soup = head(page)
    card_url = meta(soup, "og:image")
    assert card_url.startswith(f"{SITE}/feed/kartu/") and card_url.endswith(".jpg")
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:type") == "image/jpeg" and meta(soup, "twitter:image") == card_url
    assert meta(soup, "twitter:card") == "summary_large_image"
    card = (out / card_url.removeprefix(f"{SITE}/")).read_bytes()
    image = Image.open(io.BytesIO(card))
    assert image.size == (1200, 630) and abs(image.width / image.height - 1.91) < 0.01
    assert len(card) <= WHATSAPP_MAX_BYTES
    article = jsonld_of_type(structured(page, url), "NewsArticle")[0]
    assert article["image"][0]["url"] == card_url and article["image"][0]["width"] == 1200
    entry = next(e for e in parse_feed((out / "feed/rss.xml").read_bytes()).entries if e.link == url)
    assert entry.enclosures[0].href == card_url and int(entry.enclosures[0].length) == len(card)
    assert entry.media_content[0]["url"] == card_url
    items = assert_valid_json_feed((out / "feed/feed.json").read_bytes())["items"]
    assert next(i for i in items if i["url"] == url)["image"] == card_url


def test_every_published_post_has_a_share_image_and_cards_are_small(published_build):
    out = published_build.output
    cards = sorted((out / "feed/kartu").glob("*.jpg"))
    assert cards, "the demo has posts without a lead image"
    for card in cards:
        assert card.stat().st_size <= WHATSAPP_MAX_BYTES
        assert Image.open(card).size == (1200, 630)
    for entry in parse_feed((out / "feed/atom.xml").read_bytes()).entries:
        page = head((out / entry.link.removeprefix(f"{SITE}/") / "index.html").read_text(encoding="utf-8"))
        assert meta(page, "twitter:card") == "summary_large_image", entry.link


def test_share_cards_are_byte_identical_across_builds(published_build, build_site, tmp_path):
    # A separate output folder has its own cache: the second build draws every card again.
    again = build_site(tmp_path / "output", settings="publishconf.py", overrides={"PORTAL_NOW": DEMO_NOW})
    assert again.ok, again.messages
    first = sorted(
        p.relative_to(published_build.output) for p in (published_build.output / "feed/kartu").glob("*")
    )
    assert first == sorted(p.relative_to(again.output) for p in (again.output / "feed/kartu").glob("*"))
    for name in first:
        assert (again.output / name).read_bytes() == (published_build.output / name).read_bytes(), name


# --- tag and author feeds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_url", "feed_dir"),
    [("topik/bimtek/", "feed/topik/bimtek"), ("penulis/rizky-aulia/", "feed/penulis/rizky-aulia")],
)
def test_tag_and_author_feeds_hold_the_pages_posts(published_build, page_url, feed_dir):
    out = published_build.output
    page = BeautifulSoup(published_build.page(page_url), "html.parser")
    listed = {a["href"] for a in page.select("main .card-title a")}
    assert listed
    alternates = {
        link["href"] for link in head(published_build.page(page_url)).find_all("link", rel="alternate")
    }
    visible = {a["href"] for a in page.select("main a[type]")}
    for name in ("rss.xml", "atom.xml"):
        address = f"{SITE}/{feed_dir}/{name}"
        assert address in alternates and address in visible
        document = (out / feed_dir / name).read_bytes()
        if name == "atom.xml":
            assert_valid_atom(document)
        parsed = parse_feed(document)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert {e.link for e in parsed.entries} == listed
        assert parsed.feed.link == f"{SITE}/{page_url}"


def test_items_name_their_authors_page_and_rss_image_has_its_size(published_build):
    out = published_build.output
    atom = parse_feed((out / "feed/atom.xml").read_bytes())
    for entry in atom.entries:
        assert entry.author_detail.href.startswith(f"{SITE}/penulis/"), entry.link
    items = json.loads((out / "feed/feed.json").read_bytes())["items"]
    assert all(item["authors"][0]["url"].startswith(f"{SITE}/penulis/") for item in items)
    channel = etree.fromstring((out / "feed/rss.xml").read_bytes()).find("channel/image")
    logo = out / channel.findtext("url").removeprefix(f"{SITE}/")
    assert (int(channel.findtext("width")), int(channel.findtext("height"))) == Image.open(logo).size


def test_no_feed_claims_a_made_up_date(published_build):
    out = published_build.output
    for path in feed_files(out):
        assert b"2000-01-01" not in path.read_bytes(), path
    empty = parse_feed((out / "feed/tahapan/perencanaan-program-anggaran/rss.xml").read_bytes())
    assert not empty.entries
    assert empty.feed.updated == "Mon, 20 Nov 2023 23:59:59 +0700"  # pemilu-2024.yaml `updated:`


# --- structured data ----------------------------------------------------------------------------


def test_search_action_event_and_person_extracted_with_extruct(published_build):
    home = structured(published_build.page(""), f"{SITE}/")
    [site] = [n for block in home["json-ld"] for n in block.get("@graph", [block]) if n["@type"] == "WebSite"]
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/cari/?q={{search_term_string}}"
    stage_url = f"{SITE}/tahapan/coklit/"
    [event] = jsonld_of_type(structured(published_build.page("tahapan/coklit/"), stage_url), "Event")
    assert event["name"] == "Pencocokan dan penelitian (coklit)" and event["url"] == stage_url
    assert (event["startDate"], event["endDate"]) == (
        "2023-02-12T00:00:00+07:00",
        "2023-03-14T23:59:59+07:00",
    )
    assert event["location"]["@type"] == "Place" and event["location"]["name"] == "Kecamatan Concong"
    assert event["location"]["address"]["addressRegion"] == "Kabupaten Indragiri Hilir, Riau"
    assert event["organizer"]["name"] == "Panitia Pemilihan Kecamatan Concong"
    author_url = f"{SITE}/penulis/rizky-aulia/"
    [person] = jsonld_of_type(structured(published_build.page("penulis/rizky-aulia/"), author_url), "Person")
    assert person["name"] == "Rizky Aulia" and person["url"] == author_url
    assert og(structured(published_build.page("penulis/rizky-aulia/"), author_url))["og:type"] == "profile"


# --- honest dates: git history in a temporary repository, summaries as text ---------------------

HOSTILE_SUMMARY = "<b>x</b> & <script>"


def _git(repo: Path, *args: str, when: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.id"}
    env.update(GIT_COMMITTER_NAME="Uji", GIT_COMMITTER_EMAIL="uji@example.id")
    if when:
        env.update(GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when)
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def git_site(tmp_path_factory):
    """A small site in its own git repository: one post edited in a second commit with a
    controlled committer date, one post never committed, one committed post with an
    uncommitted edit, and a post whose Summary is hostile plain text."""
    repo = tmp_path_factory.mktemp("gitsite")
    content = sitegen.base_content(repo / "content")
    edited = sitegen.write_post(
        content,
        "edited.md",
        "Title: Diedit\nDate: 2023-02-11 09:00\nCategory: Berita\nSlug: diedit\nAuthor: Rizky Aulia",
    )
    dirty = sitegen.write_post(
        content, "dirty.md", "Title: Kotor\nDate: 2023-02-11 08:00\nCategory: Berita\nSlug: kotor"
    )
    sitegen.write_post(
        content,
        "hostile.md",
        f"Title: Ringkasan <i>uji</i> & kawan\nDate: 2023-02-10 08:00\nCategory: Berita\nSlug: ringkasan\n"
        f"Summary: {HOSTILE_SUMMARY}",
    )
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "first", when="2023-02-11T10:00:00+07:00")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nParagraf tambahan.\n", encoding="utf-8")
    _git(repo, "commit", "-qam", "edit", when="2023-03-05T08:30:00+07:00")
    dirty.write_text(dirty.read_text(encoding="utf-8") + "\nBelum dikomit.\n", encoding="utf-8")
    sitegen.write_post(content, "new.md", "Title: Baru\nDate: 2023-02-12 08:00\nCategory: Berita\nSlug: baru")
    overrides = {"PORTAL_NOW": DEMO_NOW}
    in_git = run_build(repo / "out", content=content, settings="publishconf.py", overrides=overrides)
    assert in_git.ok, in_git.messages
    outside = shutil.copytree(content, tmp_path_factory.mktemp("nogit") / "content")
    no_git = run_build(
        outside.parent / "out", content=outside, settings="publishconf.py", overrides=overrides
    )
    assert no_git.ok, no_git.messages
    return in_git, no_git, repo


def _modified(build, slug: str) -> dict[str, str]:
    """The modified date of a post as feeds, JSON-LD and the sitemap show it."""
    out = build.output
    url = f"{SITE}/berita/2023/02/{slug}/"
    atom = parse_feed((out / "feed/atom.xml").read_bytes())
    entry = next(e for e in atom.entries if e.link == url)
    items = json.loads((out / "feed/feed.json").read_bytes())["items"]
    article = jsonld_of_type(structured(build.page(f"berita/2023/02/{slug}/"), url), "NewsArticle")[0]
    sitemap = etree.parse(str(out / "sitemap.xml"))
    lastmod = sitemap.xpath(f"//sm:url[sm:loc='{url}']/sm:lastmod/text()", namespaces=SM)
    return {
        "atom": datetime.fromisoformat(entry.updated).isoformat(),
        "json": next(i for i in items if i["url"] == url)["date_modified"],
        "jsonld": article["dateModified"],
        "sitemap": lastmod[0],
    }


def test_modified_date_comes_from_the_last_commit(git_site):
    in_git, no_git, _ = git_site
    assert set(_modified(in_git, "diedit").values()) == {"2023-03-05T08:30:00+07:00"}
    assert set(_modified(no_git, "diedit").values()) == {"2023-02-11T09:00:00+07:00"}  # outside git: Date


def test_uncommitted_files_keep_their_committed_or_published_date(git_site):
    in_git, _, _ = git_site
    # Committed at 10:00, edited since but not committed: the commit's date.
    assert set(_modified(in_git, "kotor").values()) == {"2023-02-11T10:00:00+07:00"}
    # Never committed: its Date.
    assert set(_modified(in_git, "baru").values()) == {"2023-02-12T08:00:00+07:00"}


def test_pages_get_an_honest_lastmod_from_git(git_site):
    in_git, no_git, _ = git_site
    for build, expected in ((in_git, ["2023-02-11T10:00:00+07:00"]), (no_git, [])):
        sitemap = etree.parse(str(build.output / "sitemap.xml"))
        lastmod = sitemap.xpath(f"//sm:url[sm:loc='{SITE}/tentang/']/sm:lastmod/text()", namespaces=SM)
        assert lastmod == expected


def test_summary_and_title_reach_feeds_as_text(git_site):
    in_git, _, _ = git_site
    out = in_git.output
    url = f"{SITE}/berita/2023/02/ringkasan/"
    for name in ("rss.xml", "atom.xml"):
        entry = next(e for e in parse_feed((out / "feed" / name).read_bytes()).entries if e.link == url)
        assert entry.title == "Ringkasan <i>uji</i> & kawan"
        assert html_lib.unescape(entry.summary) == HOSTILE_SUMMARY
        shown = BeautifulSoup(entry.summary, "html.parser")
        assert shown.find("b") is None and shown.find("script") is None
        assert shown.get_text() == HOSTILE_SUMMARY  # what a reader displays
    assert b"<b>x</b>" not in (out / "feed/rss.xml").read_bytes()
    items = json.loads((out / "feed/feed.json").read_bytes())["items"]
    item = next(i for i in items if i["url"] == url)
    assert item["summary"] == HOSTILE_SUMMARY and item["title"] == "Ringkasan <i>uji</i> & kawan"


def test_without_a_recent_post_there_is_no_news_sitemap(git_site):
    in_git, _, _ = git_site  # its newest post is a year before PORTAL_NOW
    out = in_git.output
    assert not (out / "sitemap-berita.xml").exists()
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}/sitemap.xml" in robots and "sitemap-berita" not in robots
    assert b"sitemap-berita" not in (out / "sitemap.xml").read_bytes()


def test_a_shallow_clone_falls_back_to_date(git_site, tmp_path):
    _, _, repo = git_site
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    build = run_build(
        tmp_path / "out",
        content=clone / "content",
        settings="publishconf.py",
        overrides={"PORTAL_NOW": DEMO_NOW},
    )
    assert build.ok, build.messages
    # Its one commit (2023-03-05) would otherwise claim every file: Date instead.
    assert set(_modified(build, "diedit").values()) == {"2023-02-11T09:00:00+07:00"}
    assert set(_modified(build, "kotor").values()) == {"2023-02-11T08:00:00+07:00"}


@pytest.mark.parametrize("with_data", [False, True])
def test_site_without_posts_has_feeds_dated_honestly(tmp_path, with_data):
    """A new site (no post yet) builds; its empty feeds carry the stage data's `updated:` date,
    or the build's "now" without stage data, never a made-up date and never a traceback."""
    from smallsite import write_small_site

    content = write_small_site(tmp_path, {}, with_data=with_data)
    build = run_build(tmp_path / "output", content=content, overrides={"PORTAL_NOW": DEMO_NOW})
    assert build.ok, build.messages
    atom = etree.fromstring((build.output / "feed" / "atom.xml").read_bytes())
    updated = atom.findtext("{http://www.w3.org/2005/Atom}updated")
    expected = "2024-05-01T23:59:59+07:00" if with_data else "2024-02-10T12:00:00+07:00"
    assert updated == expected
    assert not atom.findall("{http://www.w3.org/2005/Atom}entry")
