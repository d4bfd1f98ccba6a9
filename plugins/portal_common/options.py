"""Declared settings: one `option()` per setting, one frozen dataclass per plugin.

    @dataclass(frozen=True)
    class SearchSettings:
        page_url: str = option("PORTAL_SEARCH_URL", str, "cari/", check=folder_url)

`read(Schema, settings)` takes each key (its default when absent), checks its type, then its
`check`, and raises one `SettingsError` naming every bad key and why (MkDocs-style). A schema
may check across keys in a `problems()` method returning `(key, why)` pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from .errors import SettingsError

T = TypeVar("T")
NONE = type(None)
Check = Callable[[Any], "str | None"]  # why a value is wrong, None when it is fine
_NAMES = {bool: "True or False", int: "a whole number", str: "text", list: "a list", tuple: "a tuple"}


@dataclass(frozen=True)
class Option:
    key: str
    type: type | tuple[type, ...]
    default: Any
    check: Check | None = None  # may raise SettingsError instead
    convert: Callable[[Any], Any] | None = None  # setting -> field value; may raise SettingsError

    def problem(self, value: Any) -> str | None:
        kinds = self.type if isinstance(self.type, tuple) else (self.type,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            expected = " or ".join(_NAMES.get(kind, f"a {kind.__name__}") for kind in kinds)
            return f"must be {expected}, not {value!r}"
        return self.check(value) if self.check else None


def option(key: str, kind: Any, default: Any, check: Check | None = None, convert: Callable | None = None):
    """A dataclass field read from the setting `key` (its default converted like a setting)."""
    spec = Option(key, kind, default, check, convert)
    value = convert(default) if convert and default is not None else default
    if value.__hash__ is None:  # a list or dict: dataclasses want a factory
        return field(default_factory=lambda: value, metadata={"option": spec})
    return field(default=value, metadata={"option": spec})


def collect(schema: type[T], settings: Mapping) -> tuple[T | None, list[tuple[str, str]]]:
    """The schema's values from `settings` (None when there is a problem) and every problem."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for item in fields(schema):
        spec: Option = item.metadata["option"]
        raw = settings.get(spec.key, spec.default)
        try:
            why = spec.problem(raw)
            if why is None:
                values[item.name] = spec.convert(raw) if spec.convert else raw
        except SettingsError as error:
            problems += error.problems
            continue
        if why is not None:
            problems.append((spec.key, "is required" if raw is None and spec.key not in settings else why))
    if not problems:
        instance = schema(**values)
        problems = instance.problems() if hasattr(instance, "problems") else []
        if not problems:
            return instance, []
    return None, problems


def read(schema: type[T], settings: Mapping) -> T:
    """The schema's values from `settings`; one SettingsError naming every bad setting."""
    instance, problems = collect(schema, settings)
    if instance is None:
        raise SettingsError.of(problems)
    return instance


def require(test: Callable[[Any], bool], why: str) -> Check:
    """A check from a test and the reason it gives when the test fails."""
    return lambda value: None if test(value) else why


def at_least(minimum: int, maximum: int | None = None) -> Check:
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
    ok = value.strip().strip("/") and ".." not in value.split("/")
    return None if ok else f"{value!r} must be a folder under PATH (content/), e.g. 'data/tahapan'"
