"""Field checks for the YAML data files the media officer edits (officers, polling places).

A `DataFile` collects every problem of one file as a Finding with its line, so
one build reports them all at once, with the same message for the same mistake
in every data file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .errors import ContentError, Finding
from .yamlfile import LineDict


class DataFile:
    """The findings of one data file, shown to the officer as `path`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []

    def add(self, line: int | None, message: str, hint: str = "") -> None:
        self.findings.append(Finding(self.path, line, message, hint))

    def text(self, item: LineDict, key: str, required: bool = True) -> str:
        """The stripped text of `item[key]`; "" (and a finding if required) when empty or not text."""
        value = item.get(key)
        if value is None or str(value).strip() == "":
            if required:
                self.add(item.line_of(key), f"kolom '{key}' wajib diisi", f"tambahkan '{key}: …'")
            return ""
        if isinstance(value, (dict, list)):
            self.add(item.line_of(key), f"kolom '{key}' harus berupa teks, bukan daftar")
            return ""
        return str(value).strip()

    def items(self, doc: Any, key: str, hint: str = "") -> list[LineDict]:
        """The entries of the list `doc[key]` that are mappings; a finding for the rest."""
        if not isinstance(doc, LineDict) or not isinstance(doc.get(key), list):
            line = doc.line_of(key) if isinstance(doc, LineDict) else 1
            self.add(
                line,
                f"berkas harus memuat daftar '{key}:'",
                hint or f"mulai dengan '{key}:' lalu satu baris '- …' per entri",
            )
            return []
        good = []
        for item in doc[key]:
            if isinstance(item, LineDict):
                good.append(item)
            else:
                self.add(doc[key].line, f"setiap entri '{key}' harus berupa kunci: nilai")
        return good

    def date(self, item: LineDict, key: str, shown_key: str = "") -> date | None:
        """`item[key]` as an ISO date (YYYY-MM-DD); None when empty or invalid (with a finding)."""
        raw = item.get(key)
        if raw is None or str(raw).strip() == "":
            return None
        try:
            return date.fromisoformat(str(raw).strip())
        except ValueError:
            self.add(
                item.line_of(key),
                f"tanggal '{raw}' pada '{shown_key or key}' tidak valid",
                "tulis tanggal sebagai TTTT-BB-HH, mis. 2024-02-14",
            )
            return None

    def check_keys(
        self,
        item: LineDict,
        allowed: tuple[str, ...],
        personal: Callable[[str], str | None],
        refuse: Callable[[str, int, str, str], Finding],
    ) -> None:
        """Report unknown keys; `refuse(path, line, key, kind)` words the finding for a key that
        `personal` names as personal data (what may be published differs per file)."""
        for key in map(str, item):
            if key in allowed:
                continue
            kind = personal(key)
            if kind:
                self.findings.append(refuse(self.path, item.line_of(key), key, kind))
            else:
                self.add(
                    item.line_of(key),
                    f"kolom '{key}' tidak dikenal",
                    "kolom yang boleh: " + ", ".join(allowed),
                )


def raise_findings(files: list[DataFile]) -> None:
    """One ContentError naming every problem of every file, if there is any."""
    findings = [f for data_file in files for f in data_file.findings]
    if findings:
        raise ContentError.from_findings(findings)
