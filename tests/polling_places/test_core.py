"""The TPS data loader on its own: the demo file, and each mistake with its file:line."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from officers.core.model import load_setup
from polling_places.core import load_polling_places, read_polling_places
from portal_common.errors import ContentError
from portal_common.yamlfile import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "content" / "data" / "petugas"
SHOWN = "content/data/petugas/tps.yaml"

GOOD = """\
pemilihan: Pemilu 2024
tanggal: 2024-02-14
desa:
  - desa: concong-luar
    tps:
      - nomor: 1
        lokasi: Halaman Kantor Lurah
        koordinat: "-0.2708, 103.5707"
      - nomor: 2
        lokasi: SD Negeri 001
  - desa: Kampung Baru
    tps:
      - nomor: 1
        lokasi: Balai Pertemuan Parit 3
"""


@pytest.fixture(scope="module")
def desas():
    """Two desa with 2 and 1 TPS: the demo's wilayah.yaml, trimmed."""
    setup = load_setup(DATA, "content/data/petugas")
    wanted = {"concong-luar": 2, "kampung-baru": 1}
    return tuple(replace(d, tps_count=wanted[d.slug]) for d in setup.desas if d.slug in wanted)


def read(text: str, desas):
    return read_polling_places(parse_yaml(text, SHOWN), SHOWN, desas)


def problems(text: str, desas) -> list[tuple[int | None, str]]:
    with pytest.raises(ContentError) as caught:
        read(text, desas)
    return [(f.line, f.message) for f in caught.value.findings]


def test_demo_data_matches_wilayah():
    data = load_polling_places(DATA, "content/data/petugas")
    setup = load_setup(DATA, "content/data/petugas")
    assert [v.desa.slug for v in data.villages] == [d.slug for d in setup.desas]
    for village in data.villages:
        assert [p.number for p in village.places] == list(range(1, village.desa.tps_count + 1))
        assert all(p.location for p in village.places)
    assert data.count == sum(d.tps_count for d in setup.desas) == 50
    assert data.day.isoformat() == "2024-02-14"
    assert data.hours == "07.00–13.00 WIB"


def test_no_file_means_no_page(tmp_path):
    for name in ("wilayah.yaml", "badan.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    assert load_polling_places(tmp_path, "data") is None


def test_good_file_model(desas):
    data = read(GOOD, desas)
    luar, baru = data.villages
    assert baru.desa.slug == "kampung-baru"  # a desa may be named as in wilayah.yaml
    first = luar.places[0]
    assert first.label == "TPS 001"
    assert first.coordinates.text == "-0.2708, 103.5707"
    assert first.coordinates.geo_uri == "geo:-0.2708,103.5707"
    assert first.coordinates.osm_url.startswith("https://www.openstreetmap.org/?mlat=-0.2708&mlon=103.5707")
    assert luar.places[1].coordinates is None
    assert data.hours == "07.00–13.00 WIB"  # the default when `jam` is left out


BAD = {
    "unknown_desa": (GOOD.replace("desa: Kampung Baru", "desa: Kampung Lama"), 11, "desa 'Kampung Lama'"),
    "duplicate_number": (GOOD.replace("nomor: 2", "nomor: 1"), 9, "TPS 001 ditulis dua kali"),
    "count_disagrees": (
        GOOD.replace("      - nomor: 2\n        lokasi: SD Negeri 001\n", ""),
        4,
        "punya 2 TPS menurut wilayah.yaml, tetapi di sini tertulis 1",
    ),
    "number_too_high": (
        GOOD.replace("nomor: 2", "nomor: 5"),
        9,
        "TPS 005 tidak ada di Kelurahan Concong Luar",
    ),
    "coordinates_unreadable": (
        GOOD.replace('"-0.2708, 103.5707"', '"-0,2708, 103,5707"'),
        8,
        "tidak bisa dibaca",
    ),
    "coordinates_swapped": (
        GOOD.replace('"-0.2708, 103.5707"', '"103.5707, -0.2708"'),
        8,
        "di luar Indonesia",
    ),
    "unknown_key": (
        GOOD.replace("        lokasi: SD", "        lantai: 2\n        lokasi: SD"),
        10,
        "kolom 'lantai'",
    ),
    "personal_key": (
        GOOD.replace("        lokasi: SD", "        telepon: ada\n        lokasi: SD"),
        10,
        "data pribadi",
    ),
    "phone_in_location": (
        GOOD.replace("lokasi: SD Negeri 001", "lokasi: Rumah Pak Amir 0812-3456-7890"),
        10,
        "nomor telepon/HP",
    ),
    "nik_in_location": (
        GOOD.replace("lokasi: SD Negeri 001", "lokasi: SD 1404180101010001"),
        10,
        "NIK",
    ),
    "missing_location": (
        GOOD.replace("        lokasi: SD Negeri 001\n", ""),
        9,
        "kolom 'lokasi' wajib diisi",
    ),
    "bad_date": (GOOD.replace("2024-02-14", "2024-02-30"), 2, "tanggal '2024-02-30'"),
    "desa_missing": (
        GOOD[: GOOD.index("  - desa: Kampung Baru")],
        3,
        "Desa Kampung Baru belum punya daftar TPS",
    ),
    "desa_twice": (GOOD + GOOD[GOOD.index("  - desa: Kampung Baru") :], 15, "ditulis dua kali"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_mistake_is_named_with_its_line(case, desas):
    text, line, words = BAD[case]
    found = problems(text, desas)
    assert any(at == line and words in message for at, message in found), found


def test_every_problem_at_once(desas):
    text = GOOD.replace("desa: Kampung Baru", "desa: Kampung Lama").replace("nomor: 2", "nomor: 1")
    lines = {line for line, _ in problems(text, desas)}
    assert {9, 11} <= lines


def test_not_a_mapping(desas):
    assert problems("- satu\n- dua\n", desas)[0][0] == 1


def test_errors_in_wilayah_are_reported_too(tmp_path):
    for name in ("badan.yaml", "tps.yaml"):
        shutil.copy(DATA / name, tmp_path / name)
    text = (DATA / "wilayah.yaml").read_text(encoding="utf-8")
    (tmp_path / "wilayah.yaml").write_text(text.replace("jumlah_tps: 12", "jumlah_tps: dua belas"))
    with pytest.raises(ContentError) as caught:
        load_polling_places(tmp_path, "data")
    findings = caught.value.findings
    assert any(f.path == "data/wilayah.yaml" and "jumlah_tps" in f.message for f in findings), findings
