"""The search index on real builds: what Pagefind indexed, and how the build fails."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitecheck import html_pages

BIMTEK = "/berita/2023/02/bimtek-pps-tata-kerja-pantarlih-sidalih/"
CHROME_TEXT = ("Langsung ke konten utama", "Situs resmi informasi", "Menu utama", "Bagikan lewat WhatsApp")
SMALL_POST = """\
Title: Bimtek KPPS Desa Kampung Baru
Date: 2024-01-28 09:00
Category: Kegiatan

PPS Kampung Baru menggelar bimtek KPPS tentang pemungutan dan penghitungan suara.
"""


def fragments(output: Path) -> dict[str, dict]:
    """Every indexed page by URL, read from Pagefind's own (gzip + JSON) fragments."""
    pages = {}
    for file in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(file.read_bytes())
        data = json.loads(raw.removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = data
    return pages


@pytest.fixture(scope="module")
def indexed(demo_build) -> dict[str, dict]:
    return fragments(demo_build.output)


def small_site(folder: Path) -> Path:
    content = folder / "content"
    (content / "posts").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "posts" / "bimtek-kpps.md").write_text(SMALL_POST, encoding="utf-8")
    for slug in ("tentang", "kontak", "wilayah"):
        (content / "pages" / f"{slug}.md").write_text(
            f"Title: {slug.title()}\nSlug: {slug}\n\nIsi halaman {slug}.\n", encoding="utf-8"
        )
    return content


def test_index_is_indonesian_and_holds_every_post_and_page(demo_build, indexed):
    entry = json.loads((demo_build.output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["id"]
    marked = [
        url for url, soup in html_pages(demo_build.output) if soup.find(attrs={"data-pagefind-body": True})
    ]
    assert marked, "posts and pages mark their body for Pagefind"
    assert sorted(indexed) == sorted(marked)
    assert entry["languages"]["id"]["page_count"] == len(marked)
    assert "/tentang/" in indexed, "static pages are searchable too"


def test_only_published_posts_and_pages_are_indexed(indexed):
    for url in indexed:
        assert not url.startswith(("/draf/", "/cari/", "/indeks/", "/rubrik/", "/topik/")), url
    assert "/tahapan/" not in indexed, "the timeline changes every day: its stages have their own pages"


def test_bodies_only_no_navigation_or_footer(indexed):
    for url, page in indexed.items():
        for text in CHROME_TEXT:
            assert text not in page["content"], f"{url}: '{text}' is site chrome"


def test_post_has_rubric_and_stage_filters_date_and_image(demo_build, indexed):
    page = indexed[BIMTEK]
    assert "coklit" in page["content"].lower()
    assert page["filters"]["rubrik"] == ["Kegiatan"]
    assert page["filters"]["tahapan"] and "Pemutakhiran" in page["filters"]["tahapan"][0]
    assert "Bimtek PPS" in page["meta"]["title"]
    assert "11 Februari 2023" in page["meta"]["tanggal"]
    image = (demo_build.output / BIMTEK.strip("/") / page["meta"]["image"]).resolve()
    assert image.is_file(), "the lead image's URL (relative to the post) exists"
    # The thumbnail is the smallest published variant, not the 1200 px original.
    assert image.name.endswith("-480.webp"), image
    variants = sorted((demo_build.output / "foto" / "berita").glob(image.name.rsplit("-", 1)[0] + "-*"))
    assert image.stat().st_size == min(v.stat().st_size for v in variants)
    assert page["filters"]["jenis"] == ["Berita"]
    assert not page["content"].startswith(page["meta"]["title"]), "the title is not repeated in the excerpt"


def test_every_rubric_used_is_a_filter(indexed):
    rubrics = {value for page in indexed.values() for value in page["filters"].get("rubrik", [])}
    assert {"Berita", "Kegiatan", "Pengumuman"} <= rubrics


def test_search_entry_in_the_main_menu_once(demo_build):
    for url, soup in html_pages(demo_build.output):
        # The menu is printed twice (phone <details> and wide row, one shown): check one copy.
        labels = [a.get_text(strip=True) for a in soup.select(".site-nav .nav-row a")]
        assert labels.count("Cari") == 1, url
        assert labels[-2:] == ["Cari", "Tentang"], f"{url}: search comes just before Tentang"


def test_search_page_works_without_javascript(demo_build):
    soup = BeautifulSoup(demo_build.page("/cari/"), "html.parser")
    fallback = soup.select_one("[data-cari-fallback]")
    assert fallback and not fallback.has_attr("hidden")
    assert fallback.find("a", string="Indeks Berita")["href"] == "../indeks/"
    form = soup.select_one("form[role=search]")
    assert form.has_attr("hidden"), "the form appears only once the script has loaded the index"
    assert form.select_one("label[for=cari-q]") and soup.select_one("#cari-q[type=search]")
    script = soup.select_one('script[type=module][src*="js/cari."]')  # fingerprinted (plugins/hosting)
    assert (demo_build.output / "cari" / script["src"]).resolve().is_file()
    assert (demo_build.output / "cari" / form["data-bundle"] / "pagefind.js").resolve().is_file()


def test_published_site_is_indexed_with_its_public_urls(published_build):
    pages = fragments(published_build.output)
    assert BIMTEK in pages
    assert not any(url.startswith("/draf/") for url in pages)
    soup = BeautifulSoup(published_build.page("/cari/"), "html.parser")
    assert soup.select_one("[data-cari-form]")["data-bundle"].endswith("/pagefind/")


def test_search_can_be_switched_off(tmp_path, build_site):
    build = build_site(
        tmp_path / "output", content=small_site(tmp_path), overrides={"PORTAL_SEARCH_ENABLED": False}
    )
    assert build.ok, build.messages
    assert not (build.output / "pagefind").exists()
    assert (build.output / "cari" / "index.html").is_file(), "the page still offers the archive"


def test_small_site_is_indexed(tmp_path, build_site):
    build = build_site(tmp_path / "output", content=small_site(tmp_path))
    assert build.ok, build.messages
    pages = fragments(build.output)
    assert sorted(pages) == [
        "/berita/2024/01/bimtek-kpps-desa-kampung-baru/",
        "/kontak/",
        "/tentang/",
        "/wilayah/",
    ]
    assert pages["/berita/2024/01/bimtek-kpps-desa-kampung-baru/"]["filters"] == {
        "jenis": ["Berita"],
        "rubrik": ["Kegiatan"],
    }


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("PORTAL_SEARCH_LANGUAGE", "indonesia"),
        ("PORTAL_SEARCH_URL", "/cari"),
        ("PORTAL_SEARCH_ENABLED", "ya"),
    ],
)
def test_bad_setting_stops_the_build_naming_it(tmp_path, build_site, key, value):
    build = build_site(tmp_path / "output", content=small_site(tmp_path), overrides={key: value})
    assert not build.ok
    assert key in build.messages
    assert not (tmp_path / "output").exists(), "nothing half-built is left behind"


