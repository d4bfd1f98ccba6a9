"""Officer data: the demo loads, and every kind of bad entry is a clear error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from officers.core.directory import build_directory
from officers.core.model import load_officers, load_setup
from portal_common.errors import ContentError

DEMO = Path(__file__).resolve().parents[2] / "content" / "data" / "petugas"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with the demo's wilayah.yaml and badan.yaml, and no officers yet."""
    folder = tmp_path / "petugas"
    folder.mkdir()
    for name in ("wilayah.yaml", "badan.yaml"):
        shutil.copy(DEMO / name, folder / name)
    (folder / "foto").mkdir()
    (folder / "foto" / "ada.jpg").write_bytes((DEMO / "foto" / "fadlan-syahputra.jpg").read_bytes())
    return folder


def load(folder: Path):
    setup = load_setup(folder, "content/data/petugas")
    return setup, load_officers(folder, "content/data/petugas", setup)


def test_demo_data_loads_with_every_body():
    setup, officers = load(DEMO)
    count = {body.slug: sum(o.body is body for o in officers) for body in setup.bodies}
    assert count == {"ppk": 5, "pps": 18, "pantarlih": 50, "panwascam": 3, "pkd": 6, "ptps": 50}
    ketua = next(o for o in officers if o.body.slug == "ppk" and o.role == "ketua")
    assert ketua.name == "Fadlan Syahputra"
    assert ketua.division.name == "Keuangan, Umum dan Logistik"
    assert ketua.term.start.isoformat() == "2023-01-04"
    assert ketua.decree.number.startswith("3/PP.04")
    assert ketua.photo.name == "fadlan-syahputra.jpg"
    assert sum(o.photo is not None for o in officers) == 5


def test_directory_groups_by_body_desa_and_tps():
    setup, officers = load(DEMO)
    directory = build_directory(setup, officers)
    pps = next(p for p in directory.bodies if p.body.slug == "pps")
    assert (pps.url, pps.count, pps.expected, len(pps.groups)) == ("petugas/pps/", 18, 18, 6)
    assert [o.role for o in pps.groups[0].members] == ["ketua", "anggota", "anggota"]
    luar = next(p for p in directory.desas if p.desa.slug == "concong-luar")
    assert luar.url == "petugas/desa/concong-luar/"
    titles = [s.title for s in luar.sections]
    assert "Panitia Pengawas Pemilihan Umum Kelurahan (Panwaslu Kelurahan)" in titles  # a kelurahan
    [tps] = next(s for s in luar.sections if s.body.slug == "pantarlih").groups
    assert tps.heading == "Pantarlih Concong Luar" and tps.expected == 12
    assert [o.tps_label for o in tps.members][:2] == ["TPS 001", "TPS 002"]
    dalam = next(p for p in directory.desas if p.desa.slug == "concong-dalam")
    assert "Panwaslu Kelurahan/Desa (PKD)" in [s.title for s in dalam.sections]


def test_initials_avatar_is_inline_svg_with_a_label():
    _, officers = load(DEMO)
    officer = next(o for o in officers if o.name == "M. Iqbal Ramadhan")
    assert officer.initials == "MR"
    assert 'role="img"' in officer.avatar and "Inisial M. Iqbal Ramadhan" in officer.avatar
    assert 'width="128" height="128"' in officer.avatar and "style=" not in officer.avatar


GOOD = """\
badan: ppk
petugas:
  - nama: Siti Aminah
    jabatan: ketua
    divisi: teknis
"""

