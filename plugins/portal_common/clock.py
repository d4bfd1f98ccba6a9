"""The build's idea of "now": a setting (tests, reproducible builds) or the clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from .errors import SettingsError


def build_now(setting: str | datetime | None, timezone: str) -> datetime:
    """Return an aware datetime in the site's zone for PORTAL_NOW (None: the clock)."""
    zone = ZoneInfo(timezone)
    if setting is None or setting == "":
        return datetime.now(zone)
    if isinstance(setting, datetime):
        moment = setting
    else:
        try:
            moment = datetime.fromisoformat(str(setting))
        except ValueError as err:
            raise SettingsError("PORTAL_NOW", f"'{setting}' is not an ISO 8601 datetime ({err})") from err
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone)
