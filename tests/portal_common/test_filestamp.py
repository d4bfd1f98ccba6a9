"""Stat data decides a file is unchanged; recent changes are checked by bytes."""

from __future__ import annotations

import os
import time

from portal_common.filestamp import StatMemo, stat_stamp


def _aged(path) -> int:
    """A 'now' far enough after the file's last change for its stat data to count."""
    return path.stat().st_ctime_ns + 3_000_000_000


def test_a_just_written_file_is_not_trusted_by_its_stat_data(tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(b"satu")
    assert stat_stamp(source) is None
    assert stat_stamp(source, now_ns=_aged(source)) is not None


def test_restoring_the_mtime_after_an_edit_still_changes_the_stamp(tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(b"satu")
    before = stat_stamp(source, now_ns=_aged(source))
    status = source.stat()
    time.sleep(0.05)  # past the filesystem's timestamp tick
    source.write_bytes(b"dua!")
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert stat_stamp(source, now_ns=_aged(source)) != before


def test_memo_reuses_values_only_for_files_old_enough_and_unchanged(tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(b"satu")
    calls = []

    def compute() -> str:
        calls.append(1)
        return source.read_text()

    memo = StatMemo(tmp_path / "memo.json")
    assert memo.get(source, "v1", compute) == "satu"
    memo.save()
    assert not (tmp_path / "memo.json").exists()  # racy: nothing worth keeping
    old = time.time() - 10
    os.utime(source, (old, old))  # ctime is still now: still racy
    assert StatMemo(tmp_path / "memo.json").get(source, "v1", compute) == "satu"
    assert len(calls) == 2


def test_memo_file_round_trip_edit_and_damage(tmp_path):
    source = tmp_path / "a.jpg"
    source.write_bytes(b"satu")
    memo_file = tmp_path / "memo.json"

    def memo() -> StatMemo:
        return StatMemo(memo_file, clock=lambda: _aged(source))  # read 3 s after the last change

    first = memo()
    assert first.get(source, "v1", lambda: "hasil") == "hasil"
    first.save()
    assert memo().get(source, "v1", lambda: "lain") == "hasil"
    assert memo().get(source, "v2", lambda: "lain") == "lain"
    time.sleep(0.05)
    source.write_bytes(b"dua!")  # same size
    assert memo().get(source, "v1", lambda: "baru") == "baru"
    memo_file.write_text("{rusak")
    assert memo().get(source, "v1", lambda: "lagi") == "lagi"
