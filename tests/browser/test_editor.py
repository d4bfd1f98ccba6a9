"""The web editor at /admin/ in Chromium, saving through the real local backend.

decap-server (the CMS's local backend, started exactly as `invoke edit` starts
it) listens on 127.0.0.1 and writes into a temporary COPY of the project's
content; the site is built from that copy with the real build and served on
127.0.0.1. Nothing here writes into the repository's content/.
"""

from __future__ import annotations

import difflib
import shutil
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from browser.conftest import serve_folder
from bs4 import BeautifulSoup
from conftest import DEMO_NOW, ROOT, Build, run_build
from pagewatch import PageWatch
from PIL import Image

from tasks import start_cms_backend, stop_process

pytestmark = pytest.mark.browser

PHONE_IN_FORM = "Junaidi Abbas 0812-3456-7890"
PATTERN_MESSAGE = (
    "NIK/nomor KK (16 digit) atau nomor telepon/HP tidak boleh diterbitkan (personal data, UU PDP)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"decap-server did not listen on 127.0.0.1:{port}")


@dataclass
class EditorSite:
    repo: Path  # the copy the backend writes into (repo/content = the site's content)
    output: Path
    url: str
    backend: str

    @property
    def content(self) -> Path:
        return self.repo / "content"

    def build(self) -> Build:
        build = run_build(
            self.output,
            content=self.content,
            overrides={"PORTAL_NOW": DEMO_NOW, "WEB_EDITOR_LOCAL_BACKEND": self.backend},
        )
        assert build.ok, build.messages
        return build


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Iterator[EditorSite]:
    root = tmp_path_factory.mktemp("editor")
    repo = root / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    port = free_port()
    site = EditorSite(repo, root / "output", "", f"http://127.0.0.1:{port}/api/v1")
    site.build()
    backend = start_cms_backend(repo, port)
    server = None
    try:
        wait_for_port(port)
        server, site.url = serve_folder(site.output)
        yield site
    finally:
        stop_process(backend)
        if server is not None:
            server.shutdown()


@pytest.fixture
def editor(browser, editor_site):
    """A desktop-sized page signed in to the editor, with a watch on errors and CSP."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="id-ID", timezone_id="Asia/Jakarta"
    )
    watch = PageWatch(context, editor_site.url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.set_default_navigation_timeout(60_000)
    page.goto(editor_site.url + "/admin/")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Koleksi", exact=True).wait_for()
    yield page, watch
    context.close()


def problems(watch: PageWatch, page, backend: str) -> list[str]:
    """What the watch saw, less the editor's own calls to its local backend."""
    origin = backend.removesuffix("/api/v1")
    return [p for p in watch.problems(page) if not p.startswith(f"request to another host: {origin}/")]


def open_entry(page, site: EditorSite, collection: str, title: str) -> None:
    """Open an entry as the officer does: the collection, then the entry's title in the list."""
    page.goto(f"{site.url}/admin/#/collections/{collection}")
    page.get_by_text(title).first.click()
    page.get_by_text("Menulis di koleksi").wait_for()


def choose(page, label: str, option: str) -> None:
    """Pick an option of a select widget (react-select) by its label."""
    page.get_by_label(label).click()
    page.get_by_text(option, exact=True).click()


def save(page) -> None:
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.get_by_text("Simpan sekarang", exact=True).click()


def wait_for_bytes(path: Path, size: int = 1, timeout: float = 15.0) -> bytes:
    """The file's bytes once the backend has written at least `size` of them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and path.stat().st_size >= size:
            time.sleep(0.2)  # the backend writes data files and uploads one after the other
            return path.read_bytes()
        time.sleep(0.1)
    pytest.fail(f"{path} was not written")


def wait_for_file(path: Path, timeout: float = 15.0) -> str:
    return wait_for_bytes(path, timeout=timeout).decode("utf-8")


def wait_for_change(path: Path, before: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8")
        if text != before:
            return text
        time.sleep(0.1)
    pytest.fail(f"{path} was not saved")


def jpeg_with_gps() -> bytes:
    """A real camera-like JPEG: 1600×1200 with EXIF GPS coordinates."""
    image = Image.new("RGB", (1600, 1200), (30, 110, 160))
    for x in range(0, 1600, 100):
        image.paste((200, 60 + x % 150, 40), (x, 400, x + 50, 800))
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (0.0, 20.0, 0.0), 3: "E", 4: (103.0, 25.0, 0.0)})
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=85)
    return buffer.getvalue()


def test_a_post_created_in_the_form_is_on_the_built_site(editor, editor_site, tmp_path):
    page, watch = editor
    photo = tmp_path / "rapat-tps-kampung-baru.jpg"
    photo.write_bytes(jpeg_with_gps())
    assert Image.open(photo).getexif().get_ifd(0x8825), "the upload carries GPS"
    title = "Rapat Persiapan TPS di Desa Kampung Baru"
    page.goto(f"{editor_site.url}/admin/#/collections/berita/new")
    page.get_by_label("Judul", exact=True).fill(title)
    page.get_by_label("Tanggal dan jam terbit (WIB)").fill("2024-02-09T10:00")
    choose(page, "Rubrik", "Kegiatan")
    choose(page, "Tahapan pemilu", "Masa kampanye · Pemilu 2024")
    page.get_by_role("button", name="Pilih gambar").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Pakai yang dipilih").click()
    page.get_by_label("Teks alternatif gambar").fill("Anggota PPS memeriksa denah TPS di balai desa")
    page.get_by_label("Keterangan gambar").fill("Rapat persiapan TPS. Foto: Tim Media PPK Concong")
    body = page.locator("[data-slate-editor=true]")
    body.click()
    body.press_sequentially("PPS Kampung Baru membahas letak tujuh TPS bersama kepala desa.")
    save(page)
    post = editor_site.content / "posts" / "2024" / "2024-02-09-rapat-persiapan-tps-di-desa-kampung-baru.md"
    text = wait_for_file(post)
    assert text.startswith(f"Title: {title}\nDate: 2024-02-09 10:00\nCategory: Kegiatan\n")
    assert "Image: images/2024/rapat-tps-kampung-baru.jpg\n" in text
    assert "Stage: kampanye\n" in text
    assert text.rstrip().endswith("PPS Kampung Baru membahas letak tujuh TPS bersama kepala desa.")
    uploaded = editor_site.content / "images" / "2024" / "rapat-tps-kampung-baru.jpg"
    assert wait_for_bytes(uploaded, photo.stat().st_size) == photo.read_bytes()
    assert not problems(watch, page, editor_site.backend)

    build = editor_site.build()
    assert title in build.page("/")
    assert title in build.page("/tahapan/kampanye/")
    feed = feedparser.parse((build.output / "feed" / "rss.xml").read_bytes())
    assert title in [entry.title for entry in feed.entries]
    # The uploaded photo went through the photo pipeline: responsive variants, no EXIF/GPS.
    article = urlsplit(next(e.link for e in feed.entries if e.title == title)).path
    soup = BeautifulSoup(build.page(article), "html.parser")
    figure = soup.select_one(".lead-figure")
    assert figure.select_one("img")["alt"] == "Anggota PPS memeriksa denah TPS di balai desa"
    candidates = [c.strip().split(" ")[0] for s in figure.select("source") for c in s["srcset"].split(",")]
    assert len(candidates) >= 2, "responsive widths"
    for url in [*candidates, figure.select_one("img")["src"]]:
        published = Image.open(build.output / urljoin(article, url).lstrip("/"))
        assert published.width < 1600 or url == figure.select_one("img")["src"]
        assert not published.getexif(), f"{url} still has EXIF"
        assert "exif" not in published.info


def test_editing_one_field_changes_only_its_line(editor, editor_site):
    page, watch = editor
    post = editor_site.content / "posts" / "2023" / "2023-02-12-coklit-dimulai.md"
    before = post.read_text(encoding="utf-8")
    open_entry(page, editor_site, "berita", "Coklit Dimulai, 50 Pantarlih Datangi Rumah Warga Concong")
    summary = page.get_by_label("Ringkasan")
    new_summary = "Pantarlih mulai mendatangi rumah warga Concong untuk coklit sampai 14 Maret 2023."
    summary.fill(new_summary)
    save(page)
    after = wait_for_change(post, before)
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    old_line = next(line for line in before.splitlines() if line.startswith("Summary: "))
    assert changed == [f"- {old_line}", f"+ Summary: {new_summary}"]
    assert not problems(watch, page, editor_site.backend)


def test_a_phone_number_in_an_officer_entry_is_refused(editor, editor_site):
    page, watch = editor
    data = editor_site.content / "data" / "petugas" / "pps.yaml"
    before = data.read_text(encoding="utf-8")
    open_entry(page, editor_site, "petugas", "PPS (Panitia Pemungutan Suara)")
    # Expand the first officer: the chevron button in the item's top bar.
    item = page.get_by_text("Junaidi Abbas", exact=True).first
    item.locator("xpath=preceding-sibling::div[1]//button[1]").click()
    reminder = page.get_by_text("JANGAN menulis NIK, nomor HP, alamat rumah").filter(visible=True)
    assert reminder.count() >= 1, "the privacy reminder is shown next to the officer's fields"
    name = page.get_by_label("Nama", exact=True).filter(visible=True).first
    name.fill(PHONE_IN_FORM)
    save(page)
    page.get_by_text(f"Nama: {PATTERN_MESSAGE}", exact=False).first.wait_for()
    assert page.get_by_text("Belum disimpan", exact=True).is_visible()
    time.sleep(0.5)
    assert data.read_text(encoding="utf-8") == before
    # Decap refuses the save by rejecting a promise with no value: that rejection is the refusal
    # itself, reported as "script error: undefined"; nothing else may show up.
    assert [p for p in problems(watch, page, editor_site.backend) if p != "script error: undefined"] == []


@pytest.mark.parametrize(
    "route",
    ["berita", "halaman/entries/kontak", "tahapan/entries/pemilu-2024", "petugas/entries/ppk", "galeri"],
)
def test_editor_views_load_without_csp_violations_or_errors(editor, editor_site, route):
    page, watch = editor
    page.goto(f"{editor_site.url}/admin/#/collections/{route}")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert page.locator("text=Kesalahan pengaturan").count() == 0
    assert not problems(watch, page, editor_site.backend)


def test_a_lead_image_without_alt_text_is_refused(editor, editor_site, tmp_path):
    page, watch = editor
    photo = tmp_path / "tanpa-alt.jpg"
    photo.write_bytes(jpeg_with_gps())
    page.goto(f"{editor_site.url}/admin/#/collections/berita/new")
    page.get_by_label("Judul", exact=True).fill("Berita Dengan Gambar Tanpa Teks Alternatif")
    page.get_by_label("Tanggal dan jam terbit (WIB)").fill("2024-02-08T08:00")
    choose(page, "Rubrik", "Berita")
    page.get_by_role("button", name="Pilih gambar").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Pakai yang dipilih").click()
    body = page.locator("[data-slate-editor=true]")
    body.click()
    body.press_sequentially("Isi singkat.")
    save(page)
    page.get_by_text("Gagal menyimpan").wait_for()
    assert page.get_by_text("gambar utama wajib diberi teks alternatif (Image_alt)", exact=False).count() >= 1
    time.sleep(0.5)
    assert not list((editor_site.content / "posts" / "2024").glob("*tanpa-teks-alternatif*"))


def test_an_officer_photo_uploaded_in_the_form_is_published_clean(editor, editor_site, tmp_path):
    page, watch = editor
    data = editor_site.content / "data" / "petugas" / "ppk.yaml"
    before = data.read_text(encoding="utf-8")
    photo = tmp_path / "andi-zulkarnain.jpg"
    photo.write_bytes(jpeg_with_gps())
    open_entry(page, editor_site, "petugas", "PPK (Panitia Pemilihan Kecamatan)")
    item = page.get_by_text("Andi Zulkarnain", exact=True).first
    item.locator("xpath=preceding-sibling::div[1]//button[1]").click()
    page.get_by_role("button", name="Pilih gambar").filter(visible=True).first.click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="Pakai yang dipilih").click()
    save(page)
    after = wait_for_change(data, before)
    assert after.startswith(before.rstrip("\n")), "earlier lines and comments unchanged"
    assert after[len(before.rstrip("\n")) :] == "\n    foto: foto/andi-zulkarnain.jpg\n"
    uploaded = editor_site.content / "data" / "petugas" / "foto" / "andi-zulkarnain.jpg"
    assert wait_for_bytes(uploaded, photo.stat().st_size) == photo.read_bytes()
    assert not problems(watch, page, editor_site.backend)

    build = editor_site.build()
    soup = BeautifulSoup(build.page("/petugas/ppk/"), "html.parser")
    card = next(c for c in soup.select("img") if "Andi Zulkarnain" in (c.get("alt") or ""))
    published = Image.open(build.output / urljoin("/petugas/ppk/", card["src"]).lstrip("/"))
    assert not published.getexif() and "exif" not in published.info
