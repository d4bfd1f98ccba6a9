"""Watch a Playwright page for what a strict, same-site portal must never do.

Records Content-Security-Policy violations (the `securitypolicyviolation` event
and Chromium's console report), script errors, requests to any host but the
local test server, and same-site requests that failed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pagetypes import PAGE_TYPES, MissingPageType, find_page

__all__ = ["PAGE_TYPES", "PageWatch", "url_of"]

_LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def url_of(build, kind: str) -> str:
    """The URL path of one page of `kind`; a missing page type fails the test."""
    import pytest

    try:
        return find_page(build.output, kind)
    except MissingPageType as missing:
        pytest.fail(f"page type {kind}: {missing}")


class PageWatch:
    """Attach to a browser context; `problems()` lists everything seen since `reset()`."""

    def __init__(self, context, site_url: str) -> None:
        self.host = urlsplit(site_url).netloc
        self.events: list[str] = []
        context.add_init_script(_LISTEN)
        context.on("console", self._console)
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("requestfailed", self._failed)
        context.on("weberror", lambda error: self.events.append(f"script error: {error.error}"))

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text or message.type == "error":
            self.events.append(f"console {message.type}: {message.text}")

    def _request(self, request) -> None:
        host = urlsplit(request.url).netloc
        if request.url.startswith(("http:", "https:")) and host != self.host:
            self.events.append(f"request to another host: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and not response.url.endswith("/404.html"):
            self.events.append(f"HTTP {response.status}: {response.url}")

    def _failed(self, request) -> None:
        self.events.append(f"request failed ({request.failure}): {request.url}")

    def reset(self) -> None:
        self.events.clear()

    def problems(self, page) -> list[str]:
        violations = page.evaluate("() => window.__cspViolations || []")
        return [*self.events, *(f"CSP: {v}" for v in violations)]
