"""Checks on the files under content/ themselves (not what they say).

* A symbolic link that leads outside content/ (or in a loop) is an error: the
  static copy and the photo pipeline follow links, so a link to a system file
  would publish it. A link from one place in content/ to another is allowed:
  what it publishes is content the officer already has.
* A 16-digit number (NIK/KK) or a phone number in the name of a file or folder
  that is published (images, attachments, gallery and officer photos) is an
  error: file names end up in public URLs.
* A Markdown file that no reader publishes (outside the post and page folders)
  gets a warning saying where it belongs.

One walk over content/ without following links serves all three.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path, PurePosixPath

from portal_common.errors import Finding
from portal_common.personal_data import describe, find_personal_data

from .config import CheckConfig

# Source files: their names are not published (a post's URL comes from its title or Slug).
_SOURCE_SUFFIXES = (".yaml", ".yml")
_NAME_KINDS = ("nik", "telepon")


def file_findings(config: CheckConfig) -> list[Finding]:
    """Every finding about links, file names and stray Markdown under content/."""
    content = config.content_dir
    if not content.is_dir():
        return []
    root = content.resolve()
    shown_root = PurePosixPath(config.shown(content))
    findings: list[Finding] = []
    for folder, dirs, files in os.walk(content):
        relative_folder = PurePosixPath(Path(folder).relative_to(content).as_posix())
        for name in sorted([*dirs, *files]):
            path = Path(folder) / name
            relative = relative_folder / name if str(relative_folder) != "." else PurePosixPath(name)
            shown = str(shown_root / relative)
            if path.is_symlink():
                findings += _link_findings(path, shown, root)
            if name in files:
                findings += _name_findings(config, relative, shown)
                findings += _stray_markdown(config, relative, shown)
        dirs.sort()
    return findings


def inside(path: Path, root: Path) -> bool:
    """Does `path`, with every link followed, stay under `root` (already resolved)?"""
    try:
        return path.resolve(strict=False).is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def _link_findings(path: Path, shown: str, root: Path) -> list[Finding]:
    target = os.readlink(path)
    try:
        resolved = path.resolve(strict=False)
    except (OSError, RuntimeError):  # Python raises RuntimeError for a link loop
        resolved = None
    if resolved is None:
        return [
            Finding(
                shown,
                None,
                f"tautan simbolik berputar-putar (symlink loop) ke '{target}'",
                "hapus tautan ini; simpan berkas aslinya di dalam folder content/",
            )
        ]
    if resolved.is_relative_to(root):
        return []
    return [
        Finding(
            shown,
            None,
            f"tautan simbolik menunjuk ke luar folder content/: '{target}' ({resolved})",
            "berkas di luar content/ tidak boleh ikut terbit: salin berkasnya ke dalam content/ "
            "lalu hapus tautannya",
        )
    ]


def _name_findings(config: CheckConfig, relative: PurePosixPath, shown: str) -> list[Finding]:
    """Personal data in the name of a published file or of a folder it is in."""
    if relative.suffix.lower() in (*config.markdown_extensions, *_SOURCE_SUFFIXES) or _ignored(
        config, relative.name
    ):
        return []
    for part in relative.parts:
        for hit in find_personal_data(_words(part)):
            if hit.kind in _NAME_KINDS and not _public(config, hit.snippet):
                return [
                    Finding(
                        shown,
                        None,
                        f"nama berkas memuat {describe(hit.kind)} ('{hit.snippet}'); nama berkas ikut "
                        "terbit di alamat situs",
                        "ganti nama berkas atau foldernya tanpa NIK atau nomor telepon",
                    )
                ]
    return []


def _words(name: str) -> str:
    """A file name as text: '_' and a '-' next to a letter separate words (ktp-1404... is a NIK)."""
    return re.sub(r"(?<!\d)-|-(?!\d)", " ", name.replace("_", " "))


def _public(config: CheckConfig, snippet: str) -> bool:
    digits = "".join(ch for ch in snippet if ch.isdigit())
    return any(digits and digits in "".join(ch for ch in n if ch.isdigit()) for n in config.public_numbers)


def _ignored(config: CheckConfig, name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in config.ignore_globs)


def _stray_markdown(config: CheckConfig, relative: PurePosixPath, shown: str) -> list[Finding]:
    """A Markdown file outside the post and page folders is never published (Pelican skips it)."""
    if relative.suffix.lower() not in config.markdown_extensions or _ignored(config, relative.name):
        return []
    roots = [r for r in (*config.article_paths, *config.page_paths)]
    if any(root in ("", ".") or relative.is_relative_to(root) for root in roots):
        return []
    posts = config.article_paths[0] if config.article_paths else "posts"
    pages = config.page_paths[0] if config.page_paths else "pages"
    return [
        Finding(
            shown,
            None,
            f"berkas Markdown ini tidak akan diterbitkan: letaknya di luar content/{posts}/ dan "
            f"content/{pages}/",
            f"pindahkan ke content/{posts}/ bila berita, atau ke content/{pages}/ bila halaman tetap",
            "warning",
        )
    ]
