"""Apply the build's "now" to the model: what templates show without JavaScript.

The same facts go into data-* attributes (ISO datetimes with the site's
offset), so theme/static/js/tahapan.js can redo this with the reader's clock.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from .model import (
    AKAN_DATANG,
    BERLANGSUNG,
    Election,
    Stage,
    days_until,
    focus_election,
    stage_bounds,
    stage_progress,
    stage_status,
)


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


def apply_clock(elections: list[Election], now: datetime, timezone: str) -> None:
    """Set status, progress and countdown on every election and stage for `now`."""
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
        election.home_stages = home_stages(election)
        for stage in election.home_stages:
            stage.on_home = True
    focus = focus_election(elections, now, zone)
    for election in elections:
        election.is_focus = election is focus


def webcal_url(site_url: str, path: str) -> str:
    """webcal:// address of a calendar file, only when the site has an absolute http(s) URL."""
    for scheme in ("https://", "http://"):
        if site_url.startswith(scheme):
            return f"webcal://{site_url[len(scheme) :].rstrip('/')}/{path}"
    return ""
