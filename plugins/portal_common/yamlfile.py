"""YAML loading that keeps line numbers, so data errors can name file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError


class LineDict(dict):
    """A mapping from YAML that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and sequences carry 1-based line numbers."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"kunci '{key}' ditulis dua kali (baris {seen[key]} dan {key_node.start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {str(k): v for k, v in seen.items()}
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        items = LineList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1
        return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)


def load_yaml(path: Path, display_path: str | None = None) -> Any:
    """Parse a YAML file; syntax errors become a ContentError with file and line.

    Dates stay strings (the caller parses them, so it can name the line of a bad one).
    """
    shown = display_path or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise ContentError(
            shown, None, "berkas bukan teks UTF-8", "simpan ulang berkas sebagai UTF-8"
        ) from err
    return parse_yaml(text, shown)


def yaml_text(raw: bytes) -> str:
    """The text `load_yaml` parses for these file bytes (UTF-8, universal newlines).

    Raises UnicodeDecodeError for bytes that are not UTF-8.
    """
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, shown: str) -> Any:
    """`load_yaml` on text already read (e.g. to check bytes that were hashed for a memo)."""
    try:
        return yaml.load(text, Loader=_StringDateLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problem = err.problem or err.context or "YAML tidak valid"
        raise ContentError(
            shown,
            line,
            f"YAML tidak valid: {problem}",
            "periksa indentasi (spasi, bukan tab) dan tanda titik dua setelah setiap kunci",
        ) from err


class _StringDateLoader(_LineLoader):
    """Leaves timestamps as strings: `2023-02-30` must be our error, not a crash."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _LineLoader.yaml_implicit_resolvers.items()
}
