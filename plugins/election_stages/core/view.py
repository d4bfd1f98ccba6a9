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
    ordered = sorted(election.all_stages(), key=lambda s: (s.start, s.end))
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
    focus = focus_election(elections, now, zone)
    for election in elections:
        election.is_focus = election is focus
