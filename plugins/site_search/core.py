"""Pure core of site search: settings, the Pagefind command line, its report.

Pagefind runs as the binary shipped in the pinned PyPI package `pagefind-bin`
(nothing is downloaded at build time). Pages opt in with `data-pagefind-body`
(post and page bodies only), so navigation and footer text never match.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from portal_common.cachefile import Store
from portal_common.options import folder_url, option
from portal_common.outputfiles import copy_if_changed

from .canonical import BundleFormatError, canonicalize_bundle

DEFAULT_LANGUAGE = "id"
DEFAULT_BUNDLE_DIR = "pagefind"
DEFAULT_PAGE_URL = "cari/"
NAV_LABEL = "Cari"
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_BUNDLE_DIR = re.compile(r"^[a-z0-9_-]+$")
# Pagefind's ready-made interfaces: never loaded by our page (cari.js uses the API).
UNUSED_UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
NO_BODY_MARKER = "Did not find a data-pagefind-body element"
_BODY_MARKER = b"data-pagefind-body"
# Characters with a meaning in Pagefind's globs (the wax crate), escaped in page names.
_GLOB_SPECIAL = re.compile(r"([\\*?$\[\]{}<>(),:])")
_COUNTS = re.compile(r"Indexed (\d+) (language|page|word|filter|sort)s?")


# Always left out of the index (before PORTAL_SEARCH_EXCLUDE): the page title is the
# result's heading already (Pagefind still takes it as `title` meta), and photo
# captions end in credits ("Ilustrasi: Tim Media …") that made poor excerpts.
BUILTIN_EXCLUDES = ("h1", "figcaption")


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its own output for the developer."""


def _language(value: str) -> str | None:
    return None if _LANGUAGE.match(value) else f"{value!r} is not a two-letter ISO 639-1 code"


def _bundle_dir(value: str) -> str | None:
    return None if _BUNDLE_DIR.match(value) else f"{value!r} must be one plain folder name"


def _selectors(value: list | tuple) -> str | None:
    return None if all(isinstance(s, str) and s for s in value) else "must be a list of CSS selectors"


@dataclass(frozen=True)
class SearchSettings:
    """What the search plugin reads from the Pelican settings, validated once."""

    enabled: bool = option("PORTAL_SEARCH_ENABLED", bool, True)
    language: str = option("PORTAL_SEARCH_LANGUAGE", str, DEFAULT_LANGUAGE, check=_language)
    bundle_dir: str = option("PORTAL_SEARCH_BUNDLE_DIR", str, DEFAULT_BUNDLE_DIR, check=_bundle_dir)
    page_url: str = option("PORTAL_SEARCH_URL", str, DEFAULT_PAGE_URL, check=folder_url)
    exclude_selectors: tuple[str, ...] = option(
        "PORTAL_SEARCH_EXCLUDE", (list, tuple), (), check=_selectors, convert=tuple
    )


@dataclass(frozen=True)
class IndexReport:
    """What one Pagefind run indexed, parsed from its log, and how long it took."""

    pages: int
    words: int
    filters: int
    seconds: float
    log: str
    written: int = 0  # bundle files written into the site (the others were unchanged)


def pagefind_executable() -> Path:
    """The Pagefind binary shipped inside the `pagefind-bin` wheel."""
    from pagefind_bin import get_executable

    return get_executable()


def pagefind_command(site: Path, cfg: SearchSettings, executable: Path, output: Path) -> list[str]:
    """Every option on the command line (the page list goes in a config file, see run_pagefind)."""
    command = [
        str(executable),
        "--site",
        str(Path(site).resolve()),
        "--output-path",
        str(Path(output).resolve()),
        "--force-language",
        cfg.language,
    ]
    selectors = [*BUILTIN_EXCLUDES, *(s for s in cfg.exclude_selectors if s not in BUILTIN_EXCLUDES)]
    return [*command, "--exclude-selectors", ",".join(selectors)]


