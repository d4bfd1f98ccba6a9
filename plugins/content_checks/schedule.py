"""Scheduled posts: an article dated after the build's "now" stays a draft until then.

Pelican's WITH_FUTURE_DATES reads the wall clock; this uses PORTAL_NOW when it
is set, so tests and reproducible builds do not depend on the day they run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

T = TypeVar("T")


def split_scheduled(articles: Sequence[T], now: datetime) -> tuple[list[T], list[T]]:
    """(published now, scheduled for later), each keeping the input order."""
    published = [a for a in articles if a.date <= now]  # type: ignore[attr-defined]
    scheduled = [a for a in articles if a.date > now]  # type: ignore[attr-defined]
    return published, scheduled
