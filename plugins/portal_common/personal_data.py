"""Find personal data (UU 27/2022, Pelindungan Data Pribadi) in published text.

`find_personal_data(text)` is a pure function shared by the officer directory
(which refuses any hit in officer data) and the content checks (which refuse a
NIK in a post unless the post says `Nik_ok: ya`). Each caller decides which
kinds are errors for it; this module only finds them.

Kinds:
    "nik"      a 16-digit number (NIK or Nomor KK), also written in groups
               (`1404 1801 0101 0001`, `140418.010101.0001`)
    "telepon"  an Indonesian mobile number (`0812-3456-7890`, `+62 812 …`)
    "lahir"    a birth date or the label that announces one
               (`tanggal lahir`, `TTL`, `lahir di Tembilahan, 3 Mei 1985`)
    "alamat"   a home address marker (`RT 02/RW 03`, `alamat rumah`)

Line numbers are 1-based in the text given, so a caller that passes a whole
file gets file line numbers.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class PersonalData(NamedTuple):
    """One hit: the 1-based line, the kind (see module doc) and the text found."""

    line: int
    kind: str
    snippet: str


# 16 digits, optionally split by single spaces, dots or hyphens, and not part of
# a longer number. Grouping is free so "6-6-4" and "4-4-4-4" styles both match.
_NIK = re.compile(r"(?<![\d.,/-])\d(?:[ .-]?\d){15}(?![\d]|[.,/-]\d)")
# Mobile numbers: 08xx / +62 8xx / 62 8xx, 10 to 13 digits in all.
_PHONE = re.compile(r"(?<![\d+])(?:\+62|62|0)[ .-]?8\d(?:[ .-]?\d){7,10}(?![\d])")
_MONTHS = (
    r"januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"november|desember|jan|feb|mar|apr|jun|jul|agu|agt|sep|okt|nov|des"
)
_DATE = rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+\d{{4}})"
_BIRTH = re.compile(
    r"\b(?:tanggal|tgl\.?)\s*lahir\b"
    r"|\btempat\s*/\s*(?:tanggal|tgl\.?)\s*lahir\b"
    r"|\bTTL\b"
    rf"|\blahir\b[^\n]{{0,40}}?{_DATE}"
    r"|\bdate\s+of\s+birth\b|\bborn\s+on\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"\bRT\.?\s*\d{1,3}\s*/\s*RW\.?\s*\d{1,3}\b"
    r"|\bRT\.?\s*\d{1,3}\s*,?\s*RW\.?\s*\d{1,3}\b"
    r"|\balamat\s+(?:rumah|tinggal|domisili)\b",
    re.IGNORECASE,
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nik", _NIK),
    ("telepon", _PHONE),
    ("lahir", _BIRTH),
    ("alamat", _ADDRESS),
)
KINDS: dict[str, str] = {
    "nik": "NIK/nomor KK (16 digit)",
    "telepon": "nomor telepon/HP",
    "lahir": "tanggal lahir",
    "alamat": "alamat rumah",
}


def find_personal_data(text: str) -> list[PersonalData]:
    """Return every personal-data hit in `text`, in reading order.

    A phone number is never also reported as a NIK (a 13-digit phone cannot be
    16 digits, but the spans are checked anyway so one string gives one hit).
    """
    hits: list[PersonalData] = []
    for number, line in enumerate(text.splitlines(), start=1):
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, PersonalData]] = []
        for kind, pattern in _PATTERNS:
            for match in pattern.finditer(line):
                span = match.span()
                if any(span[0] < end and start < span[1] for start, end in taken):
                    continue
                taken.append(span)
                found.append((span[0], PersonalData(number, kind, match.group(0).strip())))
        hits.extend(hit for _, hit in sorted(found, key=lambda item: item[0]))
    return hits


def describe(kind: str) -> str:
    """The Indonesian label for a kind, for error messages."""
    return KINDS.get(kind, kind)
