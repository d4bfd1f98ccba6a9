"""`publish` deploys with rsync only a build that just passed the checks; gh-pages via ghp-import."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import tree_digest
from smallsite import write_small_site

ROOT = Path(__file__).resolve().parents[2]
NOW = "2024-02-10T12:00:00+07:00"
POST = """\
Title: Rapat Pleno Terbuka DPT
Date: 2023-06-20 10:00
Category: Berita
Image: images/pleno.jpg
Image_alt: Meja pleno di aula kantor camat

CONCONG – Isi berita.
"""

pytestmark = pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is installed by bootstrap.sh")


def _site(folder: Path) -> Path:
    return write_small_site(folder, {"pleno.md": POST}, images=["pleno.jpg"], with_data=True)


def _publish(content: Path, output: Path, target: Path, **overrides) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "sitebuild", "-s", str(ROOT / "publishconf.py"), "-c", str(content)]
    command += ["-o", str(output), "--publish", str(target)]
    for key, value in {"PORTAL_NOW": NOW, **overrides}.items():
        command += ["--set", f"{key}={json.dumps(value)}"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A site published once to a local target directory (the first deploy)."""
    folder = tmp_path_factory.mktemp("publish")
    content = _site(folder)
    target = folder / "server" / "www"
    done = _publish(content, folder / "output", target)
    assert done.returncode == 0, done.stderr
    return folder, content, target


def test_rsync_mirrors_the_checked_build(published):
    folder, _, target = published
    assert tree_digest(target) == tree_digest(folder / "output")
    assert (target / "berita/2023/06/rapat-pleno-terbuka-dpt/index.html").is_file()


def test_republish_removes_stale_files_and_adds_new_posts(published, tmp_path):
    folder, content, target = published
    (target / "lama.html").write_text("sisa situs lama", encoding="utf-8")
    changed = tmp_path / "content"
    shutil.copytree(content, changed)
    (changed / "posts" / "baru.md").write_text(
        POST.replace("Rapat Pleno Terbuka DPT", "Penetapan DPT Kecamatan"), encoding="utf-8"
    )
    done = _publish(changed, folder / "output", target)
    assert done.returncode == 0, done.stderr
    assert not (target / "lama.html").exists()
    assert (target / "berita/2023/06/penetapan-dpt-kecamatan/index.html").is_file()
    assert tree_digest(target) == tree_digest(folder / "output")


def test_failed_build_is_never_deployed(published, tmp_path):
    folder, content, target = published
    before_target, before_output = tree_digest(target), tree_digest(folder / "output")
    broken = tmp_path / "content"
    shutil.copytree(content, broken)
    (broken / "posts" / "pleno.md").write_text(
        POST.replace("Category: Berita", "Category: Gosip"), encoding="utf-8"
    )

    done = _publish(broken, folder / "output", target)

    assert done.returncode != 0
    assert "content/posts/pleno.md:3: error: rubrik 'Gosip' tidak dikenal" in done.stderr
    assert "diterbitkan" not in done.stdout
    assert tree_digest(target) == before_target
    assert tree_digest(folder / "output") == before_output


def test_unchecked_build_is_never_deployed(published):
    folder, content, target = published
    before = tree_digest(target)
    plugins = ["indonesian_dates", "news_portal", "election_stages", "feeds", "officers", "hosting"]
    done = _publish(content, folder / "output", target, PLUGINS=plugins)
    assert done.returncode != 0
    assert "content_checks" in done.stderr
    assert tree_digest(target) == before


def test_rsync_command_for_a_remote_host():
    from sitebuild.publish import rsync_command

    command = rsync_command(Path("/srv/out"), "ppk@web.example.id:/var/www/ppk", ssh_port=2222)
    assert command[-2:] == ["/srv/out/", "ppk@web.example.id:/var/www/ppk/"]
    assert command[command.index("-e") : command.index("-e") + 2] == ["-e", "ssh -p 2222"]
    assert "--delay-updates" in command and "--delete-after" in command


@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed for gh-pages")
def test_gh_pages_branch_holds_the_build(published, tmp_path):
    folder, _, _ = published
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "Tim Media", "GIT_AUTHOR_EMAIL": "media@example.id"}
    env |= {"GIT_COMMITTER_NAME": "Tim Media", "GIT_COMMITTER_EMAIL": "media@example.id"}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True, env=env)
    ghp = Path(sys.executable).with_name("ghp-import")
    subprocess.run(
        [str(ghp), "-b", "gh-pages", "-n", "-f", "-m", "Terbitkan situs", str(folder / "output")],
        cwd=repo,
        check=True,
        env=env,
        capture_output=True,
    )
    listing = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert ".nojekyll" in listing  # GitHub Pages must not run Jekyll over the site
    assert set(tree_digest(folder / "output")) <= set(listing)
