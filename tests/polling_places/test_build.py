"""The voting-place page in real builds: the demo page, and bad TPS data stopping both the
build and `invoke check` (`sitebuild --check`) with the same file:line, last good site intact."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import tree_digest
from officers.core.model import load_setup
from smallsite import write_small_site

from tests.integrity.sites import run_check

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"
TPS = "data/petugas/tps.yaml"
SHOWN = "content/data/petugas/tps.yaml"


def _demo_tps() -> str:
    return (ROOT / "content" / TPS).read_text(encoding="utf-8")


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# case: (new tps.yaml text, line of the error, words in the message)
def _cases() -> dict[str, tuple[str, int, str]]:
    good = _demo_tps()
    dalam = "  - desa: concong-dalam"
    second = "      - nomor: 2\n        lokasi: SD Negeri 001 Concong Luar"
    coords = 'koordinat: "-0.2789, 103.5663"'
    cases = {
        "unknown_desa": (
            good.replace(dalam, "  - desa: concong-hulu"),
            _line_of(good, dalam),
            "concong-hulu",
        ),
        "duplicate_tps": (
            good.replace(second, second.replace("nomor: 2", "nomor: 1")),
            _line_of(good, second),
            "TPS 001 ditulis dua kali",
        ),
        "count_disagrees": (
            good.replace(second + "\n        " + coords + "\n", ""),
            _line_of(good, "  - desa: concong-luar"),
            "punya 12 TPS menurut wilayah.yaml, tetapi di sini tertulis 11",
        ),
        "bad_coordinates": (
            good.replace(coords, 'koordinat: "103.5663, -0.2789"'),
            _line_of(good, coords),
            "di luar Indonesia",
        ),
        "unknown_key": (
            good.replace(coords, coords + "\n        kapasitas: 300"),
            _line_of(good, coords) + 1,
            "kolom 'kapasitas' tidak dikenal",
        ),
        "personal_data": (
            good.replace("lokasi: SD Negeri 001 Concong Luar", "lokasi: Rumah 0812-3456-7890", 1),
            _line_of(good, "lokasi: SD Negeri 001 Concong Luar"),
            "nomor telepon/HP",
        ),
    }
    return cases


CASES = _cases()


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory, build_site):
    folder = tmp_path_factory.mktemp("good")
    content = write_small_site(folder, {}, with_data=True)
    build = build_site(folder / "output", content=content, overrides={"PORTAL_NOW": NOW})
    assert build.ok, build.messages
    return folder, content, tree_digest(folder / "output")


def _named(messages: str, line: int, words: str) -> bool:
    return any(f"{SHOWN}:{line}: error:" in m and words in m for m in messages.splitlines())


def test_small_site_with_tps_data_has_the_page(last_good_site):
    folder, content, _ = last_good_site
    assert (folder / "output" / "memilih" / "index.html").is_file()
    assert run_check(content).returncode == 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_tps_data_stops_build_and_check_alike(case, last_good_site, build_site, tmp_path):
    folder, content, good_digest = last_good_site
    text, line, words = CASES[case]
    broken = tmp_path / "content"
    shutil.copytree(content, broken)
    (broken / TPS).write_text(text, encoding="utf-8")

    build = build_site(folder / "output", content=broken, overrides={"PORTAL_NOW": NOW})
    checked = run_check(broken)

    assert build.returncode != 0
    assert _named(build.messages, line, words), build.messages
    assert "situs sebelumnya tetap utuh" in build.messages
    assert tree_digest(folder / "output") == good_digest
    assert checked.returncode == 1
    assert _named(checked.stderr, line, words), checked.stderr
    build_errors = sorted(m for m in build.messages.splitlines() if f"{SHOWN}:" in m)
    check_errors = sorted(m for m in checked.stderr.splitlines() if f"{SHOWN}:" in m)
    assert build_errors == check_errors  # one list of checks: the same findings


# --- the demo site -------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(demo_build) -> BeautifulSoup:
    return BeautifulSoup(demo_build.page("/memilih/"), "html.parser")


def test_page_lists_every_desa_with_all_its_tps(page):
    setup = load_setup(ROOT / "content" / "data" / "petugas", "content/data/petugas")
    assert page.h1.get_text(strip=True) == "Di Mana Saya Memilih?"
    for desa in setup.desas:
        section = page.find("section", id=desa.slug)
        assert section is not None, desa.slug
        assert desa.label in section.h2.get_text()
        numbers = [n.get_text(strip=True) for n in section.select(".tps-number")]
        assert numbers == [f"TPS {n:03d}" for n in range(1, desa.tps_count + 1)]
        assert all(loc.get_text(strip=True) for loc in section.select(".tps-location"))
        assert page.select_one(f'.desa-picker a[href="#{desa.slug}"]') is not None


def test_coordinates_are_text_with_map_links_and_no_embedded_map(page):
    coords = page.select(".tps-coords")
    assert coords
    for item in coords:
        text = item.select_one(".tps-coords-text").get_text(strip=True)
        match = re.fullmatch(r"Koordinat: (-?\d+\.\d+), (\d+\.\d+)", text)
        assert match, text
        hrefs = [a["href"] for a in item.find_all("a")]
        assert f"geo:{float(match[1])},{float(match[2])}" in hrefs
        assert any(h.startswith("https://www.openstreetmap.org/?mlat=") for h in hrefs)
    assert not page.find(["iframe", "script", "object", "embed"])


def test_hours_what_to_bring_and_the_kpu_link(page):
    text = page.get_text(" ", strip=True)
    assert "Rabu, 14 Februari 2024" in text and "07.00–13.00 WIB" in text
    assert "KTP-el" in text and "Model C.Pemberitahuan-KPU" in text
    kpu = page.find("a", href="https://cekdptonline.kpu.go.id/")
    assert kpu is not None and "external" in kpu["rel"]
    assert "Situs resmi KPU RI, di luar situs" in kpu.parent.get_text(" ", strip=True)


def test_home_page_and_menu_lead_to_it(demo_build):
    home = BeautifulSoup(demo_build.page("/"), "html.parser")
    entry = home.select_one(".home-vote a")
    assert entry is not None and entry["href"].endswith("memilih/")
    for menu in (".nav-list", ".nav-row"):
        labels = {a.get_text(strip=True): a["href"] for a in home.select(f"{menu} a")}
        assert labels["Lokasi TPS"].endswith("memilih/")
    here = BeautifulSoup(demo_build.page("/memilih/"), "html.parser")
    assert here.select_one('.nav-row a[aria-current="page"]').get_text(strip=True) == "Lokasi TPS"
