"""The canonical rewrite of Pagefind's filter and meta files, against the real binary."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import cbor2
import pytest
from site_search.canonical import (
    BundleFormatError,
    canonicalize_bundle,
    decode,
    encode,
    payload_of,
    short_hash,
)
from site_search.core import SearchSettings, build_index, run_pagefind

POST = """<!doctype html><html lang="id"><head><title>{title}</title></head><body>
<main><article data-pagefind-body data-pagefind-sort="tanggal:{date}">
<h1>{title}</h1>
<span data-pagefind-filter="rubrik">{rubric}</span>
<span data-pagefind-filter="tahapan">{stage}</span>
<span data-pagefind-filter="desa">{village}</span>
<p>{text}</p></article></main></body></html>"""

POSTS = [
    ("coklit", "Berita", "Coklit", "Sungai Buluh", "pencocokan dan penelitian data pemilih"),
    ("dps", "Pengumuman", "DPS", "Concong Luar", "daftar pemilih sementara diumumkan"),
    ("kampanye", "Berita", "Kampanye", "Concong Dalam", "masa kampanye dimulai"),
    ("tps", "Kegiatan", "Pemungutan", "Sungai Buluh", "pemungutan suara di tempat pemungutan"),
    ("rekap", "Pengumuman", "Rekapitulasi", "Panglima Raja", "rekapitulasi hasil penghitungan"),
]


def write_site(root: Path) -> Path:
    for day, (slug, rubric, stage, village, text) in enumerate(POSTS, start=1):
        page = root / slug / "index.html"
        page.parent.mkdir(parents=True)
        fields = {"title": slug.upper(), "rubric": rubric, "stage": stage, "village": village, "text": text}
        page.write_text(POST.format(date=f"2024-01-{day:02d}", **fields), encoding="utf-8")
    return root


def raw_pagefind(site: Path) -> Path:
    """The bundle exactly as the Pagefind binary writes it (no canonical step)."""
    run_pagefind(site, SearchSettings(), site / "pagefind")
    return site / "pagefind"


def payload(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd") :]


def tree(bundle: Path) -> dict[str, bytes]:
    return {str(p.relative_to(bundle)): p.read_bytes() for p in sorted(bundle.rglob("*")) if p.is_file()}


def entry_hash(bundle: Path) -> str:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["id"]["hash"]


@pytest.fixture(scope="module")
def raw_bundle(tmp_path_factory) -> Path:
    return raw_pagefind(write_site(tmp_path_factory.mktemp("raw")))


def copy_of(bundle: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(bundle, tmp_path / "pagefind"))


def test_our_hash_names_pagefinds_own_files(raw_bundle):
    """short_hash reproduces the names the binary gives every hashed file."""
    named = list(raw_bundle.glob("*/*.pf_*")) + list(raw_bundle.glob("*.pf_meta"))
    assert {p.suffix for p in named} == {".pf_filter", ".pf_index", ".pf_fragment", ".pf_meta"}
    for path in named:
        stem = path.name.split(".")[-2]
        lang, digest = stem.split("_")
        assert lang == "id"
        assert digest == short_hash(payload(path), len(digest)), path


def test_cbor_round_trips_exactly(raw_bundle):
    for path in [*raw_bundle.glob("filter/*"), *raw_bundle.glob("*.pf_meta"), *raw_bundle.glob("index/*")]:
        assert payload_of(decode(path.read_bytes(), path.name)) == payload(path)


def test_canonical_bundle_is_consistent_and_sorted(raw_bundle, tmp_path):
    bundle = copy_of(raw_bundle, tmp_path)
    canonicalize_bundle(bundle)
    meta_hash = entry_hash(bundle)
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    assert meta_hash == "id_" + short_hash(payload(meta_path), 10)
    assert len(list(bundle.glob("*.pf_meta"))) == 1
    meta = decode(meta_path.read_bytes(), "meta")
    filters = meta[3]
    assert [name for name, _ in filters] == ["desa", "rubrik", "tahapan"]
    assert sorted(p.stem for p in bundle.glob("filter/*")) == sorted(h for _, h in filters)
    for name, file_hash in filters:
        path = bundle / "filter" / f"{file_hash}.pf_filter"
        assert file_hash == "id_" + short_hash(payload(path), 7)
        filter_name, values = decode(path.read_bytes(), path.name)
        assert filter_name == name
        assert [v for v, _ in values] == sorted(v for v, _ in values)
    assert meta[4] == decode((raw_bundle / f"pagefind.{entry_hash(raw_bundle)}.pf_meta").read_bytes(), "m")[4]


def test_same_content_gives_same_bytes_whatever_the_order(raw_bundle, tmp_path):
    """Shuffle what Pagefind may shuffle (values, filters), rename like Pagefind: same result."""
    first = copy_of(raw_bundle, tmp_path / "a")
    second = copy_of(raw_bundle, tmp_path / "b")
    meta_path = second / f"pagefind.{entry_hash(second)}.pf_meta"
    meta = decode(meta_path.read_bytes(), "meta")
    renamed = []
    for name, file_hash in reversed(meta[3]):
        path = second / "filter" / f"{file_hash}.pf_filter"
        filter_name, values = decode(path.read_bytes(), path.name)
        shuffled = payload_of([filter_name, list(reversed(values))])
        path.unlink()
        new_hash = "id_" + short_hash(shuffled, 7)
        (second / "filter" / f"{new_hash}.pf_filter").write_bytes(encode(shuffled))
        renamed.append([name, new_hash])
    meta[3] = renamed
    meta_path.unlink()
    new_meta = "id_" + short_hash(payload_of(meta), 10)
    (second / f"pagefind.{new_meta}.pf_meta").write_bytes(encode(payload_of(meta)))
    entry = second / "pagefind-entry.json"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace(meta_path.name[9:-8], new_meta), encoding="utf-8"
    )
    assert tree(first) != tree(second)
    canonicalize_bundle(first)
    canonicalize_bundle(second)
    assert tree(first) == tree(second)


def test_idempotent_and_only_filters_meta_entry_change(raw_bundle, tmp_path):
    bundle = copy_of(raw_bundle, tmp_path)
    canonicalize_bundle(bundle)
    once = tree(bundle)
    canonicalize_bundle(bundle)
    assert tree(bundle) == once
    before = tree(raw_bundle)
    untouched = {k for k in before if not k.startswith(("filter/", "pagefind.id_", "pagefind-entry"))}
    assert untouched and all(once[k] == before[k] for k in untouched)


def test_entry_json_keeps_pagefinds_format(raw_bundle, tmp_path):
    bundle = copy_of(raw_bundle, tmp_path)
    canonicalize_bundle(bundle)
    original = (raw_bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    rewritten = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    assert rewritten == original.replace(entry_hash(raw_bundle), entry_hash(bundle))


def test_gzip_header_has_no_time_and_matches_pagefinds(raw_bundle):
    ours = encode(b"\x80")
    theirs = next(raw_bundle.glob("filter/*")).read_bytes()
    assert ours[:10] == theirs[:10] == b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    assert gzip.decompress(ours) == b"pagefind_dcd\x80"


def test_build_index_leaves_a_canonical_bundle(tmp_path):
    site = write_site(tmp_path / "site")
    report = build_index(site, SearchSettings())
    assert report.filters == 3
    again = copy_of(site / "pagefind", tmp_path / "again")
    canonicalize_bundle(again)
    assert tree(again) == tree(site / "pagefind")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"pagefind_dcd\x80", "not gzip"),
        (gzip.compress(b"something_else\x80", mtime=0), "does not start with pagefind_dcd"),
        (gzip.compress(b"pagefind_dcd\x82\x01", mtime=0), "bad CBOR"),
        # 1 written in two bytes: valid CBOR, but not what minicbor writes.
        (gzip.compress(b"pagefind_dcd\x18\x01", mtime=0), "does not re-encode"),
    ],
)
def test_unknown_file_formats_are_refused(raw, message):
    with pytest.raises(BundleFormatError, match=message):
        decode(raw, "x.pf_filter")


def test_filter_that_does_not_match_its_meta_entry_is_refused(raw_bundle, tmp_path):
    bundle = copy_of(raw_bundle, tmp_path)
    path = next(bundle.glob("filter/*"))
    name, values = decode(path.read_bytes(), path.name)
    path.write_bytes(encode(cbor2.dumps(["lain", values])))
    with pytest.raises(BundleFormatError, match="meta says"):
        canonicalize_bundle(bundle)


def test_unexpected_meta_layout_is_refused(raw_bundle, tmp_path):
    bundle = copy_of(raw_bundle, tmp_path)
    meta_path = bundle / f"pagefind.{entry_hash(bundle)}.pf_meta"
    meta_path.write_bytes(encode(cbor2.dumps(["1.5.2", []])))
    with pytest.raises(BundleFormatError, match="unexpected layout"):
        canonicalize_bundle(bundle)


def test_broken_entry_json_is_refused(raw_bundle, tmp_path):
    bundle = copy_of(raw_bundle, tmp_path)
    (bundle / "pagefind-entry.json").write_text('{"version":"1.5.2"}', encoding="utf-8")
    with pytest.raises(BundleFormatError, match="pagefind-entry.json"):
        canonicalize_bundle(bundle)
