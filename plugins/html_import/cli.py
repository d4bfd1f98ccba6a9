"""Command line of the importer: `invoke import-html PAGE.html` / `python -m html_import PAGE.html`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from content_checks.dates import DateProblem, parse_date

from .core import ImportProblem, write_post


def run_import(
    page: Path,
    content_dir: Path,
    *,
    rubric: str = "Berita",
    publish: bool = False,
    rubrics: tuple[str, ...] = (),
    timezone: str = "Asia/Jakarta",
    date: str = "",
) -> int:
    """Import one page; print what was written and what the officer should review. Exit code."""
    if rubrics and rubric not in rubrics:
        print(
            f"error: rubrik '{rubric}' tidak dikenal; pilih salah satu: {', '.join(rubrics)}", file=sys.stderr
        )
        return 2
    try:
        moment = parse_date(date, timezone) if date else None
        target, post = write_post(
            page, content_dir, rubric, draft=not publish, timezone=timezone, date=moment
        )
    except (ImportProblem, DateProblem) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    shown = target.relative_to(content_dir.parent) if content_dir.parent in target.parents else target
    print(f"Berita diimpor (imported): {shown}")
    print(f"  judul: {post.title}\n  tanggal: {post.date:%Y-%m-%d %H:%M}\n  gambar: {len(post.images)}")
    for note in post.notes:
        print(f"  periksa: {note}")
    if not publish:
        print("  Status: draft — periksa di pratinjau (invoke build), lalu hapus baris 'Status: draft'.")
    print("  Jalankan 'invoke check' sebelum menerbitkan.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m html_import", description=__doc__)
    parser.add_argument("page", type=Path, help="saved web page (.html)")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder")
    parser.add_argument("--rubric", default="Berita")
    parser.add_argument("--publish", action="store_true", help="publish at once instead of a draft")
    parser.add_argument("--date", default="", help="publication date 'YYYY-MM-DD HH:MM' (WIB)")
    args = parser.parse_args(argv)
    return run_import(args.page, args.content, rubric=args.rubric, publish=args.publish, date=args.date)
