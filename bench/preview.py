"""Preview latency: save a post → the edited page served, beside a full warm rebuild.

For each N the script writes the synthetic site (bench/synth.py; N = 20 is the
demo's own content), then

* **full warm rebuild**: `python -m sitebuild` in a new process after one post
  was edited (the site built twice before, as in bench/run.py), median of
  `--warm-runs`, with the process's peak RSS;
* **preview**: starts `python -m sitebuild.preview` (the `invoke livereload`
  server) on the same output folder, waits for its first build, then `--edits` times appends a new
  sentence to a post in the middle of the archive and polls the post's page over
  HTTP (every 20 ms) until the sentence is served: the officer's wait, from save
  to page. Median of the edits; the preview's peak RSS (`wait4`, includes its
  children) after the last edit.

The load average is printed beside the figures (the machine may be shared).
`hugo server` is compared only where Hugo is installed (not on the project's
machine: the row says so).

    .venv/bin/python bench/preview.py                    # N = 20, 500, 2,000
    .venv/bin/python bench/preview.py --posts 20 --edits 5
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import NOW, Run, timed  # noqa: E402
from synth import generate  # noqa: E402

POLL = 0.02  # seconds between two requests for the edited page
START_TIMEOUT = 3600.0  # the first build of 2,000+ posts on a loaded machine
EDIT_TIMEOUT = 600.0


@dataclass
class Result:
    posts: int
    preview_seconds: list[float]
    preview_rebuilds: list[float]  # the full in-process rebuild after each edit (background)
    fast_edits: int  # edits served by the fast path (sitebuild/fastpage.py)
    mismatches: int  # fast pages unlike the build's (must be 0)
    preview_peak_mb: float
    full_warm: list[Run]
    full_peak_mb: float  # the cold first build (the largest)
    load_before: float
    load_after: float

    @property
    def preview_median(self) -> float:
        return statistics.median(self.preview_seconds)

    @property
    def full_median(self) -> float:
        return statistics.median(r.seconds for r in self.full_warm)


def site(work: Path, n: int) -> Path:
    """The content folder for N posts, written once per N."""
    content = work / f"n{n}" / "content"
    marker = work / f"n{n}" / "synth.json"
    if not (marker.exists() and json.loads(marker.read_text()) == {"posts": n}):
        print(f"  writing {n} posts …", flush=True)
        generate(content, n)
        marker.write_text(json.dumps({"posts": n}))
    return content


def edited_post(content: Path) -> tuple[Path, str]:
    """A published post in the middle of the archive, and its URL path."""
    posts = [
        p
        for p in sorted((content / "posts").rglob("*.md"))
        if "Status: draft" not in p.read_text(encoding="utf-8")
    ]
    post = posts[len(posts) // 2]
    head = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
    date = re.search(r"^Date: (\d{4})-(\d{2})", head, re.M)
    slug = re.search(r"^Slug: (\S+)", head, re.M)
    assert date and slug, f"{post}: no Date or Slug"
    return post, f"berita/{date[1]}/{date[2]}/{slug[1]}/"


def append(post: Path, sentence: str) -> None:
    post.write_text(post.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")


def build_command(content: Path, output: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sitebuild",
        "-o",
        str(output),
        "-c",
        str(content),
        "--set",
        f"PORTAL_NOW={NOW}",
        *extra,
    ]


def full_builds(content: Path, work: Path, runs: int) -> tuple[list[Run], float]:
    """Warm rebuilds after an edit, each its own process; and the cold build's peak RSS."""
    output = work / "full" / "output"
    shutil.rmtree(work / "full", ignore_errors=True)
    output.parent.mkdir(parents=True)
    cold = timed(build_command(content, output), work / "log-full-cold.txt")
    print(f"  full cold build: {cold.seconds:.2f} s, {cold.peak_mb:.0f} MB", flush=True)
    timed(build_command(content, output), work / "log-full-prime.txt")  # both output folders hold the site
    post, _ = edited_post(content)
    warm = []
    for index in range(runs):
        append(post, f"Pembaruan bangun penuh {index + 1}.")
        run = timed(build_command(content, output), work / "log-full-warm.txt")
        print(f"  full warm rebuild {index + 1}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB", flush=True)
        warm.append(run)
    return warm, cold.peak_mb


