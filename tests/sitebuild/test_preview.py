"""The live preview (sitebuild/preview.py), driven as the officer uses it: a server in a subprocess.

Each edit is saved to a temporary copy of a small site and its theme; the test
polls the served page until the change shows, then compares the preview's whole
output folder with a fresh `python -m sitebuild` of the same sources.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import DEMO_NOW, ROOT, run_build, tree_digest
from smallsite import write_small_site

# Pagefind's filter files are not byte-stable between two fresh builds (see test_incremental.py).
SETTINGS = {"PORTAL_NOW": DEMO_NOW, "PORTAL_SEARCH_ENABLED": False}
POST = """\
Title: Coklit dimulai di Concong Luar
Date: 2023-02-12 08:00
Category: Berita
Tags: coklit
Stage: coklit
Slug: coklit-dimulai

Pantarlih mulai mendatangi rumah warga.
"""
OTHER = POST.replace("Coklit dimulai di Concong Luar", "Rapat pleno PPK").replace(
    "coklit-dimulai", "rapat-pleno"
)
PHOTO = """\
Title: Bimtek KPPS di aula kantor camat
Date: 2023-03-01 09:00
Category: Berita
Tags: bimtek
Slug: bimtek-kpps
Image: images/bimtek.jpg
Image_alt: Peserta bimtek duduk di aula kantor camat

Petugas KPPS mengikuti bimbingan teknis.
"""
POST_URL = "berita/2023/02/coklit-dimulai/"
PHOTO_URL = "berita/2023/03/bimtek-kpps/"
STAGE_URL = "tahapan/coklit/"
TIMEOUT = 120.0  # seconds for one rebuild on a loaded machine


class Server:
    """A running `python -m sitebuild.preview` and what it printed."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.content = site / "content"
        self.theme = site / "theme"
        self.output = site / "output"
        self.log = (site / "preview.log").open("w+", encoding="utf-8")
        command = [sys.executable, "-m", "sitebuild.preview", "-o", str(self.output), "-c", str(self.content)]
        for key, value in {**SETTINGS, "THEME": str(self.theme)}.items():
            command += ["--set", f"{key}={json.dumps(value)}"]
        command += ["--port", "0"]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, text=True, env=env
        )
        self.address = self._wait_for_line(r"Pratinjau: (http://127\.0\.0\.1:\d+/)").group(1)
        self.wait_until(lambda: self.status()["generasi"] >= 1)

    def text(self) -> str:
        self.log.flush()
        return (self.site / "preview.log").read_text(encoding="utf-8")

    def _wait_for_line(self, pattern: str) -> re.Match:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = re.search(pattern, self.text())
            if found:
                return found
            assert self.process.poll() is None, self.text()
            time.sleep(0.1)
        raise AssertionError(f"no {pattern!r} in:\n{self.text()}")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.address + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get("__pratinjau/status"))

    def wait_until(self, condition) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except urllib.error.URLError:
                pass
            assert self.process.poll() is None, self.text()
            time.sleep(0.1)
        raise AssertionError(f"timed out; the preview printed:\n{self.text()}")

    def wait_for(self, path: str, text: str) -> str:
        """Poll the served page until it contains `text`; the page."""
        self.wait_until(lambda: text in self.get(path))
        return self.get(path)

    def settled(self) -> None:
        """Wait until no build runs or has finished for a second (the output is then one build's)."""
        last, since = self.status(), time.monotonic()
        while time.monotonic() - since < 1.0 or last["bangun"]:
            time.sleep(0.2)
            now = self.status()
            if now["generasi"] != last["generasi"] or now["bangun"]:
                last, since = now, time.monotonic()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)
        self.log.close()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    site = tmp_path_factory.mktemp("preview")
    posts = {"coklit.md": POST, "pleno.md": OTHER, "bimtek.md": PHOTO}
    write_small_site(site, posts, images=["bimtek.jpg"], with_data=True)
    shutil.copytree(ROOT / "theme", site / "theme")
    server = Server(site)
    try:
        yield server
    finally:
        server.stop()


