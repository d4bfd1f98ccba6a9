"""Officer data: bodies, divisions, villages and officers, loaded from YAML.

Layout of the data folder (default `content/data/petugas/`):

* `wilayah.yaml`: the kecamatan and its desa/kelurahan (slug, name, kind,
  Kemendagri code, number of TPS);
* `badan.yaml`: the divisions and the bodies (PPK, PPS, Panwaslu Kecamatan,
  PKD, Pantarlih, KPPS…), with level, size, roles and whether they have
  divisions: bodies and divisions are data, not code;
* `tps.yaml`: the polling places, read by plugins/polling_places;
* every other `*.yaml`: officers. Top-level `badan`, `desa`, `masa_tugas` and
  `sk` are defaults for the `petugas` list below them.

Loading checks everything and raises one ContentError listing every problem,
each with file, line and a hint in Bahasa Indonesia.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from portal_common.datacheck import DataFile, raise_findings
from portal_common.errors import ContentError
from portal_common.yamlfile import LineDict, load_yaml

from . import privacy
from .avatar import initials_svg

CONFIG_FILES = ("wilayah.yaml", "badan.yaml")
# Other data in the folder that is not officers: the polling places (plugins/polling_places).
OTHER_DATA_FILES = ("tps.yaml",)
LEVELS = ("kecamatan", "desa", "tps")
OFFICER_KEYS = (
    "nama",
    "badan",
    "jabatan",
    "divisi",
    "desa",
    "tps",
    "masa_tugas",
    "sk",
    "foto",
)
FILE_KEYS = ("badan", "desa", "masa_tugas", "sk", "petugas")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Desa:
    slug: str
    name: str
    kind: str  # "desa" or "kelurahan"
    code: str
    tps_count: int

    @property
    def label(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"


@dataclass(frozen=True)
class Division:
    slug: str
    name: str


@dataclass(frozen=True)
class Body:
    slug: str
    short: str
    name: str
    level: str  # kecamatan / desa / tps
    organizer: str  # KPU or Bawaslu
    size: int  # members per unit (kecamatan, desa or TPS)
    roles: tuple[str, ...]
    has_divisions: bool
    description: str = ""
    short_kelurahan: str = ""  # e.g. PKD is "Panwaslu Kelurahan" in a kelurahan
    name_kelurahan: str = ""

    def short_in(self, desa: Desa | None) -> str:
        if desa and desa.kind == "kelurahan" and self.short_kelurahan:
            return self.short_kelurahan
        return self.short

    def name_in(self, desa: Desa | None) -> str:
        if desa and desa.kind == "kelurahan" and self.name_kelurahan:
            return self.name_kelurahan
        return self.name


@dataclass(frozen=True)
class Term:
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Decree:
    number: str
    date: date | None


@dataclass
class Officer:
    """One person serving on one body; `image` is set by the photo pipeline."""

    name: str
    body: Body
    role: str
    division: Division | None
    desa: Desa | None
    tps: int | None
    term: Term | None
    decree: Decree | None
    photo: Path | None
    source: str
    line: int
    image: Any = field(default=None, compare=False)

    @property
    def initials(self) -> str:
        words = [w for w in re.split(r"[\s.,'-]+", self.name) if w and w[0].isalpha()]
        letters = [w[0] for w in words[:1] + words[1:][-1:]]
        return "".join(letters).upper() or "?"

    @property
    def tps_label(self) -> str:
        return tps_label(self.tps) if self.tps else ""

    @property
    def role_label(self) -> str:
        return self.role.capitalize()

    @property
    def avatar(self) -> str:
        """Inline SVG initials, shown when there is no photo."""
        return initials_svg(self.initials, self.name)


@dataclass(frozen=True)
class Setup:
    """The kecamatan, its villages, divisions and bodies."""

    kecamatan: str
    desas: tuple[Desa, ...]
    divisions: tuple[Division, ...]
    bodies: tuple[Body, ...]


def find_desa(desas: Iterable[Desa], value: Any) -> Desa | None:
    """The desa a data file names by slug or name (spaces optional, any case)."""
    wanted = str(value).strip().lower()
    return next((desa for desa in desas if wanted in _desa_names(desa)), None)


def _desa_names(desa: Desa) -> tuple[str, ...]:
    return (desa.slug, desa.name.lower(), desa.name.lower().replace(" ", ""))


def _mapping(raw: Any, line: int, key: str, allowed: tuple[str, ...], errors: DataFile) -> LineDict | None:
    """A nested entry such as `masa_tugas:` or `sk:`; None when absent or not a mapping."""
    if raw is None:
        return None
    if not isinstance(raw, LineDict):
        errors.add(
            line,
            f"'{key}' harus berupa daftar kunci: nilai",
            "lihat contoh di docs/foto.md atau berkas data lain di folder ini",
        )
        return None
    _check_keys(raw, allowed, errors)
    return raw


def _slug(item: LineDict, errors: DataFile) -> str:
    slug = errors.text(item, "slug")
    if slug and not _SLUG.match(slug):
        errors.add(
            item.line_of("slug"),
            f"slug '{slug}' tidak valid",
            "pakai huruf kecil, angka dan tanda minus, mis. concong-luar",
        )
    return slug


def _int(item: LineDict, key: str, errors: DataFile, default: int | None = None) -> int:
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        errors.add(item.line_of(key), f"'{key}' harus bilangan bulat positif, bukan '{value}'")
        return default or 1
    return value


def _load_desas(doc: Any, errors: DataFile) -> tuple[str, list[Desa]]:
    desas: list[Desa] = []
    for item in errors.items(doc, "desa"):
        kind = errors.text(item, "jenis").lower()
        if kind and kind not in ("desa", "kelurahan"):
            errors.add(
                item.line_of("jenis"), f"jenis '{kind}' tidak dikenal", "tulis 'desa' atau 'kelurahan'"
            )
        desas.append(
            Desa(
                _slug(item, errors),
                errors.text(item, "nama"),
                kind or "desa",
                errors.text(item, "kode", required=False),
                _int(item, "jumlah_tps", errors, 1),
            )
        )
    kecamatan = str(doc.get("kecamatan", "")) if isinstance(doc, LineDict) else ""
    return kecamatan, desas


def _yes(value: Any) -> bool:
    return value is True or str(value).strip().lower() in ("ya", "yes", "true")


def _load_body(item: LineDict, errors: DataFile) -> Body:
    level = errors.text(item, "tingkat").lower()
    if level and level not in LEVELS:
        errors.add(
            item.line_of("tingkat"),
            f"tingkat '{level}' tidak dikenal",
            "tulis salah satu: " + ", ".join(LEVELS),
        )
    roles = item.get("jabatan") or ["ketua", "anggota"]
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        errors.add(item.line_of("jabatan"), "'jabatan' harus daftar, mis. [ketua, anggota]")
        roles = ["ketua", "anggota"]
    slug = _slug(item, errors)
    if slug == "desa":
        errors.add(
            item.line_of("slug"),
            "slug 'desa' dipakai untuk halaman per desa",
            "pilih slug lain untuk badan ini",
        )
    return Body(
        slug=slug,
        short=errors.text(item, "singkatan"),
        name=errors.text(item, "nama"),
        level=level or "kecamatan",
        organizer=errors.text(item, "lembaga", required=False),
        size=_int(item, "jumlah", errors, 1),
        roles=tuple(r.strip().lower() for r in roles),
        has_divisions=_yes(item.get("divisi", False)),
        description=errors.text(item, "keterangan", required=False),
        short_kelurahan=errors.text(item, "singkatan_kelurahan", required=False),
        name_kelurahan=errors.text(item, "nama_kelurahan", required=False),
    )


def _unique(things: Iterable[Any], what: str, path: str, errors: DataFile) -> None:
    seen: set[str] = set()
    for thing in things:
        if thing.slug in seen:
            errors.add(None, f"{what} '{thing.slug}' ditulis dua kali di {path}")
        seen.add(thing.slug)


def load_setup(folder: Path, display: str) -> Setup:
    """Read wilayah.yaml and badan.yaml; raise ContentError if either is wrong."""
    parts: dict[str, Any] = {}
    for name in CONFIG_FILES:
        path = folder / name
        shown = f"{display}/{name}"
        if not path.is_file():
            raise ContentError(
                shown, None, "berkas tidak ada", "salin contoh dari docs/foto.md ke folder data petugas"
            )
        parts[name] = (load_yaml(path, shown), DataFile(shown))
    doc, errors = parts["wilayah.yaml"]
    kecamatan, desas = _load_desas(doc, errors)
    _unique(desas, "desa", "wilayah.yaml", errors)
    doc, errors = parts["badan.yaml"]
    divisions = [Division(_slug(i, errors), errors.text(i, "nama")) for i in errors.items(doc, "divisi")]
    bodies = [_load_body(i, errors) for i in errors.items(doc, "badan")]
    _unique(divisions, "divisi", "badan.yaml", errors)
    _unique(bodies, "badan", "badan.yaml", errors)
    raise_findings([collector for _, collector in parts.values()])
    return Setup(kecamatan, tuple(desas), tuple(divisions), tuple(bodies))


# --- officers -------------------------------------------------------------------


@dataclass
class _Defaults:
    body: Any = None
    desa: Any = None
    term: Any = None
    decree: Any = None


def _check_keys(item: LineDict, allowed: tuple[str, ...], errors: DataFile) -> None:
    errors.check_keys(item, allowed, privacy.personal_key, privacy.personal_key_finding)


def _scan_values(node: Any, line: int, key: str, errors: DataFile) -> None:
    """Refuse personal data in any text value, however deeply nested."""
    if isinstance(node, LineDict):
        for sub, value in node.items():
            if privacy.personal_key(sub):
                continue  # reported once, by _check_keys
            _scan_values(value, node.line_of(sub), f"{key}.{sub}" if key else sub, errors)
    elif isinstance(node, list):
        for value in node:  # list items: name fields by their own key
            _scan_values(value, getattr(node, "line", line), "", errors)
    elif node is not None:
        errors.findings.extend(privacy.value_findings(errors.path, line, key, str(node)))


def _term(raw: Any, line: int, errors: DataFile) -> Term | None:
    mapping = _mapping(raw, line, "masa_tugas", ("mulai", "selesai"), errors)
    if mapping is None:
        return None
    start = errors.date(mapping, "mulai", "masa_tugas.mulai")
    end = errors.date(mapping, "selesai", "masa_tugas.selesai")
    if start and end and end < start:
        errors.add(
            mapping.line_of("selesai"),
            "masa tugas selesai sebelum mulai",
            "periksa urutan tanggal 'mulai' dan 'selesai'",
        )
    return Term(start, end)


def _decree(raw: Any, line: int, errors: DataFile) -> Decree | None:
    mapping = _mapping(raw, line, "sk", ("nomor", "tanggal"), errors)
    if mapping is None:
        return None
    return Decree(errors.text(mapping, "nomor"), errors.date(mapping, "tanggal", "sk.tanggal"))


def _file_defaults(doc: LineDict, errors: DataFile) -> _Defaults:
    _check_keys(doc, FILE_KEYS, errors)
    return _Defaults(
        body=(doc.get("badan"), doc.line_of("badan")) if "badan" in doc else None,
        desa=(doc.get("desa"), doc.line_of("desa")) if "desa" in doc else None,
        term=_term(doc.get("masa_tugas"), doc.line_of("masa_tugas"), errors),
        decree=_decree(doc.get("sk"), doc.line_of("sk"), errors),
    )


class _OfficerReader:
    """Turns one YAML entry into an Officer, reporting every problem."""

    def __init__(self, setup: Setup, folder: Path, errors: DataFile) -> None:
        self.setup = setup
        self.folder = folder
        self.errors = errors

    def read(self, item: LineDict, defaults: _Defaults) -> Officer | None:
        errors = self.errors
        _check_keys(item, OFFICER_KEYS, errors)
        name = errors.text(item, "nama")
        body = self._body(item, defaults)
        role = self._role(item, body)
        division = self._division(item, body)
        desa = self._desa(item, body, defaults)
        tps = self._tps(item, body, desa)
        term = (
            _term(item["masa_tugas"], item.line_of("masa_tugas"), errors)
            if "masa_tugas" in item
            else defaults.term
        )
        decree = _decree(item["sk"], item.line_of("sk"), errors) if "sk" in item else defaults.decree
        photo = self._photo(item)
        if not (name and body and role):
            return None
        return Officer(name, body, role, division, desa, tps, term, decree, photo, errors.path, item.line)

    def _body(self, item: LineDict, defaults: _Defaults) -> Body | None:
        if "badan" in item:
            raw, line = item["badan"], item.line_of("badan")
        elif defaults.body:
            raw, line = defaults.body
        else:
            self.errors.add(
                item.line,
                "kolom 'badan' wajib diisi",
                "tulis 'badan: …' di entri ini atau sekali di atas 'petugas:'",
            )
            return None
        return self._named(raw, line, "badan", self.setup.bodies, lambda b: (b.slug, b.short.lower()))

    def _role(self, item: LineDict, body: Body | None) -> str:
        role = self.errors.text(item, "jabatan").lower()
        if role and body and role not in body.roles:
            self.errors.add(
                item.line_of("jabatan"),
                f"jabatan '{role}' tidak ada di {body.short}",
                "pilih salah satu: " + ", ".join(body.roles),
            )
        return role

    def _division(self, item: LineDict, body: Body | None) -> Division | None:
        raw = item.get("divisi")
        if raw is None or body is None:
            return None
        if not body.has_divisions:
            self.errors.add(
                item.line_of("divisi"), f"{body.short} tidak memakai divisi", "hapus baris 'divisi'"
            )
            return None
        line = item.line_of("divisi")
        return self._named(raw, line, "divisi", self.setup.divisions, lambda d: (d.slug, d.name.lower()))

    def _desa(self, item: LineDict, body: Body | None, defaults: _Defaults) -> Desa | None:
        if "desa" in item:
            raw, line = item["desa"], item.line_of("desa")
        elif defaults.desa:
            raw, line = defaults.desa
        else:
            raw, line = None, item.line
        if body is None:
            return None
        if body.level == "kecamatan":
            if raw is not None:
                self.errors.add(
                    line, f"{body.short} bertugas di tingkat kecamatan, tanpa desa", "hapus baris 'desa'"
                )
            return None
        if raw is None:
            self.errors.add(
                line,
                f"anggota {body.short} harus punya kolom 'desa'",
                "tambahkan 'desa: …' (nama atau slug desa/kelurahan)",
            )
            return None
        return self._named(raw, line, "desa", self.setup.desas, _desa_names)

    def _named(self, raw: Any, line: int, what: str, things: tuple, names: Callable[[Any], tuple]) -> Any:
        """The body, division or desa `raw` names (by slug or name, any case); else a finding."""
        wanted = str(raw).strip().lower()
        found = next((thing for thing in things if wanted in names(thing)), None)
        if found is None:
            choices = ", ".join(thing.slug for thing in things)
            self.errors.add(line, f"{what} '{raw}' tidak dikenal", "pilih salah satu: " + choices)
        return found

    def _tps(self, item: LineDict, body: Body | None, desa: Desa | None) -> int | None:
        raw = item.get("tps")
        line = item.line_of("tps")
        if body is None:
            return None
        if body.level != "tps":
            if raw is not None:
                self.errors.add(line, f"{body.short} tidak bertugas per TPS", "hapus baris 'tps'")
            return None
        if raw is None:
            self.errors.add(
                item.line,
                f"anggota {body.short} harus punya kolom 'tps'",
                "tambahkan nomor TPS, mis. 'tps: 1'",
            )
            return None
        try:
            number = int(str(raw).strip())
        except ValueError:
            number = 0
        if desa and not 1 <= number <= desa.tps_count:
            self.errors.add(
                line,
                f"TPS '{raw}' tidak ada di {desa.label}",
                f"nomor TPS di {desa.name}: 1 sampai {desa.tps_count}",
            )
            return None
        return number or None

    def _photo(self, item: LineDict) -> Path | None:
        raw = item.get("foto")
        if raw is None or str(raw).strip() == "":
            return None
        path = (self.folder / str(raw).strip()).resolve()
        if not path.is_relative_to(self.folder.resolve()):
            self.errors.add(
                item.line_of("foto"),
                f"foto '{raw}' berada di luar folder data petugas",
                "simpan foto di folder data petugas (mis. foto/nama.jpg) dan tulis jalurnya dari sana",
            )
            return None
        if not path.is_file():
            self.errors.add(
                item.line_of("foto"),
                f"foto '{raw}' tidak ditemukan",
                "foto dicari relatif terhadap folder data petugas; "
                "periksa nama berkas (huruf besar/kecil berpengaruh)",
            )
            return None
        if path.suffix.lower() not in (".jpg", ".jpeg", ".png", ".webp"):
            self.errors.add(
                item.line_of("foto"),
                f"format foto '{path.suffix}' tidak didukung",
                "simpan foto sebagai JPEG (.jpg), PNG atau WebP",
            )
            return None
        return path


def _check_units(officers: list[Officer], errors: dict[str, DataFile]) -> None:
    """At most `size` members and one ketua per body and unit; no duplicates."""
    units: dict[tuple, list[Officer]] = {}
    for officer in officers:
        unit = (officer.body.slug, officer.desa and officer.desa.slug, officer.tps)
        units.setdefault(unit, []).append(officer)
    for members in units.values():
        body = members[0].body
        where = _unit_label(members[0])
        if len(members) > body.size:
            extra = members[body.size]
            errors[extra.source].add(
                extra.line,
                f"{where} sudah {body.size} orang; entri ini melebihi jumlahnya",
                "hapus entri yang tidak lagi menjabat (petugas pengganti: ganti namanya)",
            )
        ketua = [m for m in members if m.role == "ketua"]
        for duplicate in ketua[1:]:
            errors[duplicate.source].add(
                duplicate.line,
                f"{where} punya lebih dari satu ketua",
                "ubah jabatan yang lain menjadi 'anggota'",
            )
        names: set[str] = set()
        for member in members:
            if member.name.lower() in names:
                errors[member.source].add(
                    member.line, f"'{member.name}' ditulis dua kali di {where}", "hapus salah satu entri"
                )
            names.add(member.name.lower())


def tps_label(number: int) -> str:
    """One TPS style everywhere on the site (directory, voting places): "TPS 001"."""
    return f"TPS {number:03d}"


def _unit_label(officer: Officer) -> str:
    label = officer.body.short_in(officer.desa)
    if officer.desa:
        label += f" {officer.desa.name}"
    if officer.tps:
        label += f" {tps_label(officer.tps)}"
    return label


def load_officers(folder: Path, display: str, setup: Setup) -> list[Officer]:
    """Read every officer file in `folder` (all *.yaml but the two config files)."""
    officers: list[Officer] = []
    collectors: dict[str, DataFile] = {}
    for path in sorted(folder.glob("*.y*ml")):
        if path.name in CONFIG_FILES or path.name in OTHER_DATA_FILES:
            continue
        shown = f"{display}/{path.name}"
        errors = collectors[shown] = DataFile(shown)
        doc = load_yaml(path, shown)
        if not isinstance(doc, LineDict):
            errors.add(1, "berkas data petugas harus diawali 'petugas:'")
            continue
        _scan_values(doc, doc.line, "", errors)
        defaults = _file_defaults(doc, errors)
        reader = _OfficerReader(setup, folder, errors)
        for item in errors.items(doc, "petugas"):
            officer = reader.read(item, defaults)
            if officer:
                officers.append(officer)
    _check_units(officers, collectors)
    raise_findings(list(collectors.values()))
    return officers
