"""The checks on content Pelican read: header lines, dates, links, addresses, personal data.

Each site is read by Pelican itself (`content_checks.adapter.run_check`, what `invoke check`
runs) with only the content_checks plugin, so these stay fast."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from content_checks.adapter import run_check
from content_checks.config import simple_slugify
from content_checks.core import errors_of
from content_checks.dates import DateProblem, parse_date
from content_checks.schedule import split_scheduled
from content_checks.source import decode_bytes, read_source
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2024, 2, 10, 12, tzinfo=WIB)


def check(content: Path, **overrides) -> list:
    settings = {
        "PATH": str(content),
        "PORTAL_NOW": NOW.isoformat(),
        "PLUGINS": ["content_checks"],
        "ARCHIVES_SAVE_AS": "indeks/index.html",
        **overrides,
    }
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=settings)
    if "PORTAL_COMMITTEE" not in overrides:  # the demo committee, with a plain phone number
        settings["PORTAL_COMMITTEE"] = {**settings["PORTAL_COMMITTEE"], "phone": "0812-0000-0000"}
    return run_check(settings)


def write(content: Path, relative: str, text: str) -> None:
    path = content / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def post(title="Rapat Pleno", date="2023-06-20 10:00", extra="", body="Isi berita.") -> str:
    return f"Title: {title}\nDate: {date}\nCategory: Berita\n{extra}\n{body}\n"


def findings_for(tmp_path: Path, files: dict[str, str], **overrides) -> list[str]:
    content = _site(tmp_path, files)
    return [f.format() for f in check(content, **overrides)]


def test_header_lines_follow_markdown_meta_rules(tmp_path):
    text = "Title: Judul\nSummary: baris satu\n    baris dua\nTags: a\n\nBody: bukan metadata\n"
    source = read_source(tmp_path / "x.md", "x.md", text)
    assert source.value("title") == "Judul"
    assert source.line_of("tags") == 4
    assert "body" not in source.keys
    assert source.body_start == 6


def test_header_ends_at_first_non_metadata_line(tmp_path):
    source = read_source(tmp_path / "x.md", "x.md", "Judul berita\nDate: 2023-01-01\n\nIsi")
    assert source.keys == {}
    assert source.body_start == 1


def test_decode_names_line_of_bad_byte():
    text, problems = decode_bytes(b"Title: a\n\nbaris \xff\n", "x.md")
    assert text is None and problems[0].line == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-02-11 09:30", datetime(2023, 2, 11, 9, 30, tzinfo=WIB)),
        ("2023-02-11", datetime(2023, 2, 11, tzinfo=WIB)),
        ("2023-02-11T09:30:15+07:00", datetime(2023, 2, 11, 9, 30, 15, tzinfo=WIB)),
        ("2023-2-1 9.05", datetime(2023, 2, 1, 9, 5, tzinfo=WIB)),
    ],
)
def test_dates_accepted(value, expected):
    assert parse_date(value, "Asia/Jakarta") == expected


@pytest.mark.parametrize(
    ("value", "words"),
    [("2023-02-29", "tidak ada di kalender"), ("11/02/2023", "ambigu"), ("besok", "tidak bisa dibaca")],
)
def test_dates_refused(value, words):
    with pytest.raises(DateProblem, match=words):
        parse_date(value, "Asia/Jakarta")


def test_clean_site_has_no_findings(tmp_path):
    assert (
        findings_for(tmp_path, {"posts/a.md": post(), "pages/tentang.md": "Title: Tentang\n\nIsi.\n"}) == []
    )


def test_date_from_file_name_counts(tmp_path):
    text = post().replace("Date: 2023-06-20 10:00\n", "")
    assert findings_for(tmp_path, {"posts/2023-06-20-rapat.md": text}) == []


def test_pages_need_no_date(tmp_path):
    assert findings_for(tmp_path, {"pages/kontak.md": "Title: Kontak\n\nIsi.\n"}) == []


def test_folder_becomes_category_when_missing(tmp_path):
    text = post().replace("Category: Berita\n", "")
    found = findings_for(tmp_path, {"posts/2023/a.md": text}, USE_FOLDER_AS_CATEGORY=True)
    assert any("nama folder '2023'" in f for f in found)


def test_unknown_key_suggests_known_one(tmp_path):
    found = findings_for(tmp_path, {"posts/a.md": post(extra="Imgae_alt: foto\n")})
    assert found == [
        "content/posts/a.md:4: warning: kunci metadata 'imgae_alt' tidak dikenal (unknown metadata key)\n"
        "    saran: maksud Anda 'Image_alt'?"
    ]


def test_collision_between_two_posts_names_second(tmp_path):
    found = findings_for(tmp_path, {"posts/a.md": post(), "posts/b.md": post()})
    assert len(found) == 1
    assert found[0].startswith("content/posts/b.md:1: error: alamat 'rapat-pleno' sudah dipakai")
    assert "content/posts/a.md" in found[0]


def test_explicit_slug_avoids_collision(tmp_path):
    assert (
        findings_for(tmp_path, {"posts/a.md": post(), "posts/b.md": post(extra="Slug: rapat-pleno-2\n")})
        == []
    )


def test_committee_phone_is_allowed_other_phones_are_not(tmp_path):
    body = "Kantor: 0812-0000-0000. Ketua: +62 813 7788 9900."
    found = findings_for(tmp_path, {"posts/a.md": post(body=body)})
    assert len(found) == 1 and "+62 813 7788 9900" in found[0]


def test_nik_ok_opts_out_of_nik_guard_only(tmp_path):
    body = "Nomor register 1404180101010001, kontak 0813 7788 9900."
    found = findings_for(tmp_path, {"posts/a.md": post(extra="Nik_ok: ya\n", body=body)})
    assert len(found) == 1 and "nomor telepon" in found[0]


def test_links_resolve_relative_to_post_and_content_root(tmp_path):
    body = (
        "[a]({filename}b.md) [b]({filename}/posts/b.md) [c](https://kpu.go.id) [d](#atas) "
        "[e](mailto:ppk@example.id) [f]({category}Berita) [g](/berita/2023/06/rapat-pleno/) [h](/tahapan/)"
    )
    files = {"posts/a.md": post(title="Lain", body=body), "posts/b.md": post()}
    assert findings_for(tmp_path, files) == []


def test_code_blocks_are_not_checked(tmp_path):
    body = "```\n![](gambar.jpg)\n```"
    assert findings_for(tmp_path, {"posts/a.md": post(body=body)}) == []


def test_bad_links(tmp_path):
    body = "[a](www.kpu.go.id)\n[b]({categori}Berita)\n[c]({category}Gosip)\n[d]()"
    found = errors_of(check(_site(tmp_path, {"posts/a.md": post(body=body)})))
    assert [f.line for f in found] == [5, 6, 7, 8]


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    for relative, text in files.items():
        write(content, relative, text)
    content.mkdir(exist_ok=True)
    return content


def test_split_scheduled_keeps_order():
    items = [SimpleNamespace(date=datetime(2024, 2, day, tzinfo=WIB)) for day in (20, 9, 10, 11)]
    published, scheduled = split_scheduled(items, NOW)
    assert [a.date.day for a in published] == [9, 10]
    assert [a.date.day for a in scheduled] == [20, 11]


def test_simple_slugify_matches_pelican():
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    for title in ("Rapat Pleno: DPT & DPTb (Tahap 2)", "Bimtek PPS se-Kecamatan Concong", "Ça va – Jum'at"):
        assert simple_slugify(title) == slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def test_static_link_outside_static_paths(tmp_path):
    body = "[SK]({static}/berkas/sk.pdf) [foto]({static}/images/a.jpg)"
    content = _site(tmp_path, {"posts/a.md": post(body=body)})
    (content / "berkas").mkdir()
    (content / "berkas" / "sk.pdf").write_bytes(b"%PDF")
    (content / "images").mkdir()
    (content / "images" / "a.jpg").write_bytes(b"x")
    found = [f.format() for f in check(content)]
    assert len(found) == 1 and "STATIC_PATHS" in found[0] and ":5: error:" in found[0]


def test_link_to_scheduled_post_warns(tmp_path):
    files = {
        "posts/a.md": post(title="Lain", body="Lihat [jadwal]({filename}b.md)."),
        "posts/b.md": post(date="2024-02-20 07:00"),
    }
    found = findings_for(tmp_path, files)
    assert len(found) == 1 and ":5: warning: tautan ke berita terjadwal" in found[0]


def test_check_post_checks_one_post_pelican_read(tmp_path):
    """The preview's entry point: one Article from Pelican's reader, its findings with file:line."""
    from content_checks.adapter import build_config
    from content_checks.core import check_post, site_of
    from pelican.contents import Article
    from pelican.readers import Readers

    body = "Hubungi 0813 7788 9900.\n\n[jadwal]({filename}tidak-ada.md)"
    content = _site(tmp_path, {"posts/a.md": post(title="Rapat Pleno", extra="Pinned: mungkin\n", body=body)})
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "PORTAL_NOW": NOW.isoformat(), "PLUGINS": ["content_checks"]},
    )
    article = Readers(settings).read_file(str(content), "posts/a.md", Article, context={**settings})
    config = build_config(settings)
    alone = [f.format().splitlines()[0] for f in check_post(article, config)]
    assert alone == [
        "content/posts/a.md:4: error: nilai Pinned 'mungkin' tidak dikenal",
        "content/posts/a.md:6: error: nomor telepon/HP '0813 7788 9900' tidak boleh diterbitkan "
        "(personal data, UU PDP)",
    ]
    with_links = [f.format() for f in check_post(article, config, site_of([article], config))]
    missing = "content/posts/a.md:8: error: tautan ke tulisan yang tidak ada"
    assert any(line.startswith(missing) for line in with_links), with_links
