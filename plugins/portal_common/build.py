"""One object per build: its instant, its validated settings, its loaded data and plugin state.

Every plugin's `initialized` handler calls `start(pelican)`: the first call creates the `Build`
(checking the settings of every plugin in PLUGINS, all bad ones reported in one SettingsError)
and puts it in the settings under `KEY`; generators get it with `of(settings)`. A second Pelican
run in the same process (the live preview) gets a fresh one.

The one pickling rule: a Build never travels. Pelican pickles the settings with its reader
cache (content objects hold them); a Build pickles as None.
"""

from __future__ import annotations

import importlib
import weakref
from collections.abc import Callable, Hashable, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from .errors import ContentError, SettingsError
from .options import NONE, collect, option, read

KEY = "PORTAL_BUILD"
T = TypeVar("T")
# Each plugin's declared settings (plugin, "module:Class"), read when the plugin is in PLUGINS.
SCHEMAS = (
    ("news_portal", "news_portal.settings:PortalSettings"),
    ("content_checks", "content_checks.config:CheckSettings"),
    ("election_stages", "election_stages.core.settings:StageSettings"),
    ("feeds", "feeds.settings:FeedSettings"),
    ("officers", "officers.core.config:OfficerConfig"),
    ("polling_places", "polling_places.adapter:PollingSettings"),
    ("web_editor", "web_editor.adapter:EditorOptions"),
    ("site_search", "site_search.core:SearchSettings"),
    ("hosting", "hosting.core.settings:HostingSettings"),
)


def _schema(target: str) -> type:
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def _iso(value: str | datetime | None) -> str | None:
    if isinstance(value, str) and value:
        try:
            datetime.fromisoformat(value)
        except ValueError as err:
            return f"'{value}' is not an ISO 8601 datetime ({err})"
    return None


def _zone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ValueError, LookupError):  # ZoneInfoNotFoundError is a KeyError
        return f"'{value}' is not an IANA time zone, e.g. 'Asia/Jakarta'"
    return None


@dataclass(frozen=True)
class ClockSettings:
    """The build's "now": PORTAL_NOW (tests, reproducible builds) or the clock, in TIMEZONE."""

    now: str | datetime | None = option("PORTAL_NOW", (str, datetime, NONE), None, check=_iso)
    timezone: str = option("TIMEZONE", str, "Asia/Jakarta", check=_zone)

    def instant(self) -> datetime:
        zone = ZoneInfo(self.timezone)
        if not self.now:
            return datetime.now(zone)
        moment = self.now if isinstance(self.now, datetime) else datetime.fromisoformat(self.now)
        return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(zone)


class Build:
    """This build's shared state (see module doc).

    * `now`: the build's one instant (PORTAL_NOW or the clock), aware, in `timezone`.
    * `options(Schema)`: a plugin's validated settings (a frozen dataclass).
    * `call(function, *args)`: `function(*args)` once per build, shared between plugins
      (a ContentError it raises is kept and raised to every caller).
    * `elections`: the stage data (set by election_stages, [] without it).
    * `checks`, `feeds`, `search`, `hosting`: the content checks', feeds', search and
      hosting plugins' per-build state.
    """

    def __init__(self, settings: Mapping, owner: Any = None) -> None:
        self._owner = weakref.ref(owner) if owner is not None else None
        self._settings = settings
        self._options: dict[type, Any] = {}
        self._values: dict[Hashable, tuple[bool, Any]] = {}
        active = {str(plugin) for plugin in settings.get("PLUGINS") or []}
        schemas = [ClockSettings, *(_schema(target) for plugin, target in SCHEMAS if plugin in active)]
        problems: list[tuple[str, str]] = []
        for schema in schemas:
            self._options[schema], found = collect(schema, settings)
            problems += [problem for problem in found if problem not in problems]
        if problems:
            raise SettingsError.of(problems)
        clock = self.options(ClockSettings)
        self.now: datetime = clock.instant()
        self.timezone: str = clock.timezone
        self.elections: list = []
        self.checks: Any = None
        self.feeds: Any = None
        self.search: Any = None
        self.hosting: Any = None

    def __repr__(self) -> str:  # stable: settings fingerprints must not see an address
        return "Build()"

    def __reduce__(self) -> tuple:
        return (type(None), ())  # see module doc

    def __deepcopy__(self, memo: dict) -> Build:
        return self

    def options(self, schema: type[T]) -> T:
        """The validated settings of `schema` (read now if its plugin is not in PLUGINS)."""
        if self._options.get(schema) is None:
            self._options[schema] = read(schema, self._settings)
        return self._options[schema]

    def call(self, function: Callable[..., T], *args: Hashable) -> T:
        """`function(*args)` once per build (keyed by the function and its arguments)."""
        key = (function, *args)
        if key not in self._values:
            try:
                self._values[key] = (True, function(*args))
            except ContentError as err:
                self._values[key] = (False, err)
        ok, value = self._values[key]
        if not ok:
            raise value
        return value


def start(pelican: Any) -> Build:
    """The Build of this Pelican run, created on the first call (connect it to `initialized`)."""
    settings: MutableMapping = pelican.settings
    current = settings.get(KEY)
    if isinstance(current, Build) and current._owner is not None and current._owner() is pelican:
        return current
    build = settings[KEY] = Build(settings, pelican)
    return build


def of(settings: MutableMapping) -> Build:
    """The Build in these settings; outside a Pelican run (`invoke check`, unit tests) a new one."""
    current = settings.get(KEY)
    if isinstance(current, Build):
        return current
    build = settings[KEY] = Build(settings)
    return build
