"""Does each cache layer earn its place? A/B of the portal build with one layer off at a time.

For each variant (all layers on, or exactly one off) and each round it times,
on the synthetic site of bench/synth.py:

* cold: a full build into an empty output folder with empty caches;
* warm: after one more (unmeasured) build, so that both folders of the double
  buffer hold the site, one post is edited and the site rebuilt.

Variants run in turn, the order reversed every other round (A/B alternation).
A layer is switched off through the environment variable PORTAL_CACHE_OFF
(portal_common.buildcache.cache_off) or a setting; the photo cache by emptying
its folder before every build. Not a test: figures go to docs/benchmarks.md.

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

from run import NOW, edit_post, timed  # noqa: E402
from synth import generate  # noqa: E402

# name -> (PORTAL_CACHE_OFF value, extra settings)
VARIANTS: dict[str, tuple[str, dict[str, str]]] = {
    "all": ("", {}),
    "render": ("", {"PORTAL_RENDER_CACHE": "false"}),
    "pages": ("", {"PORTAL_PAGE_MEMO": "false"}),
    "outputs": ("outputs", {}),
    "jinja": ("jinja", {}),
    "images": ("", {}),  # the photo cache, emptied before every build
    "source-keys": ("source-keys", {}),
    "feeds-clean-html": ("feeds-clean-html", {}),
    "feeds-documents": ("feeds-documents", {}),
    "feeds-share-cards": ("feeds-share-cards", {}),
    "content_checks": ("content_checks", {}),
    "checked-images": ("checked-images", {}),
    "search": ("search", {}),
}


def command(work: Path, content: Path, name: str, settings: dict[str, str]) -> list[str]:
    folder = work / name
    line = [sys.executable, "-m", "sitebuild", "-s", str(ROOT / "pelicanconf.py")]
    line += ["-o", str(folder / "output"), "-c", str(content), "--set", f"PORTAL_NOW={NOW}"]
    line += ["--set", f"OFFICERS_IMAGE_CACHE={folder / 'images'}"]
    for key, value in settings.items():
        line += ["--set", f"{key}={value}"]
    return line


def run_variant(work: Path, content: Path, name: str, round_: int) -> tuple[float, float]:
    """(cold seconds, warm seconds) of one round of one variant."""
    off, settings = VARIANTS[name]
    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    line = command(work, content, name, settings)
    env = {"PORTAL_CACHE_OFF": off}

    def build(log: str) -> float:
        if name == "images":
            shutil.rmtree(folder / "images", ignore_errors=True)
        return timed(line, folder / f"log-{log}.txt", env).seconds

    cold = build("cold")
    build("prime")
    edit_post(content, 1000 * round_ + len(name))
    warm = build("warm")
    return cold, warm


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out-layers")
    parser.add_argument("--only", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    work = args.work / f"n{args.posts}"
    content = work / "content"
    if not content.is_dir():
        generate(content, args.posts)
    times: dict[str, dict[str, list[float]]] = {n: {"cold": [], "warm": []} for n in args.only}
    for round_ in range(args.runs):
        order = args.only if round_ % 2 == 0 else list(reversed(args.only))
        for name in order:
            load = Path("/proc/loadavg").read_text().split()[0]
            cold, warm = run_variant(work, content, name, round_)
            times[name]["cold"].append(cold)
            times[name]["warm"].append(warm)
            line = f"round {round_ + 1} {name:18} cold {cold:7.2f} s  warm {warm:7.2f} s  load {load}"
            print(line, flush=True)
            if args.json:
                args.json.write_text(json.dumps(times, indent=1))
    base = {k: statistics.median(times["all"][k]) for k in ("cold", "warm")} if "all" in times else None
    print(f"\n{'layer off':20}{'cold':>9}{'warm':>9}  warm vs all on")
    for name, series in times.items():
        cold, warm = statistics.median(series["cold"]), statistics.median(series["warm"])
        gain = f"{(warm / base['warm'] - 1) * 100:+6.1f} %" if base else ""
        print(f"{name:20}{cold:8.2f}s{warm:8.2f}s  {gain}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