def _same_as_fresh_build(server: Server, tmp_path: Path) -> None:
    server.settled()
    assert server.status()["galat"] is None, server.text()
    fresh = run_build(
        tmp_path / "fresh", content=server.content, overrides={**SETTINGS, "THEME": str(server.theme)}
    )
    assert fresh.ok, fresh.messages
    preview_files, fresh_files = tree_digest(server.output), tree_digest(fresh.output)
    assert sorted(preview_files) == sorted(fresh_files)
    differing = [name for name in fresh_files if preview_files[name] != fresh_files[name]]
    assert differing == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_build_is_served_with_the_reload_script_only_in_the_response(preview):
    page = preview.get(POST_URL)
    assert "Pantarlih mulai mendatangi rumah warga." in page
    assert '<script src="/__pratinjau/muat.js"' in page
    on_disk = (preview.output / POST_URL / "index.html").read_text(encoding="utf-8")
    assert "__pratinjau" not in on_disk


def test_an_edited_post_is_served_and_equals_a_fresh_build(preview, tmp_path):
    served = re.search(r'data-generasi="(\d+)" data-bangun="(\d+)"', preview.get(POST_URL))
    waiting = f"__pratinjau/tunggu?generasi={served[1]}&bangun={served[2]}&halaman=/{POST_URL}"
    with ThreadPoolExecutor(1) as pool:  # what the script in the page does: wait for its reload
        reload = pool.submit(lambda: json.loads(preview.get(waiting)))
        post = preview.content / "posts" / "coklit.md"
        post.write_text(post.read_text(encoding="utf-8") + "\nKalimat baru dari petugas media.\n", "utf-8")
        assert reload.result(timeout=TIMEOUT)["muat"] is True
    preview.wait_for(POST_URL, "Kalimat baru dari petugas media.")
    preview.settled()
    assert "Kalimat baru dari petugas media." in (preview.output / POST_URL / "index.html").read_text("utf-8")
    _same_as_fresh_build(preview, tmp_path)


def test_an_edited_stage_file_updates_the_stage_page(preview, tmp_path):
    stages = preview.content / "data" / "tahapan" / "pemilu-2024.yaml"
    _edit(stages, "name: Pencocokan dan penelitian", "name: Pencocokan dan penelitian ulang")
    preview.wait_for(STAGE_URL, "Pencocokan dan penelitian ulang")
    _same_as_fresh_build(preview, tmp_path)


def test_an_edited_template_updates_every_page(preview, tmp_path):
    _edit(
        preview.theme / "templates" / "base.html",
        '<footer class="site-footer">',
        '<footer class="site-footer"><p>Catatan templat uji</p>',
    )
    preview.wait_for("", "Catatan templat uji")
    assert "Catatan templat uji" in preview.get(POST_URL)
    _same_as_fresh_build(preview, tmp_path)


def test_a_broken_template_shows_its_line_and_recovers(preview, tmp_path):
    template = preview.theme / "templates" / "base.html"
    good = template.read_text(encoding="utf-8")
    line = good[: good.index('<footer class="site-footer">')].count("\n") + 1
    template.write_text(
        good.replace('<footer class="site-footer">', '<footer class="site-footer">{% if %}', 1), "utf-8"
    )
    preview.wait_until(lambda: preview.status()["galat"] is not None)
    assert f"templates/base.html:{line}: error: templat tema rusak" in preview.status()["galat"]
    assert f"templates/base.html:{line}: error:" in preview.text()
    assert "Build gagal" in preview.get(POST_URL)
    assert preview.process.poll() is None
    template.write_text(good.replace('site-footer">', 'site-footer"><p>Templat pulih</p>', 1), "utf-8")
    preview.wait_for("", "Templat pulih")
    _same_as_fresh_build(preview, tmp_path)