class PreviewProcess:
    """`python -m sitebuild.preview` on a free port, its output in `work`."""

    def __init__(self, content: Path, work: Path) -> None:
        self.log_path = work / "log-preview.txt"
        self.log = self.log_path.open("w")
        # The output of the full builds, as after `invoke build` then `invoke livereload`:
        # the preview starts from that site and its caches (no cold first build).
        command = build_command(content, work / "full" / "output", "--port", "0")
        command[2] = "sitebuild.preview"
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, env=env)
        self.address = self._address()

    def _address(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = re.search(r"Pratinjau: (http://\S+/)", self.log_path.read_text())
            if found:
                return found[1]
            self._alive()
            time.sleep(0.1)
        raise RuntimeError(f"the preview did not start; see {self.log_path}")

    def _alive(self) -> None:
        if self.process.poll() is not None:
            raise RuntimeError(f"the preview stopped; see {self.log_path}")

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.address + path, timeout=60) as response:
            return response.read().decode("utf-8")

    def status(self) -> dict:
        return json.loads(self.get("__pratinjau/status"))

    def settled(self, after: int, timeout: float) -> None:
        """Wait for a build after generation `after`, then until none finished for a second."""
        deadline = time.monotonic() + timeout
        while self.status()["generasi"] <= after:
            self._alive()
            if time.monotonic() > deadline:
                raise RuntimeError(f"no build finished; see {self.log_path}")
            time.sleep(0.1)
        last, since = self.status(), time.monotonic()
        while time.monotonic() - since < 1.0 or last["bangun"]:
            time.sleep(0.2)
            now = self.status()
            if now["generasi"] != last["generasi"] or now["bangun"]:
                last, since = now, time.monotonic()
        if self.status()["galat"]:
            raise RuntimeError(f"the preview build failed; see {self.log_path}")

    def last_rebuild(self) -> float:
        """The last 'Pratinjau diperbarui dalam X detik' the preview printed."""
        found = re.findall(r"Pratinjau diperbarui dalam ([\d.]+) detik", self.log_path.read_text())
        return float(found[-1]) if found else float("nan")

    def served_after_save(self, post: Path, url: str, sentence: str) -> float:
        """Seconds from saving `sentence` into `post` until `url` serves it."""
        before = self.status()["generasi"]
        started = time.perf_counter()
        append(post, sentence)
        deadline = time.monotonic() + EDIT_TIMEOUT
        while sentence not in self.get(url):
            self._alive()
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} never showed the edit; see {self.log_path}")
            time.sleep(POLL)
        seconds = time.perf_counter() - started
        self.settled(before, EDIT_TIMEOUT)
        return seconds

    def stop(self) -> float:
        """Stop the server; its peak RSS in MB (wait4: the largest of it and its children)."""
        self.process.terminate()
        _, _, usage = os.wait4(self.process.pid, 0)
        self.process.returncode = 0
        self.log.close()
        return usage.ru_maxrss / 1024


@dataclass
class PreviewRun:
    seconds: list[float]
    rebuilds: list[float]
    fast: int
    mismatches: int
    peak_mb: float


def preview_latency(content: Path, work: Path, edits: int) -> PreviewRun:
    server = PreviewProcess(content, work)
    seconds, rebuilds = [], []
    try:
        server.settled(0, START_TIMEOUT)
        start = server.status()
        post, url = edited_post(content)
        for index in range(edits):
            sentence = f"Kalimat pratinjau nomor {index + 1} pada {time.time_ns()}."
            seconds.append(server.served_after_save(post, url, sentence))
            rebuilds.append(server.last_rebuild())
            print(
                f"  preview edit {index + 1}: served {seconds[-1]:.2f} s, full in-process rebuild "
                f"{rebuilds[-1]:.2f} s (load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
        end = server.status()
    finally:
        peak = server.stop()
    return PreviewRun(seconds, rebuilds, end["cepat"] - start["cepat"], end["beda"] - start["beda"], peak)


def measure(n: int, work: Path, edits: int, warm_runs: int) -> Result:
    folder = work / f"n{n}"
    content = site(work, n)
    load_before = os.getloadavg()[0]
    full, full_peak = full_builds(content, folder, warm_runs)
    run = preview_latency(content, folder, edits)
    return Result(
        n,
        run.seconds,
        run.rebuilds,
        run.fast,
        run.mismatches,
        run.peak_mb,
        full,
        full_peak,
        load_before,
        os.getloadavg()[0],
    )


def report(results: list[Result]) -> str:
    lines = [
        "| N posts | save → page served, preview (median) | edits (s) | fast path | "
        "preview's full rebuild, in-process (median) | full warm rebuild, new process (median) "
        "| peak RSS preview / full build | load avg (1 min) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        edits = " / ".join(f"{s:.2f}" for s in r.preview_seconds)
        lines.append(
            f"| {r.posts:,} | **{r.preview_median:.2f} s** | {edits} "
            f"| {r.fast_edits}/{len(r.preview_seconds)} (mismatches: {r.mismatches}) "
            f"| {statistics.median(r.preview_rebuilds):.2f} s | {r.full_median:.2f} s "
            f"| {r.preview_peak_mb:.0f} / {r.full_peak_mb:.0f} MB "
            f"| {r.load_before:.1f} → {r.load_after:.1f} |"
        )
    hugo = shutil.which("hugo")
    lines.append("")
    lines.append(
        f"hugo server: {hugo} found, but this script does not convert the site for it"
        if hugo
        else "hugo server: not installed here (comparison skipped)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[20, 500, 2000])
    parser.add_argument("--edits", type=int, default=5, help="edits per N (median reported)")
    parser.add_argument("--warm-runs", type=int, default=3, help="full warm rebuilds per N")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "preview")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    results = []
    for n in args.posts:
        print(f"N = {n}", flush=True)
        results.append(measure(n, args.work, args.edits, args.warm_runs))
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
