"""A build with bad settings names every one of them at once and leaves the last good site intact."""

from __future__ import annotations

from conftest import DEMO_NOW, run_build, tree_digest
from smallsite import write_small_site

POST = """Title: Bimtek KPPS Desa Kampung Baru
Date: 2024-01-20 09:00
Category: Kegiatan
Summary: PPS Kampung Baru melatih anggota KPPS.

PPS Kampung Baru melatih anggota KPPS tentang pemungutan suara.
"""
BAD = {
    "PORTAL_NOW": "besok pagi",
    "FEEDS_MAX_ITEMS": 0,
    "OFFICERS_IMAGE_WORKERS": -1,
    "PORTAL_SEARCH_URL": "/cari",
    "HOSTING_PRECOMPRESS": "ya",
}


def test_every_bad_setting_is_named_and_the_last_good_site_stays(tmp_path):
    content = write_small_site(tmp_path, {"bimtek.md": POST}, with_data=True)
    output = tmp_path / "output"
    good = run_build(output, content=content, overrides={"PORTAL_NOW": DEMO_NOW})
    assert good.ok, good.messages
    before = tree_digest(output)

    bad = run_build(output, content=content, overrides=BAD)
    assert not bad.ok
    errors = [line for line in bad.messages.splitlines() if ": error: setting " in line]
    assert [line.split(": error: setting ")[1].split(":")[0] for line in errors] == [
        "PORTAL_NOW",
        "FEEDS_MAX_ITEMS",
        "OFFICERS_IMAGE_WORKERS",
        "PORTAL_SEARCH_URL",
        "HOSTING_PRECOMPRESS",
    ]
    assert all(line.split(": error: ")[0].endswith("pelicanconf.py") for line in errors)
    assert "setting FEEDS_MAX_ITEMS: must be at least 1, not 0" in bad.messages
    assert "setting HOSTING_PRECOMPRESS: must be True or False, not 'ya'" in bad.messages
    assert tree_digest(output) == before
