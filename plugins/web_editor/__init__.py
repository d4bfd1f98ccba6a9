"""The web editor at /admin/ (Decap CMS from the pinned npm package, config generated from the data)."""

from .adapter import register

__all__ = ["register"]
