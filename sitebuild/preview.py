"""Live preview: one long-running process that rebuilds in memory and reloads the browser.

`invoke livereload` (or `python -m sitebuild.preview`, `python -m sitebuild --serve`)
builds the site once, serves the output folder on 127.0.0.1, and rebuilds after
every save in the same process. A new build process per save paid for Python,
Pelican and the plugins to start and for every source file to be read again;
here they stay loaded:

* **Modules** (Pelican, Markdown, Jinja, the plugins) are imported once.
* **Parsed sources**: the rendered-Markdown cache (HTML + metadata per post, checked
  by each file's stamp, sitebuild/rendercache.py) is kept in this process's
  memory and handed to every build, so only the files that changed are parsed
  again; the page memo (sitebuild/pagememo.py) then skips unchanged pages.

**The saved post first** (fastpage.py): when one post or page was saved, its
page is rendered from the last good build's state (kept in memory until the next
build starts) in a few hundredths of a second and served, and the browser
reloads; the whole build then runs and must write the same bytes (a difference
is printed and counted in /__pratinjau/status; tests require none). Saves the
fast path cannot derive (another header changed, several files, data,
templates, settings) wait for the whole build, as does a save with an error.

Every rebuild is still a whole build through `driver.build_site`: settings,
data files (stages, officers, TPS) and templates are read afresh, so what
depends on them is always re-rendered, and the swap stays atomic. That is what
makes the preview's output byte-identical to `python -m sitebuild` of the same
sources. A change to the plugins' or sitebuild's Python code cannot be applied
to modules already imported: the process restarts itself (same command line).

Preview-only differences, in served responses only (never in the output files):
HTML pages get a small script that waits for the next build and reloads the
page; after a failed build they also get an overlay with the error
(`path:line: error: message`), above the last good page, which stays served.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import posixpath
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterable, Mapping
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from .fastpage import Kept, NotDerivable, render_post

ROOT = Path(__file__).resolve().parent.parent
WAIT_PATH = "/__pratinjau/tunggu"
STATUS_PATH = "/__pratinjau/status"
_LONG_POLL = 25.0  # seconds a reload request waits for the next build
_SETTINGS_POLL_MS = 200  # the settings files are polled (editors replace them by renaming)

SCRIPT_PATH = "/__pratinjau/muat.js"
STYLE_PATH = "/__pratinjau/galat.css"

# The site's Content-Security-Policy allows scripts and styles from its own origin
# only (no inline code, no style attributes): both come from the preview server.
_RELOAD_TAG = '<script src="%s" data-generasi="%d" data-bangun="%d"></script>'
_RELOAD_JS = """/* pratinjau: hanya di server pratinjau, tidak di situs */
(function () {
  var me = document.currentScript.dataset;
  var query = "{wait}?generasi=" + me.generasi + "&bangun=" + me.bangun +
    "&halaman=" + encodeURIComponent(location.pathname);
  function wait() {
    fetch(query).then(function (r) { return r.json(); })
      .then(function (s) { if (s.muat) { location.reload(); } else { wait(); } })
      .catch(function () { setTimeout(wait, 1000); });
  }
  wait();
})();
""".replace("{wait}", WAIT_PATH)
_OVERLAY_CSS = """#pratinjau-galat{position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;
overflow:auto;background:#7f1d1d;color:#fff;font:16px/1.5 system-ui,sans-serif;padding:1rem 1.25rem;
box-shadow:0 4px 16px rgba(0,0,0,.4)}
#pratinjau-galat pre{white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;margin:.75rem 0}
#pratinjau-galat p{margin:0}
"""
_OVERLAY = """<link rel="stylesheet" href="{style}"><div id="pratinjau-galat" role="alert">
<strong>Build gagal: perubahan terakhir belum tampil.</strong>
<pre>%s</pre>
<p>Perbaiki berkas di atas lalu simpan; halaman ini dimuat ulang sendiri.
Di bawah ini versi terakhir yang berhasil dibangun.</p></div>""".replace("{style}", STYLE_PATH)

_ERROR_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>Build gagal · Pratinjau</title></head><body>%s</body></html>"""


