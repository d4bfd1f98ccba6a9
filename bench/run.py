"""Build-speed benchmark: this portal against stock Pelican on the same posts.

For each N it writes a synthetic site (bench/synth.py), then times, alternating
the two and `--runs` times each:

* cold: a full build into an empty output folder with empty caches;
* warm: the rebuild after one post was edited (portal: its render cache;
  stock: Pelican's content cache on, CACHE_CONTENT + LOAD_CONTENT_CACHE);

and prints medians, peak memory (max RSS of the build process), the ratios
portal/stock against the targets, and the time spent inside each plugin in a
cold and a warm build (bench/plugintime.py: its signal handlers and generators).

    .venv/bin/python bench/run.py                  # N = 500 and 2000, 3 runs
    .venv/bin/python bench/run.py --posts 500 2000 8000 --runs 3
    .venv/bin/python bench/run.py --posts 40 --runs 1 --no-plugins   # smoke

Every build runs in its own process, as the officer runs it. Not a test:
speed targets live here, never in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "plugins"))

from synth import generate  # noqa: E402

NOW = "2025-01-01T00:00:00+07:00"
TARGETS = {"cold": 1.0, "warm": 0.5}
GROWTH_TARGET = 4.4


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system seconds of the build and the workers it waited for


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs) if self.runs else float("nan")

    @property
    def peak_mb(self) -> float:
        return max((r.peak_mb for r in self.runs), default=float("nan"))


class BuildError(RuntimeError):
    """A benchmarked build failed: the benchmark stops and shows why."""


def timed(command: list[str], log: Path, extra_env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    """Run one build process; wall time and its own peak RSS (wait4 rusage)."""
    env = {**os.environ, "PYTHONHASHSEED": "0", **(extra_env or {})}
    with log.open("w") as sink:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise BuildError(f"build failed ({' '.join(command[:4])} …), log {log}:\n{tail}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


class Bench:
    """Commands and folders for one synthetic site."""

    def __init__(self, work: Path, content: Path) -> None:
        self.work, self.content = work, content

    def portal(self, kind: str, plugins: list[str] | None = None) -> list[str]:
        command = [
            sys.executable,
            "-m",
            "sitebuild",
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(self.work / f"portal-{kind}" / "output"),
            "-c",
            str(self.content),
            "--set",
            f"PORTAL_NOW={NOW}",
        ]
        # Every cache the portal keeps across builds, per kind, so "cold" is really cold.
        cache = self.work / f"portal-{kind}-cache"
        command += ["--set", f"OFFICERS_IMAGE_CACHE={cache / 'images'}"]
        if plugins is not None:
            command += ["--set", f"PLUGINS={json.dumps(plugins)}"]
        return command

    def stock(self, kind: str, cache: bool) -> list[str]:
        command = [
            sys.executable,
            "-m",
            "pelican",
            str(self.content),
            "-s",
            str(ROOT / "bench" / "stockconf.py"),
            "-o",
            str(self.work / f"stock-{kind}"),
            "--fatal",
            "errors",
        ]
        if cache:
            command += [
                "--cache-path",
                str(self.work / "stock-cache"),
                "-e",
                "CACHE_CONTENT=true",
                "LOAD_CONTENT_CACHE=true",
            ]
        return command

    def clear(self, *names: str) -> None:
        for name in names:
            shutil.rmtree(self.work / name, ignore_errors=True)
            # The driver keeps the other output buffer, the caches and the lock beside the
            # output folder (.NAME.new, .NAME.cache, ...): a cold build starts without them.
            for hidden in self.work.glob(f".{name}.*"):
                if hidden.is_dir() and not hidden.is_symlink():
                    shutil.rmtree(hidden, ignore_errors=True)
                else:
                    hidden.unlink(missing_ok=True)

    def cold_portal(self, plugins: list[str] | None = None, tag: str = "full") -> Run:
        self.clear("portal-cold", "portal-cold-cache")
        return timed(self.portal("cold", plugins), self.work / f"log-portal-cold-{tag}.txt")

    def cold_stock(self) -> Run:
        self.clear("stock-cold")
        return timed(self.stock("cold", cache=False), self.work / "log-stock-cold.txt")


def edit_post(content: Path, round_: int) -> Path:
    """Change one post in the middle of the archive, as the officer fixes a typo."""
    posts = sorted((content / "posts").rglob("*.md"))
    post = posts[len(posts) // 2]
    text = post.read_text(encoding="utf-8").split("\n\nPembaruan:")[0].rstrip("\n")
    post.write_text(f"{text}\n\nPembaruan: data diperbarui (revisi {round_}).\n", encoding="utf-8")
    return post


def measure(n: int, work: Path, runs: int, plugin_runs: int) -> dict:
    content = work / "content"
    marker = work / "synth.json"
    if not (marker.exists() and json.loads(marker.read_text()) == {"posts": n}):
        print(f"  writing {n} synthetic posts …", flush=True)
        generate(content, n)
        marker.write_text(json.dumps({"posts": n}))
    bench = Bench(work, content)
    cold = {"portal": Series(), "stock": Series()}
    for index in range(runs):
        order = ["portal", "stock"] if index % 2 == 0 else ["stock", "portal"]
        for side in order:
            run = bench.cold_portal() if side == "portal" else bench.cold_stock()
            cold[side].runs.append(run)
            print(
                f"  cold  {side:6} run {index + 1}: {run.seconds:7.2f} s  {run.peak_mb:6.0f} MB", flush=True
            )

    warm = {"portal": Series(), "stock": Series()}
    bench.clear("portal-warm", "portal-warm-cache", "stock-warm", "stock-cache")
    # The portal double-buffers its output (two folders, one per build in turn):
    # as after any two builds, both hold the site before the edits start.
    for _ in range(2):
        timed(bench.portal("warm"), work / "log-portal-prime.txt")
    timed(bench.stock("warm", cache=True), work / "log-stock-prime.txt")
    for index in range(runs):
        edit_post(content, index + 1)
        order = ["portal", "stock"] if index % 2 == 0 else ["stock", "portal"]
        for side in order:
            command = bench.portal("warm") if side == "portal" else bench.stock("warm", cache=True)
            run = timed(command, work / f"log-{side}-warm.txt")
            warm[side].runs.append(run)
            print(
                f"  warm  {side:6} run {index + 1}: {run.seconds:7.2f} s  {run.peak_mb:6.0f} MB", flush=True
            )

    result = {
        "posts": n,
        "runs": runs,
        "cold": {k: asdict(v) | {"median": v.median} for k, v in cold.items()},
        "warm": {k: asdict(v) | {"median": v.median} for k, v in warm.items()},
    }
    if plugin_runs:
        result["plugins"] = measure_plugins(bench, plugin_runs)
    return result


def measure_plugins(bench: Bench, runs: int) -> dict[str, dict[str, float]]:
    """Seconds spent inside each plugin (bench/plugintime.py), cold and after one edit; medians."""
    times: dict[str, dict[str, list[float]]] = {"cold": {}, "warm": {}}
    for index in range(runs):
        for kind in ("cold", "warm"):
            if kind == "cold":
                bench.clear("portal-cold", "portal-cold-cache")
            else:
                edit_post(bench.content, 100 + index)
            report = bench.work / f"plugins-{kind}.json"
            command = [sys.executable, str(ROOT / "bench" / "plugintime.py"), "--json", str(report), "--"]
            timed(command + bench.portal(kind)[3:], bench.work / f"log-plugins-{kind}.txt")
            figures = json.loads(report.read_text())
            for name, seconds in [*figures["plugins"].items(), ("(whole build)", figures["total"])]:
                times[kind].setdefault(name, []).append(seconds)
    costs = {kind: {n: statistics.median(v) for n, v in rows.items()} for kind, rows in times.items()}
    for name in sorted(costs["cold"], key=lambda n: -costs["cold"][n]):
        print(f"  in {name:18} cold {costs['cold'][name]:7.2f} s   warm {costs['warm'].get(name, 0):7.2f} s")
    return costs


def ratio(result: dict, kind: str) -> float:
    return result[kind]["portal"]["median"] / result[kind]["stock"]["median"]


def report(results: list[dict]) -> str:
    lines = []
    for result in results:
        lines.append(f"N = {result['posts']} posts, {result['runs']} runs each, medians")
        lines.append(f"  {'':24}{'portal':>9}{'stock':>9}{'ratio':>8}{'target':>8}  peak MB portal/stock")
        for kind, label in (("cold", "cold full build"), ("warm", "warm, one post edited")):
            portal, stock = result[kind]["portal"], result[kind]["stock"]
            value = ratio(result, kind)
            verdict = "ok" if value <= TARGETS[kind] else "MISSED"
            peak_p = max(r["peak_mb"] for r in portal["runs"])
            peak_s = max(r["peak_mb"] for r in stock["runs"])
            lines.append(
                f"  {label:24}{portal['median']:8.2f}s{stock['median']:8.2f}s{value:7.2f}x"
                f"{'≤' + str(TARGETS[kind]):>8}  {verdict:6} {peak_p:5.0f}/{peak_s:.0f}"
            )
        costs = result.get("plugins")
        if costs:
            lines.append(f"  time inside each plugin (median s)   {'cold':>7} {'warm':>7}")
            for name in sorted(costs["cold"], key=lambda n: -costs["cold"][n]):
                warm = costs["warm"].get(name, 0.0)
                lines.append(f"    {name:34}{costs['cold'][name]:7.2f} {warm:7.2f}")
    by_n = {r["posts"]: r for r in results}
    if 2000 in by_n and 8000 in by_n:
        growth = by_n[8000]["cold"]["portal"]["median"] / by_n[2000]["cold"]["portal"]["median"]
        verdict = "ok" if growth <= GROWTH_TARGET else "MISSED"
        lines.append(
            f"growth 8000/2000 posts (portal, cold): {growth:.2f}x (target ≤ {GROWTH_TARGET}x) {verdict}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--no-plugins",
        dest="plugins",
        action="store_false",
        help="skip the per-plugin times (an extra cold and warm build per --plugin-runs)",
    )
    parser.add_argument("--plugin-runs", type=int, default=1, help="cold+warm builds timed per plugin")
    parser.add_argument(
        "--plugins-at",
        type=int,
        default=None,
        help="measure plugin costs at this N only (default: the smallest N)",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    plugins_at = args.plugins_at or min(args.posts)
    results = []
    try:
        for n in args.posts:
            print(f"N = {n}", flush=True)
            work = args.work / f"n{n}"
            work.mkdir(parents=True, exist_ok=True)
            plugin_runs = args.plugin_runs if args.plugins and n == plugins_at else 0
            results.append(measure(n, work, args.runs, plugin_runs))
    except BuildError as error:
        print(error, file=sys.stderr)
        return 1
    print()
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