def smallest_variant(srcset: str) -> str:
    """The path of the narrowest candidate of a `srcset` ("a.webp 480w, b.webp 800w" -> "a.webp")."""
    best: tuple[int, str] | None = None
    for candidate in srcset.split(","):
        parts = candidate.split()
        if len(parts) == 2 and parts[1].endswith("w") and parts[1][:-1].isdigit():
            width = int(parts[1][:-1])
            if best is None or width < best[0]:
                best = (width, parts[0])
    return best[1] if best else ""


def thumbnail_path(image: object) -> str:
    """Search-result thumbnail of a post's lead image: its smallest WebP, else JPEG, variant.

    `image` is news_portal's LeadImage (srcset strings with root-relative paths);
    the result is relative to the site root, like `image.src.path`, its fallback.
    """
    for attribute in ("webp_srcset", "srcset"):
        path = smallest_variant(getattr(image, attribute, "") or "")
        if path:
            return path
    return getattr(getattr(image, "src", None), "path", "") or ""


def parse_report(log: str, seconds: float) -> IndexReport:
    """Read the totals Pagefind prints ("Indexed 12 pages", ...)."""
    counts = {kind: int(n) for n, kind in _COUNTS.findall(log)}
    return IndexReport(
        pages=counts.get("page", 0),
        words=counts.get("word", 0),
        filters=counts.get("filter", 0),
        seconds=seconds,
        log=log,
    )


@dataclass(frozen=True)
class PageSet:
    """The HTML files Pagefind reads: path relative to the site → SHA-256 of the bytes."""

    pages: Mapping[str, bytes]
    # The filesystem clock as the scan began: a file with an older ctime has not
    # been written (nor kept) since, so a later scan need not read it again.
    scanned_ns: int = field(default=0, compare=False)
    # Every HTML file the scan saw, selected or not: lets page_glob shorten the glob.
    site_html: tuple[str, ...] = field(default=(), compare=False)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted(self.pages))


def has_body_marker(html: bytes) -> bool:
    """True if the page may have a `data-pagefind-body` element (attributes ignore case)."""
    return _BODY_MARKER in html or _BODY_MARKER in html.lower()


class ScanMemo:
    """What the last two builds' scans learned of each file, kept in the build cache.

    (device, inode) → (size, mtime_ns, SHA-256 if the page has a body, else None).
    A file whose inode, size and mtime are unchanged is not read again (writers
    that skip unchanged files keep the mtime, outputfiles.keep). Two builds are
    kept because sitebuild renders into the site of the build before last.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: dict = {}  # this build's files
        stored = store.load() or {}
        self._before: dict = stored.get("newer", {})  # the build before's files, kept on save
        self.older: dict = {**stored.get("older", {}), **self._before}

    def lookup(self, status: os.stat_result) -> tuple[bool, bytes | None] | None:
        """(known, digest) for an unchanged file; None when it must be read."""
        key = (status.st_dev, status.st_ino)
        entry = self.seen.get(key) or self.older.get(key)
        if entry is None or entry[:2] != (status.st_size, status.st_mtime_ns):
            return None
        self.seen[key] = entry
        return True, entry[2]

    def record(self, status: os.stat_result, digest: bytes | None) -> None:
        self.seen[(status.st_dev, status.st_ino)] = (status.st_size, status.st_mtime_ns, digest)

    def save(self) -> None:
        """Keep this build's files and the build before's."""
        self.store.save({"older": self._before, "newer": self.seen})


def indexable_pages(
    site: Path,
    bundle_dir: str,
    since_ns: int | None = None,
    previous: PageSet | None = None,
    memo: ScanMemo | None = None,
) -> PageSet:
    """Every `*.html` under `site` that has a `data-pagefind-body` element.

    Pagefind would read every page and drop those without the marker; reading the
    listings, tag and archive pages (most of the site) is what made it slow. With
    `since_ns`, files whose ctime is older are skipped: in sitebuild's staging
    folder they are pages of an earlier build that this build did not produce
    and that the sweep removes after the build (outputfiles.keep sets ctime).
    With `previous`, files not written since that scan began are not read again;
    with `memo`, files unchanged since an earlier build are not read either.
    """
    scanned = filesystem_now()
    found: dict[str, bytes] = {}
    seen: list[str] = []
    for rel, path in _html_files(os.fspath(site), "", skip=bundle_dir):
        seen.append(rel)
        status = os.stat(path)
        if since_ns is not None and status.st_ctime_ns < since_ns:
            continue
        if previous is not None and status.st_ctime_ns < previous.scanned_ns:
            if rel in previous.pages:
                found[rel] = previous.pages[rel]
            continue
        known = memo.lookup(status) if memo is not None else None
        if known is not None:
            digest = known[1]
        else:
            digest = _page_digest(path)
            if memo is not None:
                memo.record(status, digest)
        if digest is not None:
            found[rel] = digest
    return PageSet(found, scanned, tuple(seen))


def _page_digest(path: str) -> bytes | None:
    """SHA-256 of the page if it has a body marker, else None."""
    with open(path, "rb") as page:
        data = page.read()
    return hashlib.sha256(data).digest() if has_body_marker(data) else None


def _html_files(folder: str, prefix: str, skip: str | None = None) -> Iterator[tuple[str, str]]:
    """(path relative to the site, full path) of every `*.html` below `folder` (links followed)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != skip:
                    yield from _html_files(entry.path, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".html") and entry.is_file():
                yield f"{prefix}{entry.name}", entry.path


