"""A tiny content folder for builds that test one thing: a few posts, the three
pages the theme links to, white placeholder images, and optionally the demo's data."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def write_small_site(
    folder: Path,
    posts: Mapping[str, str],
    *,
    images: Iterable[str] = (),
    with_data: bool = False,
) -> Path:
    """Write `folder/content` (posts by file name, images by name) and return it."""
    content = folder / "content"
    (content / "posts").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "images").mkdir()
    if with_data:
        shutil.copytree(ROOT / "content" / "data", content / "data")
    for name in images:
        Image.new("RGB", (320, 180), "white").save(content / "images" / name)
    for name, text in posts.items():
        (content / "posts" / name).write_text(text, encoding="utf-8")
    for slug in ("tentang", "kontak", "wilayah"):
        (content / "pages" / f"{slug}.md").write_text(
            f"Title: {slug.title()}\nSlug: {slug}\n\nIsi.\n", encoding="utf-8"
        )
    return content
