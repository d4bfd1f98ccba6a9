"""Polling places (TPS) per desa/kelurahan: loaded from `tps.yaml`, validated, modelled.

The file lives in the officer data folder, beside `wilayah.yaml`, whose desa
list and TPS counts it must agree with; `wilayah.yaml` is read through the
officers plugin's own loader (`officers.core.model.load_setup`), never parsed
twice in two ways. Pure: no Pelican import.

Every problem becomes a Finding with file, line and an Indonesian message, and
loading raises one ContentError listing all of them (as the officer data does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from officers.core.model import Desa, find_desa, load_setup, tps_label
from officers.core.privacy import personal_key
from portal_common.datacheck import DataFile, raise_findings
from portal_common.errors import Finding
from portal_common.personal_data import describe, find_personal_data
from portal_common.yamlfile import LineDict, load_yaml

FILE_NAME = "tps.yaml"
TOP_KEYS = ("pemilihan", "tanggal", "jam", "desa")
VILLAGE_KEYS = ("desa", "tps")
PLACE_KEYS = ("nomor", "lokasi", "koordinat")
DEFAULT_HOURS = "07.00–13.00 WIB"
# Personal data never belongs in TPS data. RT/RW ("alamat") is not refused: a TPS is a
# public place, and its neighbourhood is how residents find it.
_REFUSED_KINDS = ("nik", "telepon", "lahir")
# Indonesia with a margin (latitude, longitude): a point outside it is a typo, a lost
# minus sign or latitude and longitude swapped.
_INDONESIA = ((-11.5, 6.5), (94.5, 141.5))
_NUMBER = re.compile(r"^(?:TPS\s*)?0*(\d+)$", re.IGNORECASE)
_COORDINATE_HINT = 'tulis "lintang, bujur" dalam derajat desimal dengan titik, mis. "-0.2735, 103.5641"'


@dataclass(frozen=True)
class Coordinates:
    latitude: float
    longitude: float
    text: str  # as the committee wrote it (digits kept, spacing tidied)

    @property
    def geo_uri(self) -> str:
        """RFC 5870 `geo:` link: opens the phone's map app."""
        return f"geo:{self.latitude},{self.longitude}"

    @property
    def osm_url(self) -> str:
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


@dataclass(frozen=True)
class PollingPlace:
    number: int
    location: str
    coordinates: Coordinates | None = None

    @property
    def label(self) -> str:
        return tps_label(self.number)


@dataclass(frozen=True)
class VillagePlaces:
    desa: Desa
    places: tuple[PollingPlace, ...]


@dataclass(frozen=True)
class PollingPlaces:
    election: str
    day: date | None
    hours: str
    villages: tuple[VillagePlaces, ...]

    @property
    def count(self) -> int:
        return sum(len(v.places) for v in self.villages)


def load_polling_places(data_dir: Path, display: str) -> PollingPlaces | None:
    """The TPS data of the site, or None when `tps.yaml` does not exist.

    `display`: the data folder as the officer sees it (e.g. "content/data/petugas").
    Raises ContentError naming every problem (of wilayah.yaml too).
    """
    path = data_dir / FILE_NAME
    if not path.is_file():
        return None
    setup = load_setup(data_dir, display)
    shown = f"{display}/{FILE_NAME}"
    return read_polling_places(load_yaml(path, shown), shown, setup.desas)


def read_polling_places(doc: Any, shown: str, desas: tuple[Desa, ...]) -> PollingPlaces:
    """Validate a parsed `tps.yaml` against the desa list of wilayah.yaml."""
    errors = DataFile(shown)
    if not isinstance(doc, LineDict):
        errors.add(1, "berkas TPS harus berisi 'pemilihan:', 'tanggal:' dan daftar 'desa:'")
        raise_findings([errors])
    _check_keys(doc, TOP_KEYS, errors)
    election = _text(doc, "pemilihan", errors)
    day = errors.date(doc, "tanggal")
    hours = _text(doc, "jam", errors, required=False) or DEFAULT_HOURS
    villages = _villages(doc, desas, errors)
    raise_findings([errors])
    return PollingPlaces(election, day, hours, villages)


def _check_keys(item: LineDict, allowed: tuple[str, ...], errors: DataFile) -> None:
    errors.check_keys(item, allowed, personal_key, _personal_key_finding)


def _personal_key_finding(path: str, line: int, key: str, kind: str) -> Finding:
    message = f"kolom '{key}' berisi {kind}; data TPS tidak boleh memuat data pribadi"
    return Finding(path, line, message, f"hapus baris '{key}'")


def _text(item: LineDict, key: str, errors: DataFile, required: bool = True) -> str:
    """The value as one line of text, refusing personal data."""
    text = " ".join(errors.text(item, key, required).split())
    for hit in find_personal_data(text):
        if hit.kind in _REFUSED_KINDS:
            errors.add(
                item.line_of(key),
                f"kolom '{key}' memuat {describe(hit.kind)} ('{hit.snippet}'); "
                "data pribadi tidak boleh diterbitkan (UU 27/2022)",
                "tulis nama tempat umumnya saja, mis. 'Halaman Kantor Desa'",
            )
    return text


