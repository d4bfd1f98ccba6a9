"""Real builds: fingerprinted theme files in every page, host files and .br/.gz siblings
in the published build only, path policies from the settings."""

from __future__ import annotations

import gzip
import os
import re
import shutil
from pathlib import Path

import brotli
import pytest
from bs4 import BeautifulSoup
from conftest import DEMO_NOW, tree_digest
from hosting.core.policy import csp_meta
from sitecheck import html_pages
from smallsite import write_small_site

ROOT = Path(__file__).resolve().parents[2]
HASHED = re.compile(r"\.[0-9a-f]{10}(\.[a-z]+)?$")
POST = """\
Title: Rapat Pleno Terbuka
Date: 2023-06-20 10:00
Category: Berita
Tags: dpt

CONCONG – Rapat pleno terbuka rekapitulasi daftar pemilih tingkat kecamatan.
"""
ADMIN = {"/admin/": {"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'"}}


def _theme_references(output: Path) -> set[str]:
    """Every theme file a page links to (stylesheets, scripts, icon, logo), as site paths."""
    found = set()
    for _, soup in html_pages(output):
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute) or ""
                if "/theme/" in value:
                    found.add("theme/" + value.split("/theme/", 1)[1])
    return found


def test_pages_link_only_fingerprinted_theme_files_that_exist(published_build):
    output = published_build.output
    references = _theme_references(output)
    assert {"css", "js", "img"} <= {name.split("/")[1] for name in references}
    for name in references:
        assert HASHED.search(name), f"{name} is not fingerprinted"
        assert (output / name).is_file(), f"{name} is linked but not published"
    published = [p for p in (output / "theme").rglob("*") if p.is_file() and p.suffix not in {".br", ".gz"}]
    assert published and all(HASHED.search(p.name) for p in published), "an unhashed theme file is published"


def test_every_page_carries_the_policy_meta(published_build):
    for url, soup in html_pages(published_build.output):
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta and meta["content"] == csp_meta(), url


def test_whole_stylesheet_comes_after_the_content(published_build):
    soup = BeautifulSoup(published_build.page(""), "html.parser")
    head = [link["href"] for link in soup.head.select('link[rel="stylesheet"]')]
    body = [link["href"] for link in soup.body.select('link[rel="stylesheet"]')]
    assert len(head) == 1 and "/portal-first." in head[0]
    assert len(body) == 1 and re.search(r"/portal\.[0-9a-f]{10}\.css$", body[0])
    assert soup.body.select('link[rel="stylesheet"]')[0].find_previous("footer") is not None
    first_sheets = {
        "tahapan/": "portal-first-election_stages_today.",  # the "Sekarang" box
        "tahapan/coklit/": "portal-first-election_stages.",
        "memilih/": "portal-first-polling_places.",
        "galeri/2023-02-11-bimtek-pps/1/": "portal-first-officers_viewer.",
    }
    for url, sheet in first_sheets.items():
        page = BeautifulSoup(published_build.page(url), "html.parser")
        assert any(sheet in link["href"] for link in page.head.select("link[rel=stylesheet]")), url


def test_published_build_has_host_files_and_compressed_siblings(published_build):
    output = published_build.output
    for name in (".htaccess", "_headers", "_redirects"):
        assert (output / name).is_file(), name
    page = output / "index.html"
    assert brotli.decompress((output / "index.html.br").read_bytes()) == page.read_bytes()
    assert gzip.decompress((output / "index.html.gz").read_bytes()) == page.read_bytes()
    assert (output / "pagefind" / "pagefind.js.br").is_file()  # the search bundle's text files too
    assert not list(output.rglob("*.pf_fragment.gz")), "Pagefind's own compressed files are left alone"
    assert not (output / "robots.txt.gz").exists(), "files under the threshold are not compressed"


def test_preview_build_has_neither(demo_build):
    output = demo_build.output
    assert not [p for p in output.rglob("*") if p.name in {".htaccess", "_headers", "_redirects"}]
    assert not list(output.rglob("*.br")) and not list(output.rglob("*.gz"))


@pytest.fixture(scope="module")
def small_content(tmp_path_factory) -> Path:
    return write_small_site(tmp_path_factory.mktemp("hosting-small"), {"pleno.md": POST})