def page_glob(paths: Iterable[str], every_page: Iterable[str] | None = None) -> str:
    """One Pagefind glob matching exactly `paths`, shared folders written once.

    `berita/2024/{a/index.html,b/index.html}` rather than a flat list keeps the
    glob short; glob characters in names are escaped with a backslash. Given
    `every_page` (all HTML files of the site), a folder whose HTML files are all
    selected becomes `folder/**/*.html`: Pagefind cannot parse a glob of a few
    hundred KB (~6,000 listed posts), and after the first build nearly every post
    folder is whole.
    """
    every = _path_tree(every_page) if every_page is not None else None
    return _alternatives(_path_tree(paths), every)


def _path_tree(paths: Iterable[str]) -> dict:
    tree: dict = {}
    for path in paths:
        node = tree
        for part in path.split("/"):
            node = node.setdefault(part, {})
    return tree


def _alternatives(node: dict, every: dict | None = None) -> str:
    parts = []
    for name, child in sorted(node.items()):
        escaped = _GLOB_SPECIAL.sub(r"\\\1", name)
        whole = every.get(name) if every is not None else None
        if child and whole is not None and child == whole:
            parts.append(f"{escaped}/**/*.html")
        elif child:
            parts.append(f"{escaped}/{_alternatives(child, whole)}")
        else:
            parts.append(escaped)
    return parts[0] if len(parts) == 1 else "{" + ",".join(parts) + "}"


# Pagefind cannot parse a glob of a few hundred KB; above this a mirror is indexed.
GLOB_LIMIT = 100_000


def _mirror(site: Path, pages: Sequence[str], mirror: Path) -> Path:
    """A tree holding just `pages` (hard links where possible) for Pagefind to read."""
    for page in pages:
        target = mirror / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(Path(site) / page, target)
        except OSError:
            shutil.copyfile(Path(site) / page, target)
    return mirror


def html_files(site: Path) -> list[str]:
    """Every HTML file under `site`, relative, by name only (nothing is read)."""
    return [rel for rel, _ in _html_files(os.fspath(site), "")]


def scratch_root() -> str | None:
    """Where Pagefind writes its bundle first: /dev/shm (RAM) unless TMPDIR names a folder.

    Creating ~500 files on a disk with online discard costs ~0.4 s; in RAM ~0.
    """
    shm = "/dev/shm"  # noqa: S108 - a private mkdtemp folder inside it
    if "TMPDIR" not in os.environ and os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        return shm
    return None