def test_second_build_in_the_same_process_adds_no_second_menu_entry():
    from pelican import Pelican
    from pelican.settings import read_settings

    root = Path(__file__).resolve().parents[2]
    for _ in range(2):
        settings = read_settings(
            str(root / "pelicanconf.py"), override={"PORTAL_NOW": "2024-02-10T12:00:00+07:00"}
        )
        pelican = Pelican(settings)
        labels = [label for label, _ in pelican.settings["PORTAL_NAV"]]
        assert labels.count("Cari") == 1


LATE_PLUGIN = '''
"""Test plugin: changes a post page after Pelican wrote it (as a post-processor would)."""
from pathlib import Path

from pelican import signals
from pelican.generators import Generator


class LateEdit(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        for page in Path(self.output_path).glob("berita/*/*/*/index.html"):
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("<p>PPS Kampung Baru", "<p>ditambahkan belakangan PPS Kampung Baru"),
                            encoding="utf-8")
        extra = Path(self.output_path) / "tambahan" / "index.html"
        extra.parent.mkdir(exist_ok=True)
        extra.write_text('<html lang="id"><body><main data-pagefind-body><h1>Tambahan</h1>'
                         '<p>halaman tambahan</p></main></body></html>', encoding="utf-8")


def generators(pelican):
    return LateEdit


def register():
    signals.get_generators.connect(generators)
'''


