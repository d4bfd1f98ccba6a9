"""The build driver: one Pelican run, errors as `path:line: error: …`, atomic output swap."""

from .driver import BuildFailed, build_site

__all__ = ["BuildFailed", "build_site"]
