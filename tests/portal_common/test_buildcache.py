"""The shared HTML parse and the per-build shared values (caches: test_cachefile.py)."""

from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest
from portal_common.buildcache import SHARED_KEY, BuildShared, build_shared, parsed_html, start_build
from portal_common.errors import ContentError


def test_parsed_html_parses_each_text_once_per_owner():
    post = SimpleNamespace()
    first = parsed_html(post, "<p>Coklit <b>dimulai</b></p>")
    assert parsed_html(post, "<p>Coklit <b>dimulai</b></p>") is first
    assert first.b.get_text() == "dimulai"
    other = parsed_html(post, "<p>Ringkasan</p>")
    assert other is not first
    assert parsed_html(SimpleNamespace(), "<p>Coklit <b>dimulai</b></p>") is not first


class _Build:
    """Stands for a Pelican instance: BuildShared only needs its settings dict."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings


def test_build_shared_computes_once_per_build_and_afresh_in_the_next():
    calls = []

    def load(folder: str) -> list[str]:
        calls.append(folder)
        return [folder.upper()]

    settings: dict = {}
    first = _Build(settings)
    shared = start_build(first)
    assert start_build(first) is shared and build_shared(settings) is shared
    assert shared.call(load, "tahapan") is shared.call(load, "tahapan")
    assert calls == ["tahapan"]

    second = start_build(_Build(settings))  # the same settings dict handed to a new build
    assert second is not shared and build_shared(settings) is second
    second.call(load, "tahapan")
    assert calls == ["tahapan", "tahapan"]


def test_build_shared_raises_a_content_error_again_for_every_caller():
    calls = []

    def broken() -> None:
        calls.append(1)
        raise ContentError("content/data/tahapan/x.yaml", 3, "YAML tidak valid")

    shared = start_build(_Build({}))
    for _ in range(2):
        with pytest.raises(ContentError, match="x.yaml:3"):
            shared.get("stages", broken)
    assert calls == [1]


def test_build_shared_stays_out_of_pickles_and_fingerprints():
    settings: dict = {}
    shared = start_build(_Build(settings))
    shared.call(str.upper, "a")
    copy = pickle.loads(pickle.dumps(settings))
    assert isinstance(copy[SHARED_KEY], BuildShared) and copy[SHARED_KEY]._values == {}
    assert repr(shared) == "BuildShared()"
    assert build_shared({}) is None
