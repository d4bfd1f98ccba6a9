"""Keys for the cross-build memo of per-file check results (see core.run_checks).

A memoised result is reused only when the file's bytes, everything in the
settings a per-file check reads (`config_key`) and the checker's code
(`checker_version`) are the same as when it was computed.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path
from typing import Any

import yaml

from .config import CheckConfig


def _stable(value: Any) -> str:
    """A repr that is the same in every process: sets sorted, functions by name."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in sorted(value.items(), key=str)) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(map(_stable, value))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(map(_stable, value)) + "]"
    if isinstance(value, functools.partial):
        return f"partial({_stable(value.func)},{_stable(value.args)},{_stable(value.keywords)})"
    if callable(value):
        name = getattr(value, "__qualname__", "")
        if name and "<" not in name:  # a module-level function: its name stands for its code
            return f"{getattr(value, '__module__', '')}.{name}"
        return repr(value)  # a lambda or closure: keeps its address, so it is never reused
    return repr(value)  # plain values; an object showing its address is simply never reused


def config_key(config: CheckConfig) -> str:
    """Everything in `config` a per-file result may depend on.

    Of `now` only the year counts (the plausible-year check); the exact moment is
    used by the cross-file checks (scheduled links), which run on every build.
    """
    parts = []
    for item in fields(config):
        value = getattr(config, item.name)
        if item.name == "now":
            value = value.year
        parts.append(f"{item.name}={_stable(value)}")
    return _hash_text(parts)


def _package_files() -> Iterable[Path]:
    import election_stages.core
    import news_portal.core
    import officers.core
    import portal_common

    yield from sorted(Path(__file__).parent.glob("*.py"))
    yield from sorted(Path(portal_common.__file__).parent.glob("*.py"))
    yield Path(news_portal.core.__file__)
    yield from sorted(Path(election_stages.core.__file__).parent.glob("*.py"))
    yield from sorted(Path(officers.core.__file__).parent.glob("*.py"))


def checker_version(*extra: str) -> str:
    """A hash of the checker's code (this package, portal_common and the cores it uses) and libraries."""
    hasher = hashlib.sha256()
    for path in _package_files():
        hasher.update(f"{path.parent.name}/{path.name}\0".encode())
        hasher.update(path.read_bytes())
    hasher.update("\0".join([yaml.__version__, sys.version, *extra]).encode())
    return hasher.hexdigest()


def _hash_text(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