class Preview:
    """The preview's state: the builds, their outcome, and what the browser waits for."""

    def __init__(self, settings_file: Path, output: Path, overrides: Mapping[str, Any], stream=None) -> None:
        self.settings_file, self.output = settings_file, output
        self.overrides = dict(overrides)
        self.stream = stream or sys.stderr
        self.generation = 0  # counts finished builds, good or failed
        self.error: str | None = None  # the last build's failure, None after a good build
        self._changed = threading.Condition()
        self._memory: dict = {}  # kept between builds: the rendered Markdown (driver.build_site)
        self.building = 0  # the running build's number (0: none)
        self._builds = 0
        self._staging = output.with_name(f".{output.name}.new")  # driver.py's staging folder
        self._fresh: set[str] = set()  # pages the running build has written, relative to the output
        self._fast: dict[str, bytes] = {}  # pages the fast path rendered for the running build
        self._fast_source: list[tuple] = []  # the stamp of the source it read (_stamps)
        self._kept: Kept | None = None  # the last good build's generators (fastpage.py)
        self._generators: list | None = None  # the running build's, kept if it succeeds
        self.fast_pages = 0  # pages served before their build wrote them
        self.mismatches = 0  # fast pages that differed from the build's (never expected)

    # -- building -------------------------------------------------------------

    def build(self, changed: Iterable[Path] = ()) -> bool:
        """One whole build in this process; True when it succeeded.

        When one post changed, its page is rendered first from the last good build's
        state (fastpage.py) and served while the whole build runs.
        """
        from pelican import signals

        from .driver import BuildFailed, build_site

        started = time.perf_counter()
        with self._changed:
            self._builds += 1
            self.building, self._fresh, self._fast = self._builds, set(), {}
        kept, self._kept = self._kept, None  # freed before the build: one site in memory at a time
        changed = sorted(set(changed))
        if kept is not None and len(changed) == 1 and changed[0].suffix == ".md":
            self._fast_path(kept, changed[0], started)
        del kept
        forget_content_memos()
        signals.all_generators_finalized.connect(self._keep_generators)
        signals.content_written.connect(self._page_written)
        signals.finalized.connect(self._pages_done)
        try:
            build_site(self.settings_file, self.output, self.overrides, self.stream, memory=self._memory)
            error = None
        except BuildFailed as failure:
            error = str(failure)
        except Exception as failure:  # noqa: BLE001 - a bad save must not stop the preview
            error = _unexpected(failure)
        finally:
            signals.all_generators_finalized.disconnect(self._keep_generators)
            signals.content_written.disconnect(self._page_written)
            signals.finalized.disconnect(self._pages_done)
        generators, self._generators = self._generators, None
        if error:
            print(error, file=self.stream, flush=True)
        else:
            self._kept = Kept.from_generators(generators or [])
            seconds = time.perf_counter() - started
            done = f"Pratinjau diperbarui dalam {seconds:.2f} detik (preview rebuilt)"
            print(done, file=self.stream, flush=True)
        with self._changed:
            self.error = error
            self.generation += 1
            self.building, self._fresh, self._fast = 0, set(), {}
            self._changed.notify_all()
        return error is None

    def _fast_path(self, kept: Kept, path: Path, started: float) -> None:
        """Render the saved post's page from `kept` and serve it until the build writes it."""
        source = _stamps([path])
        try:
            save_as, page = render_post(kept, path)
        except NotDerivable as why:
            print(f"Menunggu build penuh ({why}).", file=self.stream, flush=True)
            return
        except Exception as failure:  # noqa: BLE001 - e.g. a fatal Pelican warning: the build reports it
            why = f"{type(failure).__name__}: {failure}".splitlines()[0]
            print(f"Menunggu build penuh ({why}).", file=self.stream, flush=True)
            return
        with self._changed:
            self._fast[os.path.normpath(save_as)] = page
            self._fast_source = source
            self.fast_pages += 1
            self._changed.notify_all()
        seconds = time.perf_counter() - started
        print(f"Halaman {save_as} tampil dalam {seconds:.2f} detik (fast path)", file=self.stream, flush=True)

    def _keep_generators(self, generators: list) -> None:
        """`all_generators_finalized` receiver: this build's state, kept if the build succeeds."""
        self._generators = generators

    def _page_written(self, path: str, context: Any = None) -> None:
        """`content_written` receiver: a browser showing this page may reload now.

        Plugins never change a page after Pelican wrote it (Pagefind and the sitemaps
        only read them), so the staging copy is already the page the build will publish.
        A page the fast path rendered must be the same bytes, unless its source was saved
        again since (this build may have read the newer text).
        """
        if not path.endswith(".html"):
            return
        relative = os.path.relpath(path, self._staging)
        early = self._fast.get(relative)
        saved_again = self._fast_source and _stamps([self._fast_source[0][0]]) != self._fast_source
        if early is not None and not saved_again and Path(path).read_bytes() != early:
            self.mismatches += 1
            notice = f"warning: {relative}: fast path differs from the build's page"
            print(notice, file=self.stream, flush=True)
        with self._changed:
            self._fresh.add(relative)
            self._changed.notify_all()

    def _pages_done(self, _pelican: Any) -> None:
        """`finalized` receiver: the staging folder is swapped in next; serve from the output again."""
        with self._changed:
            self._fresh = set()

    def open_page(self, relative: str) -> tuple[Any, int] | None:
        """The running build's copy of a page it has written: (open file, build number), or None.

        Opened under the lock that `_pages_done` takes, before the swap: the file
        stays this build's page even when its folder is renamed while it is read.
        """
        with self._changed:
            if relative not in self._fresh:
                early = self._fast.get(relative)
                return None if early is None else (io.BytesIO(early), self.building)
            try:
                return (self._staging / relative).open("rb"), self.building
            except OSError:
                return None

    def wait_for_reload(self, seen: int, shown: int, page: str, timeout: float) -> bool:
        """Block until the browser should reload `page` (or the timeout): True to reload.

        `seen` is the generation the page was served in, `shown` the running build it
        came from (0: from the output). Reload when a build finished, or when the
        running build has written this page and the browser does not show it yet.
        """

        def due() -> bool:
            written = page in self._fresh or page in self._fast
            early = self.building != 0 and self.building != shown and written
            return self.generation != seen or early

        with self._changed:
            return self._changed.wait_for(due, timeout)

    # -- watching -------------------------------------------------------------

    def watched(self) -> tuple[list[Path], list[Path]]:
        """(folders watched recursively, settings files polled) for this site."""
        from pelican.settings import read_settings

        settings = read_settings(str(self.settings_file), override=dict(self.overrides))
        folders = [settings["PATH"], settings["THEME"], *settings.get("THEME_TEMPLATES_OVERRIDES", [])]
        folders += settings.get("PLUGIN_PATHS", []) + [str(ROOT / "sitebuild")]
        found = sorted({Path(f).resolve() for f in folders if Path(f).is_dir()})
        files = sorted({self.settings_file.resolve(), *self.settings_file.resolve().parent.glob("*conf.py")})
        return found, files

    def watch(self, stop: threading.Event) -> None:
        """Rebuild after each batch of changes until `stop`; restart for a Python code change."""
        import watchfiles

        folders, files = self.watched()
        code = [f for f in folders if f.name in ("plugins", "sitebuild")]
        stamps = _stamps(files)
        for changes in watchfiles.watch(
            *folders,
            step=50,
            rust_timeout=_SETTINGS_POLL_MS,
            yield_on_timeout=True,
            stop_event=stop,
            watch_filter=_relevant,
        ):
            paths = [Path(path) for _, path in changes]
            now = _stamps(files)
            if now != stamps:
                stamps = now
                paths += files
            if not paths:
                continue
            if any(p.suffix == ".py" and any(p.is_relative_to(c) for c in code) for p in paths):
                _restart(self.stream)
            shown = ", ".join(sorted({_short(p) for p in paths})[:3])
            print(f"Berubah: {shown}; membangun ulang...", file=self.stream, flush=True)
            self.build(paths)


