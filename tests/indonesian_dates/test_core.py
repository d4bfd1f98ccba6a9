from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from indonesian_dates import core

WIB = ZoneInfo("Asia/Jakarta")
BIMTEK = datetime(2023, 2, 11, 9, 30, tzinfo=WIB)


def test_full_short_and_time_formats():
    assert core.full_date(BIMTEK) == "Sabtu, 11 Februari 2023"
    assert core.short_date(BIMTEK) == "11/2/2023"
    assert core.clock_time(BIMTEK) == "09.30 WIB"
    assert core.date_and_time(BIMTEK) == "Sabtu, 11 Februari 2023 | 09.30 WIB"
    assert core.month_year(BIMTEK) == "Februari 2023"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (12, "Minggu"),
        (13, "Senin"),
        (14, "Selasa"),
        (15, "Rabu"),
        (16, "Kamis"),
        (17, "Jumat"),
        (18, "Sabtu"),
    ],
)
def test_every_weekday_is_indonesian(day, name):
    assert core.full_date(date(2023, 2, day)).startswith(name + ",")


def test_every_month_is_indonesian():
    months = [core.month_year(date(2024, m, 1)).split()[0] for m in range(1, 13)]
    assert months == [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]


def test_utc_moment_is_shown_in_the_site_zone():
    # 16:30 UTC on 13 Feb is 23:30 WIB the same day; an hour later it is 14 Feb in WIB.
    moment = datetime(2024, 2, 13, 16, 30, tzinfo=ZoneInfo("UTC"))
    assert core.date_and_time(moment) == "Selasa, 13 Februari 2024 | 23.30 WIB"
    assert core.full_date(datetime(2024, 2, 13, 17, 30, tzinfo=ZoneInfo("UTC"))) == "Rabu, 14 Februari 2024"


def test_zone_label_follows_timezone():
    assert core.zone_label("Asia/Jakarta") == "WIB"
    assert core.zone_label("Asia/Pontianak") == "WIB"
    assert core.zone_label("Asia/Makassar") == "WITA"
    assert core.zone_label("Asia/Jayapura") == "WIT"
    assert core.zone_label("Asia/Kolkata") == "UTC+05.30"
    assert core.clock_time(BIMTEK, "Asia/Makassar") == "10.30 WITA"


def test_independent_of_the_c_locale(monkeypatch):
    import locale

    monkeypatch.setenv("LC_ALL", "C")
    locale.setlocale(locale.LC_ALL, "C")
    assert core.full_date(BIMTEK) == "Sabtu, 11 Februari 2023"


def test_date_ranges():
    assert core.date_range(date(2024, 2, 14), date(2024, 2, 14)) == "14 Februari 2024"
    assert core.date_range(date(2024, 2, 11), date(2024, 2, 13)) == "11–13 Februari 2024"
    assert core.date_range(date(2023, 2, 12), date(2023, 3, 14)) == "12 Februari – 14 Maret 2023"
    assert core.date_range(date(2023, 11, 28), date(2024, 2, 10)) == "28 November 2023 – 10 Februari 2024"
