"""The plugin's settings, declared once (portal_common.options)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal_common import options
from portal_common.options import at_least, option

from .compress import MIN_BYTES
from .policy import PathPolicy, Policy, base_path, path_policies


@dataclass(frozen=True)
class HostingSettings:
    host_files: bool = option("HOSTING_HOST_FILES", bool, False)  # write .htaccess, _headers, _redirects
    precompress: bool = option("HOSTING_PRECOMPRESS", bool, False)  # write .br/.gz siblings
    min_bytes: int = option("HOSTING_PRECOMPRESS_MIN_BYTES", int, MIN_BYTES, check=at_least(0))
    paths: tuple[PathPolicy, ...] = option("HOSTING_PATH_POLICIES", object, None, convert=path_policies)
    base: str = option("SITEURL", (str, type(None)), "", convert=lambda url: base_path(str(url or "")))

    def policy(self) -> Policy:
        return Policy(base=self.base, paths=self.paths)


def read(settings: Mapping) -> HostingSettings:
    """The settings as they are now (other plugins add HOSTING_PATH_POLICIES during the build)."""
    return options.read(HostingSettings, settings)
