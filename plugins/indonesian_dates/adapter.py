"""Registers the Indonesian date functions as Jinja filters in every generator."""

from __future__ import annotations

from functools import partial

from pelican import signals
from portal_common import build

from . import core


def _add_filters(generator) -> None:
    timezone = build.of(generator.settings).timezone
    generator.env.filters.update(
        {
            "tanggal": partial(core.full_date, timezone=timezone),
            "tanggal_panjang": partial(core.long_date, timezone=timezone),
            "tanggal_pendek": partial(core.short_date, timezone=timezone),
            "bulan_tahun": partial(core.month_year, timezone=timezone),
            "jam": partial(core.clock_time, timezone=timezone),
            "tanggal_jam": partial(core.date_and_time, timezone=timezone),
            "rentang_tanggal": core.date_range,
        }
    )


def register() -> None:
    signals.generator_init.connect(_add_filters)
