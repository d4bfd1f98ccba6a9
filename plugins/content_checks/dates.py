"""Strict reading of `Date:`/`Modified:` values.

Pelican hands dates to dateutil, which reads the Indonesian habit `11/02/2023`
as 2 November and fills missing parts from the clock. The checks accept only
the unambiguous ISO form and explain anything else.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[ T](?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?$"
)
_DAY_FIRST = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}")

FORMAT_HINT = "tulis tanggal sebagai TAHUN-BULAN-TANGGAL JAM:MENIT, mis. 2023-02-11 09:30"


class DateProblem(ValueError):
    """A date that cannot be used; the message is for the media officer."""


def _zone_of(text: str | None, fallback: ZoneInfo) -> timezone | ZoneInfo:
    if not text:
        return fallback
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_date(value: str, zone_name: str) -> datetime:
    """An aware datetime from `YYYY-MM-DD[ HH:MM[:SS]][offset]`, else DateProblem."""
    text = " ".join(value.split())
    match = _ISO.match(text)
    if not match:
        if _DAY_FIRST.match(text):
            raise DateProblem(
                f"format tanggal '{value}' ambigu (ambiguous date format): "
                "Pelican bisa membaca 11/02/2023 sebagai 2 November"
            )
        raise DateProblem(f"tanggal '{value}' tidak bisa dibaca (unparseable date)")
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k != "tz"}
    try:
        return datetime(
            parts["y"],
            parts["m"],
            parts["d"],
            parts.get("H", 0),
            parts.get("M", 0),
            parts.get("S", 0),
            tzinfo=_zone_of(match.group("tz"), ZoneInfo(zone_name)),
        )
    except ValueError as err:
        raise DateProblem(f"tanggal '{value}' tidak ada di kalender (impossible date: {err})") from err
