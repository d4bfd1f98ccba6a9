"""The cleaned article body as Markdown: figures set aside, nh3 keeps an allowlist, markdownify converts.

Everything in the saved page is untrusted. Three layers keep the post free of executable markup:
the figures are taken out first (they come back as `figure_html` blocks with escaped values,
pointing at the copied file); nh3 (Ammonia) reduces the rest to an allowlist of text elements
with `href` on links only; markdownify writes Markdown in which every text character that
Python-Markdown could read as markup is escaped (`<` and `&` as entities, since Python-Markdown
does not treat `\\<` as an escape) and every link target is percent-encoded so it cannot end
the Markdown link early.
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

import nh3
from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter, chomp

# What survives into the post: text structure only. Everything else is unwrapped (its text is
# kept) or, for the tags in clean.DROPPED and CLEAN_CONTENT, removed with its content.
ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "blockquote",
        "q",
        "b",
        "strong",
        "i",
        "em",
        "a",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "div",
        "section",
        "article",
        "main",
        "header",
        "center",
        "span",
        "dl",
        "dt",
        "dd",
    }
)
CLEAN_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "noscript",
        "noembed",
        "noframes",
        "template",
        "svg",
        "math",
        "textarea",
        "select",
        "button",
        "canvas",
        "video",
        "audio",
        "title",
        "xmp",
    }
)
LINK_SCHEMES = ("http", "https", "mailto")
_FLOW = {"div", "section", "article", "main", "header", "center", "body", "td", "th"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
# At the start of a line: ATX heading, list item, fenced code; and an ordered list item's dot.
_LINE_START = re.compile(r"(?m)^([ \t]*)(#|[-+](?=[ \t]|$)|~~~)")
_NUMBERED = re.compile(r"(?m)^([ \t]*\d+)([.)])(?=[ \t]|$)")
# Characters kept as they are in a link target; everything else (spaces, quotes, brackets,
# parentheses, backslashes...) is percent-encoded so the target cannot end the Markdown link.
_URL_SAFE = "-._~:/?#@!$&*+,;=%"


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


def escape_text(text: str) -> str:
    """Plain text as Markdown that renders as exactly this text, never as markup."""
    text = html.escape(text, quote=False)  # & < > : no tags, entities or autolinks
    text = _MD_SPECIAL.sub(r"\\\1", text)  # emphasis, code, links, attr_list {...}, table cells
    text = _NUMBERED.sub(r"\1\\\2", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    space, mark = match.groups()
    return space + ("&#126;~~" if mark == "~~~" else f"\\{mark}")


def link_target(href: str, base_url: str) -> str:
    """An http(s)/mailto URL, absolute and percent-encoded for a Markdown link; '' for anything else."""
    href = href.strip()
    if base_url:
        href = urljoin(base_url, href)
    scheme = href.split(":", 1)[0].lower() if ":" in href else ""
    if scheme not in LINK_SCHEMES:
        return ""
    return quote(href, safe=_URL_SAFE)


class _Markdown(MarkdownConverter):
    """markdownify with Python-Markdown's rules: escaping, 4-space list nesting, h2-h4 headings."""

    def __init__(self, title: str, base_url: str) -> None:
        super().__init__(
            heading_style="atx",
            bullets="-",
            strong_em_symbol="*",
            escape_asterisks=False,
            escape_underscores=False,
            escape_misc=False,
            autolinks=False,
            bs4_options="html.parser",
        )
        self.title = title
        self.base_url = base_url

    def convert(self, html_text: str) -> str:
        soup = BeautifulSoup(html_text, "html.parser")
        for listing in soup.find_all("ol"):
            start = int(listing["start"]) if str(listing.get("start", "")).isdigit() else 1
            for number, item in enumerate(listing.find_all("li", recursive=False), start):
                item["data-n"] = str(number)
        return self.convert_soup(soup)

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_text(text) if text else ""

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:  # noqa: N802
        if "_inline" in parent_tags:
            return text
        text = " ".join(text.split())
        if not text or (n == 1 and " ".join(el.get_text(" ").split()) == self.title):
            return ""
        return f"\n\n{'#' * max(2, min(n, 4))} {text}\n\n"

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        prefix, suffix, text = chomp(text)
        href = link_target(el.get("href", ""), self.base_url)
        if not text or not href:
            return prefix + text + suffix
        return f"{prefix}[{text}]({href}){suffix}"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return ""  # figures were taken out before; nothing else may load an image

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if not text:
            return "\n"
        number = el.get("data-n")
        bullet = f"{number}. " if number and el.parent is not None and el.parent.name == "ol" else "- "
        lines = text.split("\n")
        nested = ["    " + line if line.strip() else "" for line in lines[1:]]
        return "\n".join([bullet + lines[0], *nested]) + "\n"


