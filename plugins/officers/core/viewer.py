"""One plain page per gallery photo (/galeri/<folder>/<n>/): the photo viewer.

Works without JavaScript: each page shows one photo with its caption and links
to the previous and next photo and back to the gallery in its post. Pure: the
adapter hands in the published posts' galleries and writes the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from .gallery import Gallery, GalleryPhoto

URL_ROOT = "galeri/"


@dataclass(frozen=True)
class PhotoPage:
    """What the viewer template shows for one photo."""

    photo: GalleryPhoto
    number: int  # 1-based position in its gallery
    total: int
    url: str
    previous_url: str | None
    next_url: str | None
    post_title: str
    post_url: str  # the post holding the gallery (its #galeri section)

    @property
    def save_as(self) -> str:
        return self.url + "index.html"


def photo_url(gallery: Gallery, number: int) -> str:
    return f"{URL_ROOT}{gallery.folder}/{number}/"


def plan_photo_pages(galleries: list[tuple[str, str, Gallery]]) -> list[PhotoPage]:
    """Pages for (post URL, post title, gallery), newest post first.

    A folder shown by two posts gets its pages once, from the first (newest) post;
    `photo.page_url` is set on every photo of every given gallery, so thumbnails
    link to the viewer.
    """
    pages: list[PhotoPage] = []
    done: dict[str, Gallery] = {}
    for post_url, post_title, gallery in galleries:
        if gallery.folder in done:
            for photo, first in zip(gallery.photos, done[gallery.folder].photos, strict=False):
                photo.page_url = first.page_url
            continue
        done[gallery.folder] = gallery
        total = len(gallery.photos)
        for number, photo in enumerate(gallery.photos, start=1):
            photo.page_url = photo_url(gallery, number)
            pages.append(
                PhotoPage(
                    photo=photo,
                    number=number,
                    total=total,
                    url=photo.page_url,
                    previous_url=photo_url(gallery, number - 1) if number > 1 else None,
                    next_url=photo_url(gallery, number + 1) if number < total else None,
                    post_title=post_title,
                    post_url=post_url,
                )
            )
    return pages
