"""Checks on a post's body: images, links and personal data, each with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal_common.errors import Finding
from portal_common.personal_data import describe, find_personal_data

from .config import CheckConfig
from .source import SourceFile

_MD_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(?P<target>\S+?)>?(?:\s|$)")
_HTML_TAG = re.compile(r"<(?P<tag>img|a)\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""(?P<name>[\w:-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""")
_FENCE = re.compile(r"^\s*(```|~~~)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """A link or image in a body, to be resolved once every file is known."""

    source: SourceFile
    line: int
    target: str
    is_image: bool
    alt: str | None  # images only


def _attrs(text: str) -> dict[str, str]:
    found = {}
    for match in _ATTR.finditer(text):
        value = match.group("dq") if match.group("dq") is not None else match.group("sq")
        found[match.group("name").lower()] = value if value is not None else match.group("bare")
    return found


def _line_references(source: SourceFile, number: int, line: str) -> list[Reference]:
    refs = []
    for match in _MD_LINK.finditer(line):
        image = bool(match.group("bang"))
        refs.append(
            Reference(source, number, match.group("target"), image, match.group("text") if image else None)
        )
    ref = _REF_DEF.match(line)
    if ref:
        refs.append(Reference(source, number, ref.group("target"), False, None))
    for match in _HTML_TAG.finditer(line):
        attrs = _attrs(match.group("attrs"))
        if match.group("tag").lower() == "img":
            refs.append(Reference(source, number, attrs.get("src", ""), True, attrs.get("alt")))
        elif "href" in attrs:
            refs.append(Reference(source, number, attrs["href"], False, None))
    return refs


def references(source: SourceFile) -> list[Reference]:
    """Every link and image of the body, skipping fenced code blocks."""
    refs: list[Reference] = []
    in_fence = False
    for number, line in source.body_lines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            refs.extend(_line_references(source, number, line))
    return refs


def alt_findings(refs: list[Reference]) -> list[Finding]:
    return [
        Finding(
            ref.source.shown,
            ref.line,
            f"gambar '{ref.target}' tanpa teks alternatif (image without alt text)",
            "tulis apa yang tampak di gambar di antara kurung siku: ![Petugas PPS mengikuti bimtek](...)",
        )
        for ref in refs
        if ref.is_image and not (ref.alt or "").strip()
    ]


def is_external(target: str) -> bool:
    return bool(_EXTERNAL.match(target)) and not target.startswith(("{", "|"))


def _digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if digits.startswith("62") else digits


def personal_data_findings(shown: str, text: str, config: CheckConfig, *, nik_allowed: bool) -> list[Finding]:
    """NIK-like and phone numbers in text (posts and data files alike)."""
    public = {_digits(n) for n in config.public_numbers}
    findings = []
    for line, kind, snippet in find_personal_data(text):
        if kind == "nik" and not nik_allowed:
            findings.append(
                Finding(
                    shown,
                    line,
                    f"{describe(kind)} '{snippet}' tidak boleh diterbitkan (personal data, UU PDP)",
                    "hapus atau samarkan angkanya (mis. 1404xxxxxxxx0001); bila angka ini bukan NIK, "
                    "tambahkan 'Nik_ok: ya' di header",
                )
            )
        elif kind == "telepon" and _digits(snippet) not in public:
            findings.append(
                Finding(
                    shown,
                    line,
                    f"{describe(kind)} '{snippet}' tidak boleh diterbitkan (personal data, UU PDP)",
                    "cantumkan hanya nomor kantor sekretariat (PORTAL_COMMITTEE['phone'])",
                )
            )
    return findings
