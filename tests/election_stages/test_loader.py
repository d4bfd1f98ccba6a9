"""Loading the stage data: the shipped files, and every mistake named by file and line."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from election_stages.core import load_elections
from portal_common.errors import ContentError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "content" / "data" / "tahapan"

GOOD = """\
slug: pemilu-uji
name: Pemilu Uji
legal_basis: PKPU 1/2099
voting_day: 2024-02-14
updated: 2024-01-01
stages:
  - slug: data
    name: Data pemilih
    start: 2023-01-01
    end: 2023-06-30
    substages:
      - slug: coklit
        name: Coklit
        start: 2023-02-12
        end: 2023-03-14
  - slug: pemungutan
    name: Pemungutan suara
    start: 2024-02-14
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, *extra: tuple[str, str]) -> list:
    folder = tmp_path / "content" / "data" / "tahapan"
    write(folder, "uji.yaml", text)
    for name, other in extra:
        write(folder, name, other)
    return load_elections(folder, tmp_path)


def error_of(tmp_path: Path, text: str, *extra: tuple[str, str]) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load(tmp_path, text, *extra)
    return caught.value


def test_shipped_data_loads():
    elections = load_elections(DATA, ROOT)
    assert [e.slug for e in elections] == ["pemilu-2024", "pilkada-2024"]
    pemilu, pilkada = elections
    assert pemilu.voting_day == date(2024, 2, 14) and pilkada.voting_day == date(2024, 11, 27)
    assert "PKPU Nomor 3 Tahun 2022" in pemilu.legal_basis
    assert "PKPU Nomor 2 Tahun 2024" in pilkada.legal_basis
    slugs = [s.slug for s in pemilu.all_stages()]
    for voter_step in ("coklit", "penyusunan-dps", "dpshp", "penetapan-dpt"):
        assert voter_step in slugs
    coklit = next(s for s in pemilu.all_stages() if s.slug == "coklit")
    assert (coklit.start, coklit.end) == (date(2023, 2, 12), date(2023, 3, 14))
    assert coklit.parent.slug == "pemutakhiran-data-pemilih"
    assert coklit.election is pemilu
    dpd = next(s for s in pemilu.stages if s.slug == "pencalonan-dpd")
    assert dpd.notes  # the flagged amendment is kept as a note
    assert pemilu.stages[0].source == "content/data/tahapan/pemilu-2024.yaml"


def test_shipped_slugs_match_the_agreed_list():
    pemilu, pilkada = load_elections(DATA, ROOT)
    assert [s.slug for s in pemilu.stages] == [
        "perencanaan-program-anggaran",
        "penyusunan-peraturan-kpu",
        "pemutakhiran-data-pemilih",
        "pendaftaran-verifikasi-peserta",
        "penetapan-peserta",
        "penetapan-dapil",
        "pencalonan-dpd",
        "pencalonan-dpr-dprd",
        "pencalonan-presiden",
        "kampanye",
        "masa-tenang",
        "pemungutan-suara",
        "penghitungan-suara",
        "rekapitulasi",
    ]
    assert [s.slug for s in pemilu.stages[2].substages] == [
        "rekrutmen-pantarlih",
        "coklit",
        "penyusunan-dps",
        "dpshp",
        "penetapan-dpt",
    ]
    assert [s.slug for s in pilkada.all_stages()] == [
        "pembentukan-badan-adhoc-pilkada",
        "penyerahan-dp4-pilkada",
        "pemutakhiran-data-pemilih-pilkada",
        "coklit-pilkada",
        "pendaftaran-paslon-pilkada",
        "penetapan-paslon-pilkada",
        "pengundian-nomor-urut-pilkada",
        "kampanye-pilkada",
        "masa-tenang-pilkada",
        "pemungutan-suara-pilkada",
        "rekapitulasi-pilkada",
    ]


def test_good_file_and_one_day_stage(tmp_path):
    (election,) = load(tmp_path, GOOD)
    voting = election.stages[1]
    assert voting.start == voting.end == date(2024, 2, 14)
    assert voting.legal_basis == "PKPU 1/2099"  # inherited from the election
    assert voting.line == 16


def test_missing_folder_means_no_elections(tmp_path):
    assert load_elections(tmp_path / "nothing", tmp_path) == []


def test_unparseable_date(tmp_path):
    err = error_of(tmp_path, GOOD.replace("end: 2023-03-14", "end: 14 Maret 2023"))
    assert err.path == "content/data/tahapan/uji.yaml"
    assert err.line == 15
    assert "bukan tanggal" in err.findings[0].message
    assert "TAHUN-BULAN-TANGGAL" in err.findings[0].hint


