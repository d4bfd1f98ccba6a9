"""Real builds: feeds, sitemaps, robots.txt and page metadata in the output.

* the demo site, published (`published_build`) and previewed (`demo_build`);
* a generated site of a few thousand posts plus edge cases (hostile title,
  unsafe HTML, lead image, `Guid:` override), built once for the module, with
  a small sitemap limit so the split is exercised, and uncapped item counts so
  the 2 MB size cap is.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

import extruct
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.feeds import sitegen
from tests.feeds.feedcheck import (
    assert_valid_atom,
    assert_valid_json_feed,
    assert_valid_sitemap,
    is_absolute,
    news_sitemap_errors,
    parse_feed,
)

SITE = "https://ppk-concong.example.id"
SM = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
TWO_MB = 2 * 1024 * 1024
DEMO_NOW = "2024-02-10T12:00:00+07:00"  # as in tests/conftest.py
MANY = 2_000
SITEMAP_LIMIT = 500


def feed_files(output: Path) -> list[Path]:
    return sorted(p for p in (output / "feed").rglob("*") if p.suffix in {".xml", ".json"})


def sitemap_locs(output: Path) -> dict[str, str | None]:
    """Every URL of sitemap.xml (following the index) -> its lastmod."""
    root = etree.parse(str(output / "sitemap.xml")).getroot()
    documents = [root]
    if root.tag.endswith("sitemapindex"):
        names = [loc.rsplit("/", 1)[1] for loc in root.xpath("//sm:loc/text()", namespaces=SM)]
        documents = [etree.parse(str(output / name)).getroot() for name in names]
    locs = {}
    for document in documents:
        for url in document.iterfind("sm:url", SM):
            locs[url.findtext("sm:loc", namespaces=SM)] = url.findtext("sm:lastmod", namespaces=SM)
    return locs


def structured(html: str, url: str) -> dict:
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"])


def og(data: dict) -> dict:
    """Open Graph properties of the page (the first value of each)."""
    found: dict = {}
    for block in data["opengraph"]:
        for key, value in block["properties"]:
            found.setdefault(key, value)
    return found


def jsonld_of_type(data: dict, kind: str) -> list[dict]:
    found = []
    for block in data["json-ld"]:
        for node in block.get("@graph", [block]):
            if node.get("@type") == kind:
                found.append(node)
    return found


# --- the demo site, published --------------------------------------------------------------


def test_every_demo_feed_is_valid(published_build):
    files = feed_files(published_build.output)
    assert len(files) >= 3 + 2 * 4  # all posts (3 formats) + at least four rubrics
    for path in files:
        document = path.read_bytes()
        if path.suffix == ".json":
            assert_valid_json_feed(document)
            continue
        parsed = parse_feed(document)
        if path.name == "atom.xml":
            assert_valid_atom(document)
            assert parsed.version == "atom10"
        else:
            assert parsed.version == "rss20"
        assert parsed.feed.language == "id"


def test_main_feed_lists_every_published_post_with_its_lead_image(published_build):
    out = published_build.output
    posts = sorted(out.glob("berita/*/*/*/index.html"))
    parsed = parse_feed((out / "feed/rss.xml").read_bytes())
    assert {e.link for e in parsed.entries} == {
        f"{SITE}/{p.parent.relative_to(out).as_posix()}/" for p in posts
    }
    assert len(assert_valid_json_feed((out / "feed/feed.json").read_bytes())["items"]) == len(posts)
    assert all(e.get("enclosures") for e in parsed.entries)  # a lead image or a share card
    for entry in parsed.entries:
        enclosure = entry.enclosures[0]
        local = out / enclosure.href.removeprefix(f"{SITE}/")
        assert int(enclosure.length) == local.stat().st_size
        assert enclosure.type == "image/jpeg"  # the lead photo's JPEG copy or the share card
        media = entry.media_content[0]
        assert int(media["width"]) > 0 and int(media["height"]) > 0
    dates = [e.published_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    assert all(e.published.endswith("+0700") for e in parsed.entries)


def test_rubric_and_stage_feeds_hold_their_own_posts(published_build):
    out = published_build.output
    for feed in (out / "feed/rubrik").glob("*/rss.xml"):
        rubric = feed.parent.name
        entries = parse_feed(feed.read_bytes()).entries
        for entry in entries:
            assert f"{SITE}/rubrik/{rubric}/" in {t.get("scheme") for t in entry.tags}
    kampanye = parse_feed((out / "feed/tahapan/pemutakhiran-data-pemilih/atom.xml").read_bytes())
    assert kampanye.entries, "the demo has posts in the voter-data stage"
    for entry in kampanye.entries:
        assert f"{SITE}/tahapan/pemutakhiran-data-pemilih/" in {t.get("scheme") for t in entry.tags}


def test_demo_sitemap_covers_every_public_page(published_build):
    out = published_build.output
    assert_valid_sitemap((out / "sitemap.xml").read_bytes())
    locs = sitemap_locs(out)
    assert all(is_absolute(loc) for loc in locs)
    html = {
        f"{SITE}/" + re.sub(r"(^|/)index\.html$", r"\1", p.relative_to(out).as_posix())
        for p in out.rglob("*.html")
        if p.name != "404.html" and "noindex" not in p.read_text(encoding="utf-8").split("</head>")[0]
    }
    assert set(locs) == html
    assert f"{SITE}/tahapan/kampanye/" in locs
    assert f"{SITE}/indeks/" in locs and f"{SITE}/tentang/" in locs
    assert any("/petugas/" in loc or "/galeri/" in loc for loc in locs) or not (out / "petugas").exists()
    assert f"{SITE}/404.html" not in locs


def test_demo_sitemap_lastmod_is_accurate(published_build):
    out = published_build.output
    locs = sitemap_locs(out)
    bimtek = f"{SITE}/berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/"
    assert locs[bimtek].startswith("2023-02-11T14:30:00+07:00")
    newest = max(datetime.fromisoformat(v) for v in locs.values() if v)
    assert datetime.fromisoformat(locs[f"{SITE}/"]) == newest
    assert locs[f"{SITE}/tentang/"] is None  # a page without Date/Modified has no honest lastmod
    stage_lastmod = locs[f"{SITE}/tahapan/pemutakhiran-data-pemilih/"]
    assert stage_lastmod is not None


def test_demo_news_sitemap_and_robots(published_build):
    out = published_build.output
    now = datetime.fromisoformat(DEMO_NOW)
    entries = parse_feed((out / "feed/rss.xml").read_bytes()).entries
    recent = {
        e.link
        for e in entries
        if now - timedelta(days=2) <= datetime.strptime(e.published, "%a, %d %b %Y %H:%M:%S %z") <= now
    }
    assert recent, "DEMO_NOW is the day after a demo post"
    document = (out / "sitemap-berita.xml").read_bytes()
    assert set(etree.fromstring(document).xpath("//sm:loc/text()", namespaces=SM)) == recent
    assert news_sitemap_errors(document) == []
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
    assert f"Sitemap: {SITE}/sitemap-berita.xml" in robots


def test_demo_article_metadata(published_build):
    url = f"{SITE}/berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/"
    html = published_build.page("berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/")
    data = structured(html, url)
    article = jsonld_of_type(data, "NewsArticle")[0]
    for key in ("headline", "image", "datePublished", "dateModified", "author", "publisher"):
        assert article.get(key), key
    assert article["datePublished"] == "2023-02-11T14:30:00+07:00"
    assert article["publisher"]["logo"]["url"].startswith(SITE)
    assert article["image"][0]["url"] == f"{SITE}/images/2023/bimtek-pps.jpg"
    crumbs = jsonld_of_type(data, "BreadcrumbList")[0]["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{SITE}/", f"{SITE}/rubrik/kegiatan/", url]
    graph = og(data)
    assert graph["og:type"] == "article" and graph["og:url"] == url
    assert graph["og:image"] == f"{SITE}/images/2023/bimtek-pps.jpg"
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == url
    assert soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    feeds = {link["href"] for link in soup.find_all("link", rel="alternate")}
    assert f"{SITE}/feed/rss.xml" in feeds and f"{SITE}/feed/rubrik/kegiatan/atom.xml" in feeds


def test_demo_home_category_and_stage_pages(published_build):
    home = published_build.page("")
    org = jsonld_of_type(structured(home, f"{SITE}/"), "GovernmentOrganization")
    assert org and org[0]["name"] == "Panitia Pemilihan Kecamatan Concong"
    assert org[0]["logo"]["url"] == f"{SITE}/feed/logo.png"
    assert (published_build.output / "feed/logo.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert og(structured(home, f"{SITE}/"))["og:image"] == f"{SITE}/feed/logo.png"
    footer = BeautifulSoup(home, "html.parser").find("footer")
    assert {a["href"] for a in footer.select("a[type]")} >= {
        f"{SITE}/feed/rss.xml",
        f"{SITE}/feed/atom.xml",
        f"{SITE}/feed/feed.json",
    }
    category = BeautifulSoup(published_build.page("rubrik/kegiatan/"), "html.parser")
    alternates = {link["href"] for link in category.find_all("link", rel="alternate")}
    assert f"{SITE}/feed/rubrik/kegiatan/rss.xml" in alternates
    assert category.find("link", rel="canonical")["href"] == f"{SITE}/rubrik/kegiatan/"
    stage = BeautifulSoup(published_build.page("tahapan/kampanye/"), "html.parser")
    alternates = [link["href"] for link in stage.find_all("link", rel="alternate")]
    assert f"{SITE}/feed/tahapan/kampanye/atom.xml" in alternates
    assert len(alternates) == len(set(alternates))


# --- the demo site, local preview -------------------------------------------------------------


def test_preview_writes_feeds_for_localhost_and_no_sitemaps(demo_build):
    out = demo_build.output
    parsed = parse_feed((out / "feed/atom.xml").read_bytes())
    assert parsed.entries and all(e.link.startswith("http://localhost:8000/") for e in parsed.entries)
    assert not (out / "sitemap.xml").exists()
    assert not (out / "robots.txt").exists()
    assert not (out / "sitemap-berita.xml").exists()


def test_preview_drafts_are_noindex(demo_build):
    drafts = list((demo_build.output / "draf").glob("*/index.html"))
    assert drafts, "the demo ships drafts"
    for draft in drafts:
        head = draft.read_text(encoding="utf-8").split("</head>")[0]
        assert '<meta name="robots" content="noindex, nofollow">' in head
        assert 'rel="canonical"' not in head


# --- a few thousand posts and the edge cases -----------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory, build_site):
    import pelicanconf  # the real plugin list, minus the Pagefind index (not under test here)

    root = tmp_path_factory.mktemp("many")
    content = sitegen.base_content(root / "content")
    newest = sitegen.write_many(content, MANY)
    sitegen.write_special(content, newest + sitegen.STEP)
    now = newest + sitegen.STEP + timedelta(hours=4)
    build = build_site(
        root / "output",
        content=content,
        settings="publishconf.py",
        overrides={
            "PORTAL_NOW": f"{now:%Y-%m-%dT%H:%M}:00+07:00",
            "FEEDS_SITEMAP_MAX_URLS": SITEMAP_LIMIT,
            "FEEDS_MAX_ITEMS": 10 * MANY,
            "PLUGINS": [p for p in pelicanconf.PLUGINS if p != "site_search"],
        },
    )
    assert build.ok, build.messages
    return build


def test_many_posts_feeds_are_capped_under_two_megabytes(many):
    out = many.output
    counts = {}
    for name in ("rss.xml", "atom.xml", "feed.json"):
        document = (out / "feed" / name).read_bytes()
        assert len(document) <= TWO_MB
        if name == "feed.json":
            items = assert_valid_json_feed(document)["items"]
            counts[name] = len(items)
        else:
            if name == "atom.xml":
                assert_valid_atom(document)
            counts[name] = len(parse_feed(document).entries)
    assert all(100 < count < MANY for count in counts.values()), counts
    newest = parse_feed((out / "feed/rss.xml").read_bytes()).entries
    assert newest[0].link.endswith(f"/{sitegen.HOSTILE_SLUG}/")
    assert newest[1].link.endswith(f"/tulisan-uji-{MANY - 1}/")


def test_many_posts_sitemap_is_split_with_an_index(many):
    out = many.output
    index = etree.parse(str(out / "sitemap.xml")).getroot()
    assert index.tag.endswith("sitemapindex")
    assert_valid_sitemap((out / "sitemap.xml").read_bytes())
    parts = sorted(out.glob("sitemap-[0-9]*.xml"))
    assert len(parts) == len(index) >= MANY // SITEMAP_LIMIT
    for part in parts:
        document = part.read_bytes()
        assert_valid_sitemap(document)
        assert len(etree.fromstring(document)) <= SITEMAP_LIMIT
    locs = sitemap_locs(out)
    for number in (0, MANY // 2, MANY - 1):
        assert any(loc.endswith(f"/tulisan-uji-{number}/") for loc in locs)
    paginated = [loc for loc in locs if "/halaman/" in loc]
    assert paginated and all(locs[loc] for loc in paginated)


def test_many_posts_news_sitemap_has_the_last_two_days(many):
    document = (many.output / "sitemap-berita.xml").read_bytes()
    assert_valid_sitemap(document)
    tree = etree.fromstring(document)
    titles = tree.xpath("//news:title/text()", namespaces=SM)
    # posts are six hours apart: the hostile one plus the 8 before it fall in 48 hours
    assert titles[0] == sitegen.HOSTILE_TITLE
    assert len(titles) == 8
    dates = [datetime.fromisoformat(d) for d in tree.xpath("//news:publication_date/text()", namespaces=SM)]
    assert max(dates) - min(dates) <= timedelta(days=2)


def test_hostile_title_round_trips_everywhere(many):
    out = many.output
    title = sitegen.HOSTILE_TITLE
    url = (
        f"{SITE}/"
        + next(
            p.parent.relative_to(out).as_posix()
            for p in out.glob(f"berita/*/*/{sitegen.HOSTILE_SLUG}/index.html")
        )
        + "/"
    )
    for feed in (
        "feed/rss.xml",
        "feed/atom.xml",
        "feed/rubrik/berita/rss.xml",
        "feed/tahapan/rekapitulasi/atom.xml",
    ):
        entries = parse_feed((out / feed).read_bytes()).entries
        assert [e.title for e in entries if e.link == url] == [title], feed
    items = json.loads((out / "feed/feed.json").read_bytes())["items"]
    assert [i["title"] for i in items if i["url"] == url] == [title]
    html = (out / url.removeprefix(f"{SITE}/") / "index.html").read_text(encoding="utf-8")
    data = structured(html, url)
    assert jsonld_of_type(data, "NewsArticle")[0]["headline"] == title
    assert jsonld_of_type(data, "BreadcrumbList")[0]["itemListElement"][-1]["name"] == title
    assert og(data)["og:title"] == title
    head = BeautifulSoup(html.split("</head>")[0] + "</head>", "html.parser")
    assert head.find("meta", attrs={"name": "twitter:title"})["content"] == title
    ld_blocks = head.find_all("script", type="application/ld+json")
    assert len(ld_blocks) == 2 and all("alert" not in s.get("src", "") for s in ld_blocks)
    assert [s for s in head.find_all("script") if s.get("type") != "application/ld+json"] == []


def test_visible_breadcrumb_and_breadcrumblist_name_the_same_trail(published_build):
    """A post's breadcrumb on the page and its BreadcrumbList come from one list."""
    url = f"{SITE}/berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/"
    html = published_build.page("berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/")
    shown = BeautifulSoup(html, "html.parser").select("nav.breadcrumb li")
    listed = jsonld_of_type(structured(html, url), "BreadcrumbList")[0]["itemListElement"]
    assert [li.get_text(strip=True) for li in shown] == [c["name"] for c in listed]
    assert [urljoin(url, li.a["href"]) for li in shown[:-1]] == [c["item"] for c in listed[:-1]]
    assert listed[-1]["item"] == url and shown[-1]["aria-current"] == "page" and shown[-1].a is None
    assert [c["name"] for c in listed][:2] == ["Beranda", "Kegiatan"]
    assert listed[-1]["name"].startswith("Bimtek PPS Jelang Coklit")


