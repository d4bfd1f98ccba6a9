"""Before/after: the portal build of two source trees on the same synthetic site, alternating.

For each round and each tree in turn (the order reversed every other round):
a cold build into an empty folder with empty caches, one more build (both
folders of the double buffer then hold the site), then one post edited and the
warm rebuild timed. Each tree builds with its own code (`python -m sitebuild`
run inside it). Not a test: figures go to docs/benchmarks.md.

    git archive a6b2592 | tar -x -C /tmp/base
    .venv/bin/python bench/compare.py /tmp/base . --posts 500 --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import NOW, Run, edit_post, timed  # noqa: E402
from synth import generate  # noqa: E402


def build(tree: Path, folder: Path, content: Path, log: str) -> Run:
    line = [
        sys.executable,
        "-m",
        "sitebuild",
        "-s",
        str(tree / "pelicanconf.py"),
        "-o",
        str(folder / "output"),
    ]
    line += [
        "-c",
        str(content),
        "--set",
        f"PORTAL_NOW={NOW}",
        "--set",
        f"OFFICERS_IMAGE_CACHE={folder / 'images'}",
    ]
    return timed(line, folder / f"log-{log}.txt", cwd=tree)  # the tree's own sitebuild


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", type=Path, nargs=2, help="before and after")
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out-compare")
    args = parser.parse_args(argv)
    work = args.work / f"n{args.posts}"
    content = work / "content"
    if not content.is_dir():
        generate(content, args.posts)
    trees = [tree.resolve() for tree in args.trees]
    times = {tree: {"cold": [], "warm": [], "cold cpu": [], "warm cpu": []} for tree in trees}
    for round_ in range(args.runs):
        for index, tree in enumerate(trees if round_ % 2 == 0 else trees[::-1]):
            folder = work / f"tree{trees.index(tree)}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            load = Path("/proc/loadavg").read_text().split()[0]
            cold = build(tree, folder, content, "cold")
            build(tree, folder, content, "prime")
            edit_post(content, 100 * round_ + index)
            warm = build(tree, folder, content, "warm")
            for kind, run in (("cold", cold), ("warm", warm)):
                times[tree][kind].append(run.seconds)
                times[tree][f"{kind} cpu"].append(run.cpu)
            line = f"round {round_ + 1} {tree}: cold {cold.seconds:7.2f} s (cpu {cold.cpu:.1f})"
            line += f"  warm {warm.seconds:6.2f} s (cpu {warm.cpu:.1f})  load {load}"
            print(line, flush=True)
    print(f"\nN = {args.posts}, medians of {args.runs}")
    for tree, series in times.items():
        for kind, values in series.items():
            runs = " / ".join(f"{s:.1f}" for s in values)
            print(f"{tree}: {kind:9} median {statistics.median(values):7.2f} s  ({runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
