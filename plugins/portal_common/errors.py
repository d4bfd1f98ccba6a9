"""Errors the media officer can cause, reported as `path:line: error: message`.

Every plugin raises `ContentError` for bad content or data and `SettingsError`
for a bad setting, so the build driver can print one clear line per problem
instead of a traceback, and exit non-zero without touching the last good site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Finding:
    """One problem found in the content, in the compiler-style format editors understand."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    severity: str = "error"  # "error" fails the build, "warning" does not

    def format(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{location}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    saran: {self.hint}"
        return text


class ContentError(Exception):
    """One or more errors in content or data files the media officer edits."""

    def __init__(
        self,
        path: str | Path,
        line: int | None,
        message: str,
        hint: str = "",
        *,
        extra: list[Finding] | None = None,
    ) -> None:
        first = Finding(str(path), line, message, hint)
        self.findings: list[Finding] = [first, *(extra or [])]
        super().__init__(self.format())

    @classmethod
    def from_findings(cls, findings: list[Finding]) -> ContentError:
        errors = [f for f in findings if f.severity == "error"]
        if not errors:
            raise ValueError("from_findings needs at least one error")
        first, *rest = errors
        return cls(first.path, first.line, first.message, first.hint, extra=rest)

    @property
    def path(self) -> str:
        return self.findings[0].path

    @property
    def line(self) -> int | None:
        return self.findings[0].line

    def format(self) -> str:
        return "\n".join(finding.format() for finding in self.findings)


class SettingsError(Exception):
    """One or more settings in pelicanconf.py/publishconf.py are missing or wrong.

    `problems` holds every `(key, why)` found (portal_common.options collects them
    all); `key` is the first one's.
    """

    def __init__(self, key: str, message: str, *, more: list[tuple[str, str]] | None = None) -> None:
        self.problems: list[tuple[str, str]] = [(key, message), *(more or [])]
        self.key = key
        super().__init__("\n".join(f"setting {name}: {why}" for name, why in self.problems))

    @classmethod
    def of(cls, problems: list[tuple[str, str]]) -> SettingsError:
        (key, message), *rest = problems
        return cls(key, message, more=rest)

    def format(self, settings_file: object) -> str:
        """One `<settings file>: error: setting KEY: why` line per problem."""
        return "\n".join(f"{settings_file}: error: setting {key}: {why}" for key, why in self.problems)