def forget_content_memos() -> None:
    """Empty Pelican's memos of every post's HTML and summary.

    `Content.get_content` and `get_summary` are `pelican.utils.memoized`: one dict per
    method, at class level, keyed by (post, siteurl). In a long-running process it keeps
    every post of every build, and through each post its build's context, alive. Emptied
    before each build; the build fills it again for its own posts.
    """
    from pelican.contents import Content

    for method in (Content.get_content, Content.get_summary):
        method.cache.clear()


def _unexpected(failure: Exception) -> str:
    """A failure the driver does not turn into a message (e.g. a template's syntax), as one."""
    from .driver import FAILURE_FOOTER

    where = getattr(failure, "filename", None) or getattr(failure, "name", None)
    line = getattr(failure, "lineno", None)
    place = f"{_short(Path(where))}:{line or 1}: " if isinstance(where, str) else ""
    return f"{place}error: {type(failure).__name__}: {failure}\n{FAILURE_FOOTER}"


def _relevant(change: Any, path: str) -> bool:
    """watchfiles filter: skip editors' swap and backup files and caches."""
    name = os.path.basename(path)
    return not (
        name.startswith(".#")
        or name.endswith(("~", ".swp", ".swx", ".tmp", ".pyc"))
        or "__pycache__" in path
        or name == "4913"  # vim's write test
    )


