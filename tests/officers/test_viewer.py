"""The photo viewer plan (officers/core/viewer.py): one page per photo, linked in order."""

from __future__ import annotations

from pathlib import Path

from officers.core.gallery import Gallery, GalleryPhoto
from officers.core.viewer import plan_photo_pages


def gallery(folder: str, count: int) -> Gallery:
    photos = [GalleryPhoto(Path(f"{n}.jpg"), f"{n}.jpg", f"Foto {n}") for n in range(1, count + 1)]
    return Gallery(folder, f"content/galeri/{folder}", photos)


def test_pages_link_previous_next_and_back_to_the_post():
    bimtek = gallery("2023-02-11-bimtek", 3)
    pages = plan_photo_pages([("berita/2023/02/bimtek/", "Bimtek PPS", bimtek)])
    assert [p.url for p in pages] == [f"galeri/2023-02-11-bimtek/{n}/" for n in (1, 2, 3)]
    assert [p.save_as for p in pages][0] == "galeri/2023-02-11-bimtek/1/index.html"
    assert (pages[0].previous_url, pages[0].next_url) == (None, "galeri/2023-02-11-bimtek/2/")
    assert (pages[2].previous_url, pages[2].next_url) == ("galeri/2023-02-11-bimtek/2/", None)
    assert all(
        (p.total, p.post_url, p.post_title) == (3, "berita/2023/02/bimtek/", "Bimtek PPS") for p in pages
    )
    assert [p.number for p in pages] == [1, 2, 3]
    assert [photo.page_url for photo in bimtek.photos] == [p.url for p in pages]


def test_a_folder_shown_by_two_posts_gets_its_pages_once():
    newer, older = gallery("rapat", 2), gallery("rapat", 2)
    pages = plan_photo_pages([("berita/b/", "Baru", newer), ("berita/a/", "Lama", older)])
    assert len(pages) == 2 and {p.post_url for p in pages} == {"berita/b/"}
    assert [photo.page_url for photo in older.photos] == [photo.page_url for photo in newer.photos]


def test_no_galleries_no_pages():
    assert plan_photo_pages([]) == []
