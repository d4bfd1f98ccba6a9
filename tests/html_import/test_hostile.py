"""Saved pages are untrusted input: whatever a page holds, the imported post renders no executable
markup, copies no file from outside the page's own folder, and a huge or deeply nested page ends
in bounded time with a draft or a clear Indonesian error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from html_import.cli import run_import
from html_import.core import write_post
from lxml import etree
from lxml import html as lxml_html
from PIL import Image
from smallsite import write_small_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"
UNSAFE_TAGS = {"script", "iframe", "object", "embed", "form", "svg", "math", "base", "meta", "link", "frame"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"}


def _head(title: str, day: str) -> str:
    return (
        f"<html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{day}T09:00:00+07:00"></head><body>'
    )


ESCAPED_TEXT = (
    _head("Uji Teks Lolos", "2023-03-01")
    + """
<article><h1>Uji Teks Lolos</h1>
<p>Contoh kode dari wartawan: &lt;script&gt;alert(1)&lt;/script&gt; dan
&lt;img src=x onerror=alert(2)&gt; harus tetap teks biasa di berita.</p>
<p>Entitas &amp;lt;b&amp;gt; tampil apa adanya, [klik](javascript:alert(3)) juga,
&lt;https://contoh.id&gt; dan &lt;!--&gt;&lt;img src=x onerror=alert(4)&gt; pun.</p>
<h2>Jadwal {: onclick="alert(5)" }</h2>
<p>Paragraf {: onmouseover="alert(6)" }</p>
<blockquote><p>&lt;iframe src=javascript:alert(7)&gt;&lt;/iframe&gt; kata narasumber.</p>
<p>&gt; &lt;script&gt;alert(8)&lt;/script&gt;</p></blockquote>
<ul><li>&lt;script&gt;alert(9)&lt;/script&gt;</li><li># bukan judul</li></ul>
<table><tr><th>Desa</th><th>TPS</th></tr>
<tr><td>&lt;img src=x onerror=alert(10)&gt;</td><td>12 | 13</td></tr></table>
<p><b>&lt;svg onload=alert(11)&gt;</b> <i>&lt;/p&gt;&lt;script&gt;alert(12)&lt;/script&gt;</i></p>
</article></body></html>
"""
)

LINKS = (
    _head("Uji Tautan Aneh", "2023-03-02")
    + """
<!-- saved from url=(0022)javascript:alert(19)// -->
<article><h1>Uji Tautan Aneh</h1>
<p>Lihat <a href="https://contoh.id/a)b c&lt;d&gt;e&quot;f'g">tautan aneh</a> di laman itu.</p>
<p>Lalu <a href="https://contoh.id/x)<img src=x onerror=alert(13)>">tautan jebakan</a> juga.</p>
<p>Dan <a href='https://contoh.id/y" onmouseover="alert(14)'>tautan kutip</a> pula.</p>
<p>Tautan <a href="javascript:alert(15)">satu</a>, <a href=" JaVa&#x09;ScRiPt:alert(16)">dua</a>,
<a href="vbscript:msgbox(17)">tiga</a> dan
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxOCk8L3NjcmlwdD4=">empat</a> dibuang.</p>
</article></body></html>
"""
)

EMBEDS = (
    _head("Uji Sematan", "2023-03-03")
    + """
<article><h1>Uji Sematan</h1>
<p>Paragraf pembuka berita sematan yang cukup panjang agar terbaca sebagai isi berita utama.</p>
<iframe src="https://www.youtube.com/embed/abc123" width="560">&lt;script&gt;alert(20)&lt;/script&gt;</iframe>
<object data="https://contoh.id/film.swf"><p>&lt;img src=x onerror=alert(21)&gt;</p></object>
<embed src="https://contoh.id/peta.swf">
<form action="https://contoh.id/kirim"><p>Isi NIK</p><input name="nik"><button>Kirim</button></form>
<blockquote class="twitter-tweet"><p>Cuitan &lt;script&gt;alert(22)&lt;/script&gt;</p>
<a href="https://twitter.com/kpu/status/123">11 Februari 2023</a></blockquote>
<script>alert(23)</script>
<noscript><img src="x" onerror="alert(24)"></noscript>
<svg><script>alert(25)</script></svg>
<p>Paragraf penutup berita sematan.</p>
</article></body></html>
"""
)

IMAGES = (
    _head("Uji Gambar Luar", "2023-03-04")
    + """
