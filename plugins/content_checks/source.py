"""The two things read from a post's source file itself, not from what Pelican parsed.

* `decode_bytes`: an empty or non-UTF-8 file is reported before Pelican reads it.
* `SourceText`: the file's lines with the line of each header key (`line_of`), so a
  finding about what Pelican parsed can name the line the officer wrote it on. The
  header ends where Python-Markdown's `meta` extension (Pelican's reader) ends it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portal_common.errors import Finding

_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE = re.compile(r"^[ ]{4,}\S")
_BEGIN = re.compile(r"^-{3}(\s.*)?$")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")


@dataclass(frozen=True)
class SourceText:
    """A Markdown file's lines; `keys`: each header key (lower-case) -> [(line, value as written)]."""

    path: Path
    shown: str
    lines: tuple[str, ...]
    keys: dict[str, list[tuple[int, str]]]
    body_start: int  # 1-based line number of the first body line

    def line_of(self, key: str) -> int:
        """The line holding `Key:` (1 when the header has no such key)."""
        found = self.keys.get(key)
        return found[0][0] if found else 1

    def value(self, key: str) -> str | None:
        """`Key:` as written on its line (None when the header has no such key)."""
        found = self.keys.get(key)
        return found[0][1] if found else None

    def body_lines(self) -> list[tuple[int, str]]:
        return [(self.body_start + i, line) for i, line in enumerate(self.lines[self.body_start - 1 :])]


def read_source(path: Path, shown: str, text: str) -> SourceText:
    """The header keys with their lines, and where the body starts."""
    lines = text.split("\n")
    keys: dict[str, list[tuple[int, str]]] = {}
    index = 1 if lines and _BEGIN.match(lines[0]) else 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or (index > 0 and keys and _END.match(line)):
            index += 1
            break
        match = _KEY.match(line)
        if match:
            keys.setdefault(match.group("key").lower(), []).append((index + 1, match.group("value").strip()))
        elif not (keys and _MORE.match(line)):
            break  # Markdown stops reading the header here: the rest is body
        index += 1
    return SourceText(path, shown, tuple(lines), keys, index + 1)


def decode_bytes(raw: bytes, shown: str) -> tuple[str | None, list[Finding]]:
    """A file's text (UTF-8, newlines unified); an empty or undecodable file becomes a finding."""
    if not raw.strip():
        return None, [
            Finding(
                shown,
                None,
                "berkas kosong (empty file)",
                "isi berkas atau hapus bila tidak dipakai",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Finding(
                shown,
                line,
                "berkas bukan teks UTF-8 (not UTF-8)",
                "buka di editor teks lalu simpan ulang dengan encoding UTF-8",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