def test_changed_stylesheet_gets_a_new_url_and_the_old_one_goes(small_content, build_site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    output = tmp_path / "output"
    first = build_site(output, content=small_content, overrides={"THEME": str(theme)})
    assert first.ok, first.messages
    before = {name for name in _theme_references(output) if "/portal." in name}
    with (theme / "static" / "css" / "portal.css").open("a", encoding="utf-8") as sheet:
        sheet.write(".pleno { color: #000; }\n")
    second = build_site(output, content=small_content, overrides={"THEME": str(theme)})
    assert second.ok, second.messages
    after = {name for name in _theme_references(output) if "/portal." in name}
    assert len(before) == len(after) == 1 and before != after
    assert not (output / before.pop()).exists()
    assert (output / after.pop()).read_text(encoding="utf-8").endswith(".pleno { color: #000; }\n")


def test_rebuild_keeps_compressed_siblings_untouched(small_content, build_site, tmp_path):
    """sitebuild renders into the site of the build before last (sitebuild/outputs.py): by
    the third build the folder of the first is updated in place, and nothing is rewritten.

    Except under pagefind/: site_search makes that folder hold exactly Pagefind's files,
    so the few siblings there are written again each build (from the memo, not compressed).
    """
    output = tmp_path / "output"
    settings = {"settings": "publishconf.py", "content": small_content, "overrides": {"PORTAL_NOW": DEMO_NOW}}
    assert build_site(output, **settings).ok
    siblings = [
        p for p in sorted(output.rglob("*.br")) + sorted(output.rglob("*.gz")) if "pagefind" not in p.parts
    ]
    assert siblings
    stamps = {p.relative_to(output): os.stat(p).st_mtime_ns for p in siblings}
    digest = tree_digest(output)
    for _ in range(2):
        again = build_site(output, **settings)
        assert again.ok, again.messages
        assert tree_digest(output) == digest
    assert {p.relative_to(output): os.stat(p).st_mtime_ns for p in siblings} == stamps
    assert (tmp_path / ".output.cache" / "hosting-precompressed.pickle").is_file()


def test_path_policy_reaches_every_host_file(small_content, build_site, tmp_path):
    output = tmp_path / "output"
    build = build_site(
        output, settings="publishconf.py", content=small_content, overrides={"HOSTING_PATH_POLICIES": ADMIN}
    )
    assert build.ok, build.messages
    htaccess = (output / ".htaccess").read_text(encoding="utf-8")
    headers = (output / "_headers").read_text(encoding="utf-8")
    assert '<If "%{REQUEST_URI} =~ m#^(?:/admin/)#">' in htaccess
    assert "Content-Security-Policy \"default-src 'self'; frame-ancestors 'none'\"" in htaccess
    assert "/admin/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\n" in headers


def test_bad_path_policy_stops_the_build_and_keeps_the_site(small_content, build_site, tmp_path):
    output = tmp_path / "output"
    assert build_site(output, settings="publishconf.py", content=small_content).ok
    before = tree_digest(output)
    bad = build_site(
        output,
        settings="publishconf.py",
        content=small_content,
        overrides={"HOSTING_PATH_POLICIES": {"admin": {"X-A": "b"}}},
    )
    assert not bad.ok
    assert "setting HOSTING_PATH_POLICIES: 'admin' must be a top-level folder" in bad.messages
    assert tree_digest(output) == before


def test_removed_post_leaves_no_compressed_copy(build_site, tmp_path):
    """The third build renders into the first one's folder, which still holds the post."""
    other = POST.replace("Rapat Pleno Terbuka", "Bimtek KPPS").replace("2023-06-20", "2023-06-21")
    content = write_small_site(tmp_path / "site", {"pleno.md": POST, "bimtek.md": other})
    output = tmp_path / "output"
    settings = {"settings": "publishconf.py", "content": content, "overrides": {"PORTAL_NOW": DEMO_NOW}}
    for _ in range(2):
        assert build_site(output, **settings).ok
    assert list(output.rglob("bimtek-kpps/index.html.br"))
    (content / "posts" / "bimtek.md").unlink()
    build = build_site(output, **settings)
    assert build.ok, build.messages
    assert not [p for p in output.rglob("*") if "bimtek-kpps" in p.as_posix()]
    assert "bimtek-kpps" not in (output / "_headers").read_text(encoding="utf-8")
