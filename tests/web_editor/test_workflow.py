"""The Pages workflow is hardened: the web editor's commits drive it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _zizmor(*options: str) -> list[dict]:
    zizmor = Path(sys.executable).with_name("zizmor")
    done = subprocess.run(
        [str(zizmor), "--offline", "--format", "json", *options, str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 11, 12, 13, 14), done.stderr  # 1x: findings, reported below
    return json.loads(done.stdout)


def test_zizmor_reports_no_medium_or_high_finding():
    findings = _zizmor("--min-severity", "medium")
    assert findings == [], [(f["ident"], f["determinations"]["severity"]) for f in findings]


def test_zizmor_auditor_persona_finds_nothing_either():
    assert _zizmor("--persona", "auditor") == []


def test_every_action_is_pinned_to_a_commit_with_its_version_noted():
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: version comment"


def test_least_privilege_and_caches():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["test"]["permissions"] == {"contents": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    steps = jobs["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert all(
        s["with"]["persist-credentials"] is False
        for job in jobs.values()
        for s in job["steps"]
        if s.get("uses", "").startswith("actions/checkout@")
    )
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"].split() == [".cache/images", ".output.cache"]
    install = next(s for s in steps if s.get("name", "").startswith("Install"))
    assert "npm ci" in install["run"], "the build copies the editor from node_modules"
