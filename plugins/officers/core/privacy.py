"""The privacy guard (UU 27/2022 tentang Pelindungan Data Pribadi).

Officer data may hold only the fields the directory publishes. A key that
names personal data (NIK, phone, address, birth date…) gets its own message,
and every text value is scanned with `find_personal_data`, so a NIK pasted
into a name or an SK number is refused too. (NIK-like numbers in posts are
refused by content_checks with the same detector, unless `Nik_ok: ya`.)
"""

from __future__ import annotations

from portal_common.errors import Finding
from portal_common.personal_data import describe, find_personal_data

LAW = "UU 27/2022 tentang Pelindungan Data Pribadi"
# Keys someone might add to officer data; normalised (lower case, no spaces/dots).
PERSONAL_KEYS: dict[str, str] = {
    **dict.fromkeys(["nik", "noktp", "nomorktp", "ktp", "nokk", "kk", "nomorkk", "nomorinduk"], "NIK/KK"),
    **dict.fromkeys(
        [
            "telepon",
            "telp",
            "tlp",
            "hp",
            "nohp",
            "nomorhp",
            "notelp",
            "notelepon",
            "ponsel",
            "wa",
            "whatsapp",
            "nowa",
            "phone",
            "handphone",
            "kontak",
        ],
        "nomor telepon",
    ),
    **dict.fromkeys(["alamat", "alamatrumah", "domisili", "rt", "rw", "rtrw", "address"], "alamat rumah"),
    **dict.fromkeys(
        [
            "tanggallahir",
            "tgllahir",
            "tempatlahir",
            "ttl",
            "lahir",
            "tempattanggallahir",
            "umur",
            "usia",
            "birthdate",
            "dob",
        ],
        "tempat/tanggal lahir",
    ),
    **dict.fromkeys(["email", "surel", "npwp", "agama", "statusperkawinan"], "data pribadi"),
}


def normalise_key(key: str) -> str:
    return "".join(ch for ch in str(key).lower() if ch.isalnum())


def personal_key(key: str) -> str | None:
    """The kind of personal data a field name announces, or None."""
    return PERSONAL_KEYS.get(normalise_key(key))


def personal_key_finding(path: str, line: int, key: str, kind: str) -> Finding:
    return Finding(
        path,
        line,
        f"kolom '{key}' berisi {kind}; data petugas tidak boleh memuat data pribadi ({LAW})",
        f"hapus baris '{key}'; yang diterbitkan hanya nama, badan, jabatan, divisi, desa, "
        "TPS, masa tugas, SK dan foto",
    )


def value_findings(path: str, line: int, key: str, value: str) -> list[Finding]:
    """Findings for personal data inside one text value of officer data."""
    return [
        Finding(
            path,
            line + hit.line - 1,
            f"kolom '{key}' memuat {describe(hit.kind)} ('{hit.snippet}'); "
            f"data petugas tidak boleh memuat data pribadi ({LAW})",
            "hapus angka/keterangan itu; data pribadi petugas tidak diterbitkan",
        )
        for hit in find_personal_data(value)
    ]
