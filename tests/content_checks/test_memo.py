"""The checks' cross-build memo: same findings with and without it, never a hidden error.

Findings are compared as whole lists (path, line, message, hint, severity) between
a run without memo, a first run that fills it and a second run served from it.
"""

from __future__ import annotations

import pickle
import shutil
from importlib import metadata
from pathlib import Path

import pytest
from content_checks.adapter import check_settings, config_from_settings
from content_checks.core import errors_of, run_checks
from content_checks.fingerprint import checker_version
from pelican.settings import read_settings
from portal_common.cachefile import Memo, sealed, unseal
from smallsite import write_small_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"

GOOD = """\
Title: Bimtek PPS se-Kecamatan Concong
Date: 2023-02-11 09:30
Category: Kegiatan
Tags: bimtek, coklit
Stage: coklit
Image: images/bimtek.jpg
Image_alt: Peserta bimtek duduk di aula kantor camat

CONCONG – PPK Concong menggelar bimtek bagi seluruh PPS.

![Ketua PPK menyerahkan SK kepada PPS]({static}/images/sk.jpg)

Baca juga [pengumuman DPS]({filename}/posts/dps.md). Hubungi kantor: 0812-0000-0000.
"""
DPS = """\
Title: Pengumuman DPS
Date: 2023-04-14 08:00
Category: Pengumuman
Slug: pengumuman-dps

Masyarakat dapat memeriksa DPS di kantor desa.
"""
# Many kinds of bad input at once, each in its own file (errors and warnings).
BAD = {
    "posts/tanpa-judul.md": GOOD.replace("Title: Bimtek PPS se-Kecamatan Concong\n", ""),
    "posts/tanggal.md": GOOD.replace("2023-02-11 09:30", "11/02/2023").replace("Bimtek", "Rapat"),
    "posts/rubrik.md": GOOD.replace("Category: Kegiatan", "Category: Kegiatn").replace("Bimtek", "Pleno"),
    "posts/tahapan.md": GOOD.replace("Stage: coklit", "Stage: coklt").replace("Bimtek", "Sosialisasi"),
    "posts/gambar.md": GOOD.replace("images/bimtek.jpg", "images/hilang.jpg").replace("Bimtek", "Logistik"),
    "posts/alt.md": GOOD.replace("![Ketua PPK menyerahkan SK kepada PPS]", "![]").replace("Bimtek", "Coklit"),
    "posts/tautan.md": GOOD.replace("posts/dps.md", "posts/dps-lama.md").replace("Bimtek", "Pantarlih"),
    "posts/relatif.md": GOOD.replace("{filename}/posts/dps.md", "dps.md").replace("Bimtek", "KPPS"),
    "posts/kembar.md": GOOD,  # same title and date as bimtek.md: one URL for two posts
    "posts/nik.md": GOOD.replace("Bimtek", "Data") + "Peserta: 1404180101010001.\n",
    "posts/hp.md": GOOD.replace("Bimtek", "Kontak") + "Hubungi Hendra di 0813 7788 9900.\n",
    "posts/status.md": GOOD.replace("Tags:", "Status: drat\nTags:").replace("Bimtek", "Status"),
    "posts/panjang.md": GOOD.replace("Concong\n", "Concong " + "dan sekitarnya " * 5 + "\n", 1),
    "posts/kunci.md": GOOD.replace("Tags:", "Tagz: x\nTags:").replace("Bimtek", "Kunci"),
    "posts/jadwal.md": GOOD.replace("2023-02-11 09:30", "2024-03-01 09:00").replace("Bimtek", "Jadwal"),
    "posts/ke-jadwal.md": GOOD.replace("posts/dps.md", "posts/jadwal.md").replace("Bimtek", "Tautan"),
    "posts/kosong.md": "",
    "posts/berita.html": "<html><body>Berita</body></html>",
    "data/petugas/catatan.yaml": "nama: Hendra\n  jabatan: ketua\n",
    "data/petugas/nik.yaml": "catatan: NIK 1404 1801 0101 0001\n",
    "data/petugas/kosong.yaml": "\n",
}
NOT_UTF8 = {"posts/latin1.md": GOOD.replace("–", "-").encode().replace(b"menggelar", b"m\xe2nggelar")}


def _site(folder: Path, extra: dict | None = None) -> Path:
    content = write_small_site(folder, {"bimtek.md": GOOD, "dps.md": DPS}, images=["bimtek.jpg", "sk.jpg"])
    shutil.copytree(ROOT / "content" / "data", content / "data")
    for relative, data in (extra or {}).items():
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return content


def _settings(content: Path, cache: Path | None, **overrides) -> dict:
    values = {"PATH": str(content), "PORTAL_NOW": NOW, **overrides}
    if cache is not None:
        values["PORTAL_CACHE_DIR"] = str(cache)
    return read_settings(str(ROOT / "pelicanconf.py"), override=values)


def _without_memo(content: Path, **overrides) -> list:
    return run_checks(config_from_settings(_settings(content, None, **overrides)))


def _with_memo(content: Path, cache: Path, **overrides) -> tuple[list, Memo]:
    """One run as a build does it (memo opened, used, saved), with the memo for its counters."""
    settings = _settings(content, cache, **overrides)
    memo = Memo.open(settings, "content_checks", checker_version(metadata.version("pelican")))
    findings = run_checks(config_from_settings(settings), memo)
    memo.save()
    assert (cache / "content_checks.pickle").is_file()
    return findings, memo


def _files(content: Path) -> int:
    return sum(1 for p in content.rglob("*") if p.suffix in (".md", ".yaml", ".yml"))


