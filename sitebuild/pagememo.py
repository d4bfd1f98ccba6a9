"""Render only the pages whose inputs changed since the build that wrote them.

Pelican renders every page on every build. After the officer fixes a typo in one
post, almost all of the ~1,200 pages of a 500-post site come out byte-identical:
rendering them is most of a warm rebuild. This module lets the writer skip them,
without ever serving a stale page:

* **What a page can read** is found statically: the names a template and every
  template it extends, includes or imports refer to (`jinja2.meta`). A template
  with a computed template name is never skipped.
* **The page key** is a hash of the code stamp (theme templates, plugin code,
  settings, library versions), the template name, the output path and a
  fingerprint of the value of each of those names in the page's context. Posts
  and pages (Pelican `Content`) are fingerprinted by their HTML (links to other
  posts resolved) and every attribute, plus the same for each post they link to directly
  (related posts, previous/next, a stage's posts): what a template shows of them.
* **Paginated listings** (`articles_page`): the page's own slice is its input, so
  editing one post re-renders only the listing pages that show it. The full
  `articles`/`dates` lists are then replaced by a guard that fails the build if a
  template reads them, because the key would not cover them.
* **The manifest** records, per output file of one output folder, the key it was
  rendered with and its size, mtime and SHA-256. It is a `Store`
  (portal_common.cachefile, which adds the code and library versions to its
  version), removed from disk when a build starts and written back only after
  the build succeeded, so a crash never leaves a manifest that claims pages the
  folder does not hold. Folders are told apart by inode, which survives the
  driver's renames (outputs.py).

Values of a type the fingerprint does not know make the page render as usual
(`unmemoisable` in the stats); tests assert the demo site has none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import os
import time
from collections.abc import Mapping
from datetime import tzinfo
from pathlib import Path
from typing import Any

from jinja2 import meta as jinja_meta
from markupsafe import Markup
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from portal_common.cachefile import Store, digest_texts, remove

# Attributes of Content that are not its own data (or are covered otherwise).
_CONTENT_SKIP = {"settings", "_context", "_content"}
# Listing inputs that only the paginated slice may stand for.
_PAGINATED_WHOLE = ("articles", "dates")
_MAX_DEPTH = 100


class Unmemoisable(Exception):
    """A context value the fingerprint cannot describe: render the page as usual."""


class UntrackedListError(RuntimeError):
    """A paginated template read the whole article list, which its key does not cover."""


class _Untracked:
    """Stands for `articles`/`dates` on a paginated page: any use fails the build."""

    def __init__(self, name: str, template: str) -> None:
        self._name, self._template = name, template

    def _fail(self, *_args: Any, **_kwargs: Any):
        raise UntrackedListError(
            f"{self._template}: a paginated page read `{self._name}`; use "
            f"`{self._name}_page.object_list` (sitebuild/pagememo.py)"
        )

    __iter__ = __len__ = __bool__ = __getitem__ = __str__ = __html__ = __contains__ = _fail

    def __getattr__(self, _name: str):
        self._fail()


class Fingerprinter:
    """Stable text for context values; one per build (it memoises by object identity).

    The memo keeps every object it has seen alive, so an id is never reused for
    another object during the build.
    """

    def __init__(self, settings: Mapping | None = None) -> None:
        self._settings = settings
        self._content: dict[int, tuple[Any, str, list]] = {}
        self._deep: dict[int, tuple[Any, str]] = {}
        self._top: dict[int, tuple[Any, str]] = {}
        self._objects: dict[tuple[int, bool], tuple[Any, str, list]] = {}
        self._walk: dict[int, int] | None = None  # objects met in the current object graph
        self._links: list[list[Content]] = []  # posts met while reading a post's own data

    def value(self, value: Any) -> str:
        """A page's context value; shared ones (site-wide lists) are read once per build."""
        if isinstance(value, (str, int, float, bool, type(None))):
            return repr(value)
        cached = self._top.get(id(value))
        if cached is None:
            cached = (value, digest_texts(self._value(value, 0, shallow=False)))
            self._top[id(value)] = cached
        return cached[1]

    def _value(self, value: Any, depth: int, shallow: bool) -> str:
        if depth > _MAX_DEPTH:
            raise Unmemoisable(f"nested deeper than {_MAX_DEPTH}")
        kind = type(value)  # the common exact types first: this runs ~200 times per post
        if kind is str:
            return f"s{len(value)}:{value}"
        if kind is list or kind is tuple:
            return "[" + ",".join([self._value(v, depth + 1, shallow) for v in value]) + "]"
        if kind is dict and value is not self._settings:
            return self._structure(value, depth, shallow)
        if value is None or isinstance(value, (bool, int, float)):
            return repr(value)
        if value is self._settings:
            return "settings"
        if isinstance(value, Markup):
            return f"m{len(value)}:{value}"
        if isinstance(value, str):  # length-prefixed: no escaping pass over long HTML
            return f"s{len(value)}:{value}"
        if isinstance(value, bytes):
            return repr(value)
        if isinstance(value, (dt.datetime, dt.date, dt.time)):
            return f"{type(value).__name__}({value.isoformat()},{getattr(value, 'tzinfo', None)})"
        if isinstance(value, Content):
            return self._content_ref(value, shallow)
        if isinstance(value, URLWrapper):  # its URL follows from the slug and the settings
            return f"{type(value).__name__}({value.name!r},{value.slug!r})"
        if isinstance(value, Page):
            return self._page(value, depth, shallow)
        if isinstance(value, Paginator):
            return f"Paginator({value.name!r},{value.url!r},{value.num_pages},{value.count},{value.per_page})"
        return self._structure(value, depth, shallow)

    def _structure(self, value: Any, depth: int, shallow: bool) -> str:
        inner = depth + 1
        if isinstance(value, Mapping):
            items = sorted((str(k), self._value(v, inner, shallow)) for k, v in value.items())
            return "{" + ",".join(f"{k!r}:{v}" for k, v in items) + "}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self._value(v, inner, shallow) for v in value) + "]"
        if isinstance(value, (set, frozenset)):
            return "{" + ",".join(sorted(self._value(v, inner, shallow) for v in value)) + "}"
        if isinstance(value, enum.Enum):
            return f"{type(value).__qualname__}.{value.name}"
        if isinstance(value, Path):
            return f"Path({value.as_posix()!r})"
        if isinstance(value, type) or callable(value) and hasattr(value, "__qualname__"):
            return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
        if isinstance(value, tzinfo):
            return f"tz({value})"
        return self._object(value, inner, shallow)

    def _object(self, value: Any, depth: int, shallow: bool) -> str:
        """A dataclass or plain object, by its fields or attributes.

        The graph reachable from the outermost object is written out once per
        build (a stage, its election and the election's other stages), its digest
        memoised; inside it an object met again is written as `@n`, its position
        in that walk, so back-references (stage -> election -> stages) stay finite.
        """
        name = type(value).__qualname__
        if self._walk is not None:
            seen = self._walk.get(id(value))
            if seen is not None:
                return f"@{seen}"
            self._walk[id(value)] = len(self._walk)
            return f"{name}({self._members(value, depth, shallow)})"
        key = (id(value), shallow)
        cached = self._objects.get(key)
        if cached is None:
            links_before = len(self._links[-1]) if shallow else 0
            self._walk = {id(value): 0}
            try:
                text = f"{name}({self._members(value, depth, shallow)})"
            finally:
                self._walk = None
            links = self._links[-1][links_before:] if shallow else []
            cached = (value, f"O({digest_texts(text)})", links)
            self._objects[key] = cached
        elif shallow:
            self._links[-1].extend(cached[2])
        return cached[1]

    def _members(self, value: Any, depth: int, shallow: bool) -> str:
        if dataclasses.is_dataclass(value):
            names = [field.name for field in dataclasses.fields(value)]
            members = {name: getattr(value, name) for name in names}
        else:
            members = getattr(value, "__dict__", None)
            if members is None:
                raise Unmemoisable(f"cannot fingerprint a {type(value).__qualname__}")
        return ",".join(f"{name}={self._value(members[name], depth, shallow)}" for name in sorted(members))

    def _page(self, page: Page, depth: int, shallow: bool) -> str:
        objects = self._value(page.object_list, depth + 1, shallow)
        paginator = self._value(page.paginator, depth + 1, shallow)
        return f"Page({page.full_name!r},{page.base_url!r},{page.number},{paginator},{objects})"

    def _content_ref(self, content: Content, shallow: bool) -> str:
        """A post as seen by a page: its own data, and (not shallow) what it links to."""
        if shallow:  # inside another post's data: by identity, and noted as a link
            self._links[-1].append(content)
            return f"ref({content.source_path!r})"
        own, links = self._content_own(content)
        cached = self._deep.get(id(content))
        if cached is None:
            linked = [self._content_own(other)[0] for other in links]
            cached = (content, digest_texts(own, *linked))
            self._deep[id(content)] = cached
        return f"C*({cached[1]})"

    def _content_own(self, content: Content) -> tuple[str, list]:
        cached = self._content.get(id(content))
        if cached is None:
            links: list[Content] = []
            self._links.append(links)
            walk, self._walk = self._walk, None
            # URL, save_as and summary follow from these attributes and the
            # settings (in the stamp); the HTML with links to other posts resolved.
            parts = [type(content).__qualname__, content.source_path or "", content.get_content("")]
            try:
                for name in sorted(vars(content)):
                    if name not in _CONTENT_SKIP:
                        parts.append(f"{name}={self._value(vars(content)[name], 1, shallow=True)}")
            finally:
                self._links.pop()
                self._walk = walk
            cached = (content, digest_texts(*parts), links)
            self._content[id(content)] = cached
        return cached[1], cached[2]


