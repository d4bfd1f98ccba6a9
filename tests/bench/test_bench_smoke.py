"""The benchmark's own machinery: valid synthetic content, and a tiny run that prints ratios.

No timing is asserted here (speed targets live in bench/, never in tests).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import DEMO_NOW, ROOT

sys.path.insert(0, str(ROOT / "bench"))

import run as bench_run  # noqa: E402
import synth  # noqa: E402

from sitebuild.driver import check_content  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    target = tmp_path_factory.mktemp("synth") / "content"
    return synth.generate(target, 30, seed=7, image_share=0.5, gallery_share=0.3)


def _header(path):
    head = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return dict(line.split(": ", 1) for line in head.splitlines())


def test_generator_writes_n_posts_with_the_portal_metadata(site):
    posts = sorted((site / "posts").rglob("*.md"))
    assert len(posts) == 30
    synthetic = [_header(p) for p in posts if re.search(r"-\d{5}\.md$", p.name)]
    assert synthetic
    stages = {s.slug for s in synth.load_stages(site)}
    for header in synthetic:
        assert header["Category"] in synth.RUBRICS
        assert header["Tags"] and header["Author"] and len(header["Title"]) <= 90
        assert header.get("Stage", next(iter(stages))) in stages
        if "Image" in header:
            assert (site / header["Image"]).is_file() and header["Image_alt"]
        if "Gallery" in header:
            assert len(list((site / "galeri" / header["Gallery"]).glob("*.jpg"))) == 4
    assert any("Image" in h for h in synthetic) and any("Gallery" in h for h in synthetic)
    assert any("Stage" in h for h in synthetic)


def test_generator_is_deterministic(site, tmp_path):
    again = synth.generate(tmp_path / "content", 30, seed=7, image_share=0.5, gallery_share=0.3)
    names = sorted(p.relative_to(site) for p in (site / "posts").rglob("*.md"))
    assert names == sorted(p.relative_to(again) for p in (again / "posts").rglob("*.md"))
    assert all((site / n).read_bytes() == (again / n).read_bytes() for n in names)


def test_synthetic_content_passes_the_portal_checks(site, capsys):
    ok = check_content(ROOT / "pelicanconf.py", {"PATH": str(site), "PORTAL_NOW": DEMO_NOW})
    assert ok, capsys.readouterr().err


def test_benchmark_runs_both_builds_and_prints_the_ratios(tmp_path, capsys):
    assert bench_run.main(["--posts", "25", "--runs", "1", "--no-plugins", "--work", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    for label in ("cold full build", "warm, one post edited"):
        line = next(row for row in printed.splitlines() if label in row)
        assert re.search(r"\d+\.\d+x", line), line
    assert (tmp_path / "n25" / "portal-cold" / "output" / "index.html").is_file()
    assert (tmp_path / "n25" / "stock-cold" / "feeds" / "all.atom.xml").is_file()


def test_plugintime_books_build_time_to_each_plugin(site, tmp_path):
    report = tmp_path / "times.json"
    build = ["-c", str(site), "-o", str(tmp_path / "out"), "--set", f"PORTAL_NOW={DEMO_NOW}"]
    # In a subprocess: the tool patches blinker in its own process.
    command = [sys.executable, str(ROOT / "bench" / "plugintime.py"), "--json", str(report), "--", *build]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(report.read_text())
    assert {"officers", "feeds", "content_checks"} <= set(figures["plugins"])
    assert 0 < sum(figures["plugins"].values()) < figures["total"]
