"""FEEDS_* settings: checked once, errors name the setting."""

import pytest
from feeds.settings import FeedSettings
from portal_common.errors import SettingsError
from portal_common.options import read

PUBLIC = {"SITEURL": "https://ppk.example.id", "PORTAL_PUBLIC_URL": "https://ppk.example.id"}


def test_published_and_preview_bases():
    published = read(FeedSettings, PUBLIC)
    assert published.published and published.base_url == "https://ppk.example.id"
    preview = read(FeedSettings, {**PUBLIC, "SITEURL": ""})
    assert not preview.published and preview.base_url == "http://localhost:8000"
    # ids never depend on where the site is previewed or hosted
    assert preview.guid_authority == published.guid_authority == "ppk.example.id"
    hosted = read(FeedSettings, {**PUBLIC, "SITEURL": "https://user.github.io/portal"})
    assert hosted.guid_authority == "ppk.example.id"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("FEEDS_MAX_ITEMS", 0),
        ("FEEDS_MAX_ITEMS", "50"),
        ("FEEDS_MAX_BYTES", -1),
        ("FEEDS_HUB_URL", "hub.example"),
        ("FEEDS_PREVIEW_SITEURL", "localhost:8000"),
        ("FEEDS_SITEMAP_MAX_URLS", 50_001),
        ("FEEDS_GUID_AUTHORITY", "https://ppk.example.id/"),
        ("FEEDS_ROBOTS_DISALLOW", ["draf/"]),
    ],
)
def test_bad_settings_name_the_setting(key, value):
    with pytest.raises(SettingsError) as caught:
        read(FeedSettings, {**PUBLIC, key: value})
    assert caught.value.key == key


def test_preview_needs_a_preview_url():
    with pytest.raises(SettingsError, match="FEEDS_PREVIEW_SITEURL"):
        read(FeedSettings, {"SITEURL": "", "FEEDS_PREVIEW_SITEURL": ""})
