"""One rule for raw HTML in posts and pages: markup that can run code is a build error with file:line.

Feeds carry the post HTML to readers that have no Content-Security-Policy, so the site's CSP is
not enough: `python -m sitebuild --check` and the build both stop, name the line of the markup,
and leave the last good site as it was. Harmless raw HTML (figures, tables, abbreviations) builds.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree_digest
from content_checks.body import raw_html_findings
from content_checks.source import read_source
from lxml import etree
from lxml import html as lxml_html
from smallsite import write_small_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"
HEADER = "Title: Berita Berbahaya\nDate: 2023-03-01 09:00\nCategory: Berita\n\nParagraf pembuka yang aman.\n"

# case -> (Markdown, words the error on the markup's line must contain)
DANGEROUS = {
    "script": ("<script>alert(1)</script>", "<script>"),
    "iframe": ('<iframe src="https://www.youtube.com/embed/abc"></iframe>', "<iframe>"),
    "object": ('<object data="peta.swf"></object>', "<object>"),
    "embed": ('<embed src="peta.swf">', "<embed>"),
    "form": ('<form action="https://contoh.id/kirim"><input name="nik"></form>', "<form>"),
    "event_attribute": (
        '<img src="{static}/images/sk.jpg" alt="SK" onerror="alert(2)">',
        "atribut 'onerror'",
    ),
    "event_attribute_list": ('## Jadwal coklit {: onclick="alert(3)" }', "atribut 'onclick'"),
    "javascript_markdown_link": ("[Unduh jadwal](javascript:alert(4))", "'javascript:'"),
    "javascript_obfuscated": ('<a href=" jav&#x09;ascript:alert(5)">klik</a>', "'javascript:'"),
    "javascript_reference": ("[unduh][1]\n\n[1]: javascript:alert(6)", "'javascript:'"),
    "vbscript": ('<a href="vbscript:msgbox(7)">klik</a>', "'vbscript:'"),
    "data_image": ("![Peta TPS](data:image/png;base64,iVBORw0KGgo=)", "'data:'"),
    "svg_script": ("<svg><script>alert(8)</script></svg>", "<svg>"),
    "srcdoc": ('<iframe srcdoc="&lt;script&gt;alert(10)&lt;/script&gt;"></iframe>', "atribut 'srcdoc'"),
    "comment_smuggle": ("<!--><img src=x onerror=alert(11)>-->", "atribut 'onerror'"),
    "noscript_smuggle": (
        '<noscript><p title="</noscript><img src=x onerror=alert(12)>"></noscript>',
        "<noscript>",
    ),
    "meta_refresh": ('<meta http-equiv="refresh" content="0;url=https://contoh.id">', "<meta>"),
    "base": ('<base href="https://contoh.id/">', "<base>"),
    "multi_line_tag": (
        '<img src="{static}/images/sk.jpg"\n     alt="SK"\n     onload="alert(13)">',
        "'onload'",
    ),
    # Last: its unclosed <style> swallows the rest of the post for a parser (browsers differ inside <math>).
    "math": ("<math><mtext><table><mglyph><style><img src=x onerror=alert(9)>", "<math>"),
}


def dangerous_post() -> tuple[str, dict[str, int]]:
    """One post holding every case, each in its own paragraph; the line each error must name."""
    text, lines = HEADER, {}
    for case, (markdown, _) in DANGEROUS.items():
        first = text.count("\n") + 2  # after the blank line that opens the paragraph
        offset = next(i for i, line in enumerate(markdown.split("\n")) if _marks(case, line))
        lines[case] = first + offset
        text += "\n" + markdown + "\n"
    return text, lines


def _marks(case: str, line: str) -> bool:
    """The source line a case's error points at: the line with the offending markup."""
    if case == "javascript_reference":
        return line.startswith("[1]:")
    if case == "multi_line_tag":
        return "onload" in line
    return True


def findings_of(text: str, folder: Path, name: str = "posts/berita.md") -> list:
    """The raw-HTML findings for a post, on the HTML Pelican's Markdown reader makes of it."""
    from pelican.readers import MarkdownReader
    from pelican.settings import read_settings

    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(folder)})
    rendered, _ = MarkdownReader(settings).read(str(path))
    return raw_html_findings(read_source(path, f"content/{name}", text), rendered)


@pytest.mark.parametrize("case", sorted(DANGEROUS))
def test_each_kind_of_executable_markup_is_an_error(case, tmp_path):
    markdown, words = DANGEROUS[case]
    findings = findings_of(HEADER + "\n" + markdown + "\n", tmp_path)
    assert findings, case
    first = 7 + next(i for i, line in enumerate(markdown.split("\n")) if _marks(case, line))
    located = [f for f in findings if f.line == first and words in f.message]
    assert located, [(f.line, f.message) for f in findings]
    assert all(f.severity == "error" and f.hint for f in findings)
    assert all(f.path == "content/posts/berita.md" for f in findings)


HARMLESS = """\
Title: Berita dengan HTML Biasa
Date: 2023-03-02 09:00
Category: Berita

Rapat pleno dihadiri <abbr title="Panitia Pemungutan Suara">PPS</abbr> se-kecamatan.

<figure>
<img src="{static}/images/sk.jpg" alt="Ketua PPK menyerahkan SK" width="320" height="180">
<figcaption>Penyerahan SK kepada PPS.</figcaption>
</figure>

<table>
<thead><tr><th>Desa</th><th>TPS</th></tr></thead>
<tbody><tr><td>Concong Luar</td><td>12</td></tr></tbody>
</table>

<details><summary>Jadwal lengkap</summary><p>Coklit 12 Februari sampai 14 Maret 2023.</p></details>

[![Tonton rekaman rapat pleno]({static}/images/sk.jpg)](https://www.youtube.com/watch?v=abc123)

Sumber data: KPU. Kata "javascript:" dan "onclick=" di kalimat biasa bukan kode.

Contoh kode ditulis sebagai kode: `<script>alert(1)</script>` dan

```
<iframe src="https://contoh.id" onload="alert(2)"></iframe>
```

<a href="https://kpu.go.id" title="data: 2023">Laman KPU</a>
"""


