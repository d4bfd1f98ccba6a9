"""Read the stage data files (one YAML file per election) and validate them.

Every problem becomes a Finding naming the file and line; all findings of all
files are reported together, so the media officer fixes them in one round.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path
from typing import Any

from portal_common.errors import ContentError, Finding
from portal_common.yamlfile import LineDict, load_yaml

from .model import Election, Stage

ELECTION_KEYS = ("slug", "name", "legal_basis", "voting_day", "updated", "description", "stages")
ELECTION_REQUIRED = ("slug", "name", "legal_basis", "voting_day", "updated", "stages")
STAGE_KEYS = ("slug", "name", "start", "end", "description", "legal_basis", "notes", "substages")
STAGE_REQUIRED = ("slug", "name", "start")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_HINT = "tulis tanggal sebagai TAHUN-BULAN-TANGGAL, mis. 2023-02-12"


class _FileReader:
    """Validates one election file, collecting findings instead of stopping at the first."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown
        self.findings: list[Finding] = []

    def error(self, line: int | None, message: str, hint: str = "") -> None:
        self.findings.append(Finding(self.shown, line, message, hint))

    def read(self) -> Election | None:
        data = load_yaml(self.path, self.shown)
        if not isinstance(data, LineDict):
            self.error(
                1,
                "berkas tahapan harus berisi data pemilu (slug, name, stages, …)",
                "lihat contoh di content/data/tahapan/pemilu-2024.yaml",
            )
            return None
        self.check_keys(data, ELECTION_KEYS, ELECTION_REQUIRED, "pemilu")
        election = Election(
            slug=self.slug(data),
            name=self.text(data, "name"),
            legal_basis=self.text(data, "legal_basis"),
            voting_day=self.date(data, "voting_day") or date.min,
            updated=self.date(data, "updated") or date.min,
            description=self.text(data, "description"),
            source=self.shown,
            line=data.line,
        )
        election.stages = self.stage_list(data, "stages", election, None)
        if "stages" in data and not election.stages and isinstance(data["stages"], list):
            self.error(data.line_of("stages"), "pemilu ini belum punya satu tahapan pun")
        return election

    def stage_list(self, data: LineDict, key: str, election: Election, parent: Stage | None) -> list[Stage]:
        items = data.get(key)
        if items is None:
            return []
        if not isinstance(items, list):
            self.error(
                data.line_of(key),
                f"'{key}' harus berupa daftar tahapan (setiap tahapan diawali '- ')",
            )
            return []
        stages = []
        for item in items:
            if not isinstance(item, LineDict):
                line = getattr(items, "line", data.line_of(key))
                self.error(line, f"setiap isi '{key}' harus berupa tahapan dengan slug, name, start")
                continue
            stage = self.stage(item, election, parent)
            if stage is not None:
                stages.append(stage)
        return stages

    def stage(self, data: LineDict, election: Election, parent: Stage | None) -> Stage | None:
        self.check_keys(data, STAGE_KEYS, STAGE_REQUIRED, "tahapan")
        start = self.date(data, "start")
        end = self.date(data, "end") if "end" in data else start
        stage = Stage(
            slug=self.slug(data),
            name=self.text(data, "name"),
            start=start or date.min,
            end=end or date.min,
            description=self.text(data, "description"),
            legal_basis=self.text(data, "legal_basis") or election.legal_basis,
            notes=self.text(data, "notes"),
            parent=parent,
            election=election,
            source=self.shown,
            line=data.line,
        )
        if start and end and end < start:
            self.error(
                data.line_of("end"),
                f"tahapan '{stage.slug}' berakhir ({end}) sebelum dimulai ({start})",
                "periksa urutan 'start' dan 'end'",
            )
        elif start and end and parent is not None and _outside(parent, start, end):
            self.error(
                data.line,
                f"subtahapan '{stage.slug}' ({start} s.d. {end}) berada di luar jadwal "
                f"tahapan induknya '{parent.slug}' ({parent.start} s.d. {parent.end})",
                "sesuaikan tanggalnya, atau perpanjang jadwal tahapan induk",
            )
        stage.substages = self.stage_list(data, "substages", election, stage)
        return stage

    def check_keys(
        self, data: LineDict, allowed: tuple[str, ...], required: tuple[str, ...], what: str
    ) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"maksud Anda '{close[0]}'?" if close else f"kunci yang dikenal: {', '.join(allowed)}"
                self.error(data.line_of(str(key)), f"kunci '{key}' tidak dikenal untuk {what}", hint)
        for key in required:
            if key not in data:
                self.error(data.line, f"{what} ini belum punya '{key}'", f"tambahkan baris '{key}: …'")

    def text(self, data: LineDict, key: str) -> str:
        value = data.get(key)
        if value is None:
            if key in data and key in ("name", "slug", "legal_basis"):
                self.error(data.line_of(key), f"'{key}' kosong")
            return ""
        if isinstance(value, (dict, list)):
            self.error(data.line_of(key), f"'{key}' harus berupa teks, bukan daftar")
            return ""
        return str(value).strip()

    def slug(self, data: LineDict) -> str:
        slug = self.text(data, "slug")
        if slug and not _SLUG.match(slug):
            self.error(
                data.line_of("slug"),
                f"slug '{slug}' tidak valid",
                "pakai huruf kecil, angka dan tanda hubung saja, mis. 'coklit' atau 'masa-tenang'",
            )
        return slug

    def date(self, data: LineDict, key: str) -> date | None:
        value = data.get(key)
        if key not in data:
            return None
        text = "" if value is None else str(value).strip()
        if not _ISO_DATE.match(text):
            self.error(data.line_of(key), f"'{key}': '{text}' bukan tanggal", _DATE_HINT)
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.error(data.line_of(key), f"'{key}': tanggal {text} tidak ada di kalender", _DATE_HINT)
            return None


