"""Linking posts to stages, and the build-time view handed to templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from election_stages.core import header_line, link_posts, load_elections, suggest_slugs
from election_stages.core.view import apply_clock, webcal_url
from portal_common.errors import ContentError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "content" / "data" / "tahapan"
WIB = ZoneInfo("Asia/Jakarta")


@dataclass(eq=False)
class Post:
    """The parts of a Pelican article the linker uses."""

    source_path: str
    date: datetime
    metadata: dict = field(default_factory=dict)
    stage: object = None


def post(tmp_path: Path, name: str, stage: str | None, day: int) -> Post:
    header = f"Title: {name}\nDate: 2023-02-{day:02d} 09:00\nCategory: Berita\n"
    if stage is not None:
        header += f"Stage: {stage}\n"
    path = tmp_path / "content" / "posts" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "Summary: uji\n\nStage: bukan header\n", encoding="utf-8")
    meta = {"stage": stage} if stage is not None else {}
    return Post(str(path), datetime(2023, 2, day, 9, tzinfo=WIB), meta, stage)


def test_suggest_slugs():
    known = ["coklit", "coklit-pilkada", "penyusunan-dps", "dpshp", "kampanye"]
    assert suggest_slugs("coklid", known)[0] == "coklit"
    assert suggest_slugs("DPSHP ", known) == ["dpshp"]
    assert suggest_slugs("zzzzzz", known) == []


def test_header_line(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Title: A\nDate: 2023-02-11\n  stage:  coklit\n\nStage: body\n", encoding="utf-8")
    assert header_line(path) == 3
    path.write_text("Title: A\n\nStage: only in the body\n", encoding="utf-8")
    assert header_line(path) is None
    assert header_line(tmp_path / "missing.md") is None


def test_posts_are_linked_newest_first(tmp_path):
    elections = load_elections(DATA, ROOT)
    older = post(tmp_path, "a", "coklit", 12)
    newer = post(tmp_path, "b", "Coklit", 20)  # slugs are matched case-insensitively
    draft = post(tmp_path, "c", "coklit", 25)
    free = post(tmp_path, "d", None, 13)
    mapping = link_posts([older, newer, draft, free], elections, tmp_path, listed=[older, newer, free])
    assert mapping["coklit"] == [newer, older]  # drafts are linked but not listed
    assert draft.stage.slug == "coklit" and newer.stage.name.startswith("Pencocokan")
    assert free.stage is None
    assert mapping["kampanye"] == []
    assert set(mapping) == {s.slug for e in elections for s in e.all_stages()}


def test_unknown_stage_names_file_line_and_closest_slugs(tmp_path):
    elections = load_elections(DATA, ROOT)
    good = post(tmp_path, "a", "coklit", 12)
    bad = post(tmp_path, "typo", "coklid", 13)
    worse = post(tmp_path, "other", "masa-tenag", 14)
    with pytest.raises(ContentError) as caught:
        link_posts([good, bad, worse], elections, tmp_path, listed=[good, bad, worse])
    first, second = caught.value.findings
    assert (first.path, first.line) == ("content/posts/typo.md", 4)
    assert "tahapan 'coklid' tidak dikenal" in first.message
    assert "'coklit'" in first.hint and "'coklit-pilkada'" in first.hint
    assert second.path == "content/posts/other.md" and "'masa-tenang'" in second.hint


def test_apply_clock_sets_status_progress_countdown_and_home():
    elections = load_elections(DATA, ROOT)
    apply_clock(elections, datetime(2023, 2, 20, 12, tzinfo=WIB), "Asia/Jakarta")
    pemilu, pilkada = elections
    stages = {s.slug: s for e in elections for s in e.all_stages()}
    assert stages["coklit"].status == "berlangsung" and stages["coklit"].status_label == "sedang berlangsung"
    assert stages["rekrutmen-pantarlih"].status == "selesai"
    assert stages["kampanye"].status == "akan-datang" and stages["kampanye"].progress == 0
    assert 0 < stages["coklit"].progress < 100
    assert stages["coklit"].begins_iso == "2023-02-12T00:00:00+07:00"
    assert stages["coklit"].ends_iso == "2023-03-15T00:00:00+07:00"  # exclusive end
    assert pemilu.countdown == "H-359" and pemilu.voting_iso == "2024-02-14T00:00:00+07:00"
    assert pemilu.is_focus and not pilkada.is_focus
    home = [s.slug for s in pemilu.home_stages]
    assert home[0] == "coklit"  # the most specific running stage first
    assert "penyusunan-dps" in home  # next to start (28 Feb)
    assert "kampanye" not in home and "rekrutmen-pantarlih" not in home
    assert all(stages[slug].on_home for slug in home)


def test_apply_clock_is_repeatable():
    elections = load_elections(DATA, ROOT)
    apply_clock(elections, datetime(2024, 2, 14, 9, tzinfo=WIB), "Asia/Jakarta")
    assert elections[0].countdown == "Hari H"
    assert {s.slug for s in elections[0].home_stages} >= {"pemungutan-suara", "penghitungan-suara"}


def test_webcal_url():
    assert webcal_url("https://ppk.example.id", "tahapan/x.ics") == "webcal://ppk.example.id/tahapan/x.ics"
    assert webcal_url("", "tahapan/x.ics") == ""
    assert webcal_url("../..", "tahapan/x.ics") == ""
