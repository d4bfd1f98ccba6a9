"""The page memo renders only what changed, and a rebuild always equals a fresh build.

Each round makes one kind of change the officer (or a developer) makes, rebuilds
the site in place (memo on) and builds the same content afresh (memo, render
cache off), and compares every file byte for byte. The tests share one site per
worker but do not depend on each other's order (pytest-xdist may split them).
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, DEMO_NOW, run_build, tree_digest
from portal_common.cachefile import unseal

from sitebuild import pagememo

SETTINGS = {"PORTAL_NOW": DEMO_NOW, "PORTAL_SEARCH_ENABLED": False}
FRESH = SETTINGS  # into a new folder: no cache, no previous site
LINKED_POST = "posts/2023/2023-02-12-coklit-dimulai.md"
MOVED_POST = "posts/2023/2023-04-14-pengumuman-dps-kecamatan-concong.md"


def _stats(site: Path) -> dict:
    """The memo statistics of the build that just finished (its folder's manifest)."""
    manifests = sorted((site / ".output.cache").glob("pages-*"), key=lambda p: p.stat().st_mtime_ns)
    return pickle.loads(unseal(manifests[-1].read_bytes()))[1]["stats"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Site:
    """A copy of the demo content, its in-place site and a fresh build to compare with."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.content = base / "content"
        shutil.copytree(CONTENT, self.content)
        self.rounds = 0

    def settle(self) -> None:
        """Bring both folders of the pair up to date with the default settings."""
        for _ in range(2):
            assert run_build(self.base / "site" / "output", content=self.content, overrides=SETTINGS).ok

    def rebuild(self, **overrides) -> dict:
        """Rebuild in place; assert it equals a fresh build; return the memo statistics."""
        site = run_build(
            self.base / "site" / "output", content=self.content, overrides={**SETTINGS, **overrides}
        )
        assert site.ok, site.messages
        self.rounds += 1
        fresh_folder = self.base / f"fresh{self.rounds}" / "output"
        fresh = run_build(fresh_folder, content=self.content, overrides={**FRESH, **overrides})
        assert fresh.ok, fresh.messages
        assert tree_digest(site.output) == tree_digest(fresh.output)
        shutil.rmtree(fresh_folder.parent)
        return _stats(self.base / "site")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("pagememo"))
    first = site.rebuild()
    assert first["skipped"] == 0 and first["unmemoisable"] == 0, first
    # The second build writes into the other folder of the pair: it renders all too.
    site.rebuild()
    return site


def test_an_unchanged_rebuild_renders_nothing(site):
    site.settle()
    stats = site.rebuild()
    assert stats["rendered"] == 0 and stats["unmemoisable"] == 0, stats
    assert stats["skipped"] > 100


def test_unchanged_rebuilds_keep_every_file_as_it_was(site):
    """No plugin rewrites an unchanged file (the sweep keeps what a build wrote; its mtime stays)."""
    site.settle()
    output = site.base / "site" / "output"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in output.rglob("*") if p.is_file()}
    site.settle()  # two builds: the same folder of the pair is the output again
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in output.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    assert sorted(str(p.relative_to(output)) for p in after if after[p] != before[p]) == []


def test_a_title_change_reaches_every_page_that_shows_the_post_and_only_those(site):
    _replace(site.content / LINKED_POST, "Title: ", "Title: [Diperbarui] ")
    stats = site.rebuild()
    site.rebuild()  # the other folder of the pair catches up too
    assert 0 < stats["rendered"] < stats["skipped"], stats


def test_a_date_change_that_moves_a_post_between_listing_pages(site):
    _replace(site.content / MOVED_POST, "Date: 2023-04-14", "Date: 2024-03-20")
    assert site.rebuild()["rendered"] > 0
    site.rebuild()


def test_a_new_post_a_stage_data_change_and_the_post_deleted_again(site):
    new = site.content / "posts" / "2024" / "2024-03-05-uji-memo-halaman.md"
    new.write_text(
        "Title: Uji Memo Halaman\nDate: 2024-03-05 10:00\nCategory: Pengumuman\nTags: ppk\n"
        "Stage: rekapitulasi\nSummary: Pos uji.\n\nIsi pos uji memo halaman.\n",
        encoding="utf-8",
    )
    _replace(
        site.content / "data" / "tahapan" / "pemilu-2024.yaml",
        "name: Pemilu 2024",
        "name: Pemilu Serentak 2024",
    )
    assert site.rebuild()["rendered"] > 0
    new.unlink()
    assert site.rebuild()["rendered"] > 0
    site.rebuild()


def test_officer_data_and_a_page(site):
    _replace(
        site.content / "data" / "petugas" / "ppk.yaml",
        "nama: Fadlan Syahputra",
        "nama: Fadlan Syahputra Lubis",
    )
    _replace(site.content / "pages" / "kontak.md", "\n\n", "\n\nKantor buka juga hari Sabtu.\n\n")
    assert site.rebuild()["rendered"] > 0
    site.rebuild()


def test_a_settings_change_renders_every_page_again(site):
    stats = site.rebuild(SITESUBTITLE="Panitia Pemilihan Kecamatan Concong")
    assert stats["skipped"] == 0 and stats["rendered"] > 100, stats


def test_a_theme_template_change_renders_every_page_again(site, tmp_path):
    overrides = tmp_path / "templates"
    (overrides / "partials").mkdir(parents=True)
    footer = (
        Path(__file__).parents[2] / "theme" / "templates" / "partials" / "footer_feeds.html"
    ).read_text()
    (overrides / "partials" / "footer_feeds.html").write_text(footer + "\n<!-- uji -->\n", encoding="utf-8")
    stats = site.rebuild(THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    assert stats["skipped"] == 0 and stats["rendered"] > 100, stats
    assert "<!-- uji -->" in (site.base / "site" / "output" / "index.html").read_text(encoding="utf-8")


def test_a_paginated_template_that_reads_the_whole_list_fails_the_build(tmp_path):
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "partials").mkdir()
    listing = (Path(__file__).parents[2] / "theme" / "templates" / "partials" / "listing.html").read_text()
    reads_all = listing.replace("{% block content %}", "{% block content %}{{ articles|length }}")
    (overrides / "partials" / "listing.html").write_text(reads_all, encoding="utf-8")
    build = run_build(
        tmp_path / "output", overrides={**SETTINGS, "THEME_TEMPLATES_OVERRIDES": [str(overrides)]}
    )
    assert not build.ok
    assert "read `articles`" in build.messages and "articles_page.object_list" in build.messages
    assert not (tmp_path / "output").exists()


# --- The fingerprint itself -------------------------------------------------------


@dataclasses.dataclass(eq=False)
class _Election:
    name: str
    stages: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass(eq=False)
class _Stage:
    slug: str
    election: _Election


def _election(name: str) -> _Election:
    election = _Election(name)
    election.stages = [_Stage("coklit", election), _Stage("kampanye", election)]
    return election


def test_back_references_are_finite_and_every_reachable_field_counts():
    same = pagememo.Fingerprinter().value(_election("Pemilu 2024").stages[0])
    assert same == pagememo.Fingerprinter().value(_election("Pemilu 2024").stages[0])
    other = _election("Pemilu 2024")
    other.stages[1].slug = "masa-tenang"
    assert pagememo.Fingerprinter().value(other.stages[0]) != same
    assert pagememo.Fingerprinter().value(_election("Pilkada 2024").stages[0]) != same


def test_an_object_it_cannot_describe_makes_the_page_unmemoisable():
    class Slotted:
        __slots__ = ("value",)

    with pytest.raises(pagememo.Unmemoisable):
        pagememo.Fingerprinter().value([Slotted()])


def test_the_manifest_is_gone_while_a_build_runs(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    memo = pagememo.PageMemo(folder, tmp_path / "pages", "stamp", {})
    memo.save()
    assert memo.manifest_path.exists()
    pagememo.PageMemo(folder, tmp_path / "pages", "stamp", {})
    assert not memo.manifest_path.exists()
