"""Activity galleries: a folder of photos under content/galeri/, named by a post.

A post says `Gallery: 2023-02-11-bimtek-pps`; the folder holds the photos and
optionally `keterangan.yaml`, a mapping from file name to caption. Photos
without a caption get one from their file name (`02-penyerahan-sk.jpg` →
"Penyerahan sk"). Photos are shown in file-name order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal_common.datacheck import DataFile
from portal_common.errors import ContentError, Finding
from portal_common.yamlfile import LineDict, load_yaml

from . import privacy
from .images import SUPPORTED_SUFFIXES, UNSUPPORTED_SUFFIXES

SIDECAR = "keterangan.yaml"
_IGNORED = {"thumbs.db", ".ds_store", "desktop.ini"}


@dataclass
class GalleryPhoto:
    source: Path
    name: str
    caption: str
    image: Any = field(default=None, compare=False)  # ProcessedImage, set by the pipeline
    page_url: str = ""  # its viewer page (core/viewer.py); "" in a draft's gallery


@dataclass
class Gallery:
    folder: str
    display: str
    photos: list[GalleryPhoto]

    @property
    def cover(self) -> GalleryPhoto:
        return self.photos[0]


def caption_from_name(name: str) -> str:
    stem = Path(name).stem
    stem = re.sub(r"^\d+[-_ .]+", "", stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else name


def _natural(name: str) -> list[Any]:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", name)]


def _bad_folder(value: str) -> bool:
    parts = Path(value).parts
    return not value or value.startswith(("/", "\\")) or ".." in parts or ":" in value


def _captions(path: Path, display: str, names: set[str]) -> tuple[dict[str, str], list[Finding]]:
    doc = load_yaml(path, display)
    errors = DataFile(display)
    captions: dict[str, str] = {}
    if doc is None:
        return captions, []
    if not isinstance(doc, LineDict):
        errors.add(
            1,
            "keterangan foto harus berupa daftar 'nama-berkas: keterangan'",
            "contoh: 01-pembukaan.jpg: Ketua PPK membuka bimtek",
        )
        return captions, errors.findings
    for key, value in doc.items():
        line = doc.line_of(str(key))
        if str(key) not in names:
            errors.add(
                line,
                f"foto '{key}' tidak ada di folder galeri",
                "samakan dengan nama berkas foto (huruf besar/kecil berpengaruh) atau hapus barisnya",
            )
        elif not isinstance(value, str) or not value.strip():
            errors.add(
                line, f"keterangan untuk '{key}' harus berupa teks", "tulis satu kalimat setelah titik dua"
            )
        else:
            errors.findings.extend(privacy.value_findings(display, line, str(key), value))
            captions[str(key)] = " ".join(value.split())
    return captions, errors.findings


def load_gallery(root: Path, root_display: str, folder: str, post: str, post_line: int | None) -> Gallery:
    """Read one gallery; errors name the post (bad folder) or the file (bad photo)."""
    folder = folder.strip().strip("/")
    where = root / folder
    if _bad_folder(folder) or not where.is_dir():
        known = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        raise ContentError(
            post,
            post_line,
            f"folder galeri '{folder}' tidak ditemukan di {root_display}/",
            "buat foldernya dan isi foto, atau perbaiki nama di baris 'Gallery:'"
            + (f"; yang ada: {', '.join(known)}" if known else ""),
        )
    display = f"{root_display}/{folder}"
    findings: list[Finding] = []
    names: list[str] = []
    for path in sorted(where.iterdir(), key=lambda p: _natural(p.name)):
        suffix = path.suffix.lower()
        if not path.is_file() or path.name == SIDECAR or path.name.lower() in _IGNORED:
            continue
        if suffix in SUPPORTED_SUFFIXES:
            names.append(path.name)
        elif suffix in UNSUPPORTED_SUFFIXES:
            findings.append(
                Finding(
                    f"{display}/{path.name}",
                    None,
                    f"format foto '{suffix}' tidak didukung",
                    "simpan foto sebagai JPEG (.jpg), PNG atau WebP",
                )
            )
    captions: dict[str, str] = {}
    if (where / SIDECAR).is_file():
        captions, more = _captions(where / SIDECAR, f"{display}/{SIDECAR}", set(names))
        findings.extend(more)
    if not names and not findings:
        findings.append(
            Finding(
                post,
                post_line,
                f"folder galeri '{folder}' tidak berisi foto",
                "salin foto (.jpg, .png, .webp) ke folder itu",
            )
        )
    if findings:
        raise ContentError.from_findings(findings)
    photos = [
        GalleryPhoto(where / name, name, captions.get(name) or caption_from_name(name)) for name in names
    ]
    return Gallery(folder, display, photos)