def test_impossible_date(tmp_path):
    err = error_of(tmp_path, GOOD.replace("start: 2023-02-12", "start: 2023-02-30"))
    assert err.line == 14
    assert "2023-02-30 tidak ada di kalender" in err.findings[0].message


def test_end_before_start(tmp_path):
    err = error_of(tmp_path, GOOD.replace("end: 2023-06-30", "end: 2022-06-30"))
    assert err.line == 10
    assert "berakhir (2022-06-30) sebelum dimulai (2023-01-01)" in err.findings[0].message


def test_duplicate_slug_across_files(tmp_path):
    other = GOOD.replace("slug: pemilu-uji", "slug: pilkada-uji").replace("slug: data", "slug: data-b")
    other = other.replace("slug: pemungutan\n", "slug: pemungutan-b\n")
    err = error_of(tmp_path, GOOD, ("zz.yaml", other))
    finding = err.findings[0]
    assert finding.path == "content/data/tahapan/zz.yaml" and finding.line == 12
    assert "slug 'coklit' sudah dipakai di content/data/tahapan/uji.yaml:12" in finding.message


def test_duplicate_slug_in_one_file(tmp_path):
    err = error_of(tmp_path, GOOD.replace("slug: pemungutan\n", "slug: data\n"))
    assert err.line == 16 and "slug 'data' sudah dipakai" in err.findings[0].message


def test_substage_outside_parent(tmp_path):
    err = error_of(tmp_path, GOOD.replace("end: 2023-03-14", "end: 2023-07-14"))
    assert err.line == 12
    assert "di luar jadwal tahapan induknya 'data'" in err.findings[0].message


def test_unknown_key_suggests_the_right_one(tmp_path):
    err = error_of(tmp_path, GOOD.replace("    end: 2023-06-30", "    ends: 2023-06-30"))
    assert err.line == 10
    assert "kunci 'ends' tidak dikenal" in err.findings[0].message
    assert "'end'" in err.findings[0].hint


def test_unknown_key_at_election_level(tmp_path):
    err = error_of(tmp_path, GOOD.replace("updated:", "tanggal_update: 2024-01-01\nupdated:"))
    assert err.line == 5 and "kunci 'tanggal_update' tidak dikenal untuk pemilu" in err.findings[0].message


def test_missing_required_keys(tmp_path):
    err = error_of(tmp_path, GOOD.replace("    name: Pemungutan suara\n", ""))
    assert err.line == 16
    assert "tahapan ini belum punya 'name'" in err.findings[0].message
    err = error_of(tmp_path, GOOD.replace("voting_day: 2024-02-14\n", ""))
    assert err.line == 1 and "'voting_day'" in err.findings[0].message


def test_bad_slug(tmp_path):
    err = error_of(tmp_path, GOOD.replace("slug: coklit", "slug: Coklit Desa"))
    assert err.line == 12 and "slug 'Coklit Desa' tidak valid" in err.findings[0].message


def test_stages_must_be_a_list(tmp_path):
    err = error_of(tmp_path, GOOD.split("stages:")[0] + "stages: kampanye\n")
    assert err.line == 6 and "harus berupa daftar" in err.findings[0].message


def test_stage_entry_must_be_a_mapping(tmp_path):
    err = error_of(tmp_path, GOOD.split("stages:")[0] + "stages:\n  - kampanye\n")
    assert "harus berupa tahapan" in err.findings[0].message


def test_empty_stage_list(tmp_path):
    err = error_of(tmp_path, GOOD.split("stages:")[0] + "stages: []\n")
    assert err.line == 6 and "belum punya satu tahapan" in err.findings[0].message


def test_file_that_is_not_a_mapping(tmp_path):
    err = error_of(tmp_path, "- satu\n- dua\n")
    assert err.line == 1 and "berkas tahapan harus berisi" in err.findings[0].message


def test_text_field_given_a_list(tmp_path):
    err = error_of(tmp_path, GOOD.replace("name: Pemilu Uji", "name:\n  - a\n  - b"))
    assert err.line == 2 and "harus berupa teks" in err.findings[0].message


def test_yaml_syntax_error_names_the_line(tmp_path):
    err = error_of(tmp_path, GOOD.replace("    name: Coklit", "    name: Coklit: desa"))
    assert err.path == "content/data/tahapan/uji.yaml" and err.line == 13
    assert "YAML tidak valid" in err.findings[0].message


def test_every_mistake_is_reported_at_once(tmp_path):
    text = GOOD.replace("end: 2023-03-14", "end: 2023-13-01").replace("start: 2024-02-14", "start: kemarin")
    err = error_of(tmp_path, text)
    assert [f.line for f in err.findings] == [15, 18]
    assert "uji.yaml:15: error:" in str(err) and "uji.yaml:18: error:" in str(err)
