"""Finding the article body in a saved page and stripping what is not the story."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

BODY_SELECTORS = (
    "[itemprop=articleBody]",
    ".entry-content",
    ".post-body",
    ".post-content",
    ".article-content",
    ".article-body",
    ".detail__body-text",
    ".read__content",
    ".content-detail",
    ".isi-berita",
    ".td-post-content",
    "article",
    "main",
)
# Active content: dropped with everything inside and listed for the officer (name in the note).
DROPPED = {
    "iframe": "iframe",
    "frame": "frame",
    "frameset": "frameset",
    "object": "object",
    "embed": "embed",
    "applet": "applet",
    "form": "formulir",
    "script": "skrip",
    "noscript": "noscript",
    "svg": "gambar svg",
    "math": "rumus math",
    "video": "video",
    "audio": "audio",
    "canvas": "canvas",
    "template": "template",
}
# Social media embeds: a quote that a script turns into a player or a post.
_EMBED_CLASS = re.compile(
    r"twitter-tweet|twitter-timeline|instagram-media|tiktok-embed|fb-post|fb-video|fb-xfbml|"
    r"reddit-card|bluesky-embed|threads-post",
    re.IGNORECASE,
)
_VOID = {"embed"}
# Page furniture: dropped silently.
JUNK_TAGS = (
    "style",
    "button",
    "ins",
    "nav",
    "aside",
    "footer",
    "select",
    "input",
    "textarea",
    "link",
    "meta",
)
# markdownify recurses once per element level: deeper elements are unwrapped (text kept).
MAX_BODY_DEPTH = 64
_JUNK_NAME = re.compile(
    r"(?:^|[-_\s])(?:ads?|adsbygoogle|advert\w*|iklan\w*|banner\w*|share\w*|sharing|social\w*|sosmed|"
    r"sharedaddy|jp-relatedposts|related\w*|terkait|baca-?juga|berita-?lainnya|lainnya|populer|"
    r"comments?|komentar|newsletter|promo\w*|sponsor\w*|breadcrumbs?|widget\w*|sidebar|author-box|"
    r"post-meta|entry-meta|entry-footer|post-footer|byline|tags?|tag-links|cat-links|navigation|"
    r"pagination|subscribe|follow\w*|whatsapp|telegram)(?:$|[-_\s])",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^\s*(berita|artikel|baca)\s+(lainnya|terkait|juga|populer|terbaru|selanjutnya)\b|^\s*related\b"
    r"|^\s*(share|bagikan)\b",
    re.IGNORECASE,
)
_READ_ALSO = re.compile(r"^\s*(baca\s+juga|simak\s+juga|lihat\s+juga)\s*[:：]", re.IGNORECASE)
_TRACKER_SRC = re.compile(
    r"pixel|tracking|tracker|/tr\?|facebook\.com/tr|google-analytics|googletagmanager|doubleclick|"
    r"stats\.wp\.com|/beacon|scorecardresearch|counter|analytics",
    re.IGNORECASE,
)


def _paragraph_text(tag: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in tag.find_all("p", recursive=False))


def find_body(soup: BeautifulSoup) -> Tag | None:
    """The element holding the story: a known selector, else the one with most paragraph text."""
    matches = soup.select(", ".join(BODY_SELECTORS))  # one pass over the page, not one per selector
    sizes = {id(t): len(t.get_text(" ", strip=True)) for t in matches}
    for selector in BODY_SELECTORS:
        found = [t for t in matches if sizes[id(t)] >= 80 and t.css.match(selector)]
        if found:
            return max(found, key=lambda t: sizes[id(t)])
    candidates = [t for t in soup.find_all(["div", "section", "td", "body"]) if _paragraph_text(t)]
    return max(candidates, key=_paragraph_text, default=soup.body)


def _is_junk(tag: Tag) -> bool:
    names = " ".join([*(tag.get("class") or []), tag.get("id") or ""])
    if names and _JUNK_NAME.search(names):
        return True
    return tag.get("role") in ("navigation", "complementary", "banner") or tag.get("aria-hidden") == "true"


def _is_tracker(img: Tag) -> bool:
    size = [img.get("width", ""), img.get("height", "")]
    tiny = all(str(s).strip().rstrip("px").isdigit() and int(str(s).strip().rstrip("px")) <= 2 for s in size)
    style = (img.get("style") or "").replace(" ", "")
    hidden = "display:none" in style or "visibility:hidden" in style
    return tiny or hidden or bool(_TRACKER_SRC.search(img.get("src") or ""))


def _drop_related_blocks(body: Tag) -> None:
    """'Berita Lainnya' / 'Baca Juga' headings with the list after them, and inline 'Baca juga:' lines."""
    for heading in body.find_all(["h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "div", "span"]):
        if heading.decomposed:
            continue
        text = heading.get_text(" ", strip=True)
        if _RELATED_HEADING.match(text) and len(text) < 40:
            following = heading.find_next_sibling()
            if following is not None and following.name in ("ul", "ol", "div", "section"):
                following.decompose()
            (
                heading.parent if heading.name in ("strong", "b") and heading.parent is not body else heading
            ).decompose()
        elif heading.name == "p" and _READ_ALSO.match(text):
            heading.decompose()


def _source_of(tag: Tag) -> str:
    """The address an embed loads, when it is a web address (for the note)."""
    if _EMBED_CLASS.search(" ".join(tag.get("class") or [])):
        links = [a.get("href", "") for a in tag.find_all("a")]
    else:
        source = tag.find("source")
        links = [tag.get(k, "") for k in ("src", "data-src", "data", "action")]
        links.append(source.get("src", "") if source else "")
    web = [link.strip() for link in links if link.strip().startswith(("http://", "https://"))]
    return web[-1][:120] if web else ""


def drop_active_content(body: Tag) -> list[str]:
    """Remove embeds, frames, forms, scripts and the like; describe each for the officer."""
    dropped: list[str] = []
    embeds = [t for t in body.find_all(True) if _EMBED_CLASS.search(" ".join(t.get("class") or []))]
    embed_ids = {id(t) for t in embeds}
    for tag in embeds + body.find_all(list(DROPPED)):
        if tag.decomposed:
            continue
        name = "sematan media sosial" if id(tag) in embed_ids else DROPPED[tag.name]
        source = _source_of(tag)
        dropped.append(f"{name} ({source})" if source else name)
        if tag.name in _VOID:
            tag.unwrap()  # libxml2 nests what follows an <embed> inside it: keep that
        else:
            tag.decompose()
    return dropped


def flatten(body: Tag, limit: int = MAX_BODY_DEPTH) -> bool:
    """Unwrap elements nested deeper than `limit` below `body`; True when any was."""
    depth = {id(body): 0}
    too_deep = []
    for tag in body.find_all(True):
        level = depth[id(tag.parent)] + 1
        depth[id(tag)] = level
        if level > limit:
            too_deep.append(tag)
    for tag in reversed(too_deep):
        tag.unwrap()
    return bool(too_deep)


def clean_body(body: Tag) -> Tag:
    """Remove ads, share buttons, related lists, trackers and page furniture (after the active content)."""
    for comment in body.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in body.find_all(JUNK_TAGS):
        tag.decompose()
    for tag in body.find_all(True):
        if not tag.decomposed and tag is not body and _is_junk(tag):
            tag.decompose()
    for img in body.find_all("img"):
        if _is_tracker(img):
            img.decompose()
    _drop_related_blocks(body)
    return body
