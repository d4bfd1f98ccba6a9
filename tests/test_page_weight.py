"""Page-weight budgets and same-site loading, checked on the built files (no browser).

Residents read on cheap phones over slow networks: the HTML, CSS and JavaScript
a page needs for its first render must stay small once gzip-compressed. Photos
and the Pagefind search bundle (loaded only on /cari/ after the page is shown)
are excluded. Bytes are deterministic, so the budget is a plain test.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pagetypes import PAGE_TYPES, MissingPageType, find_page
from sitecheck import html_pages, resolve_local

BUDGET = 30 * 1024  # bytes, gzip-compressed, per page
GZIP_LEVEL = 6  # what common web servers and CDNs use
ALLOWED_SOURCES = {"'self'", "'none'", "'wasm-unsafe-eval'"}
# Attributes that make the browser fetch something (links to other sites are fine).
LOADING = {
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
CSS_IMPORT = re.compile(r"@import\s")


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def first_render_files(output: Path, url: str, soup: BeautifulSoup) -> list[Path]:
    """The CSS and JS files a page references, minus the Pagefind bundle."""
    wanted = [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')]
    wanted += [script["src"] for script in soup.select("script[src]")]
    files = []
    for reference in wanted:
        target = resolve_local(output, url, reference)
        assert target is not None, f"{url}: {reference} is not on this site"
        if "pagefind" in target.relative_to(output).parts[:1]:
            continue
        assert target.is_file(), f"{url}: {reference} does not exist"
        files.append(target)
    return files


def page_weight(output: Path, url: str) -> dict[str, int]:
    page = output / url.lstrip("/")
    page = page / "index.html" if url.endswith("/") else page
    html = page.read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    weights = {"HTML": gzipped(html)}
    for file in first_render_files(output, url, soup):
        weights[file.relative_to(output).as_posix()] = gzipped(file.read_bytes())
    return weights


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_first_render_is_at_most_30_kb_gzipped(demo_build, kind):
    try:
        url = find_page(demo_build.output, kind)
    except MissingPageType as missing:
        pytest.fail(f"page type {kind}: {missing}")
    weights = page_weight(demo_build.output, url)
    total = sum(weights.values())
    detail = ", ".join(f"{name} {size} B" for name, size in weights.items())
    assert total <= BUDGET, f"{kind} {url}: {total} B gzipped > {BUDGET} B ({detail})"


def test_every_page_is_within_budget(demo_build):
    """Not only one page per type: long lists and long posts count too."""
    heavy = []
    for url, _ in html_pages(demo_build.output):
        total = sum(page_weight(demo_build.output, url).values())
        if total > BUDGET:
            heavy.append(f"{url}: {total} B")
    assert not heavy, "pages over the 30 KB budget: " + "; ".join(heavy)


def test_pages_load_nothing_from_other_hosts(demo_build):
    problems = []
    for url, soup in html_pages(demo_build.output):
        for tag in soup.find_all(list(LOADING) + ["link"]):
            if tag.name == "link":
                if not LOADING_LINK_RELS & set(tag.get("rel", [])):
                    continue
                attributes = ("href",)
            else:
                attributes = LOADING[tag.name]
            for attribute in attributes:
                for reference in _candidates(tag.get(attribute, ""), attribute):
                    if resolve_local(demo_build.output, url, reference) is None:
                        problems.append(f"{url}: <{tag.name} {attribute}={reference!r}>")
        for style in soup.find_all(style=True):
            problems.append(f"{url}: inline style on <{style.name}> (blocked by the CSP)")
    assert not problems, "\n".join(problems)


def _candidates(value: str, attribute: str) -> list[str]:
    if not value:
        return []
    if attribute == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value]


def test_stylesheets_load_nothing_from_other_hosts(demo_build):
    sheets = list((demo_build.output / "theme").rglob("*.css"))
    assert sheets, "the theme has no stylesheet"
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        assert not CSS_IMPORT.search(text), f"{sheet.name}: @import costs an extra round trip"
        for reference in CSS_URL.findall(text):
            assert reference.startswith("data:") or "//" not in reference, (
                f"{sheet.name}: url({reference}) loads from another host"
            )


def test_every_image_has_width_and_height(demo_build):
    missing = []
    for url, soup in html_pages(demo_build.output):
        for img in soup.find_all("img"):
            for attribute in ("width", "height"):
                value = img.get(attribute, "")
                if not value.isdigit() or int(value) <= 0:
                    missing.append(f"{url}: <img src={img.get('src')!r}> has no {attribute}")
    assert not missing, "\n".join(missing)


def csp_directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in policy.split(";"):
        if directive.strip():
            name, *sources = directive.split()
            parsed[name] = sources
    return parsed


def test_every_page_sets_a_strict_content_security_policy(demo_build):
    policies = set()
    for url, soup in html_pages(demo_build.output):
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, f"{url}: expected one CSP <meta>, found {len(metas)}"
        policies.add(metas[0]["content"])
        before = metas[0].find_all_previous(["link", "script", "style", "img"])
        assert not before, f"{url}: the CSP must come before anything is loaded"
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (
                f"{url}: inline <script> is blocked by the CSP"
            )
        assert not soup.find("style"), f"{url}: inline <style> is blocked by the CSP"
    assert len(policies) == 1, "every page must carry the same policy"
    directives = csp_directives(policies.pop())
    for name, sources in directives.items():
        assert set(sources) <= ALLOWED_SOURCES, f"{name} allows {sources}"
    assert directives["default-src"] == ["'self'"]
    # Pagefind compiles its WebAssembly: the one exception to plain 'self'.
    assert directives["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert directives["object-src"] == ["'none'"]
    assert {"style-src", "img-src", "base-uri", "form-action"} <= set(directives)
