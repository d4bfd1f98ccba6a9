"""One iCalendar file per election: every stage an all-day event.

Reproducible on purpose: no clock anywhere. DTSTAMP and LAST-MODIFIED come from
the election's `updated` date, so two builds of the same data are byte-identical,
and UIDs depend only on slugs, so subscribed calendar apps update events in
place instead of adding duplicates when dates change.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import icalendar

from .model import Election, Stage


def stage_uid(election: Election, stage: Stage, uid_domain: str) -> str:
    return f"{stage.slug}.{election.slug}@{uid_domain}"


def _description(stage: Stage) -> str:
    parts = [stage.description]
    if stage.parent is not None:
        parts.append(f"Bagian dari tahapan: {stage.parent.name}.")
    if stage.legal_basis:
        parts.append(f"Dasar hukum: {stage.legal_basis}.")
    if stage.notes:
        parts.append(f"Catatan: {stage.notes}")
    return "\n\n".join(part for part in parts if part)


def _event(election: Election, stage: Stage, stamp: datetime, site_url: str, uid_domain: str):
    event = icalendar.Event()
    event.add("uid", stage_uid(election, stage, uid_domain))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("dtstart", stage.start)
    event.add("dtend", stage.end + timedelta(days=1))  # DTEND of an all-day event is exclusive
    event.add("summary", stage.name)
    description = _description(stage)
    if description:
        event.add("description", description)
    event.add("categories", [election.name])
    event.add("transp", "TRANSPARENT")  # a stage does not make anyone busy
    if site_url.startswith(("http://", "https://")):
        event.add("url", f"{site_url.rstrip('/')}/{stage.url}")
    return event


def election_calendar(
    election: Election, *, site_name: str, site_url: str, uid_domain: str, timezone_name: str
) -> bytes:
    """The .ics bytes for one election (RFC 5545, all-day events)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site_name}//Tahapan {election.name}//ID")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Tahapan {election.name}")
    cal.add("x-wr-caldesc", f"Jadwal tahapan {election.name} ({election.legal_basis}), {site_name}")
    cal.add("x-wr-timezone", timezone_name)
    stamp = datetime.combine(election.updated, time(0), UTC)
    for stage in election.all_stages():
        cal.add_component(_event(election, stage, stamp, site_url, uid_domain))
    return cal.to_ical()
