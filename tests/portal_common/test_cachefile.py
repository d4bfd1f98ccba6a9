"""The one cache module: sealed files, Store, Memo and StatMemo."""

from __future__ import annotations

import os
import pickle
import time

import pytest
from portal_common.cachefile import (
    Memo,
    StatMemo,
    Store,
    read_sealed,
    sealed,
    stable_repr,
    stat_stamp,
    write_sealed,
)


def _aged(path) -> int:
    """A 'now' far enough after the file's last change for its stat data to count."""
    return path.stat().st_ctime_ns + 3_000_000_000


def test_a_sealed_file_reads_back(tmp_path, capsys):
    write_sealed(tmp_path / "memo.bin", b"isi cache")
    assert read_sealed(tmp_path / "memo.bin") == b"isi cache"
    assert read_sealed(tmp_path / "missing.bin") is None
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:-3] + b"XYZ",
        lambda data: b"",
        lambda data: data + b"tambahan",
    ],
    ids=["truncated", "garbled", "empty", "extended"],
)
def test_a_damaged_file_is_discarded_with_a_warning(tmp_path, capsys, damage):
    path = tmp_path / "memo.bin"
    write_sealed(path, b"isi cache yang panjang " * 10)
    path.write_bytes(damage(path.read_bytes()))
    assert read_sealed(path) is None
    assert not path.exists()
    assert "peringatan: cache rusak dibuang dan dibuat ulang" in capsys.readouterr().err


def test_an_unreadable_file_is_discarded(tmp_path, capsys):
    path = tmp_path / "memo.bin"
    path.mkdir()  # reading fails (a file chmod 000 does too, except for root)
    assert read_sealed(path) is None and not path.exists()
    assert "cache rusak" in capsys.readouterr().err


def test_a_store_reads_back_only_its_own_version_and_nothing_without_a_root(tmp_path):
    Store(tmp_path, "x", "1").save({"a": 1})
    assert (tmp_path / "x.pickle").is_file()
    assert Store(tmp_path, "x", "1").load() == {"a": 1}
    assert Store(tmp_path, "x", "2").load() is None
    assert Store(tmp_path, "y", "1").load() is None
    nowhere = Store(None, "x", "1")
    nowhere.save({"a": 1})
    assert nowhere.path is None and nowhere.load() is None


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", sealed(b"\x80\x04garbage"), sealed(pickle.dumps(["no", "version", "pair"]))],
    ids=["empty", "unsealed", "broken-pickle", "foreign-value"],
)
def test_a_store_starts_afresh_from_any_damaged_file(tmp_path, damage):
    (tmp_path / "x.pickle").write_bytes(damage)
    assert Store(tmp_path, "x", "1").load() is None
    memo = Memo(Store(tmp_path, "x", "1"))
    assert memo.get(str.upper, "a") == "A" and memo.misses == 1


def test_memo_returns_stored_results_in_the_next_build(tmp_path):
    calls = []

    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    settings = {"PORTAL_CACHE_DIR": str(tmp_path)}
    memo = Memo.open(settings, "shout", version="1")
    assert memo.get(shout, "pleno") == "PLENO"
    assert memo.get(shout, "pleno") == "PLENO"
    memo.get(shout, "dpt")
    memo.save()
    assert calls == ["pleno", "dpt"]

    again = Memo.open(settings, "shout", version="1")
    assert again.get(shout, "pleno") == "PLENO"
    again.save()  # "dpt" was not used in this build: dropped
    assert (again.hits, again.misses, calls) == (1, 0, ["pleno", "dpt"])

    third = Memo.open(settings, "shout", version="1")
    third.get(shout, "dpt")
    assert calls == ["pleno", "dpt", "dpt"]
    assert Memo.open(settings, "shout", version="2").get(str.lower, "PLENO") == "pleno"


def test_memo_recomputes_a_stored_value_the_caller_rejects(tmp_path):
    settings = {"PORTAL_CACHE_DIR": str(tmp_path)}
    memo = Memo.open(settings, "x", version="1")
    memo.get(lambda text: 42, "a")  # a value of the wrong kind, as a damaged memo could hold
    memo.save()
    again = Memo.open(settings, "x", version="1")
    assert again.get(str.upper, "a", valid=lambda value: isinstance(value, str)) == "A"
    assert (again.hits, again.misses) == (0, 1)


def test_memo_file_is_not_rewritten_when_nothing_changed(tmp_path):
    settings = {"PORTAL_CACHE_DIR": str(tmp_path)}
    memo = Memo.open(settings, "x", version="1")
    memo.get(str.upper, "a")
    memo.get(str.upper, "b")
    memo.save()
    stored = tmp_path / "x.pickle"
    stamp = stored.stat().st_mtime_ns
    same = Memo.open(settings, "x", version="1")
    same.get(str.upper, "b")
    same.get(str.upper, "a")
    same.save()
    assert stored.stat().st_mtime_ns == stamp
    fewer = Memo.open(settings, "x", version="1")
    fewer.get(str.upper, "a")
    fewer.save()  # "b" was not used: dropped, so the file is written
    assert set(Memo.open(settings, "x", version="1")._old) == set(fewer._used) and len(fewer._used) == 1


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


def test_stat_memo_reuses_values_only_for_files_old_enough_and_unchanged(tmp_path, capsys):
    source = tmp_path / "a.jpg"
    source.write_bytes(b"satu")
    calls = []

    def compute() -> str:
        calls.append(1)
        return source.read_text()

    racy = StatMemo(Store(tmp_path, "keys"))
    assert racy.get(source, "v1", compute) == "satu"
    racy.save()
    assert StatMemo(Store(tmp_path, "keys")).get(source, "v1", compute) == "satu"
    assert len(calls) == 2  # just written: its stat data is not trusted, nothing was kept

    def memo() -> StatMemo:
        return StatMemo(Store(tmp_path, "keys"), clock=lambda: _aged(source))

    first = memo()
    assert first.get(source, "v1", lambda: "hasil") == "hasil"
    first.save()
    assert memo().get(source, "v1", lambda: "lain") == "hasil"
    assert memo().get(source, "v2", lambda: "lain") == "lain"
    time.sleep(0.05)
    source.write_bytes(b"dua!")  # same size
    assert memo().get(source, "v1", lambda: "baru") == "baru"
    path = tmp_path / "keys.pickle"
    path.write_bytes(path.read_bytes().replace(b"hasil", b"hasiL"))
    assert memo().get(source, "v1", lambda: "lagi") == "lagi"
    assert "cache rusak" in capsys.readouterr().err


def test_stable_repr_has_no_addresses_and_sorts_keys():
    class Thing:
        pass

    assert stable_repr({"b": 1, "a": {2, 1}}) == stable_repr({"a": {1, 2}, "b": 1})
    assert " at 0x" not in stable_repr([Thing(), Thing])
