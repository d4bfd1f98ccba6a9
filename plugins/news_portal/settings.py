"""Up-front validation of the portal's own settings (MkDocs-style: name the key, say why)."""

from __future__ import annotations

from collections.abc import Mapping

from portal_common.errors import SettingsError

COMMITTEE_KEYS = ("name", "short_name", "kecamatan", "kabupaten", "provinsi", "address", "email")


def validate(settings: Mapping) -> None:
    rubrics = settings.get("PORTAL_RUBRICS")
    if not isinstance(rubrics, list) or not rubrics or not all(isinstance(r, str) for r in rubrics):
        raise SettingsError("PORTAL_RUBRICS", "must be a non-empty list of rubric names")
    if settings.get("DEFAULT_CATEGORY") not in rubrics:
        raise SettingsError("DEFAULT_CATEGORY", f"must be one of PORTAL_RUBRICS {rubrics}")
    nav = settings.get("PORTAL_NAV")
    if not isinstance(nav, list) or not all(
        isinstance(item, (list, tuple)) and len(item) == 2 for item in nav
    ):
        raise SettingsError("PORTAL_NAV", "must be a list of (label, url) pairs")
    committee = settings.get("PORTAL_COMMITTEE")
    if not isinstance(committee, Mapping):
        raise SettingsError("PORTAL_COMMITTEE", "must be a dict describing the committee")
    missing = [key for key in COMMITTEE_KEYS if not committee.get(key)]
    if missing:
        raise SettingsError("PORTAL_COMMITTEE", f"missing keys: {', '.join(missing)}")
    for key in ("PORTAL_RELATED_COUNT", "PORTAL_HOME_LATEST"):
        value = settings.get(key)
        if not isinstance(value, int) or value < 0:
            raise SettingsError(key, "must be a whole number, 0 or more")
