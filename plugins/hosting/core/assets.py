"""Fingerprinted theme files, and the first-screen part of the stylesheet.

Every theme file is published as `name.<hash>.ext` (the first 10 hex digits of the
SHA-256 of its bytes), so hosts can let browsers keep it for a year: a changed file
is a new URL. Templates ask for a file by its theme name through `AssetUrls`
(`asset('css/portal.css')`).

The stylesheet is published twice: whole (loaded at the end of <body>, not blocking
the first paint) and as its first-screen part (in <head>): every rule except those
for things below the fold or shown only after JavaScript ran (`LATER`) and print
rules. portal.css itself is not reorganised: the split is derived from it here.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

import tinycss2

HASH_LENGTH = 10
STYLESHEET = "css/portal.css"
FIRST_SCREEN = "css/portal-first.css"
FIRST_SCREEN_BUDGET = 6 * 1024  # bytes, uncompressed: what the first paint waits for
# Rules whose every selector starts with one of these wait for the whole stylesheet:
# the footer and the end of a post are below the fold on every page type; search
# results and filters appear only after cari.js ran (scripts wait for the stylesheets
# before them); the galleries and officer tables are at the end of their pages.
LATER: tuple[str, ...] = (
    ".site-footer",
    ".footer-",
    ".post-footer",
    ".post-nav",
    ".post-next",
    ".related",
    ".tags",
    ".share-wa",
    ".pagination",
    ".post-body table",
    ".post-body th",
    ".post-body td",
    ".post-body [align",
    ".post-body blockquote",
    ".tag-cloud",
    ".archive-list",
    ".rubric-label",
    ".count",
    ".cari-item",
    ".cari-hasil",
    ".cari-lagi",
    ".cari-meta",
    ".cari-status",
    ".cari-filter",
    ".gallery",
    ".body-summary",
    ".desa-section",
    ".body-table",
    ".stage-posts",
    ".timeline-sub",
    ".draft-note",  # preview only
    # The home page's side column (pinned posts, current stage) is beside the lead
    # story only on wide screens, below it on phones; the article's stage badge is
    # small. Their pages load no stage sheet first.
    ".pinned",
    ".stage-now-list",
    ".stage-now h2",
    ".stage-badge",
    # /tahapan/ opens with the "Sekarang" box: the stage lists per election, their
    # folds and calendar links come after it; stage pages show no timeline first.
    ".timeline",
    ".election",
    ".stage-jump",
    "details.stage-group",
    ".stage-group-",
    ".stage-calendar",
    # Only after the reader acts (hover, keyboard focus): the whole sheet is there by then.
    ":focus-visible",
    "a:hover",
    ".skip-link:focus",
    ".site-main:focus",
)


def fingerprinted(name: str, data: bytes) -> str:
    """'css/portal.css' + bytes -> 'css/portal.3f2a9c1b4d.css'."""
    folder, base = posixpath.split(name)
    stem, dot, extension = base.rpartition(".")
    if not dot or not stem:
        stem, extension = base, ""
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    hashed = f"{stem}.{digest}.{extension}" if extension else f"{base}.{digest}"
    return posixpath.join(folder, hashed)


def first_screen_css(css: str) -> str:
    """The rules of `css` the first screen needs, compacted (same order, same cascade)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = [text for text in (_rule(rule) for rule in rules) if text]
    return "\n".join(kept) + "\n"


def _compact(tokens) -> str:
    return " ".join(tinycss2.serialize(tokens).split())


def _declarations(tokens) -> str:
    """A declaration block without comments and optional whitespace."""
    parts = []
    for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
        if item.type != "declaration":
            parts.append(_compact([item]))
            continue
        value = _compact(item.value).replace(", ", ",")
        parts.append(f"{item.name}:{value}{'!important' if item.important else ''}")
    return ";".join(parts)


def _rule(rule) -> str | None:
    if rule.type == "qualified-rule":
        prelude = _compact(rule.prelude)
        selectors = [part.strip() for part in prelude.split(",")]
        if "(" not in prelude and all(selector.startswith(LATER) for selector in selectors):
            return None
        return f"{prelude.replace(', ', ',')}{{{_declarations(rule.content)}}}"
    if rule.type == "at-rule":
        prelude = _compact(rule.prelude)
        if rule.content is None:
            return f"@{rule.at_keyword} {prelude};"
        if rule.lower_at_keyword == "media" and "print" in prelude.split():
            return None  # print rules do not hold up the screen; the whole sheet has them
        if rule.lower_at_keyword != "media":
            return f"@{rule.at_keyword} {prelude}{{{_compact(rule.content)}}}"
        inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        kept = "".join(text for text in (_rule(r) for r in inner) if text)
        return f"@media {prelude}{{{kept}}}" if kept else None
    return None  # a parse error: the whole stylesheet (loaded anyway) has the original


class AssetUrls:
    """`asset('css/portal.css')` in templates: the published path of a theme file.

    A plain object (its `paths` are what the page memo fingerprints), so a page is
    rendered again whenever a file it links to gets a new name.
    """

    def __init__(self, static_dir: str, paths: Mapping[str, str]) -> None:
        self.static_dir = static_dir.strip("/")
        self.paths = dict(sorted(paths.items()))

    def __call__(self, name: str) -> str:
        try:
            return f"{self.static_dir}/{self.paths[name]}"
        except KeyError:
            known = ", ".join(self.paths)
            raise KeyError(f"asset({name!r}): no such theme file (known: {known})") from None

    def __repr__(self) -> str:
        return f"AssetUrls({self.static_dir!r}, {len(self.paths)} files)"


def feature_sections(css: str) -> tuple[str, dict[str, str]]:
    """Split the stylesheet at its `/* --- … (plugin) --- */` headings: (core, {plugin: css}).

    portal.css already groups each plugin's rules under such a heading; the core is
    everything before the first one.
    """
    pieces = re.split(r"(?m)^(?=/\* ---)", css)
    core, features = pieces[0], {}
    for piece in pieces[1:]:
        heading = piece.split("*/", 1)[0]
        owner = re.findall(r"\(([a-z_]+)\)", heading)
        name = owner[-1] if owner else f"section{len(features) + 1}"
        features[name] = features.get(name, "") + piece
    return core, features


def theme_files(static_roots: list[Path]) -> dict[str, bytes]:
    """Every file under the theme's static folders, by its path inside them ('css/portal.css')."""
    files: dict[str, bytes] = {}
    for root in static_roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def with_first_screen(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The theme files plus the first-screen sheets derived from the stylesheet."""
    result = dict(files)
    if STYLESHEET not in files:
        return result
    core, features = feature_sections(files[STYLESHEET].decode("utf-8"))
    result[FIRST_SCREEN] = first_screen_css(core).encode("utf-8")
    for name, css in features.items():
        text = first_screen_css(css)
        if text.strip():
            result[first_screen_name(name)] = text.encode("utf-8")
    return result


def first_screen_name(feature: str) -> str:
    """'election_stages' -> 'css/portal-first-election_stages.css'."""
    return FIRST_SCREEN.removesuffix(".css") + f"-{feature}.css"


def published_names(files: Mapping[str, bytes]) -> dict[str, str]:
    """Theme name -> fingerprinted name, for every file."""
    return {name: fingerprinted(name, data) for name, data in sorted(files.items())}
