"""The news model behind the theme: lead images, pinned posts, related and adjacent posts.

Pure Python: the adapter hands in plain values (paths, tags, dates) and gets
plain values back, so these rules are unit-tested without a Pelican build.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

YES_WORDS = {"ya", "yes", "true", "1", "benar"}
NO_WORDS = {"tidak", "no", "false", "0", "bukan", ""}


@dataclass
class LeadImage:
    """A post's lead figure: what the templates need to render it without layout shift."""

    path: str  # source file, under the content folder
    url: str  # relative to the site root
    width: int
    height: int
    alt: str
    caption: str = ""
    # Filled by the photo pipeline when it publishes resized variants.
    srcset: str = ""
    webp_srcset: str = ""
    sizes: str = ""
    extra: dict = field(default_factory=dict)


class LeadImageProblem(ValueError):
    """Why a lead image cannot be used; `key` is the metadata field to blame."""

    def __init__(self, key: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.key = key
        self.hint = hint


def parse_yes_no(value: object) -> bool | None:
    """`ya`/`tidak` (and English) to bool; None when the word is not understood."""
    word = str(value).strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


def load_lead_image(content_root: Path, image: str, alt: str | None, caption: str | None) -> LeadImage:
    """Check a post's `Image:` field and read the picture's size from its header."""
    relative = PurePosixPath(image.strip().lstrip("/"))
    if ".." in relative.parts:
        raise LeadImageProblem(
            "image",
            f"jalur gambar '{image}' keluar dari folder content",
            "tulis jalur di bawah content/, mis. images/2023/foto.jpg",
        )
    source = content_root / relative
    if not source.is_file():
        raise LeadImageProblem(
            "image",
            f"gambar '{image}' tidak ditemukan (image not found)",
            f"simpan gambar di content/{relative} atau perbaiki jalurnya",
        )
    if not (alt or "").strip():
        raise LeadImageProblem(
            "image",
            f"gambar '{image}' tidak punya teks alternatif (missing Image_alt)",
            "tambahkan baris 'Image_alt: <apa yang tampak di gambar>' untuk pembaca layar",
        )
    try:
        with Image.open(source) as picture:
            width, height = picture.size
    except (UnidentifiedImageError, OSError) as err:
        raise LeadImageProblem(
            "image",
            f"berkas '{image}' bukan gambar yang bisa dibaca ({err})",
            "simpan ulang sebagai JPEG atau PNG",
        ) from err
    return LeadImage(
        path=str(relative),
        url=str(relative),
        width=width,
        height=height,
        alt=alt.strip(),
        caption=(caption or "").strip(),
    )


def related_posts(
    current: Hashable,
    tags_of: dict[Hashable, set[str]],
    dates_of: dict[Hashable, datetime],
    limit: int,
) -> list[Hashable]:
    """Posts sharing the most tags with `current`, newest first among equals."""
    own = tags_of.get(current, set())
    if not own or limit <= 0:
        return []
    scored = [
        (len(own & tags), dates_of[other], other)
        for other, tags in tags_of.items()
        if other != current and own & tags
    ]
    scored.sort(key=lambda row: (row[0], row[1]), reverse=True)
    return [other for _, _, other in scored[:limit]]


def neighbours(ordered_newest_first: Sequence[Hashable]) -> dict[Hashable, tuple]:
    """Map each post to (older, newer): the "previous" and "next" links."""
    result = {}
    for index, post in enumerate(ordered_newest_first):
        older = ordered_newest_first[index + 1] if index + 1 < len(ordered_newest_first) else None
        newer = ordered_newest_first[index - 1] if index > 0 else None
        result[post] = (older, newer)
    return result


def pick_lead(ordered_newest_first: Sequence, has_image: dict) -> object | None:
    """The home page's lead story: the newest post with a lead image."""
    for post in ordered_newest_first:
        if has_image.get(post):
            return post
    return ordered_newest_first[0] if ordered_newest_first else None
