"""Elections, their stages, and what "now" means for them.

Stage dates are calendar days in the site's time zone, both ends inclusive: a
stage that ends on 13 February 2024 runs until midnight WIB that night. Every
function that needs "now" takes an aware datetime and converts it to the site's
zone first, so 16:30 UTC on 13 February is still 23:30 WIB on the 13th.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SELESAI = "selesai"
BERLANGSUNG = "berlangsung"
AKAN_DATANG = "akan-datang"

# What residents read for each status (the keys are stable CSS/JS values).
STATUS_LABELS = {
    SELESAI: "selesai",
    BERLANGSUNG: "sedang berlangsung",
    AKAN_DATANG: "akan datang",
}


@dataclass(eq=False)
class Stage:
    """One stage (or sub-stage) of an election; dates inclusive, in the site's zone."""

    slug: str
    name: str
    start: date
    end: date
    description: str = ""
    legal_basis: str = ""
    substages: list[Stage] = field(default_factory=list)
    parent: Stage | None = None
    notes: str = ""
    election: Election | None = None
    source: str = ""
    line: int | None = None
    # Filled in per build by view.apply_clock (build-time "now").
    status: str = ""
    progress: int = 0
    begins_iso: str = ""
    ends_iso: str = ""
    on_home: bool = False

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, "")

    @property
    def url(self) -> str:
        return f"tahapan/{self.slug}/"

    @property
    def save_as(self) -> str:
        return f"tahapan/{self.slug}/index.html"

    @property
    def one_day(self) -> bool:
        return self.start == self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def walk(self) -> list[Stage]:
        """This stage followed by its sub-stages, depth first."""
        found = [self]
        for sub in self.substages:
            found.extend(sub.walk())
        return found

    def __repr__(self) -> str:
        return f"Stage({self.slug!r}, {self.start}..{self.end})"


@dataclass(eq=False)
class Election:
    """One election (Pemilu, Pilkada) with its stages in the order of the data file."""

    slug: str
    name: str
    legal_basis: str
    voting_day: date
    updated: date
    stages: list[Stage] = field(default_factory=list)
    description: str = ""
    source: str = ""
    line: int | None = None
    # Filled in per build by view.apply_clock (build-time "now").
    days_to_vote: int = 0
    voting_iso: str = ""
    is_focus: bool = False
    home_stages: list[Stage] = field(default_factory=list)
    webcal_url: str = ""
    is_over: bool = False
    ends_iso: str = ""
    groups: list = field(default_factory=list)
    results_stage: Stage | None = None
    next_election: Election | None = None

    @property
    def stages_by_date(self) -> list[Stage]:
        return sorted(self.all_stages(), key=lambda s: (s.start, s.end))

    @property
    def home_order(self) -> list[Stage]:
        """Home-block order: running stages ending soonest first, then the rest by end."""
        return sorted(self.all_stages(), key=lambda s: (s.status != BERLANGSUNG, s.end, s.start))

    @property
    def countdown(self) -> str:
        return countdown_label(self.days_to_vote)

    @property
    def last_day(self) -> date:
        """The last day anything of this election happens (its last stage or the voting day)."""
        return max([self.voting_day, *(stage.end for stage in self.all_stages())])

    def all_stages(self) -> list[Stage]:
        """Every stage and sub-stage, parents before their children."""
        found: list[Stage] = []
        for stage in self.stages:
            found.extend(stage.walk())
        return found

    @property
    def ics_url(self) -> str:
        return f"tahapan/{self.slug}.ics"

    def __repr__(self) -> str:
        return f"Election({self.slug!r})"


def local_date(now: datetime, timezone: str | ZoneInfo | None = None) -> date:
    """The calendar day `now` falls on in the site's zone (default: now's own zone)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (use portal_common.build.Build.now)")
    if timezone is not None:
        zone = timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone)
        now = now.astimezone(zone)
    return now.date()


def stage_status(stage: Stage, now: datetime, timezone: str | ZoneInfo | None = None) -> str:
    """ "selesai", "berlangsung" or "akan-datang" for `now` (aware) in the site's zone."""
    today = local_date(now, timezone)
    if today < stage.start:
        return AKAN_DATANG
    if today > stage.end:
        return SELESAI
    return BERLANGSUNG


def stage_bounds(stage: Stage, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """Start (midnight of the first day) and exclusive end (midnight after the last)."""
    begin = datetime.combine(stage.start, time(0), zone)
    finish = datetime.combine(stage.end + timedelta(days=1), time(0), zone)
    return begin, finish


def stage_progress(stage: Stage, now: datetime, timezone: str | ZoneInfo | None = None) -> int:
    """Whole percent of the stage's time already past (0 before it, 100 after it)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    zone = _zone(now, timezone)
    begin, finish = stage_bounds(stage, zone)
    moment = now.astimezone(zone)
    if moment <= begin:
        return 0
    if moment >= finish:
        return 100
    return int((moment - begin) / (finish - begin) * 100)


def days_until(day: date, now: datetime, timezone: str | ZoneInfo | None = None) -> int:
    """Calendar days from today (site zone) to `day`; negative once it has passed."""
    return (day - local_date(now, timezone)).days


def countdown_label(days: int) -> str:
    """KPU notation: "H-7" a week before, "Hari H" on the day, "H+2" after it."""
    if days > 0:
        return f"H-{days}"
    if days == 0:
        return "Hari H"
    return f"H+{-days}"


def _stages_in(
    elections: list[Election], status: str, now: datetime, timezone: str | ZoneInfo | None
) -> list[Stage]:
    return [
        stage
        for election in elections
        for stage in election.all_stages()
        if stage_status(stage, now, timezone) == status
    ]


def running_stages(
    elections: list[Election], now: datetime, timezone: str | ZoneInfo | None = None
) -> list[Stage]:
    """Stages running now, most specific first (the ones ending soonest)."""
    found = _stages_in(elections, BERLANGSUNG, now, timezone)
    return sorted(found, key=lambda s: (s.end, s.days, s.start))


def next_stages(
    elections: list[Election], now: datetime, timezone: str | ZoneInfo | None = None
) -> list[Stage]:
    """The stages that start next (all of those sharing the earliest future start)."""
    upcoming = _stages_in(elections, AKAN_DATANG, now, timezone)
    first = min((stage.start for stage in upcoming), default=None)
    return [stage for stage in upcoming if stage.start == first]


def focus_election(
    elections: list[Election], now: datetime, timezone: str | ZoneInfo | None = None
) -> Election | None:
    """The election whose voting day comes next; once all are past, the latest."""
    if not elections:
        return None
    today = local_date(now, timezone)
    ahead = [e for e in elections if e.voting_day >= today]
    if ahead:
        return min(ahead, key=lambda e: e.voting_day)
    return max(elections, key=lambda e: e.voting_day)


def election_over(election: Election, now: datetime, timezone: str | ZoneInfo | None = None) -> bool:
    """True once every stage of the election (and its voting day) has ended."""
    return local_date(now, timezone) > election.last_day


def _zone(now: datetime, timezone: str | ZoneInfo | None) -> ZoneInfo:
    if timezone is None:
        return now.tzinfo  # type: ignore[return-value]
    return timezone if isinstance(timezone, ZoneInfo) else ZoneInfo(timezone)
