"""The portal's own settings, declared once (portal_common.options)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal_common.options import at_least, option

COMMITTEE_KEYS = ("name", "short_name", "kecamatan", "kabupaten", "provinsi", "address", "email")


def _rubrics(value: list) -> str | None:
    if value and all(isinstance(rubric, str) for rubric in value):
        return None
    return "must be a non-empty list of rubric names"


def _nav(value: list) -> str | None:
    pairs = all(isinstance(item, (list, tuple)) and len(item) == 2 for item in value)
    return None if pairs else "must be a list of (label, url) pairs"


def _committee(value: Mapping) -> str | None:
    missing = [key for key in COMMITTEE_KEYS if not value.get(key)]
    return f"missing keys: {', '.join(missing)}" if missing else None


@dataclass(frozen=True)
class PortalSettings:
    rubrics: tuple[str, ...] = option("PORTAL_RUBRICS", list, None, check=_rubrics, convert=tuple)
    default_category: str = option("DEFAULT_CATEGORY", str, "")
    nav: tuple = option("PORTAL_NAV", list, None, check=_nav, convert=tuple)
    committee: Mapping = option("PORTAL_COMMITTEE", dict, None, check=_committee)
    related_count: int = option("PORTAL_RELATED_COUNT", int, 3, check=at_least(0))
    home_latest: int = option("PORTAL_HOME_LATEST", int, 8, check=at_least(0))

    def problems(self) -> list[tuple[str, str]]:
        if self.default_category in self.rubrics:
            return []
        return [("DEFAULT_CATEGORY", f"must be one of PORTAL_RUBRICS {list(self.rubrics)}")]
