"""Turning the cleaned article body into Markdown: paragraphs, headings, lists, quotes, figures."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from bs4 import NavigableString, Tag

_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "figure",
    "ul",
    "ol",
    "blockquote",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "center",
    "dl",
    "pre",
    "hr",
}
_ESCAPE = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+]\s|\d+\.\s)")


@dataclass
class FigureRef:
    """An image found in the body; `key` marks its place in the Markdown until it is copied."""

    key: str
    src: str
    alt: str
    caption: str
    candidates: list[str] = field(default_factory=list)


@dataclass
class Converted:
    markdown: str
    figures: list[FigureRef]


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


class _Converter:
    def __init__(self, title: str, base_url: str) -> None:
        self.title = title
        self.base_url = base_url
        self.figures: list[FigureRef] = []

    # --- inline ----------------------------------------------------------------------
    def inline(self, node: Tag | NavigableString) -> str:
        if isinstance(node, NavigableString):
            return _escape(re.sub(r"\s+", " ", str(node)))
        name = node.name
        inner = "".join(self.inline(child) for child in node.children)
        if name == "br":
            return "\n"
        if name == "img":
            return ""
        if name in ("strong", "b") and inner.strip():
            return f"**{inner.strip()}** " if inner.endswith(" ") else f"**{inner.strip()}**"
        if name in ("em", "i") and inner.strip():
            return f"*{inner.strip()}*"
        if name == "a":
            href = (
                urljoin(self.base_url, node.get("href", "").strip())
                if self.base_url
                else node.get("href", "")
            )
            if inner.strip() and href.startswith(("http://", "https://", "mailto:")):
                return f"[{inner.strip()}]({href})"
        return inner

    def paragraph(self, node: Tag) -> str:
        return self.paragraph_of(list(node.children))

    # --- blocks ----------------------------------------------------------------------
    def figure(self, node: Tag) -> list[str]:
        images = [node] if node.name == "img" else node.find_all("img")
        caption_tag = node.find(["figcaption"]) or node.select_one(".wp-caption-text, .tr-caption, .caption")
        caption = " ".join(caption_tag.get_text(" ").split()) if caption_tag else ""
        blocks = []
        for img in images:
            src = img.get("data-src") or img.get("data-lazy-src") or img.get("src") or ""
            if src.startswith("data:"):
                src = img.get("data-original", "")
            parent_link = img.find_parent("a")
            candidates = [s for s in (src, parent_link.get("href", "") if parent_link else "") if s]
            key = f"@@figure-{len(self.figures)}@@"
            alt = " ".join((img.get("alt") or "").split())
            self.figures.append(FigureRef(key, src, alt, caption, candidates))
            blocks.append(key)
        return blocks

    def blocks(self, node: Tag) -> list[str]:
        out: list[str] = []
        loose: list[Tag | NavigableString] = []

        def flush() -> None:
            text = self.paragraph_of(loose)
            if text:
                out.append(text)
            loose.clear()

        for child in node.children:
            if isinstance(child, NavigableString):
                loose.append(child)
                continue
            if not isinstance(child, Tag):
                continue
            if child.name not in _BLOCK and child.name != "img" and not child.find([*_BLOCK, "img"]):
                loose.append(child)
                continue
            flush()
            out.extend(self.block(child))
        flush()
        return out

    def paragraph_of(self, nodes: list) -> str:
        text = "".join(self.inline(n) for n in nodes)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), "  \n".join(x for x in lines if x))

    def block(self, node: Tag) -> list[str]:
        name = node.name
        classes = " ".join(node.get("class") or [])
        if name == "img" or name == "figure" or re.search(r"wp-caption|tr-caption-container", classes):
            return self.figure(node)
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(node.get_text(" ").split())
            if not text or (name == "h1" and text == self.title):
                return []
            level = max(2, min(int(name[1]), 4))
            return ["#" * level + " " + _escape(text)]
        if name in ("ul", "ol"):
            items = [li for li in node.find_all("li", recursive=False)]
            marks = [f"{i}." if name == "ol" else "-" for i in range(1, len(items) + 1)]
            lines = [f"{mark} {self.paragraph(li)}" for mark, li in zip(marks, items, strict=True)]
            return ["\n".join(line for line in lines if line.strip() not in ("-", "1."))] if lines else []
        if name == "blockquote":
            inner = self.blocks(node)
            return ["\n>\n".join("> " + b.replace("\n", "\n> ") for b in inner)] if inner else []
        if name == "table":
            return self.table(node)
        if name == "hr":
            return []
        if name == "p" and not node.find(list(_BLOCK - {"p"})):
            figures = self.figure(node) if node.find("img") else []
            text = self.paragraph(node)
            return [*figures, *([text] if text else [])]
        return self.blocks(node)

    def table(self, node: Tag) -> list[str]:
        rows = [
            [" ".join(cell.get_text(" ").split()).replace("|", "\\|") for cell in row.find_all(["th", "td"])]
            for row in node.find_all("tr")
        ]
        rows = [r for r in rows if any(r)]
        if not rows:
            return []
        if node.find("img"):
            return self.figure(node)  # Blogger lays out captioned photos as tables
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return ["\n".join(lines)]


def to_markdown(body: Tag, title: str, base_url: str = "", lead: Tag | None = None) -> Converted:
    """Markdown of `body`; `lead` is a figure found outside it, placed first."""
    converter = _Converter(title, base_url)
    blocks = converter.figure(lead) if lead is not None else []
    blocks += [b for b in converter.blocks(body) if b.strip()]
    return Converted("\n\n".join(blocks), converter.figures)


def figure_html(src: str, alt: str, caption: str, width: int, height: int) -> str:
    """A figure block Pelican passes through as is; `{static}` is resolved at build time."""
    lines = [
        "<figure>",
        f'<img src="{{static}}/{html.escape(src)}" alt="{html.escape(alt)}" width="{width}" '
        f'height="{height}" loading="lazy">',
    ]
    if caption:
        lines.append(f"<figcaption>{html.escape(caption)}</figcaption>")
    lines.append("</figure>")
    return "\n".join(lines)
