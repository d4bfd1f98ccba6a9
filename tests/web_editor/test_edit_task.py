"""`invoke edit`: live-reload preview + the editor's local backend, on loopback, stopped by Ctrl+C."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml
from conftest import ROOT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _listen_addresses(port: int) -> set[str]:
    """Local addresses (hex, as in /proc/net/tcp*) with a socket listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1


def test_invoke_edit_serves_both_on_loopback_and_ctrl_c_stops_both(tmp_path):
    site_port, cms_port = _free_port(), _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    invoke = [sys.executable, "-m", "invoke", "edit", "--port", str(site_port), "--cms-port", str(cms_port)]
    log = (tmp_path / "edit.log").open("w+")
    process = subprocess.Popen(invoke, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 240
        while not (_listening(site_port) and _listening(cms_port)):
            assert process.poll() is None, Path(log.name).read_text()
            assert time.monotonic() < deadline, "invoke edit did not start: " + Path(log.name).read_text()
            time.sleep(0.5)
        assert _listen_addresses(cms_port) <= LOOPBACK, "the editor's backend listens on loopback only"
        printed = Path(log.name).read_text()
        assert f"Editor web:  http://localhost:{site_port}/admin/" in printed
        assert f"Situs:       http://localhost:{site_port}/" in printed
        # The preview listens at once (serving the last site) and says when its first build is done.
        while "Pratinjau diperbarui" not in Path(log.name).read_text():
            assert process.poll() is None, Path(log.name).read_text()
            assert time.monotonic() < deadline, "no first build: " + Path(log.name).read_text()
            time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{site_port}/admin/config.yml", timeout=30) as response:
            config = yaml.safe_load(response.read())
        assert config["local_backend"]["url"] == f"http://127.0.0.1:{cms_port}/api/v1"
        request = urllib.request.Request(
            f"http://127.0.0.1:{cms_port}/api/v1",
            data=b'{"action": "info"}',
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert b"local_fs" in response.read()

        process.send_signal(signal.SIGINT)  # what Ctrl+C sends
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()
    printed = Path(log.name).read_text()
    assert "Editor dan pratinjau dihentikan." in printed
    time.sleep(0.5)
    assert not _listening(site_port), "the preview server stopped"
    assert not _listening(cms_port), "the editor's backend stopped"
