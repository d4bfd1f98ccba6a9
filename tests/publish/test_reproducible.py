"""Two builds of the demo site give byte-identical output: no clock, randomness or path leaks.

The second build differs from the first (the `demo_build` fixture) in everything that
must not matter: output path, working directory, hash seed, the machine's time zone
and locale, and the wall clock (the demo is pinned with PORTAL_NOW).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEMO_NOW, tree_digest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def second_build(demo_build, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("again") / "deeper" / "site"
    elsewhere = tmp_path_factory.mktemp("cwd")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONHASHSEED": "4242",
        "TZ": "America/Lima",
        "LANG": "C",
        "LC_ALL": "C",
    }
    command = [sys.executable, "-m", "sitebuild", "-s", str(ROOT / "pelicanconf.py"), "-o", str(output)]
    command += ["-c", str(ROOT / "content"), "--set", f"PORTAL_NOW={json.dumps(DEMO_NOW)}"]
    done = subprocess.run(command, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return output


def test_two_builds_are_byte_identical(demo_build, second_build):
    """Every file, the Pagefind search bundle included (site_search/canonical.py)."""
    first = tree_digest(demo_build.output)
    second = tree_digest(second_build)
    assert len(first) > 50
    assert any(name.startswith("pagefind/filter/") for name in first)
    only_one = sorted(set(first) ^ set(second))
    assert not only_one, only_one
    differing = sorted(k for k in first if first[k] != second[k])
    assert not differing, differing


def test_no_build_paths_in_output(demo_build, second_build):
    leaks = (str(ROOT), str(second_build), str(demo_build.output), "/tmp/")
    for path in sorted(second_build.rglob("*")):
        if path.suffix in {".html", ".xml", ".json", ".txt", ".ics", ".js", ".css", ".webmanifest"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [leak for leak in leaks if leak in text], path
