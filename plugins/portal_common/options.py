"""Declared settings: one `option()` per setting, one frozen dataclass per plugin.

A plugin declares its settings once, as the fields of a frozen dataclass:

    @dataclass(frozen=True)
    class SearchSettings:
        enabled: bool = option("PORTAL_SEARCH_ENABLED", bool, True)
        page_url: str = option("PORTAL_SEARCH_URL", str, "cari/", check=folder_url)

`read(SearchSettings, settings)` takes each key from the Pelican settings (its
default when absent), checks its type and then its `check`, and returns the
dataclass; every bad setting is collected and raised in one `SettingsError`
naming each key and why, like MkDocs' config options. A schema may add checks
across keys in a `problems()` method returning `(key, why)` pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from .errors import SettingsError

T = TypeVar("T")
Problem = tuple[str, str]  # (setting, why it is wrong)

_NAMES = {
    bool: "True or False",
    int: "a whole number",
    float: "a number",
    str: "text",
    list: "a list",
    tuple: "a tuple",
    dict: "a dict",
    type(None): "None",
}


@dataclass(frozen=True)
class Option:
    """One setting: its key, accepted types, default and check (see module doc)."""

    key: str
    type: type | tuple[type, ...]
    default: Any
    # Why an accepted value is still wrong (None: it is fine). It may raise SettingsError instead.
    check: Callable[[Any], str | None] | None = None
    # The field's value from the setting's (e.g. a list to a tuple); it may raise SettingsError.
    convert: Callable[[Any], Any] | None = None

    def problem(self, value: Any) -> str | None:
        kinds = self.type if isinstance(self.type, tuple) else (self.type,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            expected = " or ".join(_NAMES.get(kind, kind.__name__) for kind in kinds)
            return f"must be {expected}, not {value!r}"
        return self.check(value) if self.check else None


def option(
    key: str,
    kind: type | tuple[type, ...],
    default: Any,
    check: Callable[[Any], str | None] | None = None,
    convert: Callable[[Any], Any] | None = None,
) -> Any:
    """A dataclass field read from the setting `key` (the field's default is the converted default)."""
    spec = Option(key, kind, default, check, convert)
    value = convert(default) if convert and default is not None else default
    if value.__hash__ is None:  # a list or dict default: dataclasses want a factory
        return field(default_factory=lambda: value, metadata={"option": spec})
    return field(default=value, metadata={"option": spec})


def options(schema: type) -> list[Option]:
    """The declared options of a schema, in field order (for docs and tests)."""
    return [f.metadata["option"] for f in fields(schema) if "option" in f.metadata]


def collect(schema: type[T], settings: Mapping) -> tuple[T | None, list[Problem]]:
    """The schema's values from `settings` and every problem found (None when there is one)."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for item in fields(schema):
        spec: Option | None = item.metadata.get("option")
        if spec is None:
            continue
        raw = settings.get(spec.key, spec.default)
        if raw is None and spec.key not in settings and spec.problem(None):
            problems.append((spec.key, "is required"))
            continue
        try:
            why = spec.problem(raw)
            if why is None:
                values[item.name] = spec.convert(raw) if spec.convert else raw
        except SettingsError as error:
            problems += error.problems
            continue
        if why is not None:
            problems.append((spec.key, why))
    if problems:
        return None, problems
    instance = schema(**values)
    more = getattr(instance, "problems", None)
    problems += more() if more else []
    return (None, problems) if problems else (instance, [])


def read(schema: type[T], settings: Mapping) -> T:
    """The schema's values from `settings`; SettingsError naming every bad setting."""
    instance, problems = collect(schema, settings)
    if problems:
        raise SettingsError.of(problems)
    return instance  # type: ignore[return-value]


# --- checks used by several plugins -------------------------------------------------------


def at_least(minimum: int, maximum: int | None = None) -> Callable[[int], str | None]:
    """A whole number from `minimum` (to `maximum`)."""

    def check(value: int) -> str | None:
        if value < minimum:
            return f"must be at least {minimum}, not {value!r}"
        return None if maximum is None or value <= maximum else f"must be at most {maximum:,}, not {value:,}"

    return check


def folder_url(value: str) -> str | None:
    """A folder URL relative to the site root, e.g. 'cari/'."""
    if value.endswith("/") and not value.startswith("/") and ".." not in value.split("/"):
        return None
    return f"{value!r} must be a folder URL relative to the site root ending in '/', e.g. 'cari/'"


def folder_under_path(value: str) -> str | None:
    """A folder inside PATH (content/), e.g. 'data/tahapan'."""
    if value.strip() and ".." not in value.split("/"):
        return None
    return f"{value!r} must be a folder under PATH, e.g. 'data/tahapan'"