def test_harmless_html_and_code_are_not_errors(tmp_path):
    assert findings_of(HARMLESS, tmp_path) == []


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory, build_site):
    folder = tmp_path_factory.mktemp("raw-html")
    content = write_small_site(folder, {"biasa.md": HARMLESS}, images=["sk.jpg"], with_data=True)
    build = build_site(folder / "output", content=content, overrides={"PORTAL_NOW": NOW})
    assert build.ok, build.messages
    return folder, content, build, tree_digest(folder / "output")


def test_harmless_raw_html_builds(last_good_site):
    _, _, build, _ = last_good_site
    page = build.page("berita/2023/03/berita-dengan-html-biasa/")
    body = lxml_html.document_fromstring(page).find_class("post-body")[0]
    assert body.find(".//figure/figcaption") is not None
    assert [td.text for td in body.iter("td")] == ["Concong Luar", "12"]
    assert body.find(".//abbr").get("title") == "Panitia Pemungutan Suara"
    assert body.find(".//details/summary").text == "Jadwal lengkap"
    assert "<script>alert(1)</script>" in body.text_content()
    assert unsafe_html(page) == []


def test_dangerous_post_stops_check_and_build_and_keeps_the_last_site(last_good_site, build_site, tmp_path):
    folder, content, _, digest = last_good_site
    broken = tmp_path / "content"
    shutil.copytree(content, broken)
    text, lines = dangerous_post()
    (broken / "posts" / "berbahaya.md").write_text(text, encoding="utf-8")
    page = 'Title: Tentang\nSlug: tentang\n\nIsi halaman.\n\n<iframe src="https://contoh.id/peta"></iframe>\n'
    (broken / "pages" / "tentang.md").write_text(page, encoding="utf-8")  # pages follow the same rule

    check = subprocess.run(
        [sys.executable, "-m", "sitebuild", "--check", "-c", str(broken), "--set", f'PORTAL_NOW="{NOW}"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    build = build_site(folder / "output", content=broken, overrides={"PORTAL_NOW": NOW})

    for messages, code in ((check.stderr, check.returncode), (build.messages, build.returncode)):
        assert code != 0
        for case, line in lines.items():
            prefix = f"content/posts/berbahaya.md:{line}: error: "
            located = [m for m in messages.splitlines() if m.startswith(prefix)]
            assert any(DANGEROUS[case][1] in m for m in located), (case, line, messages)
        assert "dapat menjalankan kode" in messages
        assert "content/pages/tentang.md:6: error: elemen HTML <iframe>" in messages
    assert "situs sebelumnya tetap utuh" in build.messages
    assert tree_digest(folder / "output") == digest


# --- feeds ------------------------------------------------------------------------------------

_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_EVENT = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
_FEED_FIELDS = {"description", "encoded", "content", "summary"}


def unsafe_html(fragment: str) -> list[str]:
    """Executable markup in an HTML fragment as a browser parses it."""
    if not fragment.strip():
        return []
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "iframe", "object", "embed", "form", "svg", "math", "base", "meta"):
            found.append(element.tag)
        for name, value in element.attrib.items():
            squeezed = "".join(value.split()).lower()
            if name.lower().startswith("on") or squeezed.startswith(("javascript:", "vbscript:")):
                found.append(f"{element.tag} {name}={value}")
    return found


def raw_problems(html: str) -> list[str]:
    """The same, read as text: `<script`, or an on*= attribute or javascript: URL inside a tag."""
    found = ["<script"] if "<script" in html.lower() else []
    for tag in _TAG.findall(html):
        if _EVENT.search(tag) or "javascript:" in tag.lower():
            found.append(tag)
    return found


def feed_problems(output: Path) -> list[str]:
    """Unsafe markup in every item of every feed the build wrote (RSS, Atom, JSON Feed)."""
    problems = []
    feeds = sorted((output / "feed").rglob("*.xml"))
    assert feeds, "no feeds written"
    for path in feeds:
        tree = etree.parse(str(path))
        for element in tree.iter():
            if isinstance(element.tag, str) and etree.QName(element).localname in _FEED_FIELDS:
                html = element.text or ""
                problems += [f"{path.name}: {p}" for p in unsafe_html(html) + raw_problems(html)]
    feed = json.loads((output / "feed" / "feed.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        for key in ("content_html", "summary"):
            html = item.get(key) or ""
            problems += [f"feed.json {item['id']}: {p}" for p in unsafe_html(html) + raw_problems(html)]
    return problems


def test_demo_feeds_carry_no_executable_markup(demo_build):
    assert feed_problems(demo_build.output) == []


def test_feeds_of_a_site_with_raw_html_carry_no_executable_markup(last_good_site):
    _, _, build, _ = last_good_site
    feed = json.loads((build.output / "feed" / "feed.json").read_text(encoding="utf-8"))
    assert any("<figure" in (item.get("content_html") or "") for item in feed["items"])
    assert feed_problems(build.output) == []
