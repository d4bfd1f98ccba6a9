"""Pure core of issue 16: share cards, git history parsing, summaries as text, new JSON-LD."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from feeds.core import gitdates, jsonld, sharecard
from feeds.core.feedbuild import atom_document, json_feed_document, newest_date, rss_document
from feeds.core.htmlclean import header_value
from feeds.core.model import Channel, FeedItem
from PIL import Image, ImageFont

from tests.feeds.feedcheck import assert_valid_atom, assert_valid_json_feed, parse_feed

WIB = timezone(timedelta(hours=7))
LONG_TITLE = (
    "Pemberitahuan Penyelenggaraan Rapat Pleno Terbuka Rekapitulasi Hasil Penghitungan Perolehan "
    "Suara Pemilihan Umum Presiden dan Wakil Presiden serta Anggota Dewan Perwakilan Rakyat Daerah "
    "Kabupaten Indragiri Hilir Tingkat Kecamatan Concong Tahun 2024 di Aula Kantor Camat Concong"
)


def card_text(title: str) -> sharecard.CardText:
    return sharecard.CardText(
        title, "Pengumuman", "Rabu, 14 Februari 2024", "Panitia Pemilihan Kecamatan Concong", "example.id"
    )


# --- share card ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Coklit Dimulai",
        LONG_TITLE,
        "Pemutakhirandatapemilihberkelanjutansemesterpertamatahunduaributigapuluhempat" * 2,
        "Rapat \"Pleno\" & Rekap </script><b>tebal</b> 'selesai'",
    ],
)
def test_card_is_a_1200x630_jpeg_within_whatsapp_limits_and_deterministic(title):
    first = sharecard.share_card_jpeg(card_text(title))
    assert first == sharecard.share_card_jpeg(card_text(title))  # same input, same bytes
    image = Image.open(io.BytesIO(first))
    assert image.format == "JPEG" and image.size == (1200, 630)
    assert abs(image.width / image.height - 1.91) < 0.01  # WhatsApp/Open Graph: 1.91:1
    assert image.width >= 300  # WhatsApp: at least 300 px wide
    assert len(first) <= 300 * 1024  # the strictest commonly cited WhatsApp limit (docs/feeds.md)


def test_long_titles_wrap_inside_the_card_and_end_with_an_ellipsis():
    fonts = sharecard.CardFonts()
    width, height = 1200 - 2 * sharecard.MARGIN, sharecard.TITLE_BOTTOM - sharecard.TITLE_TOP
    font, lines = sharecard.fit_title(LONG_TITLE * 2, fonts, width, height)
    assert font.size == min(sharecard.TITLE_SIZES)
    assert all(font.getlength(line) <= width for line in lines)
    assert len(lines) * sharecard.line_height(font) <= height
    assert lines[-1].endswith("…") and not lines[-1].endswith(" …")
    short_font, short = sharecard.fit_title("Coklit Dimulai", fonts, width, height)
    assert short == ["Coklit Dimulai"] and short_font.size == max(sharecard.TITLE_SIZES)


def test_a_word_wider_than_a_line_is_split():
    font = ImageFont.truetype(str(sharecard.FONT_BOLD), 60)
    lines = sharecard.wrap("a " + "x" * 200 + " b", font, 500)
    assert "".join(lines).replace(" ", "") == "a" + "x" * 200 + "b"
    assert all(font.getlength(line) <= 500 for line in lines)


def test_the_title_text_is_drawn_not_blank():
    image = Image.open(io.BytesIO(sharecard.share_card_jpeg(card_text("Coklit Dimulai")))).convert("L")
    title_box = image.crop((sharecard.MARGIN, sharecard.TITLE_TOP, 700, sharecard.TITLE_TOP + 80))
    assert title_box.getextrema()[0] < 80  # dark ink on the light paper


# --- git history -------------------------------------------------------------------------------


def test_parse_log_keeps_the_newest_commit_of_each_file():
    output = (
        "\x1e2023-03-01T10:00:00+07:00\0\nposts/a.md\0"
        "\x1e2023-01-01T10:00:00+07:00\0\nposts/a.md\0posts/b c.md\0"
    )
    assert gitdates.parse_log(output) == {
        "posts/a.md": datetime(2023, 3, 1, 10, tzinfo=WIB),
        "posts/b c.md": datetime(2023, 1, 1, 10, tzinfo=WIB),
    }
    assert gitdates.parse_log("") == {}


def test_parse_log_reads_real_git_output(tmp_path):
    def git(*args: str, when: str = "") -> None:
        env = {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when} if when else {}
        subprocess.run(
            ["git", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **env},
        )

    (tmp_path / "content/posts").mkdir(parents=True)
    git("init", "-q")
    git("config", "user.email", "t@example.id")
    git("config", "user.name", "T")
    (tmp_path / "content/posts/a.md").write_text("a\n")
    (tmp_path / "content/posts/ä b.md").write_text("b\n")
    git("add", ".")
    git("commit", "-qm", "one", when="2023-01-01T10:00:00+07:00")
    (tmp_path / "content/posts/a.md").write_text("a2\n")
    (tmp_path / "elsewhere.txt").write_text("x\n")
    git("add", ".")
    git("commit", "-qm", "two", when="2023-03-01T10:00:00+07:00")
    done = subprocess.run(
        ["git", *gitdates.LOG_ARGUMENTS], cwd=tmp_path / "content", capture_output=True, text=True, check=True
    )
    history = gitdates.parse_log(done.stdout)
    assert history == {
        "posts/a.md": datetime(2023, 3, 1, 10, tzinfo=WIB),
        "posts/ä b.md": datetime(2023, 1, 1, 10, tzinfo=WIB),
    }


def test_modified_date_rules():
    published = datetime(2023, 2, 1, 9, tzinfo=WIB)
    now = datetime(2024, 1, 1, tzinfo=WIB)
    history = {"a.md": datetime(2023, 2, 5, tzinfo=WIB), "early.md": datetime(2023, 1, 1, tzinfo=WIB)}
    history["late.md"] = datetime(2025, 1, 1, tzinfo=WIB)
    assert gitdates.modified_date("a.md", published, None, history, now) == history["a.md"]
    assert gitdates.modified_date("a.md", published, published, history, now) is None  # Modified: wins
    assert gitdates.modified_date("early.md", published, None, history, now) is None  # before publishing
    assert gitdates.modified_date("late.md", published, None, history, now) is None  # after "now"
    assert gitdates.modified_date("new.md", published, None, history, now) is None  # never committed
    assert gitdates.modified_date("a.md", None, None, history, now) == history["a.md"]  # a page


# --- summaries are text -------------------------------------------------------------------------


def test_header_value_is_the_text_as_typed():
    source = "Title: A\nSummary: <b>x</b> & <script>\n  lanjut\nTags: a\n\nSummary: body\n"
    assert header_value(source, "summary") == "<b>x</b> & <script> lanjut"
    assert header_value(source, "modified") is None
    assert header_value("Title: A\n\nSummary: in the body\n", "summary") is None


def _item(**changes) -> FeedItem:
    values = dict(
        guid="tag:example.id,2023-02-11:post/a",
        title='Judul <i>miring</i> & "kutip"',
        url="https://example.id/berita/a/",
        summary_html="&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;",
        content_html="<p>Isi</p>",
        published=datetime(2023, 2, 11, 9, tzinfo=WIB),
        updated=datetime(2023, 2, 12, 9, tzinfo=WIB),
        author="Nama & <Kawan>",
        author_url="https://example.id/penulis/nama/",
    )
    values.update(changes)
    return FeedItem(**values)


CHANNEL = Channel(
    "Situs",
    "Deskripsi",
    "https://example.id/",
    "https://example.id/feed/x.xml",
    logo_url="https://example.id/feed/logo-144.png",
    logo_width=144,
    logo_height=144,
    empty_updated=datetime(2023, 11, 20, 23, 59, 59, tzinfo=WIB),
)


def test_plain_text_fields_stay_text_in_every_format():
    item = _item()
    for render in (rss_document, atom_document):
        entry = parse_feed(render(CHANNEL, [item])).entries[0]
        assert entry.title == item.title
        assert entry.author == "Nama & <Kawan>"
        assert "<b>" not in entry.summary and "<script>" not in entry.summary
        assert "&lt;b&gt;x&lt;/b&gt;" in entry.summary  # shown to readers as the characters
    assert_valid_atom(atom_document(CHANNEL, [item]))
    data = assert_valid_json_feed(json_feed_document(CHANNEL, [item]))
    assert data["items"][0]["summary"] == "<b>x</b> & <script>"
    assert data["items"][0]["authors"] == [{"name": "Nama & <Kawan>", "url": item.author_url}]
    atom = parse_feed(atom_document(CHANNEL, [item]))
    assert atom.entries[0].author_detail.href == item.author_url


def test_rss_image_has_the_logo_size_and_empty_feeds_a_real_date():
    rss = rss_document(CHANNEL, [])
    assert b"<width>144</width>" in rss and b"<height>144</height>" in rss
    assert b"2000-01-01" not in rss and b"Mon, 20 Nov 2023 23:59:59 +0700" in rss
    assert b"2023-11-20T23:59:59+07:00" in atom_document(CHANNEL, [])
    with pytest.raises(ValueError):
        newest_date([])


# --- JSON-LD -------------------------------------------------------------------------------------

ORG = jsonld.organization("Panitia", "https://example.id/", "https://example.id/feed/logo.png")


def test_website_has_a_search_action():
    site = jsonld.home_graph(ORG, "PPK", "https://example.id/")["@graph"][1]
    action = site["potentialAction"]
    assert site["@type"] == "WebSite" and action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "https://example.id/cari/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_event_and_person():
    event = jsonld.event(
        name="Coklit",
        url="https://example.id/tahapan/coklit/",
        start=datetime(2023, 2, 12, tzinfo=WIB),
        end=datetime(2023, 3, 14, 23, 59, 59, tzinfo=WIB),
        location=jsonld.place("Concong", "Indragiri Hilir", "Riau"),
        organizer={"@type": "GovernmentOrganization", "name": "Panitia"},
    )
    assert (event["startDate"], event["endDate"]) == (
        "2023-02-12T00:00:00+07:00",
        "2023-03-14T23:59:59+07:00",
    )
    assert event["location"]["address"]["addressCountry"] == "ID"
    person = jsonld.person_page("Rizky", "https://example.id/penulis/rizky/", ORG, ["Tim Media"])
    assert person["@type"] == "Person" and person["worksFor"] == {"@id": ORG["@id"]}
    team = jsonld.person_page("Tim Media", "https://example.id/penulis/tim/", ORG, ["Tim Media"])
    assert team["@type"] == "Organization"
    json.dumps([event, person])  # serialisable


# --- page titles and descriptions -------------------------------------------------------------


def test_page_title_drops_the_site_suffix_and_keeps_text():
    from feeds.pagemeta import page_title, shorten

    assert page_title("Rubrik Berita · PPK Concong", "PPK Concong") == "Rubrik Berita"
    assert page_title("Cari — PPK Concong", "PPK Concong") == "Cari"
    assert page_title("PPK Concong · Panitia", "PPK Concong") == "PPK Concong · Panitia"
    hostile = "Rapat &#34;Pleno&#34; &amp; &lt;/script&gt; · PPK Concong"  # as the title block renders it
    assert page_title(hostile, "PPK Concong") == 'Rapat "Pleno" & </script>'
    assert shorten("kata " * 50, 40).endswith("…") and len(shorten("kata " * 50, 40)) <= 40
    assert shorten("pendek") == "pendek"
