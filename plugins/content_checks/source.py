"""Reading content files the way Pelican's Markdown reader does, keeping line numbers.

Only the metadata header is parsed (same rules as Python-Markdown's `meta`
extension); the body is kept as lines so link and image checks can name the
line. Nothing is rendered: this runs before every build and must stay fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from portal_common.errors import Finding

# Python-Markdown's meta extension (markdown/extensions/meta.py), verbatim rules.
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
_END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass
class MetaValue:
    value: str
    line: int


@dataclass
class SourceFile:
    """One Markdown post or page: header keys (lower-case) with lines, body lines."""

    path: Path
    shown: str
    kind: str  # "article" or "page"
    meta: dict[str, MetaValue] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    body_start: int = 1  # 1-based line number of body[0]
    text: str = ""
    # What USE_FOLDER_AS_CATEGORY would make the rubric when `Category:` is missing.
    folder_category: str | None = None

    def get(self, key: str) -> str | None:
        item = self.meta.get(key)
        return item.value if item else None

    def line_of(self, key: str) -> int:
        item = self.meta.get(key)
        return item.line if item else 1

    def body_lines(self) -> list[tuple[int, str]]:
        return [(self.body_start + i, line) for i, line in enumerate(self.body)]


def decode(path: Path, shown: str) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8; empty or undecodable files become findings."""
    return decode_bytes(path.read_bytes(), shown)


def decode_bytes(raw: bytes, shown: str) -> tuple[str | None, list[Finding]]:
    """`decode` on bytes already read."""
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


def parse_markdown(path: Path, shown: str, kind: str, text: str) -> SourceFile:
    """Split a Markdown file into its metadata header and body, with line numbers."""
    source = SourceFile(path=path, shown=shown, kind=kind, text=text)
    lines = text.split("\n")
    index = 0
    if lines and _BEGIN_RE.match(lines[0]):
        index = 1
    key: str | None = None
    while index < len(lines):
        line = lines[index]
        if index > 0 and _END_RE.match(line) and key is not None:
            index += 1
            break
        if not line.strip():
            index += 1
            break
        match = _META_RE.match(line)
        if match:
            key = match.group("key").strip().lower()
            value = match.group("value").strip()
            if key in source.meta:
                source.duplicate_keys.append((key, index + 1))
                source.meta[key].value += "\n" + value
            else:
                source.meta[key] = MetaValue(value, index + 1)
        else:
            more = _META_MORE_RE.match(line)
            if more and key is not None:
                source.meta[key].value += "\n" + more.group("value").strip()
            else:
                break  # Markdown stops reading metadata here: the rest is body
        index += 1
    source.body = lines[index:]
    source.body_start = index + 1
    return source