def _template_reads(environment, name: str) -> tuple[frozenset[str], tuple[str | None, ...]]:
    """The context names one template refers to, and the templates it pulls in."""
    source, filename, _ = environment.loader.get_source(environment, name)
    tree = environment.parse(source, name, filename)  # a syntax error then names the file
    referenced = tuple(jinja_meta.find_referenced_templates(tree))
    return frozenset(jinja_meta.find_undeclared_variables(tree)), referenced


def template_names(environment, name: str, parsed: dict | None = None) -> frozenset[str] | None:
    """Context names `name` and the templates it pulls in can read; None if not knowable.

    `parsed` memoises each template's own reads (partials are shared by many pages).
    """
    parsed = {} if parsed is None else parsed
    names: set[str] = set()
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        if current not in parsed:
            parsed[current] = _template_reads(environment, current)
        own, referenced = parsed[current]
        if None in referenced:
            return None
        names |= own
        pending.extend(referenced)
    return frozenset(names)


def code_stamp(settings_fingerprint: str, template_dirs: list[str]) -> str:
    """What a page depends on besides its context and the code (in the Store's version): settings, theme."""
    parts = [settings_fingerprint]
    for folder in template_dirs:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                parts.append(f"{path}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
    return digest_texts(*parts)


@dataclasses.dataclass
class MemoStats:
    rendered: int = 0
    skipped: int = 0
    unmemoisable: int = 0
    keying_seconds: float = 0.0  # time spent working out page keys
    reasons: dict[str, int] = dataclasses.field(default_factory=dict)


def _file_digest(path: str) -> str:
    with open(path, "rb") as page:
        return hashlib.sha256(page.read()).hexdigest()


class PageMemo:
    """One build's view of one output folder's manifest."""

    def __init__(self, folder: Path, cache_dir: Path, stamp: str, settings: Mapping) -> None:
        self.folder = folder
        self.stamp = stamp
        status = os.stat(folder)
        self.store = Store(cache_dir, f"pages-{status.st_dev}-{status.st_ino}", stamp)
        self.manifest_path = self.store.path
        self._names: dict[str, frozenset[str] | None] = {}
        self._parsed: dict[str, tuple] = {}
        self.previous = self._take_manifest()
        self.current: dict[str, list] = {}
        self.stats = MemoStats()
        self.fingerprints = Fingerprinter(settings)

    def _take_manifest(self) -> dict[str, list]:
        """Read and remove the folder's manifest: it is only valid until this build writes."""
        data = self.store.load()
        if self.manifest_path:
            remove(self.manifest_path)
        if data is None:
            return {}
        self._names = data["templates"]  # the stamp covers the theme: its analysis still holds
        return data["pages"]

    def names_for(self, template) -> frozenset[str] | None:
        if template.name not in self._names:
            self._names[template.name] = template_names(template.environment, template.name, self._parsed)
        return self._names[template.name]

    def prepare(self, template, localcontext: dict) -> tuple[dict, str | None]:
        """The context to render with, and the page key (None: render without memo)."""
        started = time.perf_counter()
        try:
            return self._prepare(template, localcontext)
        finally:
            self.stats.keying_seconds += time.perf_counter() - started

    def _prepare(self, template, localcontext: dict) -> tuple[dict, str | None]:
        context = dict(localcontext)
        if "articles_page" in context:
            for name in _PAGINATED_WHOLE:
                if name in context:
                    context[name] = _Untracked(name, template.name)
        names = self.names_for(template)
        if names is None:
            return context, self._unmemoisable("template name computed at render time")
        parts = [template.name, str(context.get("output_file"))]
        try:
            for name in sorted(names & context.keys()):
                value = context[name]
                if not isinstance(value, _Untracked):
                    parts.append(f"{name}={self.fingerprints.value(value)}")
        except Unmemoisable as why:
            return context, self._unmemoisable(str(why))
        return context, digest_texts(self.stamp, *parts)

    def _unmemoisable(self, reason: str) -> None:
        self.stats.unmemoisable += 1
        self.stats.reasons[reason] = self.stats.reasons.get(reason, 0) + 1
        return None

    def is_current(self, path: str, key: str) -> bool:
        """Does the folder hold `path` exactly as rendered with `key` before?"""
        entry = self.previous.get(self._relative(path))
        if not entry or entry[0] != key:
            return False
        try:
            status = os.lstat(path)
        except OSError:
            return False
        if not os.path.isfile(path) or os.path.islink(path) or status.st_nlink > 1:
            return False  # write_if_changed would replace it: let it
        if [status.st_size, status.st_mtime_ns] != entry[1:3]:
            return False
        return _file_digest(path) == entry[3]  # the page still holds what was rendered

    def record(self, path: str, key: str) -> None:
        status = os.stat(path)
        self.current[self._relative(path)] = [key, status.st_size, status.st_mtime_ns, _file_digest(path)]

    def _relative(self, path: str) -> str:
        return os.path.relpath(path, self.folder)

    def save(self) -> None:
        """After a successful build: the manifest for the folder's files as they are now."""
        stats = dataclasses.asdict(self.stats)
        self.store.save({"stats": stats, "templates": self._names, "pages": self.current})
