"""JSON-LD builders and the <script>-safe serialisation."""

import json
from datetime import datetime

from feeds.core import jsonld
from feeds.core.guid import check_guid_override, tag_uri
from feeds.core.model import FeedImage
from feeds.core.urls import absolute, is_absolute_base

from tests.feeds.itemfactory import BASE, HOSTILE, WIB


def test_script_json_cannot_close_the_script_element_and_round_trips():
    data = {"headline": HOSTILE}
    text = jsonld.script_json(data)
    assert "</script" not in text.lower() and "<" not in text and "&" not in text
    assert json.loads(text) == data


def test_news_article_has_the_required_properties():
    org = jsonld.organization("PPK", f"{BASE}/", f"{BASE}/logo.png")
    published = datetime(2023, 2, 11, 9, 30, tzinfo=WIB)
    article = jsonld.news_article(
        headline="Bimtek",
        url=f"{BASE}/berita/x/",
        published=published,
        modified=published,
        author=jsonld.person_or_team("Rina", ["Tim Media"]),
        publisher=org,
        image=FeedImage(f"{BASE}/a.jpg", "image/jpeg", 10, 1200, 675, "Foto"),
    )
    assert article["@type"] == "NewsArticle"
    assert article["datePublished"] == "2023-02-11T09:30:00+07:00"
    assert article["author"] == [{"@type": "Person", "name": "Rina"}]
    assert article["publisher"]["logo"]["url"] == f"{BASE}/logo.png"
    assert article["image"][0]["width"] == 1200
    assert jsonld.person_or_team("Tim Media", ["Tim Media"])["@type"] == "Organization"


def test_breadcrumbs_and_home_graph():
    crumbs = jsonld.breadcrumb_list([("Beranda", f"{BASE}/"), ("Berita", f"{BASE}/rubrik/berita/")])
    assert [i["position"] for i in crumbs["itemListElement"]] == [1, 2]
    org = jsonld.organization("PPK", f"{BASE}/", f"{BASE}/logo.png", "a@b.id", "Jl. X")
    graph = jsonld.home_graph(org, "PPK Concong", f"{BASE}/")["@graph"]
    assert graph[0]["address"]["addressCountry"] == "ID"
    assert graph[1]["publisher"] == {"@id": org["@id"]}


def test_tag_uri_depends_only_on_host_first_date_and_slug():
    first = datetime(2023, 2, 11, 9, 30, tzinfo=WIB)
    assert tag_uri("PPK.example.id", first, "bimtek-pps") == "tag:ppk.example.id,2023-02-11:post/bimtek-pps"
    later_same_day = first.replace(hour=23)
    assert tag_uri("ppk.example.id", later_same_day, "bimtek-pps") == tag_uri(
        "ppk.example.id", first, "bimtek-pps"
    )
    assert tag_uri("ppk.example.id", first, "a b") == "tag:ppk.example.id,2023-02-11:post/a-b"


def test_guid_override_rules():
    assert check_guid_override("  https://lama.example/?p=12 ") == "https://lama.example/?p=12"
    assert check_guid_override("dua kata") is None
    assert check_guid_override("pendek") is None


def test_absolute_urls():
    assert absolute(BASE, "berita/x/index.html") == f"{BASE}/berita/x/"
    assert absolute(BASE, "index.html") == f"{BASE}/"
    assert absolute(f"{BASE}/sub/", "/feed/rss.xml") == f"{BASE}/sub/feed/rss.xml"
    assert absolute(BASE, "https://lain.example/a") == "https://lain.example/a"
    assert (
        is_absolute_base("http://localhost:8000") and not is_absolute_base("") and not is_absolute_base("/x")
    )


def test_raster_logo_is_a_reproducible_png_of_the_asked_size():
    import io

    from feeds.core.logo import logo_png
    from PIL import Image

    for size in (144, 512):
        data = logo_png(size)
        assert data == logo_png(size)
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "PNG" and picture.size == (size, size)
            assert picture.getpixel((size // 2, int(size * 0.75)))[:3] == (138, 28, 28)  # the box
