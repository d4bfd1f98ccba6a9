"""/admin/ as the real build writes it: the pinned bundle, the generated config, the policy,
and nothing of it on public pages."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import DEMO_NOW, ROOT, tree_digest
from election_stages.core import load_elections
from officers.core.model import load_setup
from portal_common.personal_data import find_personal_data
from web_editor import core

from pelicanconf import PORTAL_RUBRICS

TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".css", ".js", ".ics"}
EDITOR_REFERENCE = re.compile(r"/admin/|admin/(?:index\.html|config\.yml|decap)")


def _config(build) -> dict:
    return yaml.safe_load((build.output / "admin" / "config.yml").read_text(encoding="utf-8"))


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _field(fields: list[dict], name: str) -> dict:
    return next(f for f in fields if f["name"] == name)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_admin_bundle_is_the_pinned_npm_package(demo_build):
    admin = demo_build.output / "admin"
    dist = ROOT / "node_modules" / "decap-cms" / "dist"
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    installed = json.loads((ROOT / "node_modules" / "decap-cms" / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"]["decap-cms"] == installed["version"]
    assert _sha(admin / "decap-cms.js") == _sha(dist / "decap-cms.js")
    chunks = sorted(p.name for p in dist.glob("*.decap-cms.js"))
    assert chunks and all(_sha(admin / name) == _sha(dist / name) for name in chunks)
    assert (admin / "vendor" / "yaml" / "index.js").is_file()
    html = (admin / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    scripts = [s.get("src") for s in soup.find_all("script")]
    assert scripts == ["flag.js", "decap-cms.js", "admin.js"], "no inline script, no CDN"
    assert not re.search(r"https?://(?!127\.0\.0\.1)", " ".join(filter(None, scripts)))
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"


def test_admin_policy_allows_only_the_editor_and_its_backend(demo_build, published_build):
    local = BeautifulSoup(
        (demo_build.output / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    published = BeautifulSoup(
        (published_build.output / "admin" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    local_csp = local.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    published_csp = published.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert published_csp == core.ADMIN_CSP
    assert "connect-src 'self' blob: http://127.0.0.1:8081 https://api.github.com" in local_csp
    assert "127.0.0.1" not in published_csp
    for policy in (local_csp, published_csp):
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "script-src 'self' 'unsafe-eval';" in policy  # no CDN, no inline script


def test_config_is_generated_from_the_data(demo_build):
    config = _config(demo_build)
    fields = _collection(config, "berita")["fields"]
    assert _field(fields, "category")["options"] == PORTAL_RUBRICS
    elections = load_elections(ROOT / "content" / "data" / "tahapan", ROOT)
    slugs = [s.slug for e in elections for top in e.stages for s in top.walk()]
    stage = _field(fields, "stage")
    assert [o["value"] for o in stage["options"]] == slugs
    coklit = next(o for o in stage["options"] if o["value"] == "coklit")
    assert coklit["label"].startswith("Pencocokan dan penelitian (coklit)")
    # Every key of the README's metadata table has a form field (Status as the Draf toggle).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    keys = re.findall(r"^\| `(\w+)` \|", readme, re.MULTILINE)
    names = {f["name"] for f in fields}
    assert {k.lower() for k in keys} - {"status"} <= names and "draft" in names
    assert {f["name"] for f in fields if f.get("required")} == {"title", "date", "category", "body"}
    posts = _collection(config, "berita")
    assert posts["media_folder"] == "/content/images/{{year}}" and posts["public_folder"] == "images/{{year}}"
    assert _collection(config, "berita")["path"] == "{{year}}/{{year}}-{{month}}-{{day}}-{{slug}}"
    setup = load_setup(ROOT / "content" / "data" / "petugas", "content/data/petugas")
    petugas = _collection(config, "petugas")
    files = {f["file"] for f in petugas["files"]}
    assert files == {
        f"content/data/petugas/{p.name}"
        for p in (ROOT / "content" / "data" / "petugas").glob("*.yaml")
        if p.name not in ("wilayah.yaml", "badan.yaml", "tps.yaml")
    }
    pps = next(f for f in petugas["files"] if f["file"].endswith("pps.yaml"))
    person = _field(pps["fields"], "petugas")["fields"]
    assert _field(person, "desa")["options"] == [d.name for d in setup.desas]
    assert "NIK" in petugas["description"] and "nomor HP" in petugas["description"]
    assert {f["file"] for f in _collection(config, "tahapan")["files"]} == {
        "content/data/tahapan/pemilu-2024.yaml",
        "content/data/tahapan/pilkada-2024.yaml",
    }
    assert config["local_backend"]["url"] == "http://127.0.0.1:8081/api/v1"


def test_polling_places_form_matches_the_data(demo_build):
    """Lokasi TPS edits tps.yaml: desa stored as the slugs tps.yaml uses, every demo coordinate accepted."""
    config = _config(demo_build)
    (tps_file,) = _collection(config, "lokasi_tps")["files"]
    assert tps_file["file"] == "content/data/petugas/tps.yaml"
    village = _field(tps_file["fields"], "desa")["fields"]
    setup = load_setup(ROOT / "content" / "data" / "petugas", "content/data/petugas")
    assert _field(village, "desa")["options"] == [{"label": d.name, "value": d.slug} for d in setup.desas]
    place = _field(village, "tps")["fields"]
    pattern, message = _field(place, "koordinat")["pattern"]
    assert "lintang, bujur" in message
    doc = yaml.safe_load((ROOT / "content" / "data" / "petugas" / "tps.yaml").read_text(encoding="utf-8"))
    coordinates = [p["koordinat"] for v in doc["desa"] for p in v["tps"] if "koordinat" in p]
    assert coordinates and all(re.match(pattern, c) for c in coordinates)
    assert not re.match(pattern, "di depan masjid")
    assert (
        _field(place, "lokasi")["pattern"][1]
        == _field(_collection(config, "berita")["fields"], "title")["pattern"][1]
    )


def test_published_config_uses_the_git_host_only(published_build):
    config = _config(published_build)
    assert "local_backend" not in config
    assert config["backend"]["name"] == "github"
    assert config["site_url"].startswith("https://")


def test_form_patterns_refuse_what_the_build_refuses(demo_build):
    """The JS regexes in config.yml (run by node) agree with portal_common.personal_data."""
    config = _config(demo_build)
    fields = _collection(config, "berita")["fields"]
    title, summary = _field(fields, "title")["pattern"], _field(fields, "summary")["pattern"]
    samples = [
        "Hubungi 0812-3456-7890 untuk info",
        "+62 812 3456 7890",
        "NIK 1404180101010001 tercatat",
        "Rapat pleno pukul 09.30 di aula, 13.912 pemilih",
        "Coklit 12 Februari sampai 14 Maret 2023",
        "x" * 160,
        "x" * 161,
    ]
    script = (
        "const [title, summary, samples] = JSON.parse(process.argv[1]);"
        "const ok = (pattern, s) => new RegExp(pattern).test(s);"
        "console.log(JSON.stringify(samples.map(s => [ok(title, s), ok(summary, s)])));"
    )
    done = subprocess.run(
        [shutil.which("node") or "node", "-e", script, json.dumps([title[0], summary[0], samples])],
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(done.stdout)
    for sample, (title_ok, summary_ok) in zip(samples, results, strict=True):
        build_refuses = any(hit.kind in ("nik", "telepon") for hit in find_personal_data(sample))
        assert title_ok == (not build_refuses), sample
        assert summary_ok == (not build_refuses and len(sample) <= 160), sample
    assert title[1].startswith("NIK/nomor KK (16 digit) atau nomor telepon/HP tidak boleh diterbitkan")
    assert "160" in summary[1]


def test_no_public_page_references_the_editor(published_build):
    """Public pages, feeds and sitemaps never name /admin/; the search index skips it."""
    out = published_build.output
    offenders = []
    for path in out.rglob("*"):
        relative = path.relative_to(out).as_posix()
        if not path.is_file() or relative.startswith(("admin/", "pagefind/")):
            continue
        if path.suffix in TEXT_SUFFIXES and EDITOR_REFERENCE.search(path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert not offenders
    assert "data-pagefind-body" not in (out / "admin" / "index.html").read_text(encoding="utf-8")


def test_missing_npm_packages_stop_the_build_and_keep_the_site(build_site, tmp_path):
    output = tmp_path / "output"
    first = build_site(output, overrides={"PORTAL_NOW": DEMO_NOW})
    assert first.ok, first.messages
    before = tree_digest(output)
    second = build_site(
        output, overrides={"PORTAL_NOW": DEMO_NOW, "WEB_EDITOR_NODE_MODULES": str(tmp_path / "kosong")}
    )
    assert not second.ok
    message = "package.json: error: paket editor web (decap-cms, yaml) tidak ada di node_modules/"
    assert message in second.messages
    assert "npm ci" in second.messages
    assert tree_digest(output) == before


@pytest.mark.parametrize("bad", ["http://0.0.0.0:8081/api/v1", "https://example.org/api"])
def test_local_backend_must_be_loopback(build_site, tmp_path, bad):
    build = build_site(tmp_path / "out", overrides={"PORTAL_NOW": DEMO_NOW, "WEB_EDITOR_LOCAL_BACKEND": bad})
    assert not build.ok
    assert "WEB_EDITOR_LOCAL_BACKEND" in build.messages


def test_published_host_files_give_admin_its_own_policy(published_build):
    """/admin/ is served with the editor's CSP only; every other path keeps the public one."""
    admin_csp = _config_csp(published_build)
    headers = (published_build.output / "_headers").read_text(encoding="utf-8")
    assert f"/admin/*\n  Content-Security-Policy: {admin_csp}\n" in headers
    htaccess = (published_build.output / ".htaccess").read_text(encoding="utf-8")
    assert admin_csp in htaccess and '<If "%{REQUEST_URI} =~ m#^(?:/admin/)#">' in htaccess
    csp_lines = [line for line in headers.splitlines() if "Content-Security-Policy" in line]
    public = [line for line in csp_lines if admin_csp not in line]
    assert public and all("'unsafe-eval'" not in line for line in public)


def _config_csp(build) -> str:
    html = (build.output / "admin" / "index.html").read_text(encoding="utf-8")
    meta = BeautifulSoup(html, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"]
