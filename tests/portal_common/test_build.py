"""The one per-build object: one instant, validated settings, shared values, never pickled."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime
from pathlib import Path

import pytest
from feeds.settings import FeedSettings
from pelican import Pelican
from pelican.settings import read_settings
from portal_common import build
from portal_common.errors import ContentError, SettingsError
from site_search.core import SearchSettings

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"


class _Pelican:
    """Stands for a Pelican instance: `start` only needs its settings dict."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings


def test_one_build_per_pelican_and_a_fresh_one_for_the_next():
    calls = []

    def load(folder: str) -> list[str]:
        calls.append(folder)
        return [folder.upper()]

    settings: dict = {"PORTAL_NOW": NOW}
    first = _Pelican(settings)
    this = build.start(first)
    assert build.start(first) is this and build.of(settings) is this
    assert this.call(load, "tahapan") is this.call(load, "tahapan")
    assert calls == ["tahapan"]

    second = build.start(_Pelican(settings))  # the same settings dict handed to a new build
    assert second is not this and build.of(settings) is second
    second.call(load, "tahapan")
    assert calls == ["tahapan", "tahapan"]


def test_a_content_error_is_raised_again_for_every_caller():
    calls = []

    def broken() -> None:
        calls.append(1)
        raise ContentError("content/data/tahapan/x.yaml", 3, "YAML tidak valid")

    this = build.of({})
    for _ in range(2):
        with pytest.raises(ContentError, match="x.yaml:3"):
            this.call(broken)
    assert calls == [1]


def test_now_is_one_instant_in_the_site_zone():
    fixed = build.of({"PORTAL_NOW": "2024-02-10T05:00:00+00:00", "TIMEZONE": "Asia/Jakarta"})
    assert fixed.now.isoformat() == NOW and fixed.timezone == "Asia/Jakarta"
    naive = build.of({"PORTAL_NOW": "2024-02-10 12:00"})
    assert naive.now.isoformat() == NOW
    clock = build.of({"PORTAL_NOW": None})
    assert clock.now.tzinfo is not None and clock.now == clock.now  # read once: the same every time
    assert abs((datetime.now(clock.now.tzinfo) - clock.now).total_seconds()) < 60


def test_the_build_never_travels_in_a_pickle_and_has_a_stable_repr():
    settings: dict = {}
    this = build.of(settings)
    this.call(str.upper, "a")
    this.feeds = object()
    copied = pickle.loads(pickle.dumps(settings))
    assert copied[build.KEY] is None  # Pelican's reader cache pickles the settings: nothing goes along
    assert copy.deepcopy(settings)[build.KEY] is this
    assert repr(this) == "Build()"


def test_the_settings_of_active_plugins_are_checked_together():
    settings = {
        "PLUGINS": ["feeds", "site_search"],
        "PORTAL_NOW": "besok",
        "FEEDS_MAX_ITEMS": 0,
        "PORTAL_SEARCH_LANGUAGE": "indonesia",
    }
    with pytest.raises(SettingsError) as caught:
        build.of(settings)
    assert [key for key, _ in caught.value.problems] == [
        "PORTAL_NOW",
        "FEEDS_MAX_ITEMS",
        "PORTAL_SEARCH_LANGUAGE",
    ]
    good = build.of({"PLUGINS": ["feeds", "site_search"], "SITEURL": "https://ppk.example.id"})
    assert good.options(FeedSettings).max_items == 50
    assert good.options(SearchSettings) == SearchSettings()


def test_every_plugin_of_a_real_build_shares_one_build():
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PORTAL_NOW": NOW})
    first = Pelican(settings)
    this = build.of(first.settings)
    assert this.now.isoformat() == NOW
    assert this.feeds is not None and this.search is not None  # set by their `initialized` handlers
    again = Pelican(read_settings(str(ROOT / "pelicanconf.py"), override={"PORTAL_NOW": NOW}))
    assert build.of(again.settings) is not this
