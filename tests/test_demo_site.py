"""The demo site as a reader sees it: every post and page, Indonesian dates, links, images."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import CONTENT
from sitecheck import ALLOWED_LINK_HOSTS, html_pages, references, resolve_local

DAY_NAMES = ("Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu")
INDONESIAN_DATETIME = re.compile(
    rf"^({'|'.join(DAY_NAMES)}), \d{{1,2}} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|"
    r"September|Oktober|November|Desember) \d{4} \| \d{2}\.\d{2} WIB$"
)


def _headers(path):
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in header.splitlines())}


def _posts():
    return sorted((CONTENT / "posts").rglob("*.md"))


def test_demo_has_enough_posts_across_rubrics():
    posts = [_headers(p) for p in _posts()]
    published = [p for p in posts if p.get("status") != "draft"]
    assert len(published) >= 15
    assert {"Berita", "Pengumuman", "Kegiatan", "Sosialisasi"} <= {p["category"] for p in published}
    years = sorted(p["date"][:7] for p in published)
    assert years[0] <= "2022-12" and years[-1] >= "2024-03"


def test_every_post_and_page_is_built_with_its_title(demo_build):
    titles = {
        soup.find("h1").get_text(strip=True) for _, soup in html_pages(demo_build.output) if soup.find("h1")
    }
    for path in [*_posts(), *sorted((CONTENT / "pages").glob("*.md"))]:
        assert _headers(path)["title"] in titles, path


def test_article_pages_show_indonesian_date_and_time(demo_build):
    articles = [soup for url, soup in html_pages(demo_build.output) if url.startswith("/berita/")]
    assert len(articles) >= 15
    for soup in articles:
        stamp = soup.select_one(".post-byline time").get_text(strip=True)
        assert INDONESIAN_DATETIME.match(stamp), stamp


def test_the_bimtek_post_reads_as_the_reader_expects(demo_build):
    soup = BeautifulSoup(demo_build.page("/berita/2023/02/" + _slug_of("2023-02-11") + "/"), "html.parser")
    assert soup.select_one(".post-byline time").get_text(strip=True).startswith("Sabtu, 11 Februari 2023 |")
    assert soup.select_one(".lead-figure img")["alt"]
    assert soup.select_one(".lead-figure figcaption")
    assert soup.select(".tags a"), "tags are listed"
    assert soup.select(".related .card"), "related posts by shared tags"
    assert soup.select_one("a.share-wa")["href"].startswith("https://wa.me/?text=")
    assert soup.select_one(".post-nav a[rel=prev]") and soup.select_one(".post-nav a[rel=next]")


def _slug_of(date_prefix: str) -> str:
    [path] = [p for p in _posts() if p.name.startswith(date_prefix)]
    return _headers(path)["slug"]


def test_every_page_is_indonesian_and_accessible_in_structure(demo_build):
    for url, soup in html_pages(demo_build.output):
        assert soup.html.get("lang") == "id", url
        assert soup.find("main", id="konten"), url
        assert soup.select_one("a.skip-link[href='#konten']"), url
        assert soup.find("nav", attrs={"aria-label": "Menu utama"}), url
        assert len(soup.find_all("h1")) == 1, url


def test_every_internal_link_and_image_resolves(demo_build):
    broken = []
    for url, soup in html_pages(demo_build.output):
        for attribute, reference, _ in references(soup):
            if reference.startswith("#"):
                continue
            target = resolve_local(demo_build.output, url, reference)
            if target is not None and not target.is_file():
                broken.append(f"{url} {attribute}={reference}")
    assert not broken, "\n".join(broken)


def test_every_image_has_alt_and_dimensions(demo_build):
    for url, soup in html_pages(demo_build.output):
        for img in soup.find_all("img"):
            assert img.has_attr("alt"), f"{url}: {img}"
            assert img.get("width") and img.get("height"), f"{url}: {img}"
        for figure in soup.select(".lead-figure img, .lead-story img"):
            assert figure["alt"].strip(), url


def test_no_url_points_to_another_host(demo_build):
    offenders = []
    for url, soup in html_pages(demo_build.output):
        for attribute, reference, loaded in references(soup):
            host = urlsplit(reference).netloc
            if host and host not in ALLOWED_LINK_HOSTS:
                offenders.append(f"{url} {attribute}={reference}")
            if host and loaded:
                offenders.append(f"{url} loads {reference} from another host")
    assert not offenders, "\n".join(offenders)


def test_home_page_has_lead_story_latest_and_pinned(demo_build):
    soup = BeautifulSoup(demo_build.page("/"), "html.parser")
    assert soup.select_one(".lead-story .lead-title a")
    assert soup.select_one(".lead-story img")["fetchpriority"] == "high"
    assert len(soup.select(".latest .card")) >= 5
    assert soup.select(".pinned li"), "pinned announcements"


def test_archive_rubric_tag_author_and_month_pages(demo_build):
    archive = BeautifulSoup(demo_build.page("/indeks/"), "html.parser")
    assert archive.h1.get_text() == "Indeks Berita"
    month_link = archive.select_one(".archive-year h3 a")
    month_file = resolve_local(demo_build.output, "/indeks/", month_link["href"])
    month = BeautifulSoup(month_file.read_text(encoding="utf-8"), "html.parser")
    assert month.h1.get_text() == month_link.get_text()
    assert month.select(".card"), "the month archive lists its posts"
    assert re.fullmatch(
        r"(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}",
        month_link.get_text(),
    )
    for path in ("/rubrik/pengumuman/", "/rubrik/kegiatan/", "/topik/coklit/", "/topik/"):
        soup = BeautifulSoup(demo_build.page(path), "html.parser")
        assert soup.h1.get_text(strip=True)
    assert (demo_build.output / "404.html").is_file()
    assert list((demo_build.output / "penulis").glob("*/index.html"))


def test_drafts_only_in_preview(demo_build, published_build):
    drafts = [_headers(p)["slug"] for p in _posts() if _headers(p).get("status") == "draft"]
    assert drafts, "the demo has a draft to preview"
    for slug in drafts:
        assert (demo_build.output / "draf" / slug / "index.html").is_file()
        assert not list(published_build.output.rglob(f"{slug}/index.html"))


def test_published_build_uses_absolute_urls(published_build):
    soup = BeautifulSoup(published_build.page("/"), "html.parser")
    stylesheet = soup.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith("https://ppk-concong.example.id/")


@pytest.mark.parametrize("path", ["/", "/indeks/"])
def test_pages_stay_small(demo_build, path):
    assert len(demo_build.page(path).encode()) < 60_000


def test_published_pages_load_only_from_the_site(published_build):
    offenders = [
        f"{url} {attribute}={reference}"
        for url, soup in html_pages(published_build.output)
        for attribute, reference, loaded in references(soup)
        if loaded and urlsplit(reference).netloc not in ("", "ppk-concong.example.id")
    ]
    assert not offenders, "\n".join(offenders)


# --- issue 16: the demo's facts as residents read them ---------------------------------------


def _text(build, path: str) -> str:
    return BeautifulSoup(build.page(path), "html.parser").find("main").get_text(" ", strip=True)


def _all_text(build) -> str:
    """What readers see on every page (scripts such as JSON-LD left out: they hold URLs)."""
    texts = []
    for _, soup in html_pages(build.output):
        for script in soup.find_all("script"):
            script.decompose()
        texts.append(soup.get_text(" ", strip=True))
    return "\n".join(texts)


def test_pps_sworn_in_on_24_january_2023(demo_build):
    pps_post = _slug_of("2023-01-24")
    text = _text(demo_build, f"/berita/2023/01/{pps_post}/")
    assert "Selasa (24/1/2023)" in text and "17/1/2023" not in text
    assert "24 Januari 2023" in _text(demo_build, "/tentang/")
    assert "Masa kerja 24 Januari 2023" in _text(demo_build, "/petugas/pps/")
    selection = _text(demo_build, f"/berita/2023/01/{_slug_of('2023-01-14')}/")
    assert "24 Januari 2023" in selection and "17 Januari" not in selection


def test_pantarlih_recruitment_starts_after_pps_exist(demo_build):
    stage = BeautifulSoup(demo_build.page("/tahapan/rekrutmen-pantarlih/"), "html.parser")
    start = stage.find("time")["datetime"]
    assert start[:10] == "2023-01-25" and start[:10] > "2023-01-24"
    assert "22 Januari – 1 Februari 2023" in stage.get_text(" ", strip=True)


def test_candidacy_regulations_are_their_own(demo_build):
    presiden = _text(demo_build, "/tahapan/pencalonan-presiden/")
    assert "PKPU Nomor 19 Tahun 2023 tentang Pencalonan Peserta Pemilu Presiden" in presiden
    assert "sebagaimana diubah dengan PKPU Nomor 19" not in presiden
    dpr = _text(demo_build, "/tahapan/pencalonan-dpr-dprd/")
    assert "PKPU Nomor 10 Tahun 2023 tentang Pencalonan Anggota DPR" in dpr
    dpd = _text(demo_build, "/tahapan/pencalonan-dpd/")
    assert "PKPU Nomor 10 Tahun 2022" in dpd and "PKPU Nomor 11 Tahun 2023" in dpd


def test_bodies_ptps_and_supervisor_dates(demo_build):
    directory = _text(demo_build, "/petugas/")
    assert "membantu KPU Kabupaten membentuk PPS" in directory
    assert "Pengawas Tempat Pemungutan Suara (PTPS)" in directory
    ptps = _text(demo_build, "/petugas/ptps/")
    assert "50 dari 50 petugas tercatat" in ptps and "TPS 001" in ptps and "22 Januari 2024" in ptps
    assert "Masa kerja 28 Oktober 2022" in _text(demo_build, "/petugas/panwascam/")
    assert "Masa kerja 5 Februari 2023" in _text(demo_build, "/petugas/pkd/")
    luar = _text(demo_build, "/petugas/desa/concong-luar/")
    assert "Panitia Pengawas Pemilihan Umum Kelurahan (Panwaslu Kelurahan)" in luar


def test_kpu_terms_are_written_as_kpu_writes_them(demo_build):
    text = _all_text(demo_build)
    assert "Model C.Pemberitahuan-KPU" in text and "C6" not in text
    assert "adhoc" not in text.lower() and "badan ad hoc" in text
    assert "Masa tugas" not in text and "Masa kerja" in text
    assert "hari H" not in text
    assert "kursi belum tercatat" not in text
    assert "Daftar Penduduk Potensial Pemilih (DP4)" in text and "Data Penduduk Potensial" not in text
    assert re.search(r"\bTPS 0\d\b", text) is None  # one style: TPS 001, TPS 007
    assert "TPS 007" in text
    assert "Pemilihan Serentak 2024" in text and "Pilkada Serentak" not in text
    assert "Tahapan Pemilu dan Pemilihan" in _text(demo_build, "/tahapan/")


def test_the_bimtek_is_opened_by_the_camat_with_panwascam_present(demo_build):
    text = _text(demo_build, "/berita/2023/02/" + _slug_of("2023-02-11") + "/")
    assert "dibuka oleh Camat Concong" in text and "dihadiri Ketua Panwaslu Kecamatan Concong" in text
    assert "saat membuka bimtek" not in text
