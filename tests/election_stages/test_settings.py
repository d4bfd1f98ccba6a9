"""The plugin's own settings are checked once, with a message naming the setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from election_stages.core.settings import StageSettings
from portal_common.build import Build
from portal_common.errors import SettingsError

BASE = {
    "PATH": "/site/content",
    "SITENAME": "PPK Concong",
    "TIMEZONE": "Asia/Jakarta",
    "PORTAL_NOW": None,
    "PLUGINS": ["election_stages"],
}


def test_defaults():
    build = Build({**BASE, "PORTAL_NOW": "2024-02-10T12:00:00+07:00"})
    conf = build.options(StageSettings)
    assert conf.data_dir == Path("/site/content/data/tahapan")
    assert conf.display_root == Path("/site")
    assert conf.uid_domain == "ppk-concong"
    assert build.now.isoformat() == "2024-02-10T12:00:00+07:00"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("TAHAPAN_DATA_PATH", ""),
        ("TAHAPAN_DATA_PATH", ["data"]),
        ("TAHAPAN_UID_DOMAIN", "ppk concong!"),
        ("PORTAL_NOW", "besok pagi"),
    ],
)
def test_bad_settings_are_named(key, value):
    with pytest.raises(SettingsError) as caught:
        Build({**BASE, key: value})
    assert caught.value.key == key
