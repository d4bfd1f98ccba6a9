"""Apply the build's "now" to the model: what templates show without JavaScript.

The same facts go into data-* attributes (ISO datetimes with the site's
offset), so theme/static/js/tahapan.js can redo this with the reader's clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from .model import (
    AKAN_DATANG,
    BERLANGSUNG,
    SELESAI,
    Election,
    Stage,
    countdown_label,
    days_until,
    election_over,
    focus_election,
    next_stages,
    running_stages,
    stage_bounds,
    stage_progress,
    stage_status,
)

# How many running stages the "Sekarang" summary of /tahapan/ names (most specific first).
TODAY_RUNNING = 3


@dataclass
class StageGroup:
    """One status group of an election's timeline; `collapsed` groups print as <details>."""

    status: str
    title: str
    stages: list[Stage]
    collapsed: bool = False


@dataclass
class Today:
    """The "Sekarang" summary at the top of /tahapan/."""

    running: list[Stage] = field(default_factory=list)
    running_total: int = 0
    upcoming: list[Stage] = field(default_factory=list)
    days_to_next: int = 0
    over: bool = False
    last_election: Election | None = None
    ends_iso: str = ""

    @property
    def next_countdown(self) -> str:
        return countdown_label(self.days_to_next) if self.upcoming else ""


GROUP_TITLES = {
    BERLANGSUNG: "Sedang berlangsung",
    AKAN_DATANG: "Akan datang",
    SELESAI: "Sudah selesai",
}


def running_order(stage: Stage) -> tuple:
    """Most specific first: ending soonest, then shortest, so two-year umbrellas come last."""
    return (stage.end, stage.days, stage.start)


def stage_groups(election: Election) -> list[StageGroup]:
    """The election's stages (sub-stages too, flat) by status: running, coming, finished.

    Every group is always there (possibly empty), so tahapan.js can move a stage
    into another group when the reader's clock says its status changed.
    """
    stages = election.all_stages()
    chronological = sorted(stages, key=lambda s: (s.start, s.end))

    def having(status: str, ordered: list[Stage]) -> list[Stage]:
        return [s for s in ordered if s.status == status]

    running = sorted(having(BERLANGSUNG, stages), key=running_order)
    return [
        StageGroup(BERLANGSUNG, GROUP_TITLES[BERLANGSUNG], running),
        StageGroup(AKAN_DATANG, GROUP_TITLES[AKAN_DATANG], having(AKAN_DATANG, chronological)),
        StageGroup(SELESAI, GROUP_TITLES[SELESAI], having(SELESAI, chronological), collapsed=True),
    ]


def results_stage(election: Election) -> Stage | None:
    """Where the results are: "Penetapan hasil" if scheduled, else the last tally (rekapitulasi) stage."""
    stages = election.all_stages()
    latest = lambda found: max(found, key=lambda s: (s.end, s.start)) if found else None  # noqa: E731
    named = latest([s for s in stages if "penetapan hasil" in s.name.lower() or "penetapan-hasil" in s.slug])
    tally = latest([s for s in stages if "rekapitulasi" in s.name.lower() or "rekapitulasi" in s.slug])
    return named or tally or latest(stages)


def next_election(election: Election, elections: list[Election]) -> Election | None:
    """The election voted next after this one, if its schedule is in the data."""
    later = [e for e in elections if e.voting_day > election.voting_day]
    return min(later, key=lambda e: e.voting_day) if later else None


def today_view(elections: list[Election], now: datetime, zone: ZoneInfo) -> Today:
    """What is running now (most specific first), what starts next, or that everything is over."""
    running = running_stages(elections, now, zone)
    coming = sorted(next_stages(elections, now, zone), key=lambda s: (s.end, s.slug))
    first = coming[0].start if coming else None
    over = bool(elections) and all(e.is_over for e in elections)
    last = max(elections, key=lambda e: (e.last_day, e.voting_day)) if elections else None
    return Today(
        running=running[:TODAY_RUNNING],
        running_total=len(running),
        upcoming=coming,
        days_to_next=days_until(first, now, zone) if first else 0,
        over=over,
        last_election=last,
        ends_iso=_day_after_iso(last.last_day, zone) if last else "",
    )


def _day_after_iso(day, zone: ZoneInfo) -> str:
    return datetime.combine(day + timedelta(days=1), time(0), zone).isoformat()


def home_stages(election: Election) -> list[Stage]:
    """Stages the home block shows: those running, then those starting next."""
    ordered = election.stages_by_date
    # Shortest-ending first: "coklit" before the two-year "perencanaan" umbrella.
    running = sorted((s for s in ordered if s.status == BERLANGSUNG), key=lambda s: (s.end, s.start))
    upcoming = [s for s in ordered if s.status == AKAN_DATANG]
    if upcoming:
        first = upcoming[0].start
        running += [s for s in upcoming if s.start == first]
    return running


def apply_clock(elections: list[Election], now: datetime, timezone: str) -> Today:
    """Set status, progress, countdown and groups on every election and stage for `now`.

    Returns the "Sekarang" summary of the timeline page.
    """
    zone = ZoneInfo(timezone)
    for election in elections:
        election.days_to_vote = days_until(election.voting_day, now, zone)
        election.voting_iso = datetime.combine(election.voting_day, time(0), zone).isoformat()
        for stage in election.all_stages():
            stage.status = stage_status(stage, now, zone)
            stage.progress = stage_progress(stage, now, zone)
            begin, finish = stage_bounds(stage, zone)
            stage.begins_iso = begin.isoformat()
            stage.ends_iso = finish.isoformat()
            stage.on_home = False
        election.home_stages = home_stages(election)
        for stage in election.home_stages:
            stage.on_home = True
        election.is_over = election_over(election, now, zone)
        election.ends_iso = _day_after_iso(election.last_day, zone)
        election.groups = stage_groups(election)
        election.results_stage = results_stage(election)
        election.next_election = next_election(election, elections)
    focus = focus_election(elections, now, zone)
    for election in elections:
        election.is_focus = election is focus
    return today_view(elections, now, zone)


def webcal_url(site_url: str, path: str) -> str:
    """webcal:// address of a calendar file, only when the site has an absolute http(s) URL."""
    for scheme in ("https://", "http://"):
        if site_url.startswith(scheme):
            return f"webcal://{site_url[len(scheme) :].rstrip('/')}/{path}"
    return ""
