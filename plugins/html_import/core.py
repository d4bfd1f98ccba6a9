"""`invoke import-html PAGE.html`: a news article saved from a web page becomes a post.

Pure (no Pelican): parse the saved page with BeautifulSoup, keep the story
(title, date, author, paragraphs, headings, figures with captions), drop the
rest (scripts, ads, share buttons, related-news lists, trackers, inline styles),
copy the images that were saved with the page into content/, and write a
Markdown post whose header passes `invoke check`.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse
from zoneinfo import ZoneInfo

from content_checks.config import simple_slugify
from PIL import Image, UnidentifiedImageError

from . import clean, extract, limits
from .markdown import FigureRef, escape_text, figure_html, to_markdown

IMAGE_FOLDER = "images/impor"
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
SUMMARY_MAX = 160


class ImportProblem(Exception):
    """The page cannot be imported; the message (Indonesian) says why and what to do."""


@dataclass
class CopiedImage:
    path: str  # under content/
    alt: str
    caption: str
    width: int
    height: int


@dataclass
class ImportedPost:
    title: str
    date: datetime
    author: str
    summary: str
    tags: list[str]
    source_url: str
    body: str
    lead: CopiedImage | None
    images: list[CopiedImage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        slug = simple_slugify(self.title)
        if len(slug) > 70:
            slug = slug[:70].rsplit("-", 1)[0]
        return slug or "berita-impor"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _local_file(page: Path, ref: FigureRef) -> tuple[Path | None, bool]:
    """The saved copy of an image: next to the page, or in the browser's PAGE_files folder.

    Only files inside the page's own folder count, after following symbolic links: a page
    cannot make the importer copy `../../etc/...`, an absolute path or a link out of the
    folder into content/. Returns (file, whether a candidate was refused for that reason).
    """
    folder = page.parent.resolve()
    saved_dir = page.parent / f"{page.stem}_files"
    refused = False
    for src in ref.candidates:
        parsed = urlparse(src)
        path = unquote(parsed.path)
        options = [saved_dir / Path(path).name] if Path(path).name else []
        if not parsed.scheme and not src.startswith("//"):
            options.insert(0, Path(path) if path.startswith("/") else page.parent / path)
        for option in options:
            if not _is_file(option):
                continue
            if option.resolve().is_relative_to(folder):
                return option, False
            refused = True
    return None, refused


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long or with a NUL byte: not a saved file
        return False


def _copy_image(source: Path, content_dir: Path, stem: str) -> tuple[str, int, int] | None:
    try:
        with Image.open(source) as picture:
            kind, (width, height) = picture.format, picture.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    relative = f"{stem}{_EXTENSIONS.get(kind or '', source.suffix.lower() or '.jpg')}"
    target = content_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return relative, width, height


def _alt_for(ref: FigureRef, title: str, notes: list[str]) -> str:
    alt = ref.alt
    looks_like_file = re.fullmatch(r"[\w.-]+\.(jpe?g|png|gif|webp)", alt, re.IGNORECASE)
    if alt and not looks_like_file:
        return alt
    if ref.caption:
        return _short(ref.caption, 150)
    notes.append(f"gambar '{ref.src}' tanpa teks alternatif: diisi dari judul, periksa dan perbaiki")
    return _short(f"Foto: {title}", 150)


def _place_images(
    post_body: str,
    figures: list[FigureRef],
    page: Path,
    content_dir: Path,
    title: str,
    stem: str,
    notes: list[str],
) -> tuple[str, list[CopiedImage]]:
    copied: list[CopiedImage] = []
    for ref in figures:
        local, refused = _local_file(page, ref)
        result = _copy_image(local, content_dir, f"{stem}-{len(copied) + 1}") if local else None
        if result is None:
            if refused:
                notes.append(f"gambar '{ref.src}' di luar folder halaman tersimpan; tidak disalin (dilewati)")
            else:
                notes.append(f"gambar '{ref.src}' tidak ikut tersimpan bersama halaman; dilewati")
            replacement = f"*{ref.caption}*" if ref.caption else ""
            post_body = post_body.replace(ref.key, replacement)
            continue
        path, width, height = result
        image = CopiedImage(path, _alt_for(ref, title, notes), ref.caption, width, height)
        # The first image is the lead figure, shown above the story: not a body figure too.
        block = figure_html(path, image.alt, image.caption, width, height) if copied else ""
        post_body = post_body.replace(ref.key, block)
        copied.append(image)
    return post_body, copied


def read_page(page: Path) -> str:
    """The page's text (UTF-8, else Windows-1252), within the size limit."""
    limits.check_size(page.stat().st_size)
    raw = page.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def import_page(
    page: Path, content_dir: Path, timezone: str = "Asia/Jakarta", *, date: datetime | None = None
) -> ImportedPost:
    """Parse `page` and copy its images into `content_dir`; nothing is written for the post yet.

    `date` overrides the publication date found in the page (or stands in for a missing one).
    """
    if not page.is_file():
        raise ImportProblem(f"berkas '{page}' tidak ditemukan")
    zone = ZoneInfo(timezone)
    try:
        text = read_page(page)
        limits.check_shape(text)
    except limits.PageTooBig as problem:
        raise ImportProblem(f"'{page.name}': {problem}") from None
    soup = extract.soup_of(text)
    ld = extract.json_ld(soup)
    body = clean.find_body(soup)
    if body is None:
        raise ImportProblem(f"'{page.name}' tidak berisi teks berita (no article body found)")
    title = extract.find_title(soup, body, ld)
    date = date.astimezone(zone) if date else extract.find_date(soup, body, ld, zone)
    meta = {
        "author": extract.find_author(soup, ld),
        "source_url": extract.find_source_url(soup),
        "summary": extract.find_summary(soup),
        "tags": extract.find_tags(soup),
    }
    if not title:
        raise ImportProblem(f"'{page.name}': judul tidak ditemukan (no title); tambahkan judul secara manual")
    if date is None:
        raise ImportProblem(
            f"'{page.name}': tanggal terbit tidak ditemukan (no date); "
            "pakai --date 'YYYY-MM-DD HH:MM' atau tulis tanggal di header"
        )
    lead_figure = _figure_before(body)
    notes = _dropped_note(clean.drop_active_content(body))
    if clean.flatten(clean.clean_body(body)):
        notes.append(
            f"isi berita bersarang lebih dari {clean.MAX_BODY_DEPTH} tingkat elemen; "
            "bagian terdalam diratakan, periksa tata letaknya"
        )
    converted = to_markdown(body, title, meta["source_url"], lead_figure)
    if not converted.markdown.strip():
        raise ImportProblem(f"'{page.name}' tidak berisi paragraf berita (empty article body)")
    post = ImportedPost(
        title,
        date,
        meta["author"],
        escape_text(_short(meta["summary"], SUMMARY_MAX)),
        meta["tags"],
        meta["source_url"],
        "",
        None,
        notes=notes,
    )
    stem = f"{IMAGE_FOLDER}/{date:%Y}/{post.slug}"
    body_text, post.images = _place_images(
        converted.markdown, converted.figures, page, content_dir, title, stem, notes
    )
    post.body = re.sub(r"\n{3,}", "\n\n", body_text).strip()
    post.lead = post.images[0] if post.images else None
    return post


