"""Real builds with the checks' memo and the stage data shared per build.

* An error fails every build, also when the findings come from the memo.
* Two builds in one process: the stage data is loaded once per build (the
  content checks' load is the one the stage plugin uses) and read again in the
  next build, so an edited file shows.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from election_stages.core import load_elections
from pelican import signals
from pelican.generators import ArticlesGenerator
from portal_common.buildcache import build_shared
from smallsite import write_small_site

from sitebuild.driver import BuildFailed, build_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"
POST = """\
Title: Coklit dimulai
Date: 2023-02-12 08:00
Category: Berita
Stage: coklit

Pantarlih mulai mendatangi rumah warga.
"""
NIK_POST = POST.replace("Coklit dimulai", "Data peserta") + "Peserta: 1404180101010001.\n"


def _error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error:" in line]


def test_an_error_fails_every_real_build(tmp_path):
    content = write_small_site(tmp_path, {"coklit.md": POST, "nik.md": NIK_POST}, with_data=True)
    output = tmp_path / "output"
    failures = []
    for _ in range(2):
        with pytest.raises(BuildFailed) as failed:
            build_site(
                ROOT / "pelicanconf.py", output, {"PATH": str(content), "PORTAL_NOW": NOW}, io.StringIO()
            )
        failures.append(_error_lines(str(failed.value)))
    assert (tmp_path / ".output.cache" / "content_checks.pickle").is_file()
    assert failures[0] == failures[1]
    assert any("content/posts/nik.md:" in line and "NIK" in line for line in failures[1]), failures
    assert not output.exists()


def test_stage_data_is_loaded_once_per_build_and_again_in_the_next(tmp_path):
    content = write_small_site(tmp_path, {"coklit.md": POST}, with_data=True)
    seen: list[tuple[object, list]] = []

    def look(generators: list) -> None:
        articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
        shared = build_shared(articles.settings)
        root = Path(articles.settings["PATH"])
        key = (load_elections, root / "data/tahapan", root.parent)
        loaded = shared.get(key, lambda: pytest.fail("the stage plugin loaded the stage data itself"))
        assert loaded is articles.context["elections"]
        seen.append((shared, loaded))

    signals.all_generators_finalized.connect(look, weak=False)
    try:
        for name in ("Pencocokan dan penelitian (coklit)", "Coklit ulang"):
            stages = content / "data" / "tahapan" / "pemilu-2024.yaml"
            text = stages.read_text(encoding="utf-8")
            stages.write_text(text.replace("name: Pencocokan dan penelitian (coklit)", f"name: {name}"))
            build_site(
                ROOT / "pelicanconf.py", tmp_path / "output", {"PATH": str(content), "PORTAL_NOW": NOW}
            )
            page = (tmp_path / "output" / "tahapan" / "coklit" / "index.html").read_text(encoding="utf-8")
            assert name in page
    finally:
        signals.all_generators_finalized.disconnect(look)
    (first_store, first), (second_store, second) = seen
    assert first_store is not second_store
    names = [{s.name for e in elections for s in e.all_stages()} for elections in (first, second)]
    assert "Coklit ulang" not in names[0] and "Coklit ulang" in names[1]
