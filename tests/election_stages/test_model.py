"""The stage model: status, progress and countdown in the site's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from election_stages.core import (
    Election,
    Stage,
    countdown_label,
    days_until,
    focus_election,
    next_stages,
    running_stages,
    stage_progress,
    stage_status,
)

WIB = ZoneInfo("Asia/Jakarta")


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


def election(slug: str, voting_day: date, *stages: Stage) -> Election:
    e = Election(slug, slug, "PKPU", voting_day, date(2024, 1, 1), list(stages))
    for stage in e.all_stages():
        stage.election = e
    return e


MASA_TENANG = Stage("masa-tenang", "Masa tenang", date(2024, 2, 11), date(2024, 2, 13))
VOTING = Stage("pemungutan-suara", "Pemungutan suara", date(2024, 2, 14), date(2024, 2, 14))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (wib(2024, 2, 10, 23, 59), "akan-datang"),
        (wib(2024, 2, 11, 0, 0), "berlangsung"),  # first day, first minute
        (wib(2024, 2, 13, 23, 59), "berlangsung"),  # last day, last minute
        (wib(2024, 2, 14, 0, 0), "selesai"),
    ],
)
def test_status_on_first_and_last_day(moment, expected):
    assert stage_status(MASA_TENANG, moment) == expected


def test_status_across_the_wib_utc_boundary():
    # 16:30 UTC on the 13th is 23:30 WIB on the 13th: still the last day.
    late_utc = datetime(2024, 2, 13, 16, 30, tzinfo=UTC)
    assert stage_status(MASA_TENANG, late_utc, "Asia/Jakarta") == "berlangsung"
    # 17:30 UTC on the 13th is already 00:30 WIB on the 14th.
    after = datetime(2024, 2, 13, 17, 30, tzinfo=UTC)
    assert stage_status(MASA_TENANG, after, "Asia/Jakarta") == "selesai"
    # 20:00 UTC on the 10th is 03:00 WIB on the 11th: the stage has begun.
    assert stage_status(MASA_TENANG, datetime(2024, 2, 10, 20, tzinfo=UTC), WIB) == "berlangsung"


def test_status_uses_nows_own_zone_by_default():
    assert stage_status(MASA_TENANG, datetime(2024, 2, 13, 16, 30, tzinfo=UTC)) == "berlangsung"
    assert stage_status(MASA_TENANG, wib(2024, 2, 13, 23, 30)) == "berlangsung"


def test_naive_now_is_refused():
    with pytest.raises(ValueError):
        stage_status(MASA_TENANG, datetime(2024, 2, 12))


def test_one_day_stage():
    assert VOTING.one_day and VOTING.days == 1
    assert stage_status(VOTING, wib(2024, 2, 13, 23, 59)) == "akan-datang"
    assert stage_status(VOTING, wib(2024, 2, 14, 0, 0)) == "berlangsung"
    assert stage_status(VOTING, wib(2024, 2, 14, 23, 59)) == "berlangsung"
    assert stage_status(VOTING, wib(2024, 2, 15, 0, 0)) == "selesai"
    assert stage_progress(VOTING, wib(2024, 2, 14, 12, 0)) == 50


def test_progress_through_a_stage():
    assert stage_progress(MASA_TENANG, wib(2024, 2, 1)) == 0
    assert stage_progress(MASA_TENANG, wib(2024, 2, 11, 0, 0)) == 0
    assert stage_progress(MASA_TENANG, wib(2024, 2, 12, 12, 0)) == 50
    assert stage_progress(MASA_TENANG, wib(2024, 2, 13, 23, 59)) == 99
    assert stage_progress(MASA_TENANG, wib(2024, 2, 14, 0, 0)) == 100
    # The same instant written in UTC gives the same progress.
    assert stage_progress(MASA_TENANG, datetime(2024, 2, 12, 5, tzinfo=UTC), WIB) == 50


@pytest.mark.parametrize(
    ("moment", "days", "label"),
    [
        (wib(2024, 2, 7, 9), 7, "H-7"),
        (wib(2024, 2, 13, 23, 59), 1, "H-1"),
        (wib(2024, 2, 14, 0, 1), 0, "Hari H"),
        (wib(2024, 2, 14, 23, 59), 0, "Hari H"),
        (wib(2024, 2, 16, 8), -2, "H+2"),
    ],
)
def test_countdown(moment, days, label):
    assert days_until(date(2024, 2, 14), moment) == days
    assert countdown_label(days) == label


def test_countdown_across_the_boundary():
    # 17:30 UTC on the 13th is already voting day in WIB.
    assert days_until(date(2024, 2, 14), datetime(2024, 2, 13, 17, 30, tzinfo=UTC), WIB) == 0
    assert days_until(date(2024, 2, 14), datetime(2024, 2, 13, 16, 30, tzinfo=UTC), WIB) == 1


def test_several_elections():
    coklit = Stage("coklit", "Coklit", date(2023, 2, 12), date(2023, 3, 14))
    data = Stage("pemutakhiran", "Pemutakhiran", date(2022, 10, 14), date(2023, 6, 21), substages=[coklit])
    coklit.parent = data
    pemilu = election("pemilu-2024", date(2024, 2, 14), data, MASA_TENANG, VOTING)
    pilkada_coklit = Stage("coklit-pilkada", "Coklit", date(2024, 6, 24), date(2024, 7, 24))
    pilkada = election("pilkada-2024", date(2024, 11, 27), pilkada_coklit)
    both = [pemilu, pilkada]

    assert [s.slug for s in pemilu.all_stages()] == [
        "pemutakhiran",
        "coklit",
        "masa-tenang",
        "pemungutan-suara",
    ]
    now = wib(2023, 3, 1)
    assert [s.slug for s in running_stages(both, now)] == ["coklit", "pemutakhiran"]
    assert [s.slug for s in next_stages(both, now)] == ["masa-tenang"]
    assert focus_election(both, now) is pemilu
    # On voting day the Pemilu is still in focus; the day after, the Pilkada is.
    assert focus_election(both, wib(2024, 2, 14, 20)) is pemilu
    assert focus_election(both, wib(2024, 2, 15, 0, 1)) is pilkada
    assert [s.slug for s in next_stages(both, wib(2024, 3, 1))] == ["coklit-pilkada"]
    # After every election, the latest stays in focus and nothing is next.
    assert focus_election(both, wib(2025, 1, 1)) is pilkada
    assert next_stages(both, wib(2025, 1, 1)) == []
    assert focus_election([], now) is None


def test_stage_urls():
    assert VOTING.url == "tahapan/pemungutan-suara/"
    assert VOTING.save_as == "tahapan/pemungutan-suara/index.html"
    assert election("pemilu-2024", date(2024, 2, 14)).ics_url == "tahapan/pemilu-2024.ics"
