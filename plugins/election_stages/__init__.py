"""Election stages: stage data, timeline and stage pages, countdown, iCalendar."""

from .adapter import register

__all__ = ["register"]
