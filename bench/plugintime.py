"""One real build (`python -m sitebuild` arguments) with the time spent in each plugin.

Every Pelican signal handler and every generator a plugin adds
(`generate_context`, `generate_output`) is timed and booked to the plugin
package it comes from; the rest of the build is "pelican" (reading, rendering
the theme, writing). More robust than subtracting whole builds with one plugin
left out, which on a busy 2-core machine mostly measures noise.

    .venv/bin/python bench/plugintime.py --json times.json -- -c /tmp/site/content -o /tmp/out

Bench-only: it patches blinker in its own process; nothing here runs in a normal build.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))


def _owner(function) -> str:
    module = getattr(function, "__module__", None) or "?"
    return module.split(".")[0]


def install(spent: dict[str, float]) -> None:
    """Time plugin signal handlers and plugin generators into `spent` (seconds by package)."""
    import blinker

    def timed(owner: str, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[owner] += time.perf_counter() - started

        return wrapper

    def wrap_generator(cls) -> None:
        owner = _owner(cls)
        if owner == "pelican" or getattr(cls, "_bench_timed", False):
            return
        for name in ("generate_context", "generate_output"):
            if name in vars(cls):
                setattr(cls, name, timed(owner, vars(cls)[name]))
        cls._bench_timed = True

    def send(self, sender=None, /, **kwargs):
        results = []
        for receiver in self.receivers_for(sender):
            owner = _owner(receiver)
            started = time.perf_counter()
            value = receiver(sender, **kwargs)
            spent[owner] += time.perf_counter() - started
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if isinstance(item, type) and hasattr(item, "generate_context"):
                    wrap_generator(item)
            results.append((receiver, value))
        return results

    blinker.Signal.send = send


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("build", nargs=argparse.REMAINDER, help="-- then python -m sitebuild arguments")
    args = parser.parse_args(argv)
    build_args = args.build[1:] if args.build[:1] == ["--"] else args.build
    spent: dict[str, float] = defaultdict(float)
    install(spent)
    from sitebuild.__main__ import main as sitebuild_main

    started = time.perf_counter()
    code = sitebuild_main(build_args)
    total = time.perf_counter() - started
    plugins = {k: v for k, v in spent.items() if k not in ("pelican", "sitebuild", "?")}
    args.json.write_text(json.dumps({"total": total, "plugins": plugins, "exit": code}, indent=2))
    return code


if __name__ == "__main__":
    sys.exit(main())
