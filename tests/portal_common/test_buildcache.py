"""The shared HTML parse and the per-build shared values (caches: test_cachefile.py)."""

from __future__ import annotations

from types import SimpleNamespace

from portal_common.buildcache import parsed_html


def test_parsed_html_parses_each_text_once_per_owner():
    post = SimpleNamespace()
    first = parsed_html(post, "<p>Coklit <b>dimulai</b></p>")
    assert parsed_html(post, "<p>Coklit <b>dimulai</b></p>") is first
    assert first.b.get_text() == "dimulai"
    other = parsed_html(post, "<p>Ringkasan</p>")
    assert other is not first
    assert parsed_html(SimpleNamespace(), "<p>Coklit <b>dimulai</b></p>") is not first