def test_item_content_is_clean_and_absolute(many):
    out = many.output
    entry = next(
        e for e in parse_feed((out / "feed/rss.xml").read_bytes()).entries if sitegen.HOSTILE_SLUG in e.link
    )
    content = entry.content[0].value
    assert "<script" not in content and "<iframe" not in content and "style=" not in content
    assert "onclick" not in content
    soup = BeautifulSoup(content, "html.parser")
    assert all(is_absolute(a["href"]) for a in soup.find_all("a"))
    assert entry.published.endswith("+0700")
    assert entry.author == "Rina Marlina"
    published = datetime.strptime(entry.published, "%a, %d %b %Y %H:%M:%S %z")
    assert entry.id == f"tag:ppk-concong.example.id,{published:%Y-%m-%d}:post/{sitegen.HOSTILE_SLUG}"
    atom = parse_feed((out / "feed/atom.xml").read_bytes())
    same = next(e for e in atom.entries if e.id == entry.id)
    assert datetime.fromisoformat(same.updated) - published == timedelta(hours=3)  # from Modified


def test_guid_override_and_stable_ids(many):
    atom = etree.fromstring((many.output / "feed/atom.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = {
        e.findtext("a:link[@rel='alternate']", namespaces=ns) or e.find("a:link", ns).get("href"): e.findtext(
            "a:id", namespaces=ns
        )
        for e in atom.iterfind("a:entry", ns)
    }
    moved = [i for link, i in ids.items() if link.endswith("/tulisan-pindahan/")]
    assert moved == ["https://lama.example.id/?p=123"]
    first = sitegen.FIRST + (MANY - 1) * sitegen.STEP
    assert ids[f"{SITE}/berita/{first:%Y/%m}/tulisan-uji-{MANY - 1}/"] == (
        f"tag:ppk-concong.example.id,{first:%Y-%m-%d}:post/tulisan-uji-{MANY - 1}"
    )
    assert len(set(ids.values())) == len(ids)


# --- reproducibility and bad input ---------------------------------------------------------------


def test_two_builds_write_identical_feeds_and_sitemaps(published_build, build_site, tmp_path):
    again = build_site(tmp_path / "output", settings="publishconf.py", overrides={"PORTAL_NOW": DEMO_NOW})
    assert again.ok, again.messages
    names = [p.relative_to(published_build.output) for p in feed_files(published_build.output)]
    names += [Path("sitemap.xml"), Path("sitemap-berita.xml"), Path("robots.txt")]
    for name in names:
        assert (again.output / name).read_bytes() == (published_build.output / name).read_bytes(), name


def _small_site(tmp_path: Path) -> Path:
    content = sitegen.base_content(tmp_path / "content")
    sitegen.write_post(content, "a.md", "Title: Satu\nDate: 2023-02-11 09:00\nCategory: Berita\nSlug: satu")
    return content


def test_unusable_guid_is_reported_with_file_and_line(tmp_path, build_site):
    content = _small_site(tmp_path)
    sitegen.write_post(
        content, "b.md", "Title: Dua\nDate: 2023-02-12 09:00\nCategory: Berita\nSlug: dua\nGuid: dua kata"
    )
    build = build_site(tmp_path / "output", content=content)
    assert not build.ok
    assert re.search(r"posts/b\.md:5: error: Guid 'dua kata' tidak bisa dipakai", build.messages), (
        build.messages
    )


def test_duplicate_guid_is_reported(tmp_path, build_site):
    content = _small_site(tmp_path)
    header = "Title: {0}\nDate: 2023-02-1{1} 09:00\nCategory: Berita\nSlug: {0}\nGuid: https://lama.example.id/?p=7"
    sitegen.write_post(content, "b.md", header.format("dua", 2))
    sitegen.write_post(content, "c.md", header.format("tiga", 3))
    build = build_site(tmp_path / "output", content=content)
    assert not build.ok
    assert "sama dengan tulisan" in build.messages and ":5: error: Guid" in build.messages, build.messages
