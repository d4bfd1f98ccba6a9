"""The per-election iCalendar file: parsed back, all-day events, stable and reproducible."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import icalendar
from election_stages.core import election_calendar, load_elections

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "content" / "data" / "tahapan"


def calendar(election, site_url: str = "https://ppk.example.id") -> bytes:
    return election_calendar(
        election,
        site_name="PPK Concong",
        site_url=site_url,
        uid_domain="ppk-concong",
        timezone_name="Asia/Jakarta",
    )


def test_every_stage_is_an_all_day_event():
    pemilu = load_elections(DATA, ROOT)[0]
    parsed = icalendar.Calendar.from_ical(calendar(pemilu))
    events = parsed.walk("VEVENT")
    assert len(events) == len(pemilu.all_stages()) == 19
    assert str(parsed["X-WR-CALNAME"]) == "Tahapan Pemilu 2024"
    coklit = next(e for e in events if str(e["UID"]).startswith("coklit."))
    assert str(coklit["UID"]) == "coklit.pemilu-2024@ppk-concong"
    assert coklit.decoded("DTSTART") == date(2023, 2, 12)
    assert coklit.decoded("DTEND") == date(2023, 3, 15)  # exclusive: coklit runs to 14 March
    assert str(coklit["SUMMARY"]) == "Pencocokan dan penelitian (coklit)"
    assert str(coklit["URL"]) == "https://ppk.example.id/tahapan/coklit/"
    assert "Bagian dari tahapan: Pemutakhiran" in str(coklit["DESCRIPTION"])
    voting = next(e for e in events if str(e["UID"]).startswith("pemungutan-suara."))
    assert voting.decoded("DTSTART") == date(2024, 2, 14) and voting.decoded("DTEND") == date(2024, 2, 15)
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_no_clock_in_the_file():
    pemilu = load_elections(DATA, ROOT)[0]
    first = calendar(pemilu)
    assert first == calendar(load_elections(DATA, ROOT)[0])
    stamps = {e.decoded("DTSTAMP") for e in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    assert {s.date() for s in stamps} == {pemilu.updated}


def test_relative_site_url_gives_no_url_property():
    pilkada = load_elections(DATA, ROOT)[1]
    events = icalendar.Calendar.from_ical(calendar(pilkada, site_url="")).walk("VEVENT")
    assert len(events) == 11
    assert all("URL" not in e for e in events)
