"""The officer plugin's inputs, checked the way its build step reads them.

`invoke check` and the build share these: officer data (officers.core.model),
every post's `Gallery:` folder (officers.core.gallery) and every image the photo
pipeline will decode (lead images, gallery and officer photos, raster files
under the static folders), each decoded exactly as the pipeline does
(officers.core.images.verify), so a corrupt, truncated or oversized picture
stops `invoke check` too.

Decoding every photo on every build would double a cold build's work: with a
cache folder, a photo that decoded cleanly is remembered by its stat data
(portal_common.cachefile) until the file changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from officers.core.gallery import load_gallery
from officers.core.images import SUPPORTED_SUFFIXES, UNSUPPORTED_SUFFIXES, ImageProblem, verify
from officers.core.model import load_officers, load_setup
from portal_common.cachefile import StatMemo
from portal_common.errors import ContentError, Finding

from .config import CheckConfig
from .source import SourceText

_VERIFIER = "verify-1"


def officer_findings(config: CheckConfig) -> tuple[list[Finding], list[Path]]:
    """Findings in the officer data, and the officer photos it names."""
    folder = config.content_dir / config.officer_data_dir
    if not config.check_officers or not folder.is_dir():
        return [], []
    shown = config.shown(folder)
    try:
        setup = load_setup(folder, shown)
        officers = load_officers(folder, shown, setup)
    except ContentError as err:
        return err.findings, []
    return [], [o.photo for o in officers if o.photo]


def gallery_findings(
    config: CheckConfig, posts: Iterable[tuple[SourceText, str]]
) -> tuple[list[Finding], list[Path]]:
    """Findings for every post's `Gallery:` folder (posts: (source, folder)), and the gallery photos."""
    root = config.content_dir / config.gallery_dir
    findings: list[Finding] = []
    photos: list[Path] = []
    for source, folder in posts:
        try:
            gallery = load_gallery(root, config.shown(root), folder, source.shown, source.line_of("gallery"))
        except ContentError as err:
            findings += err.findings
            continue
        photos += [photo.source for photo in gallery.photos]
    return findings, photos


def static_images(config: CheckConfig) -> list[Path]:
    """Raster files under the static folders: the pipeline republishes every one."""
    found = []
    for folder in config.static_paths:
        base = config.content_dir / folder
        if base.is_dir():
            found += [
                p
                for p in sorted(base.rglob("*"))
                if p.suffix.lower() in (*SUPPORTED_SUFFIXES, *UNSUPPORTED_SUFFIXES) and p.is_file()
            ]
    return found


def image_findings(config: CheckConfig, paths: Iterable[Path], memo: StatMemo | None) -> list[Finding]:
    """Each image decoded as the photo pipeline will (once per path)."""
    findings = []
    seen: set[Path] = set()
    for path in paths:
        if path in seen or not path.is_file():
            continue  # a missing file is reported by the check that names it
        seen.add(path)
        problem = _verdict(path, config.shown(path), memo)
        if problem:
            findings.append(Finding(config.shown(path), None, *problem))
    return findings


def _verdict(path: Path, shown: str, memo: StatMemo | None) -> tuple[str, str] | None:
    def compute() -> str:
        try:
            verify(path, shown)
        except ImageProblem as problem:
            return json.dumps([problem.message, problem.hint])
        return ""

    value = memo.get(path, _VERIFIER, compute) if memo is not None else compute()
    if value == "":
        return None
    try:
        message, hint = json.loads(value)
        return str(message), str(hint)
    except (TypeError, ValueError):  # a damaged memo entry: decode again
        value = compute()
        return tuple(json.loads(value)) if value else None