def _stamps(files: Iterable[Path]) -> list[tuple]:
    result = []
    for path in files:
        try:
            status = path.stat()
            result.append((path, status.st_mtime_ns, status.st_size, status.st_ino))
        except OSError:
            result.append((path, None))
    return result


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _restart(stream) -> None:
    """Python code changed: run this same command again (modules cannot be re-imported safely)."""
    notice = "Kode Python berubah; pratinjau dimulai ulang. (Code changed: restarting.)"
    print(notice, file=stream, flush=True)
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


# -- serving ------------------------------------------------------------------


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder; HTML responses get the reload script (and the error overlay)."""

    preview: Preview

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib's name)
        pass  # the terminal is for build messages

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == WAIT_PATH:
            self._wait()
        elif path == SCRIPT_PATH:
            self._asset(_RELOAD_JS, "text/javascript")
        elif path == STYLE_PATH:
            self._asset(_OVERLAY_CSS, "text/css")
        elif path == STATUS_PATH:
            preview = self.preview
            self._json(
                {
                    "generasi": preview.generation,
                    "bangun": preview.building,
                    "galat": preview.error,
                    "cepat": preview.fast_pages,
                    "beda": preview.mismatches,
                }
            )
        else:
            self._page()

    def _wait(self) -> None:
        query = dict(p.partition("=")[::2] for p in self.path.partition("?")[2].split("&"))
        try:
            seen, shown = int(query.get("generasi", "-1")), int(query.get("bangun", "0"))
        except ValueError:
            seen, shown = -1, 0
        page = _relative_page(urllib.parse.unquote(query.get("halaman", "/")))
        reload = self.preview.wait_for_reload(seen, shown, page, _LONG_POLL)
        self._json({"muat": reload, "generasi": self.preview.generation})

    def _json(self, value: dict) -> None:
        self._asset(json.dumps(value), "application/json")

    def _asset(self, text: str, kind: str) -> None:
        body = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _page(self) -> None:
        page = _relative_page(self.path.split("?", 1)[0])
        early = self.preview.open_page(page)
        if early is not None:  # the running build already wrote it: show it now
            with early[0] as file:
                self._html(file.read().decode("utf-8"), early[1])
            return
        file = self.preview.output / page
        if file.suffix != ".html" or not file.is_file():
            if self.preview.error and not file.exists():
                self._html(_ERROR_PAGE % "")  # the first build failed: show why
                return
            super().do_GET()
            return
        try:
            text = file.read_text(encoding="utf-8")
        except OSError:  # swapped away while reading: the next reload gets the new one
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE)
            return
        self._html(text)

    def _html(self, text: str, build: int = 0) -> None:
        preview = self.preview
        extra = _RELOAD_TAG % (SCRIPT_PATH, preview.generation, build)
        if preview.error and not build:  # a page the running build wrote is past the error
            extra = _OVERLAY % html.escape(preview.error) + extra
        at = text.rfind("</body>")
        text = text[:at] + extra + text[at:] if at >= 0 else text + extra
        body = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _relative_page(url_path: str) -> str:
    """The output file a URL path names (`a/` is `a/index.html`), relative, normalised."""
    parts = [
        p for p in posixpath.normpath(urllib.parse.unquote(url_path)).split("/") if p not in ("", ".", "..")
    ]
    if url_path.endswith("/") or not parts:
        parts.append("index.html")
    return os.path.join(*parts)


def start_server(preview: Preview, host: str, port: int) -> ThreadingHTTPServer:
    """Serve `preview.output` on host:port (0: any free port) from a background thread."""
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(preview.output)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    return server


def serve(
    settings_file: Path, output: Path, overrides: Mapping[str, Any], host: str = "127.0.0.1", port: int = 8000
) -> int:
    """Build, serve and rebuild on change until Ctrl+C."""
    from .swap import output_path

    output = output_path(output)
    output.mkdir(parents=True, exist_ok=True)
    preview = Preview(settings_file, output, overrides)
    server = start_server(preview, host, port)
    address = f"http://{host}:{server.server_address[1]}/"
    print(f"Pratinjau: {address} (Ctrl+C untuk berhenti)", flush=True)
    stop = threading.Event()
    try:
        preview.build()
        preview.watch(stop)
    except KeyboardInterrupt:
        print("Pratinjau dihentikan. (Preview stopped.)", file=sys.stderr)
    finally:
        stop.set()
        server.shutdown()
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (0: any free port)")


def main(argv: list[str] | None = None) -> int:
    """`python -m sitebuild.preview`: the same options as `python -m sitebuild`, plus --host/--port."""
    from .__main__ import main as sitebuild_main

    return sitebuild_main(["--serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
