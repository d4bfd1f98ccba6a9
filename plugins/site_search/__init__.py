"""Pagefind search index of the finished site, plus the /cari/ page."""

from .adapter import register

__all__ = ["register"]
