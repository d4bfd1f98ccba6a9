"""The stage plugin's settings, declared once (portal_common.options)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portal_common.options import folder_under_path, option

DEFAULT_DATA_PATH = "data/tahapan"


def _domain(value: str) -> str | None:
    if not value or re.fullmatch(r"[A-Za-z0-9.-]+", value):
        return None
    return f"{value!r} must be a domain-like name, e.g. 'ppk-concong'"


@dataclass(frozen=True)
class StageSettings:
    content: str = option("PATH", str, "content")
    site_name: str = option("SITENAME", str, "portal")
    data_path: str = option("TAHAPAN_DATA_PATH", str, DEFAULT_DATA_PATH, check=folder_under_path)
    uid: str = option("TAHAPAN_UID_DOMAIN", (str, type(None)), "", check=_domain)

    @property
    def data_dir(self) -> Path:
        return Path(self.content) / self.data_path

    @property
    def display_root(self) -> Path:
        return Path(self.content).parent

    @property
    def uid_domain(self) -> str:
        """TAHAPAN_UID_DOMAIN, or the site name as a slug ("ppk-concong")."""
        return self.uid or re.sub(r"[^a-z0-9]+", "-", self.site_name.lower()).strip("-") or "portal"
