"""Debian's Apache and nginx started on 127.0.0.1 for one test module, serving a built site.

Both drop privileges to www-data, which cannot enter pytest's private temp folders,
so the site is copied into a world-readable folder first. Apache reads the site's
own `.htaccess` (AllowOverride All, like cPanel); nginx runs the `server` block
documented in docs/hosting.md, with only `listen` and `root` replaced.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

APACHE = Path("/usr/sbin/apache2")
APACHE_MODULES = Path("/usr/lib/apache2/modules")
NGINX = Path("/usr/sbin/nginx")
NGINX_BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# What the generated .htaccess uses (each inside <IfModule>), plus the basics.
APACHE_ALL = (
    *("mpm_event", "authz_core", "mime", "dir"),
    *("alias", "rewrite", "headers", "filter", "deflate", "brotli", "expires"),
)
APACHE_BARE = ("mpm_event", "authz_core", "mime", "dir")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


def fetch(base: str, path: str, accept_encoding: str | None = None) -> Response:
    """One GET, no redirects followed and no decoding (to see exactly what the server sent)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {"Accept-Encoding": "identity"}
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        connection.close()


def readable_copy(site: Path) -> Path:
    """A copy of `site` that the servers' unprivileged workers can read."""
    folder = Path(tempfile.mkdtemp(prefix="hosting-served-"))
    folder.chmod(0o755)
    target = folder / "site"
    shutil.copytree(site, target)
    for root, dirs, files in os.walk(target):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace') if log.exists() else ''}")
        try:
            fetch(base, "/robots.txt")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer: {log.read_text(errors='replace') if log.exists() else ''}")


@dataclass
class Server:
    base: str
    process: subprocess.Popen
    folder: Path
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_apache(site: Path, work: Path, modules: tuple[str, ...] = APACHE_ALL) -> Server:
    """Apache in the foreground (-X: one process) with a minimal config and the site's .htaccess."""
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    loads = "\n".join(f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so" for name in modules)
    config = work / "httpd.conf"
    config.write_text(
        f"""{loads}
ServerRoot {work}
PidFile {work}/httpd.pid
Mutex file:{work}
ErrorLog {work}/error.log
LogLevel warn
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
User www-data
Group www-data
TypesConfig /etc/mime.types
DocumentRoot {site}
DirectoryIndex index.html
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory {site}>
  AllowOverride All
  Require all granted
</Directory>
""",
        encoding="utf-8",
    )
    log = work / "error.log"
    process = subprocess.Popen(
        [str(APACHE), "-f", str(config), "-X", "-DFOREGROUND"],
        stdout=subprocess.DEVNULL,
        stderr=open(work / "stderr.log", "wb"),  # noqa: SIM115 - closed with the process
    )
    base = f"http://127.0.0.1:{port}"
    _wait(base, process, work / "stderr.log")
    return Server(base, process, work, log)


def nginx_config(snippet: str, site: Path, work: Path, port: int) -> str:
    """A whole nginx.conf around the documented `server` block (listen and root replaced)."""
    server = re.sub(r"(?m)^    listen 80;$", f"    listen 127.0.0.1:{port};", snippet)
    server = re.sub(r"(?m)^    root [^;]+;$", f"    root {site};", server)
    assert server != snippet, "the snippet has no `listen 80;`/`root …;` lines to replace"
    return f"""load_module {NGINX_BROTLI};
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
{server}
}}
"""


def start_nginx(site: Path, work: Path, snippet: str) -> Server:
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    config = work / "nginx.conf"
    config.write_text(nginx_config(snippet, site, work, port), encoding="utf-8")
    process = subprocess.Popen(
        [str(NGINX), "-p", str(work), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=open(work / "stderr.log", "wb"),  # noqa: SIM115 - closed with the process
    )
    base = f"http://127.0.0.1:{port}"
    _wait(base, process, work / "stderr.log")
    return Server(base, process, work, work / "error.log")
