"""Bounds on a saved page, checked before BeautifulSoup builds its (slow, Python) tree.

A saved news page is a few hundred kilobytes to a few megabytes (inline scripts and pictures)
with a few thousand elements. Far larger or deeper pages are broken or hostile: they get a
clear error instead of minutes of parsing, a RecursionError or a crash. lxml (C) counts the
elements in well under a second even at the size limit.
"""

from __future__ import annotations

from lxml import etree

MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_PAGE_ELEMENTS = 25_000
MAX_NESTING = 255  # libxml2's own limit: it stops reading a deeper page


class PageTooBig(Exception):
    """The page is beyond a limit; the message (Indonesian) says which and what to do."""


def _number(value: float, decimals: int = 0) -> str:
    """Indonesian number: '.' between thousands, ',' before decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def check_size(size: int) -> None:
    if size > MAX_PAGE_BYTES:
        raise PageTooBig(
            f"halaman terlalu besar ({_number(size / 1024 / 1024, 1)} MB; "
            f"batas {MAX_PAGE_BYTES // 1024 // 1024} MB); simpan ulang sebagai 'Halaman web, hanya HTML' "
            "atau salin teks beritanya ke berkas baru dengan 'invoke new'"
        )


def check_shape(html: str) -> None:
    """Too many elements, or nested deeper than MAX_NESTING: PageTooBig."""
    if not html.strip():
        return
    parser = etree.HTMLParser(recover=True, no_network=True, encoding="utf-8")
    try:
        root = etree.fromstring(html.encode("utf-8", "replace"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return  # unreadable for lxml's tree: BeautifulSoup decides
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        raise PageTooBig(
            f"struktur halaman terlalu dalam (lebih dari {MAX_NESTING} tingkat elemen bersarang); "
            "halaman rusak atau bukan berita: salin teks beritanya ke berkas baru dengan 'invoke new'"
        )
    count = int(root.xpath("count(//*)")) if root is not None else 0
    if count > MAX_PAGE_ELEMENTS:
        raise PageTooBig(
            f"halaman terlalu rumit ({_number(count)} elemen; batas {_number(MAX_PAGE_ELEMENTS)}); "
            "salin teks beritanya ke berkas baru dengan 'invoke new'"
        )