def test_demo_content_same_findings_with_memo(tmp_path):
    content = ROOT / "content"
    plain = _without_memo(content)
    first, _ = _with_memo(content, tmp_path)
    second, memo = _with_memo(content, tmp_path)
    assert plain == first == second
    assert (memo.misses, memo.hits) == (0, _files(content))


def test_bad_input_same_findings_with_memo(tmp_path):
    content = _site(tmp_path, {**BAD, **NOT_UTF8})
    plain = _without_memo(content)
    first, _ = _with_memo(content, tmp_path / "cache")
    second, memo = _with_memo(content, tmp_path / "cache")
    assert first == plain and second == plain
    assert memo.misses == 0
    shown = {f.path.removeprefix("content/") for f in errors_of(second)}
    expected_errors = set(BAD) - {
        "posts/panjang.md",
        "posts/kunci.md",
        "posts/jadwal.md",
        "posts/ke-jadwal.md",
    }
    assert shown >= expected_errors | set(NOT_UTF8)
    warnings = {f.path.removeprefix("content/") for f in second if f.severity == "warning"}
    assert {"posts/panjang.md", "posts/kunci.md", "posts/ke-jadwal.md"} <= warnings  # incl. a scheduled link


def test_a_changed_file_is_checked_again_and_only_it(tmp_path):
    content = _site(tmp_path)
    cache = tmp_path / "cache"
    assert errors_of(_with_memo(content, cache)[0]) == []
    (content / "posts" / "bimtek.md").write_text(GOOD.replace("Kegiatan", "Gosip"), encoding="utf-8")
    findings, memo = _with_memo(content, cache)
    assert findings == _without_memo(content)
    assert [f.format().splitlines()[0] for f in errors_of(findings)] == [
        "content/posts/bimtek.md:3: error: rubrik 'Gosip' tidak dikenal (unknown rubric)"
    ]
    assert memo.misses == 1 and memo.hits == _files(content) - 1


def test_an_error_fails_every_build_not_only_the_first(tmp_path):
    content = _site(tmp_path, {"posts/nik.md": BAD["posts/nik.md"]})
    cache = tmp_path / "cache"
    runs = [check_settings(_settings(content, cache)) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    assert any("NIK" in f.message for f in errors_of(runs[2]))


def test_a_damaged_memo_file_is_ignored(tmp_path):
    content = _site(tmp_path, BAD)
    cache = tmp_path / "cache"
    good, _ = _with_memo(content, cache)
    memo_file = cache / "content_checks.pickle"
    version, keys = pickle.loads(unseal(memo_file.read_bytes()))
    for damage in (
        b"",
        b"\x80\x04garbage",
        memo_file.read_bytes()[:200],
        sealed(b"\x80\x04garbage"),  # intact seal, broken pickle
        # intact seal and pickle, entries of the wrong kind
        sealed(pickle.dumps((version, {key: "x" for key in keys}))),
        sealed(pickle.dumps((version, ["not", "a", "dict"]))),
    ):
        memo_file.write_bytes(damage)
        assert check_settings(_settings(content, cache)) == good


def test_files_the_post_points_to_are_looked_at_on_every_build(tmp_path):
    content = _site(tmp_path)
    cache = tmp_path / "cache"
    _with_memo(content, cache)
    (content / "images" / "bimtek.jpg").unlink()
    (content / "posts" / "dps.md").rename(content / "posts" / "dps-baru.md")
    findings, _ = _with_memo(content, cache)
    assert findings == _without_memo(content)
    messages = [f.message for f in errors_of(findings)]
    assert any("images/bimtek.jpg' tidak ditemukan" in m for m in messages), messages
    assert any("posts/dps.md" in m for m in messages), messages


def test_settings_and_stage_data_are_part_of_the_key(tmp_path):
    content = _site(tmp_path)
    cache = tmp_path / "cache"
    _with_memo(content, cache)
    shorter, _ = _with_memo(content, cache, PORTAL_TITLE_LIMITS=(20, 30))
    assert any("judul terlalu panjang" in f.message for f in errors_of(shorter))
    stages = content / "data" / "tahapan" / "pemilu-2024.yaml"
    stages.write_text(stages.read_text(encoding="utf-8").replace("slug: coklit", "slug: coklit-ulang"))
    findings, _ = _with_memo(content, cache)
    assert findings == _without_memo(content)
    assert any("tahapan 'coklit' tidak dikenal" in f.message for f in errors_of(findings))


def test_the_year_of_now_is_part_of_the_key(tmp_path):
    far = GOOD.replace("2023-02-11 09:30", "2035-02-11 09:30")
    content = _site(tmp_path, {"posts/bimtek.md": far})
    cache = tmp_path / "cache"
    early, _ = _with_memo(content, cache, PORTAL_NOW="2024-02-10T12:00:00+07:00")
    later, _ = _with_memo(content, cache, PORTAL_NOW="2026-02-10T12:00:00+07:00")
    assert any("tahun 2035" in f.message for f in errors_of(early))
    assert later == _without_memo(content, PORTAL_NOW="2026-02-10T12:00:00+07:00")
    assert not any("tahun 2035" in f.message for f in later)


@pytest.mark.parametrize("name", ["catatan.yaml", "nik.yaml"])
def test_a_fixed_data_file_is_read_again(tmp_path, name):
    relative = f"data/petugas/{name}"
    content = _site(tmp_path, {relative: BAD[relative]})
    cache = tmp_path / "cache"
    assert any(f.path == f"content/{relative}" for f in errors_of(_with_memo(content, cache)[0]))
    # Fixed: a valid officer file (the build reads every file in the officer data folder).
    (content / relative).write_text("# rapat pleno\npetugas: []\n", encoding="utf-8")
    assert not any(f.path == f"content/{relative}" for f in _with_memo(content, cache)[0])