def _outside(parent: Stage, start: date, end: date) -> bool:
    if parent.start == date.min or parent.end == date.min:
        return False  # the parent's own dates are already reported as wrong
    return start < parent.start or end > parent.end


def shown_path(path: Path, display_root: Path) -> str:
    """`path` as the officer sees it: relative to `display_root` (the project folder) when inside it."""
    try:
        return path.resolve().relative_to(Path(display_root).resolve()).as_posix()
    except ValueError:
        return str(path)


def _duplicates(elections: list[Election]) -> list[Finding]:
    """Slugs must be unique across all elections: posts name a stage by slug alone."""
    findings = []
    seen: dict[str, Any] = {}
    for election in elections:
        for item in [election, *election.all_stages()]:
            if not item.slug:
                continue
            if item.slug in seen:
                first = seen[item.slug]
                findings.append(
                    Finding(
                        item.source,
                        item.line,
                        f"slug '{item.slug}' sudah dipakai di {first.source}:{first.line}",
                        "setiap pemilu dan tahapan perlu slug yang berbeda "
                        "(mis. tambahkan akhiran '-pilkada')",
                    )
                )
            else:
                seen[item.slug] = item
    return findings


def load_elections(data_dir: Path, display_root: Path) -> list[Election]:
    """All elections in `data_dir/*.yaml`, sorted by voting day.

    Raises ContentError (every problem, each with file and line) on bad data.
    Paths in messages are shown relative to `display_root`. A missing folder
    means no elections.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    files = sorted([*data_dir.glob("*.yaml"), *data_dir.glob("*.yml")])
    findings: list[Finding] = []
    elections: list[Election] = []
    for path in files:
        reader = _FileReader(path, shown_path(path, display_root))
        election = reader.read()
        findings.extend(reader.findings)
        if election is not None:
            elections.append(election)
    findings.extend(_duplicates(elections))
    if findings:
        raise ContentError.from_findings(findings)
    return sorted(elections, key=lambda e: (e.voting_day, e.slug))
