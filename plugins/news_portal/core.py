"""The news model behind the theme: lead images, pinned posts, related and adjacent posts.

Pure Python: the adapter hands in plain values (paths, tags, dates) and gets
plain values back, so these rules are unit-tested without a Pelican build.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from PIL import UnidentifiedImageError
from portal_common.imagelimits import ImageTooLarge, open_bounded

YES_WORDS = {"ya", "yes", "true", "1", "benar"}
NO_WORDS = {"tidak", "no", "false", "0", "bukan", ""}


@dataclass
class LeadImage:
    """A post's lead figure, the one object from the `Image:` header to the page, the feed
    items and the share tags: news_portal reads it, the photo pipeline (officers) fills
    `published`, feeds and templates read it (the theme prints it with `picture()`)."""

    path: str  # source file, under the content folder
    width: int  # as read from the file's header
    height: int
    alt: str
    caption: str = ""
    published: Any = None  # officers' ProcessedImage: the clean original and its variants

    @property
    def src(self) -> Any:
        """The `<img src>` file (`path`, `width`, `height`): the published clean original
        at the source's own URL, or the source itself before the photo pipeline ran."""
        return self.published.src if self.published is not None else self

    @property
    def webp_srcset(self) -> str:
        return self.published.webp_srcset if self.published is not None else ""

    @property
    def srcset(self) -> str:
        return self.published.srcset if self.published is not None else ""


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
        with open_bounded(source) as picture:
            width, height = picture.size
    except ImageTooLarge as err:
        raise LeadImageProblem("image", f"'{image}': {err.message}", err.hint) from err
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise LeadImageProblem(
            "image",
            f"berkas '{image}' bukan gambar yang bisa dibaca ({err})",
            "simpan ulang sebagai JPEG atau PNG",
        ) from err
    return LeadImage(
        path=str(relative),
        width=width,
        height=height,
        alt=alt.strip(),
        caption=(caption or "").strip(),
    )


# Per shared tag, only posts this close in the tag's timeline are candidates: related
# news is news from around the same time, and the work stays linear in the number of
# posts (comparing every post with every other grows with its square).
RELATED_WINDOW = 100


def related_posts_for_all(
    tags_of: dict[Hashable, set[str]],
    dates_of: dict[Hashable, datetime],
    limit: int,
    window: int = RELATED_WINDOW,
) -> dict[Hashable, list[Hashable]]:
    """For every post, the posts sharing the most tags with it (newer first among equals)."""
    timelines: dict[str, list[Hashable]] = {}
    for post, tags in tags_of.items():
        for tag in tags:
            timelines.setdefault(tag, []).append(post)
    order = {post: (dates_of[post], str(post)) for post in tags_of}  # newer, then by name
    positions: dict[str, dict[Hashable, int]] = {}
    for tag, posts in timelines.items():
        posts.sort(key=order.__getitem__)
        positions[tag] = {post: index for index, post in enumerate(posts)}
    return {
        post: _best_matches(post, tags_of[post], timelines, positions, order, limit, window)
        for post in tags_of
    }


def _best_matches(post, own_tags, timelines, positions, order, limit, window) -> list:
    if limit <= 0:
        return []
    shared: dict[Hashable, int] = {}
    for tag in own_tags:
        timeline, here = timelines[tag], positions[tag][post]
        for other in timeline[max(0, here - window) : here + window + 1]:
            if other != post:
                shared[other] = shared.get(other, 0) + 1
    # Same as sorted(..., reverse=True)[:limit], without sorting every candidate.
    return heapq.nlargest(limit, shared, key=lambda other: (shared[other], *order[other]))


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
