"""Indonesian date and time wording with Babel, independent of the machine's C locale.

Pelican formats dates through `strftime` and the C locale, and `id_ID` is not
installed on our machines, so every date a reader sees goes through these functions.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

LOCALE = "id"

# Indonesia's three zones have official abbreviations; elsewhere we show the offset.
_INDONESIAN_ZONE_LABELS = {
    timedelta(hours=7): "WIB",
    timedelta(hours=8): "WITA",
    timedelta(hours=9): "WIT",
}


def zone_label(timezone: str, moment: datetime | None = None) -> str:
    """Short label of a zone for readers: WIB/WITA/WIT, otherwise "UTC+hh.mm"."""
    zone = ZoneInfo(timezone)
    offset = (moment or datetime(2024, 1, 1)).replace(tzinfo=zone).utcoffset()
    if offset in _INDONESIAN_ZONE_LABELS:
        return _INDONESIAN_ZONE_LABELS[offset]
    total_minutes = int(offset.total_seconds() // 60)
    sign = "+" if total_minutes >= 0 else "-"
    hours, minutes = divmod(abs(total_minutes), 60)
    return f"UTC{sign}{hours:02d}.{minutes:02d}"


def _in_zone(moment: date | datetime, timezone: str) -> date | datetime:
    """Aware datetimes are shown in the site's zone; naive ones are already local."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        return moment.astimezone(ZoneInfo(timezone))
    return moment


def full_date(moment: date | datetime, timezone: str = "Asia/Jakarta") -> str:
    """ "Sabtu, 11 Februari 2023"."""
    return format_date(_in_zone(moment, timezone), "EEEE, d MMMM y", locale=LOCALE)


def long_date(moment: date | datetime, timezone: str = "Asia/Jakarta") -> str:
    """ "11 Februari 2023" (no weekday), for lists and ranges."""
    return format_date(_in_zone(moment, timezone), "d MMMM y", locale=LOCALE)


def short_date(moment: date | datetime, timezone: str = "Asia/Jakarta") -> str:
    """ "11/2/2023", as in body text: "Sabtu (11/2/2023)"."""
    return format_date(_in_zone(moment, timezone), "d/M/y", locale=LOCALE)


def month_year(moment: date | datetime, timezone: str = "Asia/Jakarta") -> str:
    """ "Februari 2023", for month archives."""
    return format_date(_in_zone(moment, timezone), "MMMM y", locale=LOCALE)


def clock_time(moment: datetime, timezone: str = "Asia/Jakarta") -> str:
    """ "09.30 WIB": Indonesian spelling uses a period between hours and minutes."""
    local = _in_zone(moment, timezone)
    return f"{format_time(local, 'HH.mm', locale=LOCALE)} {zone_label(timezone, local)}"


def date_and_time(moment: datetime, timezone: str = "Asia/Jakarta") -> str:
    """ "Sabtu, 11 Februari 2023 | 09.30 WIB", the article header line."""
    return f"{full_date(moment, timezone)} | {clock_time(moment, timezone)}"


def date_range(start: date, end: date) -> str:
    """ "12 Februari – 14 Maret 2023"; a one-day range is a single date."""
    if start == end:
        return long_date(start)
    if start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{long_date(end)}"
        return f"{format_date(start, 'd MMMM', locale=LOCALE)} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"