def _villages(doc: LineDict, desas: tuple[Desa, ...], errors: DataFile) -> tuple[VillagePlaces, ...]:
    hint = "satu entri '- desa: …' per desa/kelurahan, masing-masing dengan daftar 'tps:'"
    entries = errors.items(doc, "desa", hint)
    if not isinstance(doc.get("desa"), list):
        return ()
    found: dict[str, VillagePlaces] = {}
    lines: dict[str, int] = {}
    for entry in entries:
        village = _village(entry, desas, errors)
        if village is None:
            continue
        slug = village.desa.slug
        if slug in found:
            errors.add(
                entry.line,
                f"{village.desa.label} ditulis dua kali (baris {lines[slug]} dan {entry.line})",
                "gabungkan daftar TPS-nya dalam satu entri",
            )
            continue
        found[slug], lines[slug] = village, entry.line
    for desa in desas:
        if desa.slug not in found:
            errors.add(
                doc.line_of("desa"),
                f"{desa.label} belum punya daftar TPS ({desa.tps_count} TPS menurut wilayah.yaml)",
                f"tambahkan entri '- desa: {desa.slug}' dengan {desa.tps_count} TPS",
            )
    return tuple(found[d.slug] for d in desas if d.slug in found)


def _village(entry: LineDict, desas: tuple[Desa, ...], errors: DataFile) -> VillagePlaces | None:
    _check_keys(entry, VILLAGE_KEYS, errors)
    raw = entry.get("desa")
    if raw is None or str(raw).strip() == "":
        errors.add(entry.line, "kolom 'desa' wajib diisi", "tulis slug atau nama desa dari wilayah.yaml")
        return None
    desa = find_desa(desas, raw)
    if desa is None:
        errors.add(
            entry.line_of("desa"),
            f"desa '{raw}' tidak dikenal (tidak ada di wilayah.yaml)",
            "pilih salah satu: " + ", ".join(d.slug for d in desas),
        )
        return None
    items = entry.get("tps")
    if not isinstance(items, list):
        errors.add(
            entry.line_of("tps"),
            f"{desa.label}: daftar 'tps:' wajib diisi",
            "satu entri '- nomor: …' dengan 'lokasi: …' per TPS",
        )
        return None
    places: dict[int, tuple[PollingPlace, int]] = {}
    for item in items:
        if not isinstance(item, LineDict):
            errors.add(getattr(items, "line", None), "setiap TPS harus berupa kunci: nilai (nomor, lokasi)")
            continue
        place = _place(item, desa, errors)
        if place is None:
            continue
        if place.number in places:
            errors.add(
                item.line_of("nomor"),
                f"{place.label} ditulis dua kali di {desa.label} "
                f"(baris {places[place.number][1]} dan {item.line_of('nomor')})",
                "setiap TPS dalam satu desa punya nomor sendiri",
            )
            continue
        places[place.number] = (place, item.line_of("nomor"))
    if len(items) != desa.tps_count:
        errors.add(
            entry.line_of("desa"),
            f"{desa.label} punya {desa.tps_count} TPS menurut wilayah.yaml, "
            f"tetapi di sini tertulis {len(items)}",
            "samakan jumlahnya: lengkapi daftar TPS atau perbaiki jumlah_tps di wilayah.yaml",
        )
    return VillagePlaces(desa, tuple(places[n][0] for n in sorted(places)))


def _place(item: LineDict, desa: Desa, errors: DataFile) -> PollingPlace | None:
    _check_keys(item, PLACE_KEYS, errors)
    number = _number(item, desa, errors)
    location = _text(item, "lokasi", errors)
    coordinates = _coordinates(item, errors)
    if number is None or not location:
        return None
    return PollingPlace(number, location, coordinates)


def _number(item: LineDict, desa: Desa, errors: DataFile) -> int | None:
    raw = item.get("nomor")
    line = item.line_of("nomor")
    match = _NUMBER.match(str(raw).strip()) if raw is not None and not isinstance(raw, bool) else None
    if match is None or int(match.group(1)) < 1:
        errors.add(line, f"nomor TPS '{raw}' tidak valid", "tulis nomor TPS sebagai angka, mis. 'nomor: 3'")
        return None
    number = int(match.group(1))
    if number > desa.tps_count:
        errors.add(
            line,
            f"TPS {number:03d} tidak ada di {desa.label}",
            f"nomor TPS di {desa.name}: 1 sampai {desa.tps_count} (jumlah_tps di wilayah.yaml)",
        )
        return None
    return number


def _coordinates(item: LineDict, errors: DataFile) -> Coordinates | None:
    raw = item.get("koordinat")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    line = item.line_of("koordinat")
    parts = raw if isinstance(raw, list) else str(raw).split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        latitude, longitude = (float(str(p).strip()) for p in parts)
    except ValueError:
        errors.add(line, f"koordinat '{raw}' tidak bisa dibaca", _COORDINATE_HINT)
        return None
    (south, north), (west, east) = _INDONESIA
    if not (south <= latitude <= north and west <= longitude <= east):
        errors.add(
            line,
            f"koordinat '{raw}' berada di luar Indonesia",
            'lintang ditulis dulu, lalu bujur; lintang selatan bertanda minus, mis. "-0.2735, 103.5641"',
        )
        return None
    written = ", ".join(" ".join(str(p).split()) for p in parts)
    return Coordinates(latitude, longitude, written)
