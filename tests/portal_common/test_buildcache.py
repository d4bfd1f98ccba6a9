"""The shared HTML parse and the cross-build memo."""

from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest
from portal_common.buildcache import Memo, parsed_html


def test_parsed_html_parses_each_text_once_per_owner():
    post = SimpleNamespace()
    first = parsed_html(post, "<p>Coklit <b>dimulai</b></p>")
    assert parsed_html(post, "<p>Coklit <b>dimulai</b></p>") is first
    assert first.b.get_text() == "dimulai"
    other = parsed_html(post, "<p>Ringkasan</p>")
    assert other is not first
    assert parsed_html(SimpleNamespace(), "<p>Coklit <b>dimulai</b></p>") is not first


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


def test_memo_ignores_another_version_and_a_damaged_file(tmp_path):
    settings = {"PORTAL_CACHE_DIR": str(tmp_path)}
    memo = Memo.open(settings, "x", version="1")
    memo.get(str.upper, "a")
    memo.save()
    assert Memo.open(settings, "x", version="2").get(str.lower, "A") == "a"
    (tmp_path / "memo" / "x.pickle").write_bytes(b"\x80\x04")
    fresh = Memo.open(settings, "x", version="1")
    assert fresh.get(str.title, "a") == "A" and fresh.misses == 1


def test_memo_without_cache_dir_stays_in_memory(tmp_path):
    memo = Memo.open({}, "x", version="1")
    assert memo.get(str.upper, "tps") == "TPS"
    memo.save()
    assert memo.path is None


def test_memo_recomputes_a_stored_value_the_caller_rejects(tmp_path):
    settings = {"PORTAL_CACHE_DIR": str(tmp_path)}
    memo = Memo.open(settings, "x", version="1")
    memo.get(lambda text: 42, "a")  # a value of the wrong kind, as a damaged memo could hold
    memo.save()
    again = Memo.open(settings, "x", version="1")
    assert again.get(str.upper, "a", valid=lambda value: isinstance(value, str)) == "A"
    assert (again.hits, again.misses) == (0, 1)


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"garbage",
        pickle.dumps({"version": "1", "entries": ["not", "a", "dict"]}),
        pickle.dumps(["no", "version"]),
        pickle.dumps({"version": "1"})[:-3],
    ],
)
def test_memo_ignores_any_damaged_file(tmp_path, damage):
    (tmp_path / "memo").mkdir()
    (tmp_path / "memo" / "x.pickle").write_bytes(damage)
    memo = Memo.open({"PORTAL_CACHE_DIR": str(tmp_path)}, "x", version="1")
    assert memo.get(str.upper, "a") == "A" and memo.misses == 1


def test_memo_file_is_not_rewritten_when_nothing_changed(tmp_path):
    settings = {"PORTAL_CACHE_DIR": str(tmp_path)}
    memo = Memo.open(settings, "x", version="1")
    memo.get(str.upper, "a")
    memo.get(str.upper, "b")
    memo.save()
    stored = tmp_path / "memo" / "x.pickle"
    stamp = stored.stat().st_mtime_ns
    same = Memo.open(settings, "x", version="1")
    same.get(str.upper, "b")
    same.get(str.upper, "a")
    same.save()
    assert stored.stat().st_mtime_ns == stamp
    fewer = Memo.open(settings, "x", version="1")
    fewer.get(str.upper, "a")
    fewer.save()  # "b" was not used: dropped, so the file is written
    assert set(Memo.open(settings, "x", version="1")._old) == set(fewer._used)
    assert len(fewer._used) == 1
