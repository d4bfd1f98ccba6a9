"""Declared settings: types, defaults and checks, every problem named by its key."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from portal_common.errors import SettingsError
from portal_common.options import at_least, folder_url, option, read


@dataclass(frozen=True)
class Sample:
    count: int = option("SAMPLE_COUNT", int, 3, check=at_least(1, 10))
    url: str = option("SAMPLE_URL", str, "cari/", check=folder_url)
    tags: tuple[str, ...] = option("SAMPLE_TAGS", (list, tuple), ["a"], convert=tuple)
    needed: dict = option("SAMPLE_NEEDED", dict, None)

    def problems(self) -> list[tuple[str, str]]:
        return [] if self.count <= len(self.needed) + 5 else [("SAMPLE_COUNT", "too many for SAMPLE_NEEDED")]


def test_defaults_and_conversion():
    sample = read(Sample, {"SAMPLE_NEEDED": {}, "SAMPLE_TAGS": ["x", "y"]})
    assert sample == Sample(count=3, url="cari/", tags=("x", "y"), needed={})
    assert read(Sample, {"SAMPLE_NEEDED": {}}).tags == ("a",)  # the default is converted like a setting


def test_every_bad_setting_is_reported_at_once_with_its_key_and_why():
    with pytest.raises(SettingsError) as caught:
        read(Sample, {"SAMPLE_COUNT": True, "SAMPLE_URL": "/cari", "SAMPLE_TAGS": "a"})
    assert caught.value.key == "SAMPLE_COUNT"
    assert caught.value.problems == [
        ("SAMPLE_COUNT", "must be a whole number, not True"),  # a bool is not a number here
        ("SAMPLE_URL", "'/cari' must be a folder URL relative to the site root ending in '/', e.g. 'cari/'"),
        ("SAMPLE_TAGS", "must be a list or a tuple, not 'a'"),
        ("SAMPLE_NEEDED", "is required"),
    ]
    assert caught.value.format("pelicanconf.py").splitlines()[1] == (
        "pelicanconf.py: error: setting SAMPLE_URL: "
        "'/cari' must be a folder URL relative to the site root ending in '/', e.g. 'cari/'"
    )


def test_limits_and_checks_across_keys():
    with pytest.raises(SettingsError, match="setting SAMPLE_COUNT: must be at most 10, not 11"):
        read(Sample, {"SAMPLE_COUNT": 11, "SAMPLE_NEEDED": {}})
    with pytest.raises(SettingsError, match="setting SAMPLE_COUNT: too many for SAMPLE_NEEDED"):
        read(Sample, {"SAMPLE_COUNT": 9, "SAMPLE_NEEDED": {}})