def test_pages_changed_after_the_posts_were_written_are_indexed_as_final(tmp_path, build_site):
    """Pagefind starts early; a page changed or added later makes it index the final pages."""
    import pelicanconf

    (tmp_path / "late_edit.py").write_text(LATE_PLUGIN, encoding="utf-8")
    overrides = {
        "PLUGIN_PATHS": [*pelicanconf.PLUGIN_PATHS, str(tmp_path)],
        "PLUGINS": ["late_edit", *pelicanconf.PLUGINS],
    }
    build = build_site(tmp_path / "output", content=small_site(tmp_path), overrides=overrides)
    assert build.ok, build.messages
    pages = fragments(build.output)
    assert "ditambahkan belakangan" in pages["/berita/2024/01/bimtek-kpps-desa-kampung-baru/"]["content"]
    assert "/tambahan/" in pages


def test_a_page_left_from_an_earlier_build_is_not_indexed(tmp_path, build_site):
    """sitebuild renders into the site of the build before last; its removed posts stay out."""
    content = small_site(tmp_path)
    output = tmp_path / "output"
    for _ in range(2):
        assert build_site(output, content=content).ok
    (content / "posts" / "bimtek-kpps.md").unlink()
    (content / "posts" / "dpt.md").write_text(
        SMALL_POST.replace("Bimtek KPPS Desa Kampung Baru", "DPT Desa Kampung Baru"), encoding="utf-8"
    )
    build = build_site(output, content=content)
    assert build.ok, build.messages
    assert sorted(fragments(output)) == [
        "/berita/2024/01/dpt-desa-kampung-baru/",
        "/kontak/",
        "/tentang/",
        "/wilayah/",
    ]


# --- issue 14: officers and stages are searchable, with their own "jenis" filter ----------

PETUGAS = Path(__file__).resolve().parents[2] / "content" / "data" / "petugas"


def officers(body: str) -> list[dict]:
    import yaml

    return yaml.safe_load((PETUGAS / f"{body}.yaml").read_text(encoding="utf-8"))["petugas"]


def test_every_officer_is_on_an_indexed_page(indexed):
    petugas = {url: page for url, page in indexed.items() if page["filters"].get("jenis") == ["Petugas"]}
    assert any(url.startswith("/petugas/desa/") for url in petugas)
    for body in ("pps", "pantarlih", "pkd"):  # desa and TPS level: their desa's page
        for officer in officers(body):
            slug = officer["desa"].lower().replace(" ", "-")
            page = petugas[f"/petugas/desa/{slug}/"]
            assert officer["nama"] in page["content"], (body, officer)
            assert officer["desa"] in page["meta"]["title"]
    for body in ("ppk", "panwascam"):  # kecamatan level: their body's page
        for officer in officers(body):
            assert officer["nama"] in petugas[f"/petugas/{body}/"]["content"], (body, officer)
    # TPS numbers are searchable with the Pantarlih's name.
    assert "TPS 001" in petugas["/petugas/desa/concong-luar/"]["content"]


def test_desa_level_body_pages_index_their_description_not_the_names_again(indexed):
    page = indexed["/petugas/pantarlih/"]
    assert page["filters"]["jenis"] == ["Petugas"]
    assert not any(officer["nama"] in page["content"] for officer in officers("pantarlih"))


def test_stage_pages_are_indexed_without_their_post_list(indexed):
    stages = {url: page for url, page in indexed.items() if page["filters"].get("jenis") == ["Tahapan"]}
    assert "/tahapan/coklit/" in stages and "/tahapan/rekapitulasi-pilkada/" in stages
    coklit = stages["/tahapan/coklit/"]
    assert coklit["meta"]["title"] == "Pencocokan dan penelitian (coklit)"
    assert "mencocokkan data pemilih" in coklit["content"]
    assert "Coklit Dimulai" not in coklit["content"], "the posts of the stage are their own results"
    assert not coklit["meta"].get("image"), "no thumbnail borrowed from a post card"
    assert "sedang berlangsung" not in coklit["content"] and "Status dihitung" not in coklit["content"]


def test_jenis_filter_has_every_kind(indexed):
    kinds = {value for page in indexed.values() for value in page["filters"].get("jenis", [])}
    assert kinds == {"Berita", "Halaman", "Petugas", "Tahapan"}
    assert all(page["filters"].get("jenis") for page in indexed.values())


def test_excerpts_skip_photo_credits(demo_build, indexed):
    captions = [
        figcaption.get_text()
        for _, soup in html_pages(demo_build.output)
        for figcaption in soup.select("[data-pagefind-body] figcaption")
    ]
    assert any("Ilustrasi:" in caption for caption in captions), "the demo has credited photos"
    for url, page in indexed.items():
        assert "Ilustrasi:" not in page["content"], url
