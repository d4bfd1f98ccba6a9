"""The pure timeline view: what runs now, what comes next, when an election is over."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from election_stages.core import load_elections
from election_stages.core.model import Election, Stage, countdown_label
from election_stages.core.view import apply_clock, next_election, results_stage

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "content" / "data" / "tahapan"
WIB = ZoneInfo("Asia/Jakarta")


def wib(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=WIB)


def shipped(now: datetime):
    elections = load_elections(DATA, ROOT)
    today = apply_clock(elections, now, "Asia/Jakarta")
    return elections, today


def slugs(stages) -> list[str]:
    return [s.slug for s in stages]


def test_now_lists_the_most_specific_running_stage_first_and_umbrellas_last():
    elections, today = shipped(wib(2023, 2, 20, 10))
    # coklit (one month) before its parent and before the two-year planning umbrella.
    assert slugs(today.running) == ["coklit", "pemutakhiran-data-pemilih", "pencalonan-dpd"]
    assert today.running_total == 5  # + penyusunan-peraturan-kpu, perencanaan-program-anggaran
    assert slugs(today.upcoming) == ["penyusunan-dps"]  # starts 28 Feb
    assert today.days_to_next == 8 and today.next_countdown == "H-8"
    assert not today.over
    running = elections[0].groups[0]
    assert running.status == "berlangsung" and not running.collapsed
    assert running.stages[0].slug == "coklit"
    assert running.stages[-1].slug == "perencanaan-program-anggaran"


def test_groups_hold_every_stage_once_finished_ones_folded():
    elections, _ = shipped(wib(2023, 2, 20, 10))
    pemilu = elections[0]
    statuses = [g.status for g in pemilu.groups]
    assert statuses == ["berlangsung", "akan-datang", "selesai"]
    every = [s for g in pemilu.groups for s in g.stages]
    assert sorted(slugs(every)) == sorted(slugs(pemilu.all_stages()))
    finished = pemilu.groups[2]
    assert finished.collapsed and "rekrutmen-pantarlih" in slugs(finished.stages)
    coming = pemilu.groups[1].stages
    assert coming == sorted(coming, key=lambda s: (s.start, s.end))  # chronological
    # The Pilkada has not begun: everything is still to come.
    assert [len(g.stages) for g in elections[1].groups] == [0, 11, 0]


def test_an_election_is_over_only_after_its_last_stage():
    elections, today = shipped(wib(2024, 6, 14, 23, 59))  # last day of the planning umbrella
    pemilu = elections[0]
    assert pemilu.last_day == date(2024, 6, 14)
    assert not pemilu.is_over and pemilu.ends_iso == "2024-06-15T00:00:00+07:00"
    elections, today = shipped(datetime(2024, 6, 14, 17, 0, tzinfo=ZoneInfo("UTC")))  # 00:00 WIB on the 15th
    pemilu, pilkada = elections
    assert pemilu.is_over and not pilkada.is_over
    assert not today.over  # the Pilkada is still ahead
    assert pemilu.results_stage.slug == "rekapitulasi"
    assert pemilu.next_election is pilkada and pilkada.next_election is None


def test_after_the_last_vote_everything_is_over_and_nothing_counts():
    elections, today = shipped(wib(2026, 11, 30, 12))
    assert all(e.is_over for e in elections)
    assert today.over and today.running == [] and today.upcoming == []
    assert today.next_countdown == ""
    assert today.last_election.slug == "pilkada-2024"
    assert today.last_election.results_stage.slug == "rekapitulasi-pilkada"
    assert today.ends_iso == "2024-12-17T00:00:00+07:00"
    assert all(not s.on_home for e in elections for s in e.all_stages())
    # A second clock on the same objects gives that clock's view (no leftovers).
    elections_again, again = shipped(wib(2023, 2, 20, 10))
    assert not again.over


def test_on_home_is_reset_when_the_clock_moves():
    elections = load_elections(DATA, ROOT)
    apply_clock(elections, wib(2023, 2, 20, 10), "Asia/Jakarta")
    coklit = next(s for s in elections[0].all_stages() if s.slug == "coklit")
    assert coklit.on_home
    apply_clock(elections, wib(2026, 1, 1), "Asia/Jakarta")
    assert not coklit.on_home


def test_between_elections_nothing_runs_but_the_next_stage_counts_down():
    elections, today = shipped(wib(2024, 4, 10, 12))
    # Pemilu's umbrella still runs until June; the Pilkada's first stage starts 17 April.
    assert slugs(today.running) == ["perencanaan-program-anggaran"]
    assert slugs(today.upcoming) == ["pembentukan-badan-adhoc-pilkada"]
    assert today.next_countdown == "H-7"


def test_results_stage_prefers_penetapan_hasil_then_the_tally_then_the_last_stage():
    def election(*stages: Stage) -> Election:
        return Election("e", "E", "dasar", date(2024, 2, 14), date(2024, 1, 1), list(stages))

    tally = Stage("rekap", "Rekapitulasi hasil", date(2024, 2, 15), date(2024, 3, 20))
    result = Stage("hasil", "Penetapan hasil Pemilu", date(2024, 3, 20), date(2024, 3, 20))
    oath = Stage("sumpah", "Pengucapan sumpah/janji", date(2024, 10, 1), date(2024, 10, 1))
    assert results_stage(election(tally, result, oath)) is result
    assert results_stage(election(tally, oath)) is tally
    assert results_stage(election(oath)) is oath
    assert results_stage(election()) is None


def test_next_election_is_the_one_voted_next():
    first = Election("a", "A", "", date(2024, 2, 14), date(2024, 1, 1))
    second = Election("b", "B", "", date(2024, 11, 27), date(2024, 1, 1))
    third = Election("c", "C", "", date(2029, 2, 14), date(2024, 1, 1))
    assert next_election(first, [third, first, second]) is second
    assert next_election(third, [first, second, third]) is None


def test_countdown_follows_kpu_usage():
    assert [countdown_label(d) for d in (3, 1, 0, -1)] == ["H-3", "H-1", "Hari H", "H+1"]
