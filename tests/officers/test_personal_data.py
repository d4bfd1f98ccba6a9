import pytest
from portal_common.personal_data import PersonalData, describe, find_personal_data


@pytest.mark.parametrize(
    "text",
    [
        "NIK 1404180101850001 tercatat",
        "nomor 1404 1801 0185 0001.",
        "KK: 140418.010185.0001",
        "1404-1801-0185-0001",
    ],
)
def test_sixteen_digit_numbers_are_nik(text):
    hits = find_personal_data(text)
    assert [(h.line, h.kind) for h in hits] == [(1, "nik")]


@pytest.mark.parametrize(
    "text",
    [
        "Nomor SK 05/PP.04.1-Kpt/1404/KPU-Kab/I/2023",
        "Sabtu (11/2/2023) pukul 09.30 WIB",
        "Jumlah pemilih 204.807.222 orang",
        "angka 14041801018500011 (17 digit)",
        "angka 140418010185001 (15 digit)",
        "TPS 001 Desa Concong Dalam, Jl. Pelabuhan",
    ],
)
def test_ordinary_numbers_are_not_personal_data(text):
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "text", ["hubungi 0812-3456-7890", "WA +62 812 3456 7890", "telp 6281234567890", "0813.1234.5678"]
)
def test_mobile_numbers(text):
    assert [h.kind for h in find_personal_data(text)] == ["telepon"]


@pytest.mark.parametrize(
    "text",
    [
        "Tempat/Tgl Lahir: Tembilahan",
        "tanggal lahir 3 Mei 1985",
        "TTL: Concong, 01-02-1985",
        "lahir di Tembilahan, 3 Mei 1985",
        "ia lahir pada 12/03/1990",
    ],
)
def test_birth_dates(text):
    assert "lahir" in {h.kind for h in find_personal_data(text)}


@pytest.mark.parametrize("text", ["Jl. Parit 5 RT 02/RW 03", "RT.002 RW.001", "alamat rumah di ujung"])
def test_home_addresses(text):
    assert [h.kind for h in find_personal_data(text)] == ["alamat"]


def test_hits_carry_line_numbers_and_unpack_as_tuples():
    text = "judul\n\nNIK 1404180101850001 dan HP 081234567890\nselesai"
    hits = find_personal_data(text)
    assert hits == [
        PersonalData(3, "nik", "1404180101850001"),
        PersonalData(3, "telepon", "081234567890"),
    ]
    line, kind, snippet = hits[0]
    assert (line, kind, snippet) == (3, "nik", "1404180101850001")
    assert describe("nik").startswith("NIK")
