"""Everyday commands for the media officer and developers (invoke).

Names follow pelican-quickstart's tasks.py: build, rebuild, serve, livereload,
preview, publish, gh-pages, clean; plus `new` (scaffold a post) and `test`.
Run `invoke --list` for the list, `invoke --help TASK` for a task's options.
"""

from __future__ import annotations

import contextlib
import os
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


CMS_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"


def start_cms_backend(repo: Path, port: int) -> subprocess.Popen:
    """The CMS's local backend (decap-server) on 127.0.0.1 only, confined to `repo`.

    BIND_HOST makes it listen on loopback alone (without it, it listens on every
    interface); MODE=fs writes files into the working tree without committing.
    """
    if not CMS_SERVER.is_file():
        raise Exit("editor lokal belum terpasang (decap-server missing): jalankan `npm ci`, lalu ulangi.", 2)
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(repo),
        "LOG_LEVEL": "warn",
    }
    # Its own process group: Ctrl+C reaches us, and we stop it after the preview.
    return subprocess.Popen(["node", str(CMS_SERVER)], cwd=repo, env=env, start_new_session=True)


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@task
def edit(c, port: int = 0, cms_port: int = 8081):
    """Web editor on this computer: live-reload preview + the editor's local backend (Ctrl+C stops both)."""
    port = port or CONFIG["port"]
    # The preview build writes this port into /admin/config.yml (pelicanconf.py).
    os.environ["PORTAL_EDITOR_BACKEND_PORT"] = str(cms_port)
    backend = start_cms_backend(ROOT, cms_port)
    try:
        print(
            f"Editor web:  http://{CONFIG['host']}:{port}/admin/\n"
            f"Situs:       http://{CONFIG['host']}:{port}/\n"
            f"Penyimpanan lokal editor (decap-server): http://127.0.0.1:{cms_port}/api/v1\n"
            "Tekan Ctrl+C untuk berhenti (stops both).",
            flush=True,
        )
        livereload(c, port=port)
    finally:
        stop_process(backend)
        print("Editor dan pratinjau dihentikan.", flush=True)


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
