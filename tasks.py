"""Everyday commands for the media officer and developers (invoke).

Names follow pelican-quickstart's tasks.py: build, rebuild, serve, livereload,
preview, publish, gh-pages, clean; plus `new` (scaffold a post) and `test`.
Run `invoke --list` for the list, `invoke --help TASK` for a task's options.
"""

from __future__ import annotations

import contextlib
import shlex
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "deploy_path": ROOT / "output",
    "host": "localhost",
    "port": 8000,
}


def _run_build(c, settings: Path, *extra: str) -> None:
    """Atomic build through sitebuild; a failure exits non-zero with the officer's message."""
    command = [
        sys.executable,
        "-m",
        "sitebuild",
        "-s",
        str(settings),
        "-o",
        str(CONFIG["deploy_path"]),
        *extra,
    ]
    result = c.run(shlex.join(command), warn=True, pty=False)
    if not result.ok:
        raise Exit(code=result.exited or 1)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


@task
def clean(c):
    """Remove the generated site (refused while a build of it runs)."""
    from sitebuild.buildlock import BuildBusy, build_lock
    from sitebuild.oserrors import describe

    output = CONFIG["deploy_path"]
    # The previous site kept for fast rebuilds, the caches, scratch and the fallback's
    # two site folders (sitebuild/swap.py) go too; the lock file stays (buildlock.py).
    names = ("new", "old", "cache", "tmp", "a", "b", "link", "stamp")
    try:
        with build_lock(output, wait=0):
            for path in (output, *(output.with_name(f".{output.name}.{name}") for name in names)):
                _remove(path)
    except BuildBusy as busy:
        raise Exit(f"error: {busy}", code=1) from None
    except OSError as error:
        raise Exit(describe(error, output.parent), code=1) from None


@task
def build(c):
    """Build the local preview (drafts visible) into output/."""
    _run_build(c, CONFIG["settings_base"])


@task
def rebuild(c):
    """`clean` then `build`."""
    clean(c)
    build(c)


@task
def preview(c):
    """Build the site as it will be published (absolute URLs, no drafts)."""
    _run_build(c, CONFIG["settings_publish"])


@task
def serve(c, port: int = 0):
    """Serve output/ at http://localhost:8000 (Ctrl+C to stop)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    port = port or CONFIG["port"]
    try:
        server = RootedHTTPServer(
            str(CONFIG["deploy_path"]), (CONFIG["host"], port), ComplexHTTPRequestHandler
        )
    except OSError as error:
        raise Exit(
            f"error: port {port} tidak bisa dipakai ({error.strerror}); coba --port 8001", code=1
        ) from None
    print(f"Situs tampil di http://{CONFIG['host']}:{port}/  (Ctrl+C untuk berhenti)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


@task
def livereload(c, port: int = 0):
    """Live preview: build once, serve, and on every save rebuild in memory and reload the browser.

    One long-running process keeps the parsed site (sitebuild/preview.py); a bad save shows
    its `file:line` error here and in the browser, and the last good pages stay served.
    """
    command = [
        sys.executable,
        "-m",
        "sitebuild.preview",
        "-s",
        str(CONFIG["settings_base"]),
        "-o",
        str(CONFIG["deploy_path"]),
        "--port",
        str(port or CONFIG["port"]),
    ]
    with contextlib.suppress(KeyboardInterrupt):  # the preview prints its own goodbye
        subprocess.run(command, cwd=ROOT, check=False)


@task
def check(c):
    """Check all content and data without building: `path:line: error|warning: message`."""
    command = [sys.executable, "-m", "sitebuild", "--check", "-s", str(CONFIG["settings_base"])]
    result = c.run(shlex.join(command), warn=True, pty=False)
    if not result.ok:
        raise Exit(code=result.exited or 1)


@task(name="import-html")
def import_html(c, page, rubric="Berita", publish_now=False, date=""):
    """Turn a saved web page into a draft post: `invoke import-html Berita.html [--rubric Kegiatan]`."""
    from html_import.cli import run_import

    from pelicanconf import PORTAL_RUBRICS, TIMEZONE

    code = run_import(
        Path(page),
        ROOT / "content",
        rubric=rubric,
        publish=publish_now,
        rubrics=tuple(PORTAL_RUBRICS),
        timezone=TIMEZONE,
        date=date,
    )
    if code:
        raise Exit(code=code)
    check(c)  # the new post must pass the same checks as everything else


@task
def publish(c, target=""):
    """Check, build the published site and rsync it (`--target DIR` or PORTAL_SSH_* settings).

    A failed or unchecked build is never deployed: the build must pass first.
    """
    from publishconf import SSH_HOST, SSH_PORT, SSH_TARGET_DIR, SSH_USER

    port = []
    if not target:
        if not (SSH_HOST and SSH_USER and SSH_TARGET_DIR):
            raise Exit(
                "publish belum diatur (not configured): isi PORTAL_SSH_HOST, PORTAL_SSH_USER dan "
                "PORTAL_SSH_TARGET_DIR di lingkungan atau di publishconf.py, atau pakai --target FOLDER.",
                code=2,
            )
        target = f"{SSH_USER}@{SSH_HOST}:{SSH_TARGET_DIR}"
        port = ["--ssh-port", str(SSH_PORT)]
    _run_build(c, CONFIG["settings_publish"], "--publish", target, *port)


@task(name="gh-pages")
def gh_pages(c, push=True):
    """Build the published site and commit it to the gh-pages branch (ghp-import), then push."""
    preview(c)
    options = "-n -f" + (" -p" if push else "")
    ghp_import = shlex.quote(str(Path(sys.executable).with_name("ghp-import")))  # no activated venv needed
    command = f"{ghp_import} -b gh-pages {options} {shlex.quote(str(CONFIG['deploy_path']))}"
    if not c.run(command, pty=False, warn=True).ok:
        raise Exit(
            "error: ghp-import gagal (pesan di atas); gh-pages mungkin belum diperbarui atau dikirim.",
            code=1,
        )


@task
def new(c, title, rubric="Berita", author=""):
    """Scaffold a post: `invoke new "Judul berita" --rubric Pengumuman`."""
    from news_portal.scaffold import write_new_post

    from pelicanconf import PORTAL_RUBRICS, TIMEZONE

    now = datetime.now(ZoneInfo(TIMEZONE))
    try:
        path = write_new_post(ROOT / "content" / "posts", title, rubric, author, now, PORTAL_RUBRICS)
    except ValueError as problem:
        raise Exit(f"error: {problem}", code=2) from problem
    print(f"Berita baru: {path.relative_to(ROOT)}")


@task
def test(c, browser=True):
    """Lint and run every test (`--no-browser` skips the Playwright suite)."""
    c.run(f"{shlex.quote(sys.executable)} -m ruff check .", pty=False)
    selection = "" if browser else "--ignore=tests/browser"
    # Both cores: each worker builds the demo once, then shares it across its tests.
    c.run(f"{shlex.quote(sys.executable)} -m pytest -n 2 {selection}".strip(), pty=False)
