"""The build's idea of "now": PORTAL_NOW (tests, reproducible builds) or the clock.

Read once per build into `Build.now` (portal_common.build), so every plugin sees one instant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .options import option


def _iso(value: str | datetime | None) -> str | None:
    if isinstance(value, str) and value:
        try:
            datetime.fromisoformat(value)
        except ValueError as err:
            return f"'{value}' is not an ISO 8601 datetime ({err})"
    return None


def _zone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        return f"'{value}' is not an IANA time zone, e.g. 'Asia/Jakarta'"
    return None


@dataclass(frozen=True)
class ClockSettings:
    now: str | datetime | None = option("PORTAL_NOW", (str, datetime, type(None)), None, check=_iso)
    timezone: str = option("TIMEZONE", str, "Asia/Jakarta", check=_zone)

    def instant(self) -> datetime:
        """An aware datetime in the site's zone: PORTAL_NOW, or the clock when it is None/empty."""
        zone = ZoneInfo(self.timezone)
        if not self.now:
            return datetime.now(zone)
        moment = self.now if isinstance(self.now, datetime) else datetime.fromisoformat(self.now)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone)
        return moment.astimezone(zone)
