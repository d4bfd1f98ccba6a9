"""Pure core of the election-stage plugin: model, loading, validation, calendar.

Nothing here imports Pelican, so `invoke check` and the unit tests use it directly.
"""

from .calendar import election_calendar
from .loader import STAGE_KEYS, load_elections
from .model import (
    STATUS_LABELS,
    Election,
    Stage,
    countdown_label,
    days_until,
    focus_election,
    local_date,
    next_stages,
    running_stages,
    stage_progress,
    stage_status,
)
from .posts import header_line, link_posts, suggest_slugs, unknown_stage_error

__all__ = [
    "STAGE_KEYS",
    "STATUS_LABELS",
    "Election",
    "Stage",
    "countdown_label",
    "days_until",
    "election_calendar",
    "focus_election",
    "header_line",
    "link_posts",
    "load_elections",
    "local_date",
    "next_stages",
    "running_stages",
    "stage_progress",
    "stage_status",
    "suggest_slugs",
    "unknown_stage_error",
]
