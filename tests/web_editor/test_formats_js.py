"""The editor's JavaScript formats, tested with node's own test runner (`node --test`).

The node tests open every demo post, page and YAML data file, save it through the
custom formats unchanged (bytes must be identical) and with one field changed
(exactly one line must differ).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_node_format_tests_pass():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: ./bootstrap.sh test installs it with npm")
    done = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(Path(__file__).with_name("formats.test.mjs"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    passed = int(re.search(r"^# pass (\d+)", done.stdout, re.MULTILINE).group(1))
    failed = int(re.search(r"^# fail (\d+)", done.stdout, re.MULTILINE).group(1))
    posts = len(list((ROOT / "content" / "posts").rglob("*.md")))
    # Three checks per post and page, two per data file, plus the fixed cases: all ran.
    assert failed == 0
    assert passed >= 3 * posts + 10
