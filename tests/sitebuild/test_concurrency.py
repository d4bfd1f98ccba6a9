"""One build at a time per output folder: a second build or a publish waits, or stops with a message.

The first build is a real `python -m sitebuild` process; once it holds the lock it
is paused with SIGSTOP, so the second one meets it mid-build every time.
"""

from __future__ import annotations

import os
import signal
import time

import pytest
from buildprocs import (
    beside,
    build_command,
    holds_lock,
    no_traceback,
    run,
    start,
    tiny_site,
    wait_for,
)
from conftest import tree_digest


@pytest.fixture
def paused_build(tmp_path):
    """A build of a tiny site, paused (SIGSTOP) while it holds the lock; resumed at teardown."""
    content = tiny_site(tmp_path)
    output = tmp_path / "site" / "output"
    first = start(build_command(content, output), tmp_path / "first.log")
    assert wait_for(holds_lock(output, first.pid)), f"the first build never took the lock:\n{first.text()}"
    os.kill(first.pid, signal.SIGSTOP)
    yield content, output, first
    if first.process.poll() is None:
        os.kill(first.pid, signal.SIGCONT)
        first.process.wait(timeout=120)


def test_a_second_build_stops_at_once_with_a_message(paused_build):
    content, output, first = paused_build
    started = time.monotonic()
    second = run(build_command(content, output, "--wait", "0"))
    refused = run(build_command(content, output, "--wait", "1"))
    assert time.monotonic() - started < 30

    for done in (second, refused):
        assert done.returncode == 1
        assert f"Build lain sedang berjalan untuk {output} (PID {first.pid})" in done.stderr
        assert "tunggu sampai selesai" in done.stderr
        assert "Build dibatalkan; situs sebelumnya tetap utuh" in done.stderr
        assert no_traceback(done.stderr), done.stderr
    os.kill(first.pid, signal.SIGCONT)
    code, log = first.finish()
    assert code == 0, log
    assert (output / "index.html").is_file()


def test_a_second_build_waits_for_the_first_and_both_succeed(paused_build, tmp_path):
    content, output, first = paused_build
    second = start(build_command(content, output), tmp_path / "second.log")
    assert wait_for(lambda: "menunggu" in second.text(), timeout=30), second.text()
    time.sleep(0.5)
    assert second.process.poll() is None, "the second build must wait, not fail"

    os.kill(first.pid, signal.SIGCONT)
    first_code, first_log = first.finish()
    second_code, second_log = second.finish()

    assert (first_code, second_code) == (0, 0), first_log + second_log
    assert f"Build lain sedang berjalan untuk {output} (PID {first.pid}); menunggu" in second_log
    assert no_traceback(first_log + second_log)
    assert "Rapat Pleno Nomor 1" in (output / "index.html").read_text(encoding="utf-8")
    assert beside(output) == {"output", ".output.new", ".output.cache", ".output.lock"}


def test_publish_waits_for_a_running_build_then_deploys_the_finished_site(paused_build, tmp_path):
    content, output, first = paused_build
    target = tmp_path / "server" / "www"
    publish = start(
        build_command(content, output, "--publish", str(target), settings="publishconf.py"),
        tmp_path / "publish.log",
    )
    assert wait_for(lambda: "menunggu" in publish.text(), timeout=30), publish.text()
    assert not target.exists(), "nothing is deployed while another build runs"

    os.kill(first.pid, signal.SIGCONT)
    assert first.finish()[0] == 0
    code, log = publish.finish()

    assert code == 0, log
    assert no_traceback(log)
    assert tree_digest(target) == tree_digest(output)