def _dropped_note(dropped: list[str]) -> list[str]:
    """One note listing what was taken out of the story because it can run code or load a page."""
    if not dropped:
        return []
    listed = ", ".join(f"{n}× {item}" if n > 1 else item for item, n in Counter(dropped).items())
    return [
        f"dibuang dari isi berita (sematan, bingkai, formulir, skrip): {listed}; "
        "bila perlu, tambahkan tautan biasa ke sumbernya, mis. [Tonton videonya](https://...)"
    ]


def _figure_before(body) -> object | None:
    """News portals often put the lead photo just above the story's container."""
    if body.find(["figure", "img"]):
        return None
    figure = body.find_previous("figure")
    return figure if figure is not None and figure.find("img") else None


def render_post(post: ImportedPost, rubric: str, *, draft: bool = True) -> str:
    """The Markdown file: header in the site's metadata names, blank line, body."""
    header = [("Title", post.title), ("Date", f"{post.date:%Y-%m-%d %H:%M}"), ("Category", rubric)]
    if post.tags:
        header.append(("Tags", ", ".join(post.tags)))
    if post.author:
        header.append(("Author", post.author))
    if post.summary:
        header.append(("Summary", post.summary))
    if post.lead:
        header += [("Image", post.lead.path), ("Image_alt", post.lead.alt)]
        if post.lead.caption:
            header.append(("Image_caption", post.lead.caption))
    if post.source_url:
        header.append(("Source_url", post.source_url))
    if draft:
        header.append(("Status", "draft"))
    lines = [f"{key}: {' '.join(str(value).split())}" for key, value in header]
    return "\n".join(lines) + "\n\n" + post.body.strip() + "\n"


def post_path(post: ImportedPost, content_dir: Path) -> Path:
    return content_dir / "posts" / f"{post.date:%Y}" / f"{post.date:%Y-%m-%d}-{post.slug}.md"


def write_post(
    page: Path,
    content_dir: Path,
    rubric: str,
    *,
    draft: bool = True,
    timezone: str = "Asia/Jakarta",
    date: datetime | None = None,
) -> tuple[Path, ImportedPost]:
    """Import `page` as a new post under content/posts/YYYY/; never overwrites a post."""
    with tempfile.TemporaryDirectory(prefix="import-") as scratch:
        staging = Path(scratch)
        post = import_page(page, staging, timezone, date=date)
        target = post_path(post, content_dir)
        if target.exists():
            raise ImportProblem(
                f"'{target.relative_to(content_dir.parent)}' sudah ada (already imported?); "
                "hapus atau ganti nama berkas lama dulu"
            )
        for image in post.images:
            destination = content_dir / image.path
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(staging / image.path, destination)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_post(post, rubric, draft=draft), encoding="utf-8")
    return target, post
