"""The plugin's settings, read and checked once per build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from portal_common.options import NONE, at_least, folder_under_path, option

from .images import Recipe

# Output folders for derived images (lead images keep their own URL as well).
OUTPUT_DIRS = {"petugas": "foto/petugas", "galeri": "foto/galeri", "berita": "foto/berita"}
# WebP at every width (every phone browser the site targets reads WebP); one JPEG
# fallback per photo for the rest (old Safari): `fallback` is its width.
RECIPES = {
    "petugas": Recipe(widths=(160, 320), aspect=(1, 1), fallback=320),
    "galeri": Recipe(widths=(320, 640), aspect=(4, 3), large=1600, fallback=640),
    "berita": Recipe(widths=(480, 800, 1200), original=2400, fallback=800),
}


def _cache(value: str | os.PathLike | None) -> str | None:
    return None if value is None or str(value).strip() else "must be a folder path or None"


@dataclass(frozen=True)
class OfficerConfig:
    path: str = option("PATH", str, "content")
    data_folder: str = option("OFFICERS_DATA_DIR", str, "data/petugas", check=folder_under_path)
    gallery_folder: str = option("OFFICERS_GALLERY_DIR", str, "galeri", check=folder_under_path)
    # None: <project>/.cache/images
    image_cache: str | None = option("OFFICERS_IMAGE_CACHE", (str, os.PathLike, NONE), None, _cache)
    workers: int = option("OFFICERS_IMAGE_WORKERS", int, 0, check=at_least(0))  # 0: one process per CPU

    @property
    def content(self) -> Path:
        return Path(self.path)

    @property
    def display_root(self) -> Path:
        return self.content.parent

    @property
    def data_dir(self) -> Path:
        return self.content / self.data_folder.strip("/")

    @property
    def gallery_dir(self) -> Path:
        return self.content / self.gallery_folder.strip("/")

    @property
    def cache_dir(self) -> Path:
        if self.image_cache is None:
            return self.display_root / ".cache" / "images"
        return self.display_root / self.image_cache  # an absolute path stays as it is

    def shown(self, path: Path) -> str:
        """A path as the officer sees it, relative to the project (content/...)."""
        try:
            return str(path.resolve().relative_to(self.display_root.resolve()))
        except ValueError:
            return str(path)
