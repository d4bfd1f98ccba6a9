"""`invoke new`: a fresh post file with every metadata field the officer may need."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pelican.utils import slugify

TEMPLATE = """\
Title: {title}
Date: {date}
Category: {rubric}
Tags: pemilu 2024
Author: {author}
Slug: {slug}
Summary: Satu kalimat ringkasan (paling banyak 160 huruf).
Status: draft

CONCONG – Tulis isi berita di sini. Hapus baris `Status: draft` bila siap terbit.
Untuk gambar utama, tambahkan di kepala berkas: `Image: images/<tahun>/<nama>.jpg`,
`Image_alt: <apa yang tampak>` dan `Image_caption: <keterangan foto>`.
"""


def write_new_post(
    posts_dir: Path, title: str, rubric: str, author: str, now: datetime, rubrics: list[str]
) -> Path:
    """Create posts_dir/<year>/<date>-<slug>.md; never overwrite an existing post."""
    if not title.strip():
        raise ValueError("judul tidak boleh kosong (title is empty)")
    if rubric not in rubrics:
        raise ValueError(f"rubrik '{rubric}' tidak dikenal; pilih: {', '.join(rubrics)}")
    slug = slugify(
        title, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]
    )
    path = posts_dir / f"{now:%Y}" / f"{now:%Y-%m-%d}-{slug}.md"
    if path.exists():
        raise ValueError(f"{path} sudah ada (already exists)")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        TEMPLATE.format(
            title=title.strip(), date=f"{now:%Y-%m-%d %H:%M}", rubric=rubric, author=author, slug=slug
        ),
        encoding="utf-8",
    )
    return path
