#!/usr/bin/env bash
# One entry point for a fresh machine (Debian, Python 3.11):
#   ./bootstrap.sh serve   set up (npm ci for the web editor too), build the demo site and serve it on
#                          http://localhost:8000
#   ./bootstrap.sh test    set up (incl. Chromium for browser tests) and run every test
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")"
# Content is UTF-8 whatever the machine's locale (a fresh Debian has none set).
export PYTHONUTF8=1 LANG="${LANG:-C.UTF-8}"
mode="${1:-}"
case "$mode" in serve|test) ;; *) echo "usage: ./bootstrap.sh serve|test" >&2; exit 2 ;; esac

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_bin="$(command -v python3.11 || command -v python3)"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv with $python_bin"
  "$python_bin" -m venv .venv
fi

requirements=requirements.txt
[ "$mode" = test ] && requirements=requirements-dev.txt
stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$mode"
if [ ! -f "$stamp" ]; then
  echo "==> pip install -r $requirements"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi

# npm packages: the web editor (/admin/, copied from node_modules at build time) and
# the test tools. Node itself comes from Debian when missing.
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi

if [ "$mode" = serve ]; then
  exec .venv/bin/invoke rebuild serve
fi

# Tests: rsync for the publish tests, Debian's Chromium for the browser tests
# (Playwright drives /usr/bin/chromium; downloading a browser is not possible here),
# Apache and nginx (+ its Brotli module) for the hosting tests (tests/hosting).
apt_install rsync chromium fonts-dejavu-core apache2 nginx libnginx-mod-http-brotli-static
exec .venv/bin/invoke test