<article><h1>Uji Gambar Luar</h1>
<p>Berita dengan foto dari tempat yang tidak semestinya, yang tidak boleh ikut tersalin.</p>
<figure><img src="gambar-luar_files/sah.jpg" alt="Foto sah rapat pleno"></figure>
<figure><img src="../rahasia/kunci.jpg" alt="Jalur mundur"></figure>
<figure><img src="..%2Frahasia%2Fkunci.jpg" alt="Jalur mundur tersandi"></figure>
<figure><img src="{absolute}" alt="Jalur mutlak"></figure>
<figure><img src="file://{absolute}" alt="Alamat berkas"></figure>
<figure><img src="gambar-luar_files/tautan.jpg" alt="Tautan simbolik ke luar"></figure>
<p>Paragraf penutup.</p>
</article></body></html>
"""
)


def unsafe_markup(page_html: str) -> list[str]:
    """Executable markup in the story part (`.post-body`) of a built page, as the browser parses it."""
    root = lxml_html.document_fromstring(page_html)
    found = []
    for body in root.find_class("post-body"):
        for element in body.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in UNSAFE_TAGS:
                found.append(f"<{element.tag}>")
            for name, value in element.attrib.items():
                squeezed = "".join(value.split()).lower()
                if name.lower().startswith("on") or name.lower() == "srcdoc":
                    found.append(f"{name}= on <{element.tag}>")
                elif name.lower() in URL_ATTRIBUTES and squeezed.startswith(
                    ("javascript:", "vbscript:", "data:")
                ):
                    found.append(f"{name}={value} on <{element.tag}>")
    return found


def post_body_text(page_html: str) -> str:
    root = lxml_html.document_fromstring(page_html)
    return " ".join(" ".join(b.text_content().split()) for b in root.find_class("post-body"))


def saved_folder(folder: Path) -> Path:
    saved = folder / "saved"
    (saved / "gambar-luar_files").mkdir(parents=True)
    secret = folder / "rahasia"
    secret.mkdir()
    for index, path in enumerate(
        [
            saved / "gambar-luar_files" / "sah.jpg",
            secret / "kunci.jpg",
            secret / "tautan-asli.jpg",
            folder / "luar.jpg",
        ]
    ):
        Image.new("RGB", (64, 48), (40 * index, 90, 90)).save(path, "JPEG")
    (saved / "gambar-luar_files" / "tautan.jpg").symlink_to(secret / "tautan-asli.jpg")
    pages = {
        "teks-lolos": ESCAPED_TEXT,
        "tautan": LINKS,
        "sematan": EMBEDS,
        "gambar-luar": IMAGES.replace("{absolute}", str(folder / "luar.jpg")),
    }
    for name, text in pages.items():
        (saved / f"{name}.html").write_text(text, encoding="utf-8")
    return saved


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, build_site):
    """The hostile pages imported for publication, and the site built from them."""
    folder = tmp_path_factory.mktemp("hostile")
    content = write_small_site(folder, {}, with_data=True)
    saved = saved_folder(folder)
    posts = {}
    for page in sorted(saved.glob("*.html")):
        target, post = write_post(page, content, "Berita", draft=False)
        posts[page.stem] = (target.read_text(encoding="utf-8"), post)
    build = build_site(folder / "output", content=content, overrides={"PORTAL_NOW": NOW})
    return folder, content, posts, build


def _page(build, slug: str, month: str = "03") -> str:
    return build.page(f"berita/2023/{month}/{slug}/")


def test_hostile_imports_build(hostile):
    build = hostile[3]
    assert build.ok, build.messages


def test_escaped_text_stays_text(hostile):
    build = hostile[3]
    page = _page(build, "uji-teks-lolos")
    assert unsafe_markup(page) == []
    text = post_body_text(page)
    for shown in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "&lt;b&gt;",
        "[klik](javascript:alert(3))",
        "<https://contoh.id>",
        '{: onclick="alert(5)" }',
        '{: onmouseover="alert(6)" }',
        "<iframe src=javascript:alert(7)></iframe> kata narasumber.",
        "> <script>alert(8)</script>",
        "# bukan judul",
        "12 | 13",
        "<svg onload=alert(11)>",
        "</p><script>alert(12)</script>",
    ):
        assert shown in text, shown
    root = lxml_html.document_fromstring(page)
    assert [h.text_content().strip() for h in root.find_class("post-body")[0].iter("h2")] == [
        'Jadwal {: onclick="alert(5)" }'
    ]
    assert len(root.find_class("post-body")[0].findall(".//blockquote")) == 1


def test_link_targets_are_encoded_and_unsafe_links_dropped(hostile):
    page = _page(hostile[3], "uji-tautan-aneh")
    assert unsafe_markup(page) == []
    body = lxml_html.document_fromstring(page).find_class("post-body")[0]
    links = {a.text_content(): a.get("href") for a in body.iter("a")}
    assert links == {
        "tautan aneh": "https://contoh.id/a%29b%20c%3Cd%3Ee%22f%27g",
        "tautan jebakan": "https://contoh.id/x%29%3Cimg%20src=x%20onerror=alert%2813%29%3E",
        "tautan kutip": "https://contoh.id/y%22%20onmouseover=%22alert%2814%29",
    }
    text = post_body_text(page)
    assert "Tautan satu, dua, tiga dan empat dibuang." in text
    markdown, post = hostile[2]["tautan"]
    assert post.source_url == "" and "Source_url" not in markdown  # only a web address is kept


def test_feeds_of_hostile_imports_carry_no_executable_markup(hostile):
    build = hostile[3]
    feed = json.loads((build.output / "feed" / "feed.json").read_text(encoding="utf-8"))
    assert len(feed["items"]) == 4
    for item in feed["items"]:
        assert unsafe_markup(f'<div class="post-body">{item.get("content_html", "")}</div>') == [], item["id"]
    for path in (build.output / "feed").rglob("*.xml"):
        for element in etree.parse(str(path)).iter():
            if isinstance(element.tag, str) and etree.QName(element).localname in ("encoded", "content"):
                assert unsafe_markup(f'<div class="post-body">{element.text or ""}</div>') == [], path


def test_embeds_are_dropped_and_listed(hostile):
    markdown, post = hostile[2]["sematan"]
    assert "Paragraf pembuka berita sematan" in markdown and "Paragraf penutup berita sematan." in markdown
    for number in range(20, 26):
        assert f"alert({number})" not in markdown
    assert "Isi NIK" not in markdown
    notes = " ".join(post.notes)
    for words in (
        "iframe",
        "https://www.youtube.com/embed/abc123",
        "object",
        "embed",
        "formulir",
        "https://twitter.com/kpu/status/123",
        "skrip",
        "svg",
    ):
        assert words in notes, words
    assert unsafe_markup(_page(hostile[3], "uji-sematan")) == []


def test_cli_prints_the_dropped_content(hostile, tmp_path, capsys):
    folder = hostile[0]
    content = write_small_site(tmp_path, {}, with_data=True)
    assert run_import(folder / "saved" / "sematan.html", content) == 0
    printed = capsys.readouterr().out
    dropped = [line for line in printed.splitlines() if "dibuang" in line]
    assert dropped, printed
    assert "iframe" in printed and "formulir" in printed and "twitter.com/kpu/status/123" in printed


def test_images_outside_the_page_folder_are_not_copied(hostile):
    folder, content, posts, build = hostile
    markdown, post = posts["gambar-luar"]
    assert [image.alt for image in post.images] == ["Foto sah rapat pleno"]
    copied = sorted(p.name for p in (content / "images" / "impor").rglob("*") if p.is_file())
    assert copied == ["uji-gambar-luar-1.jpg"]
    secret = (folder / "rahasia" / "kunci.jpg").read_bytes()
    for path in content.rglob("*.jpg"):
        assert path.read_bytes() != secret and not path.is_symlink()
    skipped = [note for note in post.notes if "di luar folder halaman" in note]
    assert len(skipped) == 4, post.notes
    assert markdown.count("<img") == 0  # the one copied photo became the lead image


# --- size and shape limits -----------------------------------------------------------------


def _import_cli(page: Path, content: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "html_import", str(page), "--content", str(content)],
        cwd=ROOT / "plugins",
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
    )
    return done, time.monotonic() - started


def _story(title: str) -> str:
    return _head(title, "2023-03-05") + f"<article><h1>{title}</h1>"


def test_deeply_nested_page_gives_a_clear_error(tmp_path):
    content = write_small_site(tmp_path, {}, with_data=True)
    page = tmp_path / "bersarang.html"
    depth = 50_000
    page.write_text(
        _story("Berita Bersarang")
        + "<div>" * depth
        + "<p>Isi berita yang terkubur sangat dalam di halaman.</p>"
        + "</div>" * depth
        + "</article></body></html>"
    )
    done, seconds = _import_cli(page, content)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
    assert "error: 'bersarang.html': struktur halaman terlalu dalam" in done.stderr
    assert seconds < 60
    assert not list((content / "posts").rglob("*.md"))


def test_nesting_just_under_the_limit_still_imports(tmp_path):
    content = write_small_site(tmp_path, {}, with_data=True)
    page = tmp_path / "agak-bersarang.html"
    page.write_text(
        _story("Berita Agak Bersarang")
        + "<div>" * 240
        + "<p>Isi berita &lt;script&gt; di dalam banyak lapisan.</p>"
        + "</div>" * 240
        + "</article></body></html>"
    )
    done, _ = _import_cli(page, content)
    assert done.returncode == 0, done.stderr
    (post,) = (content / "posts").rglob("*.md")
    assert "Isi berita &lt;script&gt; di dalam banyak lapisan." in post.read_text(encoding="utf-8")


def test_very_large_page_gives_a_clear_error(tmp_path):
    content = write_small_site(tmp_path, {}, with_data=True)
    page = tmp_path / "raksasa.html"
    paragraph = "<p>Rapat pleno PPK Concong membahas daftar pemilih bersama PPS se-kecamatan.</p>\n"
    page.write_text(
        _story("Berita Raksasa") + paragraph * (20 * 1024 * 1024 // len(paragraph)) + "</article>"
    )
    done, seconds = _import_cli(page, content)
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert "halaman terlalu besar (20,0 MB; batas 10 MB)" in done.stderr
    assert seconds < 30
    assert not list((content / "posts").rglob("*.md"))


def test_page_with_too_many_elements_gives_a_clear_error(tmp_path):
    content = write_small_site(tmp_path, {}, with_data=True)
    page = tmp_path / "daftar-panjang.html"
    page.write_text(_story("Daftar Panjang") + "<ol>" + "<li>TPS</li>" * 300_000 + "</ol></article>")
    done, seconds = _import_cli(page, content)
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr
    assert "halaman terlalu rumit (300" in done.stderr and "batas 25.000" in done.stderr
    assert seconds < 60


def test_large_page_within_the_limits_imports_in_bounded_time(tmp_path):
    """A saved page bloated by inline scripts and pictures (common) still becomes a draft."""
    content = write_small_site(tmp_path, {}, with_data=True)
    page = tmp_path / "gemuk.html"
    script = "<script>var iklan = '" + "x" * (6 * 1024 * 1024) + "';</script>"
    paragraphs = "".join(f"<p>Paragraf {n} tentang rekapitulasi suara di Concong.</p>" for n in range(2000))
    page.write_text(
        _head("Berita Gemuk", "2023-03-06") + script + "<article><h1>Berita Gemuk</h1>" + paragraphs
    )
    done, seconds = _import_cli(page, content)
    assert done.returncode == 0, done.stderr
    (post,) = (content / "posts").rglob("*.md")
    assert "Paragraf 1999 tentang rekapitulasi" in post.read_text(encoding="utf-8")
    assert seconds < 60


def test_page_just_under_the_element_limit_imports_in_bounded_time(tmp_path):
    """About 24,000 elements (a menu of 1,500 links and 7,000 paragraphs): a draft, not a hang."""
    content = write_small_site(tmp_path, {}, with_data=True)
    page = tmp_path / "padat.html"
    menu = "<nav><ul>" + "<li><a href='/rubrik'>Rubrik</a></li>" * 1500 + "</ul></nav>"
    paragraph = "<p>Rapat <b>pleno</b> di <a href='https://contoh.id/aula'>aula</a> kantor camat.</p>"
    page.write_text(
        _head("Berita Padat", "2023-03-07") + menu + "<article><h1>Berita Padat</h1>" + paragraph * 7000
    )
    done, seconds = _import_cli(page, content)
    assert done.returncode == 0, done.stderr
    (post,) = (content / "posts").rglob("*.md")
    text = post.read_text(encoding="utf-8")
    assert text.count("Rapat **pleno** di [aula](https://contoh.id/aula) kantor camat.") == 7000
    assert seconds < 150  # about 10 s of CPU; the rest is a loaded test machine
