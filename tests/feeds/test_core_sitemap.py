"""sitemap.xml, the sitemap index, the Google News sitemap and robots.txt, against the real XSDs."""

from datetime import datetime, timedelta

from feeds.core import sitemap
from lxml import etree

from tests.feeds.feedcheck import assert_valid_sitemap, news_sitemap_errors
from tests.feeds.itemfactory import BASE, HOSTILE, WIB

NS = {"sm": sitemap.SITEMAP_NS, "news": sitemap.NEWS_NS}
START = datetime(2024, 1, 1, 8, 0, tzinfo=WIB)


def urls(count: int, dated: bool = True) -> list[sitemap.SitemapUrl]:
    return [
        sitemap.SitemapUrl(f"{BASE}/berita/{n:05d}/", START + timedelta(hours=n) if dated else None)
        for n in range(count)
    ]


def test_small_site_is_one_valid_urlset():
    files = sitemap.sitemap_files(urls(3) + [sitemap.SitemapUrl(f"{BASE}/tentang/")], BASE)
    assert list(files) == ["sitemap.xml"]
    assert_valid_sitemap(files["sitemap.xml"])
    tree = etree.fromstring(files["sitemap.xml"])
    assert tree.findtext("sm:url/sm:lastmod", namespaces=NS) == "2024-01-01T08:00:00+07:00"
    last = tree.findall("sm:url", NS)[-1]
    assert last.find("sm:lastmod", NS) is None  # no accurate date, no lastmod


def test_split_with_a_small_limit_gives_a_valid_index():
    files = sitemap.sitemap_files(urls(25), BASE, max_urls=10)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = etree.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{sitemap.SITEMAP_NS}}}sitemapindex"
    assert_valid_sitemap(files["sitemap.xml"])
    assert [e.text for e in index.iterfind("sm:sitemap/sm:loc", NS)] == [
        f"{BASE}/sitemap-{n}.xml" for n in (1, 2, 3)
    ]
    # each part's lastmod is the newest of its URLs
    assert index.findtext("sm:sitemap/sm:lastmod", namespaces=NS) == "2024-01-01T17:00:00+07:00"
    counts = []
    for n in (1, 2, 3):
        assert_valid_sitemap(files[f"sitemap-{n}.xml"])
        counts.append(len(etree.fromstring(files[f"sitemap-{n}.xml"])))
    assert counts == [10, 10, 5]


def test_fifty_thousand_and_one_urls_split_at_the_protocol_limit():
    files = sitemap.sitemap_files(urls(50_001, dated=False), BASE)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    assert len(etree.fromstring(files["sitemap-1.xml"])) == 50_000
    assert len(etree.fromstring(files["sitemap-2.xml"])) == 1
    assert_valid_sitemap(files["sitemap.xml"])
    assert_valid_sitemap(files["sitemap-2.xml"])


def test_byte_limit_splits_too():
    files = sitemap.sitemap_files(urls(40), BASE, max_bytes=2_000)
    assert len(files) > 2
    for name, document in files.items():
        if name != "sitemap.xml":
            assert len(document) <= 2_000


def test_news_sitemap_keeps_the_last_two_days_only():
    now = datetime(2024, 2, 10, 12, 0, tzinfo=WIB)
    entries = [
        sitemap.NewsEntry(f"{BASE}/a/", "Tiga hari lalu", now - timedelta(days=3)),
        sitemap.NewsEntry(f"{BASE}/b/", HOSTILE, now - timedelta(hours=47)),
        sitemap.NewsEntry(f"{BASE}/c/", "Baru saja", now - timedelta(minutes=5)),
        sitemap.NewsEntry(f"{BASE}/d/", "Terjadwal besok", now + timedelta(days=1)),
    ]
    fresh = sitemap.recent_news(entries, now)
    assert [e.loc for e in fresh] == [f"{BASE}/c/", f"{BASE}/b/"]
    document = sitemap.news_document(fresh, "PPK Concong", "id")
    assert_valid_sitemap(document)
    tree = etree.fromstring(document)
    assert tree.findtext("sm:url/news:news/news:publication/news:language", namespaces=NS) == "id"
    assert tree.findall("sm:url", NS)[1].findtext("news:news/news:title", namespaces=NS) == HOSTILE
    assert (
        tree.findtext("sm:url/news:news/news:publication_date", namespaces=NS) == "2024-02-10T11:55:00+07:00"
    )


def test_news_sitemap_caps_at_one_thousand():
    now = datetime(2024, 2, 10, 12, 0, tzinfo=WIB)
    entries = [sitemap.NewsEntry(f"{BASE}/{n}/", "t", now - timedelta(seconds=n)) for n in range(1_200)]
    assert len(sitemap.recent_news(entries, now)) == 1_000


def test_empty_news_sitemap_lacks_only_the_url_the_xsd_insists_on():
    """sitemaps.org's XSD wants at least one <url>; an empty urlset is what crawlers accept."""
    document = sitemap.news_document([], "PPK Concong", "id")
    tree = etree.fromstring(document)
    assert tree.tag == f"{{{sitemap.SITEMAP_NS}}}urlset" and len(tree) == 0
    errors = news_sitemap_errors(document)
    assert len(errors) == 1 and "Missing child element" in errors[0] and "url" in errors[0]


def test_robots_txt_names_the_sitemaps():
    text = sitemap.robots_txt([f"{BASE}/sitemap.xml", f"{BASE}/sitemap-berita.xml"])
    assert text == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\nSitemap: {BASE}/sitemap-berita.xml\n"
    )
    assert "Disallow: /draf/" in sitemap.robots_txt([], ["/draf/"])
