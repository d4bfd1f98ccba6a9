"""The site's HTTP policy, in one place: security headers, cache lifetimes, types, redirects.

Every host format (`.htaccess`, `_headers`/`_redirects`, the nginx `server` block in
docs/hosting.md) and the CSP `<meta>` of every page are rendered from a `Policy`
(see `render.py`), so they cannot drift apart. Paths are URL paths relative to the
site root ("/theme/"); `Policy.base` is where the site lives on its host ("/" or
"/portal/" for a site in a subfolder).

Other plugins (the /admin/ web editor) give a folder its own headers with a path
policy: the setting `HOSTING_PATH_POLICIES`, `{"/admin/": {"Content-Security-Policy": …}}`,
which a plugin may extend from its `initialized` handler (read when the host files
are written, so the order of PLUGINS does not matter).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from portal_common.errors import SettingsError

# The Content-Security-Policy, directive by directive. Pagefind compiles its
# WebAssembly ('wasm-unsafe-eval'); nothing else on the site is inline or foreign.
CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# Directives browsers ignore in a <meta> policy (and warn about): header only.
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})

# Cache-Control values by kind of file.
IMMUTABLE = "public, max-age=31536000, immutable"  # fingerprinted: the name changes with the bytes
MEDIA = "public, max-age=86400"  # photos and content images: a replaced photo shows within a day
REVALIDATE = "no-cache"  # HTML, feeds, sitemaps, calendars, search index: always the current build

# Header name -> (value, one line for docs/hosting.md). The CSP comes from CSP_DIRECTIVES.
SECURITY_HEADERS: tuple[tuple[str, str, str], ...] = (
    (
        "Content-Security-Policy",
        "; ".join(f"{name} {sources}" for name, sources in CSP_DIRECTIVES),
        "what a page may load and run: only this site's own files, no inline code, "
        "and (`frame-ancestors 'none'`) no other site may show it in a frame",
    ),
    (
        "X-Content-Type-Options",
        "nosniff",
        "browsers use the declared Content-Type and never guess one "
        "(an uploaded text file is never run as a script)",
    ),
    (
        "Referrer-Policy",
        "strict-origin-when-cross-origin",
        "other sites see only the portal's address, not which page a reader came from",
    ),
    (
        "Permissions-Policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
        "payment=(), usb=()",
        "no page may ask for the camera, microphone, location, sensors or payments",
    ),
)


@dataclass(frozen=True)
class CacheKind:
    """Files under `prefixes` get `cache_control` (the first kind that matches wins)."""

    name: str
    prefixes: tuple[str, ...]
    cache_control: str
    why: str


CACHE_KINDS: tuple[CacheKind, ...] = (
    CacheKind(
        "fingerprinted theme files (CSS, JS, logo)",
        ("/theme/",),
        IMMUTABLE,
        "named after their content, so a changed file is a new URL",
    ),
    CacheKind(
        "photos and content images",
        ("/images/", "/foto/"),
        MEDIA,
        "their names stay when a photo is replaced",
    ),
)
DEFAULT_CACHE = CacheKind(
    "everything else: HTML, feeds, sitemaps, .ics, the search index",
    ("/",),
    REVALIDATE,
    "checked on every visit (a cheap 304 when unchanged), so readers see a new post at once "
    "and never a page that names a stylesheet the last build removed",
)


@dataclass(frozen=True)
class TypeRule:
    """Content-Type for files ending in `suffix`; `static_hosts`: Netlify/Cloudflare must be told too."""

    suffix: str
    content_type: str
    static_hosts: bool


TYPES: tuple[TypeRule, ...] = (
    TypeRule("feed.json", "application/feed+json; charset=utf-8", True),  # JSON Feed 1.1
    TypeRule(".ics", "text/calendar; charset=utf-8", True),
    TypeRule(".pagefind", "application/wasm", True),  # Pagefind's WebAssembly (wasm.<lang>.pagefind)
    TypeRule(".wasm", "application/wasm", False),
    TypeRule(".xml", "application/xml; charset=utf-8", False),  # feeds and sitemaps
    TypeRule(".json", "application/json; charset=utf-8", False),
)
# Text that servers may compress on the fly (files without a precompressed sibling).
COMPRESSIBLE_TYPES: tuple[str, ...] = (
    "text/html",
    "text/css",
    "text/plain",
    "text/xml",
    "text/calendar",
    "application/javascript",
    "text/javascript",
    "application/json",
    "application/feed+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "image/svg+xml",
)
# Old or guessed feed addresses -> where the feeds live (feeds plugin).
REDIRECTS: tuple[tuple[str, str], ...] = (
    ("/rss.xml", "/feed/rss.xml"),
    ("/atom.xml", "/feed/atom.xml"),
    ("/feed.json", "/feed/feed.json"),
    ("/feed", "/feed/rss.xml"),
)
NOT_FOUND_PAGE = "/404.html"


@dataclass(frozen=True)
class PathPolicy:
    """Headers that replace the site-wide ones under one folder (e.g. the /admin/ editor)."""

    prefix: str
    headers: tuple[tuple[str, str], ...]

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)


@dataclass(frozen=True)
class Policy:
    """Everything the host files say, for one site."""

    base: str = "/"
    security: tuple[tuple[str, str], ...] = tuple((name, value) for name, value, _ in SECURITY_HEADERS)
    cache_kinds: tuple[CacheKind, ...] = CACHE_KINDS
    default_cache: CacheKind = DEFAULT_CACHE
    types: tuple[TypeRule, ...] = TYPES
    redirects: tuple[tuple[str, str], ...] = REDIRECTS
    not_found: str = NOT_FOUND_PAGE
    paths: tuple[PathPolicy, ...] = field(default_factory=tuple)

    def url(self, path: str) -> str:
        """A site path ("/theme/") as seen on the host (under `base`)."""
        return self.base.rstrip("/") + path

    def overridden(self) -> frozenset[str]:
        """Header names some path policy replaces (they cannot be set site-wide in one rule)."""
        return frozenset(name for policy in self.paths for name, _ in policy.headers)

    def headers_for(self, path: str) -> list[tuple[str, str]]:
        """Every header a response for site path `path` carries (security + Cache-Control)."""
        headers = dict(self.security)
        headers["Cache-Control"] = self.cache_control(path)
        for policy in self.paths:
            if path.startswith(policy.prefix):
                headers.update(policy.headers)
        return list(headers.items())

    def cache_control(self, path: str) -> str:
        for kind in self.cache_kinds:
            if path.startswith(kind.prefixes):
                return kind.cache_control
        return self.default_cache.cache_control


def csp_meta() -> str:
    """The policy for the pages' <meta http-equiv>: the header's minus header-only directives."""
    kept = [(name, sources) for name, sources in CSP_DIRECTIVES if name not in HEADER_ONLY_DIRECTIVES]
    return "; ".join(f"{name} {sources}" for name, sources in kept)


_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")
# One top-level folder: host rules are written per top-level entry (render.py), so
# a policy never overlaps another rule for the same header.
_PREFIX = re.compile(r"^/[A-Za-z0-9._~-]+/$")


def path_policies(value: object) -> tuple[PathPolicy, ...]:
    """Validate HOSTING_PATH_POLICIES: {"/admin/": {"Header-Name": "value", …}, …}."""
    key = "HOSTING_PATH_POLICIES"
    if value is None:
        return ()
    if not isinstance(value, Mapping):
        raise SettingsError(key, 'must be a dict such as {"/admin/": {"Content-Security-Policy": "…"}}')
    policies = []
    for prefix, headers in sorted(value.items()):
        if not isinstance(prefix, str) or not _PREFIX.match(prefix):
            raise SettingsError(key, f"{prefix!r} must be a top-level folder such as '/admin/'")
        if not isinstance(headers, Mapping) or not headers:
            raise SettingsError(key, f"{prefix}: must map header names to values")
        pairs = []
        for name, text in headers.items():
            if not isinstance(name, str) or not _HEADER_NAME.match(name):
                raise SettingsError(key, f"{prefix}: {name!r} is not a header name")
            if not isinstance(text, str) or not text.strip() or "\n" in text or '"' in text:
                raise SettingsError(key, f"{prefix}: {name} must be one line of text without double quotes")
            pairs.append((name, " ".join(text.split())))
        policies.append(PathPolicy(prefix, tuple(pairs)))
    return tuple(policies)


def base_path(siteurl: str) -> str:
    """The folder the site lives in on its host, from SITEURL ("https://x.id/portal" -> "/portal/")."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://[^/]+(/.*)?$", siteurl or "", re.IGNORECASE)
    path = (match.group(1) if match else "") or "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"