def _caption(node: Tag) -> str:
    caption_tag = node.find("figcaption") or node.select_one(".wp-caption-text, .tr-caption, .caption")
    return " ".join(caption_tag.get_text(" ").split()) if caption_tag else ""


def _is_figure(tag: Tag) -> bool:
    """A block holding a photo and its caption (only when it does hold an image)."""
    if tag.find("img") is None:
        return False
    if tag.name == "figure":
        return True
    if re.search(r"wp-caption|tr-caption-container", " ".join(tag.get("class") or [])):
        return True
    return tag.name == "table"  # Blogger lays out captioned photos as tables


class _Figures:
    """Takes every image out of the body, leaving a placeholder paragraph where it stood."""

    def __init__(self) -> None:
        self.refs: list[FigureRef] = []
        self.token = secrets.token_hex(8)  # page text cannot forge a placeholder

    def refs_of(self, node: Tag) -> list[FigureRef]:
        images = [node] if node.name == "img" else node.find_all("img")
        caption = _caption(node) if node.name != "img" else ""
        found = []
        for img in images:
            src = img.get("data-src") or img.get("data-lazy-src") or img.get("src") or ""
            if src.startswith("data:"):
                src = img.get("data-original", "")
            parent_link = img.find_parent("a")
            candidates = [s for s in (src, parent_link.get("href", "") if parent_link else "") if s]
            alt = " ".join((img.get("alt") or "").split())
            ref = FigureRef(f"IMPORTFIGURE{len(self.refs)}X{self.token}", src, alt, caption, candidates)
            self.refs.append(ref)
            found.append(ref)
        return found

    def take_out(self, body: Tag) -> None:
        maker = BeautifulSoup("", "html.parser")
        taken: set[int] = set()
        for node in list(body.find_all(["figure", "table", "div", "img"])):
            if id(node) in taken or not (node.name == "img" or _is_figure(node)):
                continue
            taken.update(id(inner) for inner in node.find_all(True))
            refs = self.refs_of(node)
            anchor = _flow_ancestor(node, body)
            for ref in refs:
                placeholder = maker.new_tag("p")
                placeholder.string = ref.key
                anchor.insert_before(placeholder)
            node.extract()
            if anchor is not node and not anchor.get_text(strip=True) and not anchor.find("img"):
                anchor.decompose()


def _flow_ancestor(node: Tag, body: Tag) -> Tag:
    """The block a figure must stand before: not inside a paragraph, list, quote or heading."""
    current = node
    while current.parent is not None and current.parent is not body and current.parent.name not in _FLOW:
        current = current.parent
    return current


def sanitize(fragment: str) -> str:
    """nh3 (Ammonia) with the importer's allowlist: text elements, `href` on links, no comments."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CLEAN_CONTENT),
        attributes={"a": {"href"}, "ol": {"start"}, "td": {"colspan"}, "th": {"colspan"}},
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def to_markdown(body: Tag, title: str, base_url: str = "", lead: Tag | None = None) -> Converted:
    """Markdown of `body`; `lead` is a figure found outside it, placed first."""
    figures = _Figures()
    blocks = [ref.key for ref in figures.refs_of(lead)] if lead is not None else []
    figures.take_out(body)
    text = _Markdown(title, base_url).convert(sanitize(str(body)))
    lines = [line.rstrip() if not line.endswith("  ") else line for line in text.split("\n")]
    blocks.append(re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip())
    return Converted("\n\n".join(b for b in blocks if b), figures.refs)


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
