"""Does each cache layer earn its place? Warm rebuilds with one layer off at a time.

All variants build the same synthetic site (bench/synth.py) into ONE output
folder with one cache folder: a layer switched off through the environment
variable PORTAL_CACHE_OFF (portal_common.cachefile.cache_off) neither reads nor
writes its store, so the other layers stay warm and the next variant finds them
as a normal rebuild would. After a cold build and one more (both folders of the
double buffer then hold the site), every round edits one post before each
build and runs the variants in turn, the order reversed every other round
(A/B alternation). The cold build is timed once (all layers on). Not a test:
figures go to docs/benchmarks.md.

    .venv/bin/python bench/layers.py --posts 2000 --runs 3
    .venv/bin/python bench/layers.py --posts 40 --runs 1 --only all render   # smoke
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import NOW, Run, edit_post, timed  # noqa: E402
from synth import generate  # noqa: E402

# name -> (PORTAL_CACHE_OFF value, extra settings)
VARIANTS: dict[str, tuple[str, dict[str, str]]] = {
    "all": ("", {}),
    "render": ("render", {}),
    "pages": ("pages", {}),
    "outputs": ("outputs", {}),
    "jinja": ("jinja", {}),
    "source-keys": ("source-keys", {}),
    "feeds-clean-html": ("feeds-clean-html", {}),
    "feeds-documents": ("feeds-documents", {}),
    "feeds-share-cards": ("feeds-share-cards", {}),
    "content_checks": ("content_checks", {}),
    "checked-images": ("checked-images", {}),
    "search": ("search", {}),
}


def command(work: Path, content: Path, settings: dict[str, str]) -> list[str]:
    line = [sys.executable, "-m", "sitebuild", "-s", str(ROOT / "pelicanconf.py")]
    line += ["-o", str(work / "site" / "output"), "-c", str(content), "--set", f"PORTAL_NOW={NOW}"]
    line += ["--set", f"OFFICERS_IMAGE_CACHE={work / 'site' / 'images'}"]
    for key, value in settings.items():
        line += ["--set", f"{key}={value}"]
    return line


def build(work: Path, content: Path, name: str, log: str) -> Run:
    off, settings = VARIANTS[name]
    return timed(command(work, content, settings), work / f"log-{log}.txt", {"PORTAL_CACHE_OFF": off})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3, help="warm rebuilds per variant")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out-layers")
    parser.add_argument("--only", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--reuse", action="store_true", help="keep the site already built")
    args = parser.parse_args(argv)
    work = args.work / f"n{args.posts}"
    content = work / "content"
    if not content.is_dir():
        generate(content, args.posts)
    times: dict[str, dict[str, list[float]]] = {n: {"cold": [], "warm": [], "cpu": []} for n in args.only}

    def note(kind: str, name: str, run: Run, load: str) -> None:
        times[name][kind].append(run.seconds)
        if kind == "warm":
            times[name]["cpu"].append(run.cpu)
        print(f"{kind} {name:18} {run.seconds:7.2f} s  cpu {run.cpu:7.2f} s  load {load}", flush=True)
        if args.json:
            args.json.write_text(json.dumps(times, indent=1))

    if not (args.reuse and (work / "site" / "output").exists()):
        shutil.rmtree(work / "site", ignore_errors=True)
        load = Path("/proc/loadavg").read_text().split()[0]
        note("cold", "all", build(work, content, "all", "cold"), load)
    build(work, content, "all", "prime")
    for round_ in range(args.runs):
        for index, name in enumerate(args.only if round_ % 2 == 0 else list(reversed(args.only))):
            edit_post(content, 1000 * round_ + index)
            load = Path("/proc/loadavg").read_text().split()[0]
            note("warm", name, build(work, content, name, f"warm-{name}"), load)
    medians = {n: {k: statistics.median(v) for k, v in s.items() if v} for n, s in times.items()}
    base = medians.get("all")
    print(f"\n{'layer off':20}{'warm runs (s)':>26}{'median':>9}{'vs all':>9}{'cpu':>8}{'vs all':>9}")
    for name, series in times.items():
        warm, cpu = medians[name]["warm"], medians[name]["cpu"]
        wall = f"{(warm / base['warm'] - 1) * 100:+7.1f}%" if base else ""
        used = f"{(cpu / base['cpu'] - 1) * 100:+7.1f}%" if base else ""
        runs = " / ".join(f"{s:.1f}" for s in series["warm"])
        print(f"{name:20}{runs:>26}{warm:8.2f}s{wall:>9}{cpu:7.2f}s{used:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
