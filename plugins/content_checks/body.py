"""Checks on a post's body: images, links and personal data, each with its line."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from lxml import etree
from portal_common.errors import Finding
from portal_common.personal_data import describe, find_personal_data

from .config import CheckConfig
from .source import SourceText

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

    source: SourceText
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


def _line_references(source: SourceText, number: int, line: str) -> list[Reference]:
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


def references(source: SourceText) -> list[Reference]:
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


# --- raw HTML that can run code -------------------------------------------------------
#
# The rule (docs/authoring.md, "HTML mentah di berita"): a post or page body may hold raw HTML,
# but nothing that can run code or load another document, because feeds carry the body to
# readers that have no Content-Security-Policy. The HTML Pelican's reader made of the body
# (Python-Markdown with `extra`, so attr_list `{: onclick=...}` and Markdown links count
# too) is parsed by lxml, whose libxml2 (>= 2.14) tokenizes HTML as browsers do
# (comments, raw-text elements, entity-encoded URLs). Each finding is then placed on the
# source line that holds the markup.

if etree.LIBXML_VERSION < (2, 14):  # pragma: no cover - the pinned lxml wheel bundles 2.14
    raise ImportError(
        f"content_checks needs libxml2 >= 2.14 (HTML5 tokenizer), lxml has {etree.LIBXML_VERSION}: "
        "install the pinned lxml wheel (pip install -r requirements.txt)"
    )
_EMBED_HINT = "ganti dengan tautan biasa, mis. [Tonton videonya](https://www.youtube.com/watch?v=...)"
_RAW_TEXT_HINT = "hapus elemen itu; pembaca feed dapat membaca isinya sebagai kode"
_HEAD_HINT = "hapus elemen itu; kepala halaman dan alamat diatur oleh tema"
UNSAFE_ELEMENTS: dict[str, str] = {
    "script": "hapus skripnya; isi berita tidak boleh berisi kode",
    "iframe": _EMBED_HINT,
    "frame": _EMBED_HINT,
    "frameset": _EMBED_HINT,
    "object": _EMBED_HINT,
    "embed": _EMBED_HINT,
    "applet": _EMBED_HINT,
    "portal": _EMBED_HINT,
    "form": "tautkan ke formulirnya dengan tautan biasa, mis. [Isi formulir pendaftaran](https://...)",
    "svg": "simpan gambarnya sebagai berkas di content/images/ lalu pakai ![teks](...)",
    "math": "tulis rumusnya sebagai teks atau gambar",
    "base": _HEAD_HINT,
    "meta": _HEAD_HINT,
    "link": _HEAD_HINT,
    "noscript": _RAW_TEXT_HINT,
    "noembed": _RAW_TEXT_HINT,
    "noframes": _RAW_TEXT_HINT,
    "xmp": _RAW_TEXT_HINT,
    "plaintext": _RAW_TEXT_HINT,
    "textarea": _RAW_TEXT_HINT,
    "title": _RAW_TEXT_HINT,
}
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "codebase",
        "cite",
        "background",
        "poster",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "usemap",
        "ping",
        "manifest",
        "icon",
        "archive",
        "srcset",
        "imagesrcset",
        "xlink:href",
        "xml:base",
    }
)
UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
_UNSAFE_TAG_TEXT = re.compile(r"<(" + "|".join(UNSAFE_ELEMENTS) + r")(?=[\s/>]|$)", re.IGNORECASE)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_TOO_DEEP = "ERR_RESOURCE_LIMIT"
_RUNS_CODE = "dapat menjalankan kode di halaman dan di feed"


@dataclass(frozen=True)
class UnsafeMarkup:
    """One piece of markup in rendered HTML that can run code; `locate` finds it in the source."""

    message: str
    hint: str
    locate: re.Pattern[str]  # on the source line (normalised when `normalised`)
    normalised: bool = False


def _element(tag: str) -> UnsafeMarkup:
    return UnsafeMarkup(
        f"elemen HTML <{tag}> tidak boleh ada di isi tulisan: {_RUNS_CODE} (unsafe raw HTML)",
        UNSAFE_ELEMENTS[tag],
        re.compile(rf"<{re.escape(tag)}(?=[\s/>]|$)", re.IGNORECASE),
    )


def _attribute(tag: str, name: str) -> UnsafeMarkup:
    return UnsafeMarkup(
        f"atribut '{name}' pada <{tag}> {_RUNS_CODE} (unsafe attribute)",
        "hapus atribut itu; isi berita tidak boleh berisi kode",
        re.compile(rf"(?<![\w:-]){re.escape(name)}\s*=", re.IGNORECASE),
    )


def _url(tag: str, name: str, scheme: str) -> UnsafeMarkup:
    hint = (
        "simpan gambarnya sebagai berkas di content/images/ lalu tautkan dengan {static}/images/..."
        if scheme == "data"
        else "pakai alamat https://... atau {static}/... dan {filename}/..."
    )
    return UnsafeMarkup(
        f"alamat '{scheme}:' pada atribut {name} <{tag}> {_RUNS_CODE} (unsafe URL)",
        hint,
        re.compile(rf"(?:=[\"'`]?|\(<?|\]:<?){scheme}:"),
        normalised=True,
    )


def _squeeze(value: str) -> str:
    """A URL as browsers read its scheme: no spaces, tabs, newlines or control characters."""
    return _CONTROL_OR_SPACE.sub("", value).lower()


def _unsafe_scheme(name: str, value: str) -> str | None:
    urls = [part.split()[0] for part in value.split(",") if part.split()] if "srcset" in name else [value]
    for url in urls:
        match = _SCHEME.match(_squeeze(url))
        if match and match.group(1) in UNSAFE_SCHEMES:
            return match.group(1)
    return None


def unsafe_markup(html: str) -> list[UnsafeMarkup]:
    """Everything in an HTML fragment that can run code, in document order."""
    if not html.strip():
        return []
    parser = etree.HTMLParser(recover=True, no_network=True, encoding="utf-8")
    root = etree.fromstring(f"<html><body>{html}</body></html>".encode(), parser)
    found: list[UnsafeMarkup] = []
    seen_tags: set[str] = set()
    for element in root.iter() if root is not None else ():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        if tag in UNSAFE_ELEMENTS:
            found.append(_element(tag))
            seen_tags.add(tag)
        for name, value in element.attrib.items():
            name = name.lower()
            if name.startswith("on") or name == "srcdoc":
                found.append(_attribute(tag, name))
            elif name in URL_ATTRIBUTES and (scheme := _unsafe_scheme(name, value)):
                found.append(_url(tag, name, scheme))
    # Belt and braces: an opener the parser read as text (inside a raw-text element) still counts.
    for match in _UNSAFE_TAG_TEXT.finditer(html):
        if match.group(1).lower() not in seen_tags:
            seen_tags.add(match.group(1).lower())
            found.append(_element(match.group(1).lower()))
    if any(error.type_name == _TOO_DEEP for error in parser.error_log):
        found.append(
            UnsafeMarkup(
                "HTML di isi tulisan bersarang terlalu dalam (lebih dari 255 tingkat) untuk diperiksa",
                "sederhanakan HTML-nya; tutup setiap elemen yang dibuka",
                re.compile(r"<[a-zA-Z]"),
            )
        )
    return found


def raw_html_findings(source: SourceText, rendered: str) -> list[Finding]:
    """An error on the source line of every piece of markup in the body that can run code.

    `rendered`: the body as Pelican's reader rendered it (before it fills in `{static}` links).
    """
    found = unsafe_markup(rendered)
    if not found:
        return []
    lines = source.body_lines()
    normalised = [(number, _squeeze(html.unescape(line))) for number, line in lines]
    taken: dict[tuple[str, bool], int] = {}
    findings = []
    for item in found:
        candidates = [n for n, line in (normalised if item.normalised else lines) if item.locate.search(line)]
        key = (item.locate.pattern, item.normalised)
        index = taken.get(key, 0)
        taken[key] = index + 1
        line = candidates[min(index, len(candidates) - 1)] if candidates else source.body_start
        findings.append(Finding(source.shown, line, item.message, item.hint))
    return findings
