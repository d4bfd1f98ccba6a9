"""The preview keeps the rendered Markdown of the build before in memory (driver.build_site `memory`)."""

from __future__ import annotations

import io
from pathlib import Path

from smallsite import write_small_site

from sitebuild.driver import build_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"
POST = "Title: Coklit dimulai\nDate: 2023-02-12 08:00\nCategory: Berita\n\nPantarlih mulai mendata warga.\n"


def _build(content: Path, output: Path, memory: dict | None) -> str:
    stream = io.StringIO()
    overrides = {"PATH": str(content), "PORTAL_NOW": NOW}
    build_site(ROOT / "pelicanconf.py", output, overrides, stream, memory=memory)
    return stream.getvalue()


def _tree(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_second_build_takes_the_rendered_markdown_from_memory_not_from_disk(tmp_path, capfd):
    content = write_small_site(tmp_path, {"coklit.md": POST})
    output = tmp_path / "output"
    memory: dict = {}
    _build(content, output, memory)
    entries = memory["render"][1]
    assert any(path.endswith("coklit.md") for path in entries)
    first = _tree(output)

    stored = tmp_path / ".output.cache" / "render.pickle"
    assert stored.is_file()
    stored.write_bytes(b"garbage")  # a damaged disk cache: only read when memory cannot serve
    capfd.readouterr()
    _build(content, output, memory)
    assert "cache rusak" not in capfd.readouterr().err  # the damaged file was never read
    assert _tree(output) == first

    fresh: dict = {}
    stored.write_bytes(b"garbage")
    _build(content, output, fresh)  # a new process: reads the disk, finds it damaged, renders afresh
    assert "cache rusak" in capfd.readouterr().err
    assert _tree(output) == first and fresh["render"][0] == memory["render"][0]