BAD = {
    # name: (yaml, expected line, fragment of the message)
    "nik_field": (GOOD + "    nik: 1404180101850001\n", 6, "kolom 'nik' berisi NIK/KK"),
    "phone_field": (GOOD + "    no_hp: 0812-3456-7890\n", 6, "nomor telepon"),
    "address_field": (GOOD + "    alamat: Jl. Parit 5\n", 6, "alamat rumah"),
    "birth_date_field": (GOOD + "    tanggal_lahir: 1985-05-03\n", 6, "tempat/tanggal lahir"),
    "nik_in_a_value": (GOOD.replace("Siti Aminah", "Siti Aminah 1404180101850001"), 3, "NIK/nomor KK"),
    "phone_in_a_value": (GOOD.replace("teknis", "teknis 081234567890"), 5, "nomor telepon/HP"),
    "unknown_field": (GOOD + "    hobi: memancing\n", 6, "kolom 'hobi' tidak dikenal"),
    "missing_name": (GOOD.replace("nama: Siti Aminah\n    ", ""), 3, "kolom 'nama' wajib diisi"),
    "unknown_body": (GOOD.replace("badan: ppk", "badan: kpu"), 1, "badan 'kpu' tidak dikenal"),
    "unknown_role": (GOOD.replace("ketua", "bendahara"), 4, "jabatan 'bendahara' tidak ada di PPK"),
    "unknown_division": (GOOD.replace("teknis", "humas"), 5, "divisi 'humas' tidak dikenal"),
    "division_on_pps": (
        "badan: pps\npetugas:\n  - {nama: A B, jabatan: ketua, desa: Concong Luar, divisi: teknis}\n",
        3,
        "PPS tidak memakai divisi",
    ),
    "pps_without_desa": (
        "badan: pps\npetugas:\n  - {nama: A B, jabatan: ketua}\n",
        3,
        "harus punya kolom 'desa'",
    ),
    "unknown_desa": (
        "badan: pps\npetugas:\n  - {nama: A B, jabatan: ketua, desa: Tembilahan}\n",
        3,
        "desa 'Tembilahan' tidak dikenal",
    ),
    "desa_on_ppk": (GOOD + "    desa: Concong Luar\n", 6, "tingkat kecamatan"),
    "tps_out_of_range": (
        "badan: pantarlih\npetugas:\n  - {nama: A B, jabatan: petugas, desa: Kampung Baru, tps: 8}\n",
        3,
        "TPS '8' tidak ada di Desa Kampung Baru",
    ),
    "pantarlih_without_tps": (
        "badan: pantarlih\npetugas:\n  - {nama: A B, jabatan: petugas, desa: Kampung Baru}\n",
        3,
        "harus punya kolom 'tps'",
    ),
    "bad_date": (
        GOOD.replace("badan: ppk\n", "badan: ppk\nmasa_tugas:\n  mulai: 2023-02-30\n"),
        3,
        "2023-02-30",
    ),
    "term_ends_before_start": (
        GOOD.replace("badan: ppk\n", "badan: ppk\nmasa_tugas:\n  mulai: 2023-02-01\n  selesai: 2023-01-01\n"),
        4,
        "selesai sebelum mulai",
    ),
    "missing_photo": (
        GOOD + "    foto: foto/tidak-ada.jpg\n",
        6,
        "foto 'foto/tidak-ada.jpg' tidak ditemukan",
    ),
    "photo_wrong_format": (GOOD + "    foto: foto/ada.gif\n", 6, "format foto '.gif'"),
    "two_chairs": (
        GOOD + "  - nama: Budi Santoso\n    jabatan: ketua\n    divisi: rendatin\n",
        6,
        "lebih dari satu ketua",
    ),
    "too_many_members": (
        "badan: pkd\npetugas:\n  - {nama: A B, jabatan: pengawas, desa: Concong Luar}\n"
        "  - {nama: C D, jabatan: pengawas, desa: Concong Luar}\n",
        4,
        "sudah 1 orang",
    ),
    "duplicate_person": (GOOD + "  - nama: Siti Aminah\n    jabatan: anggota\n", 6, "ditulis dua kali"),
    "not_a_list": ("badan: ppk\npetugas: Siti\n", 2, "daftar 'petugas:'"),
    "yaml_syntax": ("badan: ppk\npetugas:\n  - nama: [Siti\n", 4, "YAML tidak valid"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_officer_data_names_file_and_line(data, case):
    text, line, fragment = BAD[case]
    if case == "photo_wrong_format":
        (data / "foto" / "ada.gif").write_bytes(b"GIF89a")
    (data / "ppk.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(data)
    finding = caught.value.findings[0]
    assert finding.path == "content/data/petugas/ppk.yaml"
    assert fragment in finding.message, caught.value.format()
    assert finding.line == line, caught.value.format()
    assert finding.hint  # every error says how to fix it


def test_privacy_errors_cite_the_law(data):
    (data / "ppk.yaml").write_text(BAD["nik_field"][0], encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(data)
    assert "UU 27/2022" in caught.value.format()


def test_every_problem_is_reported_at_once(data):
    text = GOOD + "    nik: 1404180101850001\n    hobi: memancing\n"
    (data / "ppk.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(data)
    assert [f.line for f in caught.value.findings] == [6, 7]


def test_missing_config_file_is_named(data):
    (data / "badan.yaml").unlink()
    with pytest.raises(ContentError, match="content/data/petugas/badan.yaml"):
        load(data)


def test_unknown_level_in_badan_yaml(data):
    text = (data / "badan.yaml").read_text(encoding="utf-8").replace("tingkat: tps", "tingkat: rt")
    (data / "badan.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(data)
    assert caught.value.path == "content/data/petugas/badan.yaml"
    assert "tingkat 'rt' tidak dikenal" in caught.value.findings[0].message
