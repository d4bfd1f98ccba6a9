"""Sealed cache files: read back only when they hold exactly what was written."""

from __future__ import annotations

import pytest
from portal_common.buildcache import Memo
from portal_common.cachefile import read_sealed, write_sealed
from portal_common.filestamp import StatMemo


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


def test_memo_and_stat_memo_start_afresh_from_a_damaged_file(tmp_path, capsys):
    memo = Memo(tmp_path / "memo.pickle", "v1")
    assert memo.get(str.upper, "a") == "A"
    memo.save()
    data = (tmp_path / "memo.pickle").read_bytes()
    (tmp_path / "memo.pickle").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    again = Memo(tmp_path / "memo.pickle", "v1")
    assert again.get(str.upper, "a") == "A" and again.misses == 1
    source = tmp_path / "foto.jpg"
    source.write_bytes(b"foto")
    stat_memo = StatMemo(tmp_path / "keys.json", clock=lambda: source.stat().st_ctime_ns + 10**10)
    assert stat_memo.get(source, "r", lambda: "kunci") == "kunci"
    stat_memo.save()
    (tmp_path / "keys.json").write_bytes((tmp_path / "keys.json").read_bytes().replace(b"kunci", b"kunco"))
    fresh = StatMemo(tmp_path / "keys.json", clock=lambda: source.stat().st_ctime_ns + 10**10)
    assert fresh.get(source, "r", lambda: "kunci") == "kunci"
    assert capsys.readouterr().err.count("cache rusak") == 2