class PagefindRun:
    """One Pagefind process indexing `pages` of `site` into `output` (raw, as Pagefind writes it).

    The page list is a glob in a `pagefind.json` written to a fresh private
    folder that is the process's working folder, so no stray config file can
    change the index, and a long list never meets the command-line size limit
    (128 KB per argument on Linux: ~2,800 posts).
    """

    def __init__(
        self,
        site: Path,
        cfg: SearchSettings,
        output: Path,
        pages: Sequence[str] | None = None,
        executable: Path | None = None,
        site_html: Sequence[str] | None = None,
        scratch: Path | None = None,
    ) -> None:
        self.binary = executable or pagefind_executable()
        self.work = Path(tempfile.mkdtemp(prefix="portal-pagefind-", dir=scratch or scratch_root()))
        config: dict = {}
        if pages:
            glob = page_glob(pages, html_files(site) if site_html is None else site_html)
            if len(glob) <= GLOB_LIMIT:
                config["glob"] = glob
            else:  # rare: many folders hold stale pages (e.g. after a URL scheme change)
                site = _mirror(site, pages, self.work / "site")
        (self.work / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        command = pagefind_command(site, cfg, self.binary, output)
        self._log = self.work / "pagefind.log"
        try:
            with open(self._log, "wb") as log:
                self.process = subprocess.Popen(
                    _dies_with_parent(command), cwd=self.work, stdout=log, stderr=subprocess.STDOUT
                )
        except OSError as err:
            shutil.rmtree(self.work, ignore_errors=True)
            raise SearchIndexError(f"could not run Pagefind ({self.binary}): {err}") from err
        # A build that fails before wait() must not leave the process or folder behind.
        self._cleanup = weakref.finalize(self, _stop, self.process, self.work)

    def wait(self, timeout: float = 600) -> str:
        """Pagefind's log once it has finished; SearchIndexError if it failed."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as err:
            self.cancel()
            raise SearchIndexError(f"could not run Pagefind ({self.binary}): {err}") from err
        log = self._log.read_text(encoding="utf-8", errors="replace")
        self._cleanup()
        if code != 0:
            raise SearchIndexError(f"Pagefind exited with {code}:\n{log.strip()}")
        if NO_BODY_MARKER in log:
            raise _no_body_error()
        return log

    def cancel(self) -> None:
        """Stop Pagefind (its output is no longer wanted) and remove the private folder."""
        self._cleanup()


def _dies_with_parent(command: list[str]) -> list[str]:
    """`command` under util-linux `setpriv --pdeathsig KILL` where present (Linux).

    Pagefind then ends when the build that started it ends in any way, SIGKILL
    included, instead of writing on into a scratch folder nobody owns.
    """
    setpriv = shutil.which("setpriv")
    if setpriv is None or not os.access(command[0], os.X_OK):  # a missing binary: Popen's own error
        return command
    return [setpriv, "--pdeathsig", "KILL", "--", *command]


def _stop(process: subprocess.Popen, work: Path) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()
    shutil.rmtree(work, ignore_errors=True)


def _no_body_error() -> SearchIndexError:
    return SearchIndexError(
        "no page has a data-pagefind-body element: the templates of posts and "
        "pages must mark their body, or the index fills with navigation text"
    )


def run_pagefind(
    site: Path,
    cfg: SearchSettings,
    output: Path,
    pages: Sequence[str] | None = None,
    executable: Path | None = None,
) -> str:
    """Run Pagefind to the end (bundle in `output`, not yet canonical); return its log."""
    return PagefindRun(site, cfg, output, pages, executable).wait()


class IndexJob:
    """Pagefind over `pages` into a scratch bundle, then canonical and copied into the site.

    Started as soon as the posts and pages are written (the adapter), so Pagefind
    runs on the second core while Pelican writes feeds, photos and listings;
    `finish()` waits for it and publishes the bundle.
    """

    def __init__(
        self,
        site: Path,
        cfg: SearchSettings,
        pages: PageSet,
        executable: Path | None = None,
        scratch: Path | None = None,
    ):
        """`scratch`: the folder for temporary files (sitebuild's, beside the output), else chosen here."""
        if not pages.paths:
            raise _no_body_error()
        self.site, self.cfg, self.pages = Path(site), cfg, pages
        self.started = time.perf_counter()
        self.scratch = Path(tempfile.mkdtemp(prefix=".portal-search-", dir=scratch or self._scratch_parent()))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.scratch, ignore_errors=True)
        try:
            site_html = pages.site_html or None  # what the scan saw; else listed again
            self.run = PagefindRun(
                site, cfg, self.scratch / "bundle", pages.paths, executable, site_html, scratch
            )
        except SearchIndexError:
            self._cleanup()
            raise

    def _scratch_parent(self) -> str | None:
        """RAM when there is a bundle to update; next to the site when there is none.

        Without an old bundle (first build) every file is new: Pagefind then
        writes on the site's own disk, in the background, and the finished
        bundle is moved into place with one rename instead of being copied.
        """
        if (self.site / self.cfg.bundle_dir).exists() or not os.access(self.site.parent, os.W_OK):
            return scratch_root()
        return os.fspath(self.site.parent)

    def finish(self) -> IndexReport:
        """Wait for Pagefind, canonicalise its bundle, copy what changed into the site."""
        try:
            log = self.run.wait()
            bundle = self.scratch / "bundle"
            try:
                canonicalize_bundle(bundle)
            except (BundleFormatError, OSError) as err:
                raise SearchIndexError(f"could not make Pagefind's bundle reproducible: {err}") from err
            written = publish_bundle(bundle, self.site / self.cfg.bundle_dir)
        finally:
            self._cleanup()
        return replace(parse_report(log, time.perf_counter() - self.started), written=written)

    def cancel(self) -> None:
        self.run.cancel()
        self._cleanup()


def publish_bundle(source: Path, target: Path) -> int:
    """Make `target` hold exactly the files of `source`, except the unused UI bundles.

    Files already there with the same bytes are kept, not rewritten (most
    fragments after one edit: their names are content hashes), so they keep
    their mtime; files of an older bundle are removed. Returns files written.
    """
    if not target.exists():
        for name in UNUSED_UI_FILES:
            (source / name).unlink(missing_ok=True)
        try:
            os.rename(source, target)  # one rename when both are on the same disk
            return sum(len(files) for _, _, files in os.walk(target))
        except OSError:
            pass  # another filesystem: copy below
    wanted: set[str] = set()
    written = 0
    for root, _dirs, files in os.walk(source):
        rel = Path(root).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            if rel == Path(".") and name in UNUSED_UI_FILES:
                continue
            wanted.add((rel / name).as_posix())
            written += copy_if_changed(Path(root) / name, target / rel / name)
    for root, dirs, files in os.walk(target, topdown=False):
        rel = Path(root).relative_to(target)
        for name in files:
            if (rel / name).as_posix() not in wanted:
                os.unlink(Path(root) / name)
        for name in dirs:
            if not os.listdir(Path(root) / name):
                os.rmdir(Path(root) / name)
    return written


def build_index(
    site: Path, cfg: SearchSettings, executable: Path | None = None, since_ns: int | None = None
) -> IndexReport:
    """Index the finished site in `site` (pages newer than `since_ns`); SearchIndexError on failure."""
    site = Path(site)
    if not site.is_dir():
        raise SearchIndexError(f"output folder {site} does not exist")
    return IndexJob(site, cfg, indexable_pages(site, cfg.bundle_dir, since_ns), executable).finish()


def filesystem_now() -> int:
    """The ctime a file written now gets (the kernel's clock files use), in ns."""
    with tempfile.TemporaryFile(dir=scratch_root()) as probe:
        return os.fstat(probe.fileno()).st_ctime_ns