def test_a_bad_save_shows_the_error_keeps_the_last_good_pages_and_recovers(preview, tmp_path):
    post = preview.content / "posts" / "pleno.md"
    good = post.read_text(encoding="utf-8")
    before = tree_digest(preview.output)
    post.write_text(good.replace("Date: 2023-02-12 08:00", "Date: 2023-13-45 08:00"), encoding="utf-8")
    preview.wait_until(lambda: preview.status()["galat"] is not None)
    error = "posts/pleno.md:2: error: tanggal '2023-13-45 08:00' tidak ada di kalender"
    assert error in preview.text()  # the terminal
    page = preview.get(POST_URL)  # the browser: the last good page, with the error above it
    assert "Build gagal" in page and error.replace("'", "&#x27;") in page
    assert "Pantarlih mulai mendatangi rumah warga." in page
    assert tree_digest(preview.output) == before

    post.write_text(good + "\nSudah diperbaiki.\n", encoding="utf-8")
    page = preview.wait_for("berita/2023/02/rapat-pleno/", "Sudah diperbaiki.")
    assert "Build gagal" not in page
    _same_as_fresh_build(preview, tmp_path)


@pytest.mark.browser
def test_the_browser_reloads_by_itself_and_shows_the_error_overlay(preview, browser):
    """Headless Chromium on the served pages: the site's CSP must let the reload script run."""
    from playwright.sync_api import expect

    post = preview.content / "posts" / "coklit.md"
    good = post.read_text(encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        blocked: list[str] = []
        page.on(
            "console",
            lambda message: blocked.append(message.text) if "Content Security" in message.text else None,
        )
        page.goto(preview.address + POST_URL)
        fast = preview.status()["cepat"]
        post.write_text(good + "\nDilihat langsung di peramban.\n", encoding="utf-8")
        expect(page.locator("main")).to_contain_text("Dilihat langsung di peramban.", timeout=TIMEOUT * 1000)
        assert preview.status()["cepat"] == fast + 1  # the fast path's page reloaded the browser
        preview.settled()  # the full build has published it (else the bad save below stops that build)
        post.write_text(good.replace("Date: 2023-02-12 08:00", "Date: 2023-02-30 08:00"), encoding="utf-8")
        overlay = page.locator("#pratinjau-galat")
        expect(overlay).to_be_visible(timeout=TIMEOUT * 1000)
        expect(overlay).to_contain_text("posts/coklit.md:2: error:")
        expect(overlay).to_have_css("position", "fixed")  # its style sheet loaded
        expect(page.locator("main")).to_contain_text("Dilihat langsung di peramban.")  # last good page
        post.write_text(good, encoding="utf-8")
        expect(overlay).to_have_count(0, timeout=TIMEOUT * 1000)
        expect(page.locator("main")).not_to_contain_text("Dilihat langsung di peramban.")
        assert blocked == []
    finally:
        context.close()


def _fast_then_full(preview: Server, path: str, change, shows: str, tmp_path: Path) -> str:
    """Save one post; its page must be served from the fast path, then equal the full build's."""
    before = preview.status()
    change()
    page = preview.wait_for(path, shows)
    preview.settled()
    after = preview.status()
    assert after["cepat"] == before["cepat"] + 1, preview.text()  # served before its build wrote it
    assert after["beda"] == 0, preview.text()  # and byte for byte the page the build then wrote
    _same_as_fresh_build(preview, tmp_path)
    return page


def test_a_body_edit_takes_the_fast_path_and_equals_the_full_build(preview, tmp_path):
    post = preview.content / "posts" / "coklit.md"
    sentence = "Petugas media menambah satu kalimat."

    def edit():
        post.write_text(post.read_text(encoding="utf-8") + f"\n{sentence}\n", "utf-8")

    _fast_then_full(preview, POST_URL, edit, sentence, tmp_path)
    assert "Halaman berita/2023/02/coklit-dimulai/index.html tampil dalam" in preview.text()


def test_a_title_edit_takes_the_fast_path_and_equals_the_full_build(preview, tmp_path):
    post = preview.content / "posts" / "pleno.md"
    page = _fast_then_full(
        preview,
        "berita/2023/02/rapat-pleno/",
        lambda: _edit(post, "Title: Rapat pleno PPK", "Title: Rapat pleno terbuka PPK Concong"),
        "Rapat pleno terbuka PPK Concong",
        tmp_path,
    )
    assert "<h1>Rapat pleno terbuka PPK Concong</h1>" in page
    # Pages listing the post show the new title once the full build is done.
    assert "Rapat pleno terbuka PPK Concong" in preview.get("")


def test_an_image_alt_edit_takes_the_fast_path_and_equals_the_full_build(preview, tmp_path):
    post = preview.content / "posts" / "bimtek.md"
    new_alt = "Peserta bimtek mendengarkan pemateri dari KPU"
    page = _fast_then_full(
        preview,
        PHOTO_URL,
        lambda: _edit(post, "Image_alt: Peserta bimtek duduk di aula kantor camat", f"Image_alt: {new_alt}"),
        new_alt,
        tmp_path,
    )
    assert f'alt="{new_alt}"' in page


def test_a_page_edit_takes_the_fast_path_and_equals_the_full_build(preview, tmp_path):
    page = preview.content / "pages" / "tentang.md"
    _fast_then_full(
        preview,
        "tentang/",
        lambda: _edit(page, "Title: Tentang", "Title: Tentang PPK Concong"),
        "Tentang PPK Concong",
        tmp_path,
    )


def test_a_slug_edit_waits_for_the_full_build(preview, tmp_path):
    post = preview.content / "posts" / "bimtek.md"
    before = preview.status()
    _edit(post, "Slug: bimtek-kpps", "Slug: bimtek-kpps-concong")
    preview.wait_for("berita/2023/03/bimtek-kpps-concong/", "Petugas KPPS mengikuti bimbingan teknis.")
    preview.settled()
    assert preview.status()["cepat"] == before["cepat"]
    assert "Menunggu build penuh (header changed: slug)" in preview.text()
    _same_as_fresh_build(preview, tmp_path)


def test_a_bad_save_is_never_served_from_the_fast_path(preview, tmp_path):
    """An empty alt text is an error of the one-file checks: no early page, the error as always."""
    post = preview.content / "posts" / "coklit.md"
    good = post.read_text(encoding="utf-8")
    before = preview.status()
    post.write_text(good + "\n![](http://example.org/foto.jpg)\nKalimat yang belum boleh tampil.\n", "utf-8")
    preview.wait_until(lambda: preview.status()["galat"] is not None)
    assert preview.status()["cepat"] == before["cepat"]
    assert "posts/coklit.md:" in preview.status()["galat"]
    page = preview.get(POST_URL)
    assert "Build gagal" in page and "Kalimat yang belum boleh tampil." not in page
    post.write_text(good, encoding="utf-8")
    preview.wait_until(lambda: preview.status()["galat"] is None)
    _same_as_fresh_build(preview, tmp_path)


def test_pelicans_content_memos_are_emptied_between_builds():
    """The preview empties Pelican's class-level memo of every post's HTML before each build
    (else every build's posts stay in memory); this fails loudly if Pelican changes it."""
    import copy
    from datetime import datetime

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from sitebuild.preview import forget_content_memos

    context = {"generated_content": {}, "static_content": {}, "localsiteurl": ""}
    metadata = {"title": "Uji memori", "date": datetime(2024, 1, 1)}
    article = Article(
        "<p>Isi uji.</p>", metadata=metadata, settings=copy.deepcopy(DEFAULT_CONFIG), context=context
    )
    assert article.content == "<p>Isi uji.</p>" and article.summary == "<p>Isi uji.</p>"
    assert any(key[0] is article for key in Article.get_content.cache)
    assert any(key[0] is article for key in Article.get_summary.cache)
    forget_content_memos()
    assert not any(key[0] is article for key in [*Article.get_content.cache, *Article.get_summary.cache])
