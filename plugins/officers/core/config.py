"""The plugin's settings, read and checked once per build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from portal_common.errors import SettingsError

from .images import Recipe

DEFAULTS = {
    "OFFICERS_DATA_DIR": "data/petugas",
    "OFFICERS_GALLERY_DIR": "galeri",
    "OFFICERS_IMAGE_CACHE": None,  # None: <project>/.cache/images
    "OFFICERS_IMAGE_WORKERS": 0,  # 0: one process per CPU
}
# Output folders for derived images (lead images keep their own URL as well).
OUTPUT_DIRS = {"petugas": "foto/petugas", "galeri": "foto/galeri", "berita": "foto/berita"}
# WebP at every width (every phone browser the site targets reads WebP); one JPEG
# fallback per photo for the rest (old Safari): `fallback` is its width.
RECIPES = {
    "petugas": Recipe(widths=(160, 320), aspect=(1, 1), fallback=320),
    "galeri": Recipe(widths=(320, 640), aspect=(4, 3), large=1600, fallback=640),
    "berita": Recipe(widths=(480, 800, 1200), original=2400, fallback=800),
}


@dataclass(frozen=True)
class OfficerConfig:
    content: Path
    data_dir: Path
    gallery_dir: Path
    cache_dir: Path
    workers: int
    display_root: Path

    def shown(self, path: Path) -> str:
        """A path as the officer sees it, relative to the project (content/...)."""
        try:
            return str(path.resolve().relative_to(self.display_root.resolve()))
        except ValueError:
            return str(path)


def _folder(settings: dict, key: str, content: Path) -> Path:
    value = settings.get(key, DEFAULTS[key])
    if not isinstance(value, str) or not value.strip() or ".." in Path(value).parts:
        raise SettingsError(key, f"must be a folder under PATH, e.g. '{DEFAULTS[key]}'")
    return content / value.strip("/")


def read_config(settings: dict) -> OfficerConfig:
    content = Path(settings["PATH"])
    cache = settings.get("OFFICERS_IMAGE_CACHE", DEFAULTS["OFFICERS_IMAGE_CACHE"])
    if cache is None:
        cache_dir = content.parent / ".cache" / "images"
    elif isinstance(cache, (str, os.PathLike)) and str(cache).strip():
        cache_dir = Path(cache)
        if not cache_dir.is_absolute():
            cache_dir = content.parent / cache_dir
    else:
        raise SettingsError("OFFICERS_IMAGE_CACHE", "must be a folder path or None")
    workers = settings.get("OFFICERS_IMAGE_WORKERS", DEFAULTS["OFFICERS_IMAGE_WORKERS"])
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise SettingsError("OFFICERS_IMAGE_WORKERS", "must be 0 (one per CPU) or a positive number")
    return OfficerConfig(
        content=content,
        data_dir=_folder(settings, "OFFICERS_DATA_DIR", content),
        gallery_dir=_folder(settings, "OFFICERS_GALLERY_DIR", content),
        cache_dir=cache_dir,
        workers=workers,
        display_root=content.parent,
    )
