"""The hosting plugin's pure core: policy, host file formats, fingerprints, first-screen CSS."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest
from hosting.core import assets, compress, render
from hosting.core.policy import (
    CSP_DIRECTIVES,
    IMMUTABLE,
    REVALIDATE,
    SECURITY_HEADERS,
    Policy,
    base_path,
    csp_meta,
    path_policies,
)
from portal_common.errors import SettingsError

ROOT = Path(__file__).resolve().parents[2]
STYLESHEET = ROOT / "theme" / "static" / "css" / "portal.css"
DOCS = ROOT / "docs" / "hosting.md"
# A stand-in for the web editor's own policy (plugins/web_editor, wired by the lead).
ADMIN_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " + (
    "frame-ancestors 'none'"
)
ADMIN = {"/admin/": {"Content-Security-Policy": ADMIN_CSP, "Cache-Control": "no-store"}}


# --- The policy ------------------------------------------------------------------------


def test_meta_policy_is_the_header_policy_without_header_only_directives():
    header = dict(SECURITY_HEADERS_BY_NAME())["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in header
    assert "frame-ancestors" not in csp_meta()
    assert header.startswith(csp_meta() + "; ")
    assert len(CSP_DIRECTIVES) == header.count(";") + 1


def SECURITY_HEADERS_BY_NAME():  # noqa: N802 - reads like the constant it wraps
    return [(name, value) for name, value, _ in SECURITY_HEADERS]


def test_cache_lifetimes_by_path():
    policy = Policy()
    assert policy.cache_control("/theme/css/portal.0123456789.css") == IMMUTABLE
    assert policy.cache_control("/berita/2023/02/x/") == REVALIDATE
    assert policy.cache_control("/feed/rss.xml") == REVALIDATE
    assert policy.cache_control("/pagefind/pagefind.js") == REVALIDATE
    assert "max-age=86400" in policy.cache_control("/foto/bimtek-480.webp")


def test_a_path_policy_replaces_headers_under_its_folder_only():
    policy = Policy(paths=path_policies(ADMIN))
    admin = dict(policy.headers_for("/admin/index.html"))
    site = dict(policy.headers_for("/berita/x/"))
    assert admin["Content-Security-Policy"] == ADMIN_CSP
    assert admin["Cache-Control"] == "no-store"
    assert admin["X-Content-Type-Options"] == "nosniff"  # not replaced: still site-wide
    assert "wasm-unsafe-eval" in site["Content-Security-Policy"]
    assert policy.overridden() == {"Content-Security-Policy", "Cache-Control"}


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (["/admin/"], "must be a dict"),
        ({"admin": {"X-A": "b"}}, "top-level folder"),
        ({"/a/b/": {"X-A": "b"}}, "top-level folder"),
        ({"/admin/": {}}, "must map header names"),
        ({"/admin/": {"Bad Name": "x"}}, "is not a header name"),
        ({"/admin/": {"X-A": 'say "hi"'}}, "without double quotes"),
        ({"/admin/": {"X-A": "two\nlines"}}, "one line"),
    ],
)
def test_bad_path_policies_name_the_setting(value, words):
    with pytest.raises(SettingsError) as error:
        path_policies(value)
    assert "HOSTING_PATH_POLICIES" in str(error.value)
    assert words in str(error.value)


@pytest.mark.parametrize(
    ("siteurl", "base"),
    [
        ("", "/"),
        ("https://ppk.example.id", "/"),
        ("https://x.github.io/portal/", "/portal/"),
        ("http://h/a/b", "/a/b/"),
    ],
)
def test_base_path_follows_siteurl(siteurl, base):
    assert base_path(siteurl) == base


# --- _headers and _redirects (Netlify's documented format) ---------------------------------


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Netlify's `_headers` syntax: a path line (starting with /), then indented `Name: value`."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            assert line.startswith("/") and " " not in line, (
                f"line {number}: a path must start with / ({line!r})"
            )
            rules.append((line, []))
            continue
        match = re.fullmatch(r"\s+([A-Za-z0-9-]+):\s*(\S.*)", line)
        assert match and rules, f"line {number}: not an indented 'Name: value' after a path ({line!r})"
        rules[-1][1].append((match.group(1), match.group(2)))
    return rules


def headers_matching(rules, path: str) -> list[tuple[str, str]]:
    """Every header of every rule whose pattern matches `path` (Cloudflare Pages' documented merge)."""
    found = []
    for pattern, headers in rules:
        regex = "^" + re.escape(pattern).replace(r"\*", ".*") + "$"
        if re.match(regex, path):
            found += headers
    return found


ENTRIES = [
    "404.html",
    "admin/",
    "berita/",
    "feed/",
    "foto/",
    "index.html",
    "pagefind/",
    "theme/",
    "sitemap.xml",
]
TYPED = ["/feed/feed.json", "/tahapan/pemilu-2024.ics", "/pagefind/wasm.id.pagefind", "/feed/rss.xml"]


@pytest.mark.parametrize("paths", [{}, ADMIN])
def test_headers_file_gives_each_path_each_header_once(paths):
    policy = Policy(paths=path_policies(paths))
    rules = parse_headers_file(render.netlify_headers(policy, ENTRIES, render.typed_paths(policy, TYPED)))
    assert all(headers for _, headers in rules), "a path rule without headers"
    probes = [
        "/",
        "/index.html",
        "/berita/2023/02/x/",
        "/theme/css/portal.0123456789.css",
        "/admin/",
        "/feed/feed.json",
    ]
    for path in probes:
        names = [name for name, _ in headers_matching(rules, path)]
        assert len(names) == len(set(names)), f"{path}: a header from two rules would be joined: {names}"
        merged = dict(headers_matching(rules, path))
        assert merged["Cache-Control"] == dict(policy.headers_for(path))["Cache-Control"]
        assert merged["Content-Security-Policy"] == dict(policy.headers_for(path))["Content-Security-Policy"]
        assert merged["X-Content-Type-Options"] == "nosniff"
    assert dict(headers_matching(rules, "/feed/feed.json"))["Content-Type"].startswith(
        "application/feed+json"
    )
    assert dict(headers_matching(rules, "/pagefind/wasm.id.pagefind"))["Content-Type"] == "application/wasm"
    assert "Content-Type" not in dict(headers_matching(rules, "/feed/rss.xml"))  # hosts know .xml


def test_redirects_file_has_netlify_syntax():
    text = render.netlify_redirects(Policy(base="/portal/"))
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines
    for line in lines:
        source, target, status = line.split()
        assert source.startswith("/portal/") and target.startswith("/portal/")
        assert status == "301"
    assert "/portal/rss.xml /portal/feed/rss.xml 301" in lines


def test_htaccess_guards_every_module_and_carries_the_admin_policy():
    text = render.htaccess(Policy(paths=path_policies(ADMIN)))
    depth, module_directives = (
        0,
        {"Header", "RewriteRule", "RewriteCond", "AddOutputFilterByType", "ExpiresActive"},
    )
    for line in text.splitlines():
        word = line.strip().split(" ", 1)[0]
        if word.startswith("<IfModule"):
            depth += 1
        elif word == "</IfModule>":
            depth -= 1
        elif word in module_directives:
            assert depth > 0, f"{line.strip()!r} outside <IfModule>"
    assert depth == 0
    assert f'Header always set Content-Security-Policy "{ADMIN_CSP}"' in text
    assert '<If "%{REQUEST_URI} =~ m#^(?:/admin/)#">' in text
    assert "ErrorDocument 404 /404.html" in text


# --- nginx: docs/hosting.md shows exactly what the code generates ---------------------------


def documented_nginx() -> str:
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(r"<!-- nginx:begin -->\n```nginx\n(.*?)```\n<!-- nginx:end -->", text, re.DOTALL)
    assert match, "docs/hosting.md has no nginx block between <!-- nginx:begin --> and <!-- nginx:end -->"
    return match.group(1)


def test_docs_nginx_snippet_is_the_generated_one():
    assert documented_nginx() == render.nginx(Policy()), (
        "docs/hosting.md is stale: paste the output of\n"
        '  .venv/bin/python -c \'import sys; sys.path.insert(0, "plugins"); '
        'from hosting.core import render, policy; print(render.nginx(policy.Policy()), end="")\''
    )


def test_docs_explain_every_header():
    text = DOCS.read_text(encoding="utf-8")
    for name, _, _ in SECURITY_HEADERS:
        assert f"| `{name}` |" in text, name
    for name in ("Cache-Control", "Content-Type", "Content-Encoding", "Vary"):
        assert f"| `{name}` |" in text, name


# --- Fingerprints and the first-screen stylesheet ----------------------------------------------


def test_fingerprint_changes_with_the_bytes_and_keeps_folder_and_extension():
    first = assets.fingerprinted("css/portal.css", b"a{color:red}")
    second = assets.fingerprinted("css/portal.css", b"a{color:blue}")
    assert first != second
    assert re.fullmatch(r"css/portal\.[0-9a-f]{10}\.css", first)
    assert assets.fingerprinted("css/portal.css", b"a{color:red}") == first
    assert re.fullmatch(r"LICENSE\.[0-9a-f]{10}", assets.fingerprinted("LICENSE", b"x"))


def test_asset_urls_name_unknown_files():
    urls = assets.AssetUrls("theme", {"css/portal.css": "css/portal.0123456789.css"})
    assert urls("css/portal.css") == "theme/css/portal.0123456789.css"
    with pytest.raises(KeyError, match="css/other.css"):
        urls("css/other.css")


def test_first_screen_keeps_order_and_drops_later_and_print_rules():
    css = """/* c */
:root { --x: 1; }
.site-footer { color: red; }
.card, .site-footer a { margin: 0; }
@media print { .card { display: none; } }
@media (min-width: 40em) { .footer-grid { gap: 1px; } .card { gap: 2px; } }
.post-body table { width: 100%; }
a { color: var(--x) !important; }
"""
    first = assets.first_screen_css(css)
    assert first == (
        ":root{--x:1}\n.card,.site-footer a{margin:0}\n@media (min-width: 40em){.card{gap:2px}}\n"
        "a{color:var(--x)!important}\n"
    )


def test_feature_sections_follow_the_plugin_headings():
    core, features = assets.feature_sections(STYLESHEET.read_text(encoding="utf-8"))
    assert {"site_search", "election_stages", "officers"} <= set(features)
    assert ".site-header" in core and ".timeline" in features["election_stages"]


def test_first_screen_sheets_stay_under_6_kb():
    """What the first paint waits for: the core sheet, plus one feature sheet on that feature's pages."""
    files = assets.with_first_screen({assets.STYLESHEET: STYLESHEET.read_bytes()})
    core = len(files[assets.FIRST_SCREEN])
    features = {name: len(data) for name, data in files.items() if name.startswith("css/portal-first-")}
    assert features
    for name, size in features.items():
        assert core + size < assets.FIRST_SCREEN_BUDGET, f"{assets.FIRST_SCREEN} + {name}: {core + size} B"
    assert core < len(STYLESHEET.read_bytes()) / 3


# --- Compression -----------------------------------------------------------------------------


def test_compression_is_deterministic_and_decodes_to_the_original():
    data = ("<p>Rekapitulasi suara tingkat kecamatan</p>\n" * 200).encode()
    first = compress.compressed(data)
    assert first == compress.compressed(data)
    assert brotli.decompress(first[0]) == data
    assert gzip.decompress(first[1]) == data
    assert first[1][4:8] == b"\0\0\0\0"  # no timestamp in the gzip header


def test_candidates_skip_small_and_binary_files():
    sizes = {
        "/big.html": 2000,
        "/small.css": 10,
        "/photo.webp": 5000,
        "/wasm.id.pagefind": 5000,
        "/f/x.ics": 1024,
    }
    assert list(compress.candidates(sizes, compress.MIN_BYTES, sizes.__getitem__)) == [
        "/big.html",
        "/f/x.ics",
    ]
