"""Link posts to stages through their `Stage:` metadata, with helpful errors."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from portal_common.errors import ContentError, Finding

from .loader import shown_path
from .model import Election, Stage

STAGE_KEY = "stage"


def suggest_slugs(slug: str, known: list[str] | set[str], n: int = 3) -> list[str]:
    """The known slugs closest to a misspelt one (difflib), best first."""
    return difflib.get_close_matches(slug.strip().lower(), sorted(known), n=n, cutoff=0.5)


def header_line(path: Path, key: str = STAGE_KEY) -> int | None:
    """1-based line of a `Key:` metadata header in a post's source file, if present.

    Markdown metadata ends at the first blank line; reST fields look like `:key:`.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    key = key.lower()
    for number, line in enumerate(lines, start=1):
        stripped = line.strip().lower()
        if stripped.startswith(f"{key}:") or stripped.startswith(f":{key}:"):
            return number
        if not stripped and number > 1:
            break
    return None


def unknown_stage_error(
    source_path: str | Path, shown: str, slug: str, known: list[str] | set[str]
) -> Finding:
    """The finding for a post naming a stage that is not in the stage data."""
    close = suggest_slugs(slug, known)
    if close:
        hint = "maksud Anda: " + ", ".join(f"'{s}'" for s in close) + "?"
    else:
        hint = "daftar slug tahapan ada di content/data/tahapan/*.yaml"
    return Finding(
        shown,
        header_line(Path(source_path)),
        f"tahapan '{slug}' tidak dikenal (Stage)",
        hint,
    )


def stage_index(elections: list[Election]) -> dict[str, Stage]:
    return {stage.slug: stage for e in elections for stage in e.all_stages()}


def link_posts(
    posts: list[Any], elections: list[Election], display_root: Path, *, listed: list[Any]
) -> dict[str, list[Any]]:
    """Replace each post's `stage` slug with its Stage; map slug -> listed posts, newest first.

    `posts` is everything to validate (drafts included); only posts in `listed`
    (the published ones) appear in the mapping. Raises ContentError for unknown
    stages, naming every offending post.
    """
    index = stage_index(elections)
    findings: list[Finding] = []
    for post in posts:
        value = getattr(post, "metadata", {}).get(STAGE_KEY)
        if value is None or isinstance(value, Stage):
            continue
        slug = str(value).strip().lower()
        stage = index.get(slug)
        if stage is None:
            source = Path(post.source_path)
            findings.append(unknown_stage_error(source, shown_path(source, display_root), slug, index))
            continue
        post.stage = stage
    if findings:
        raise ContentError.from_findings(findings)
    listed_ids = {id(post) for post in listed}
    mapping: dict[str, list[Any]] = {slug: [] for slug in index}
    for post in posts:
        stage = getattr(post, "stage", None)
        if isinstance(stage, Stage) and id(post) in listed_ids:
            mapping[stage.slug].append(post)
    for items in mapping.values():
        items.sort(key=lambda p: p.date, reverse=True)
    return mapping
