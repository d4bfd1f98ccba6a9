"""The plugin's settings, read and checked once per build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal_common.errors import SettingsError

from .compress import MIN_BYTES
from .policy import PathPolicy, Policy, base_path, path_policies


@dataclass(frozen=True)
class HostingSettings:
    host_files: bool  # write .htaccess, _headers, _redirects
    precompress: bool  # write .br/.gz siblings
    min_bytes: int
    paths: tuple[PathPolicy, ...]
    base: str

    def policy(self) -> Policy:
        return Policy(base=self.base, paths=self.paths)


def _flag(settings: Mapping, key: str) -> bool:
    value = settings.get(key, False)
    if not isinstance(value, bool):
        raise SettingsError(key, "must be True or False")
    return value


def read(settings: Mapping) -> HostingSettings:
    minimum = settings.get("HOSTING_PRECOMPRESS_MIN_BYTES", MIN_BYTES)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0:
        raise SettingsError("HOSTING_PRECOMPRESS_MIN_BYTES", "must be a whole number of bytes (0 or more)")
    return HostingSettings(
        host_files=_flag(settings, "HOSTING_HOST_FILES"),
        precompress=_flag(settings, "HOSTING_PRECOMPRESS"),
        min_bytes=minimum,
        paths=path_policies(settings.get("HOSTING_PATH_POLICIES")),
        base=base_path(str(settings.get("SITEURL") or "")),
    )
