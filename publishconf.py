"""Settings for the published site: everything from pelicanconf.py, plus what differs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403
from pelicanconf import PORTAL_PUBLIC_URL  # noqa: E402

# Absolute URLs: feeds, sitemaps, canonical links and shared links need them.
# Override with PORTAL_SITEURL when hosting elsewhere (e.g. a GitHub Pages project URL).
SITEURL = os.environ.get("PORTAL_SITEURL", PORTAL_PUBLIC_URL).rstrip("/")
RELATIVE_URLS = False
# Drafts are never written to the published site.
DRAFT_URL = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# Hosting (docs/hosting.md): .htaccess (Apache/cPanel), _headers + _redirects (Netlify,
# Cloudflare Pages) and precompressed .br/.gz siblings for nginx and Apache.
HOSTING_HOST_FILES = True
HOSTING_PRECOMPRESS = True
# Published dates and "now" are read in the committee's zone.
TIMEZONE = "Asia/Jakarta"
DELETE_OUTPUT_DIRECTORY = True
# Where `invoke publish` sends the site (rsync over SSH); empty means "not configured".
SSH_HOST = os.environ.get("PORTAL_SSH_HOST", "")
SSH_PORT = int(os.environ.get("PORTAL_SSH_PORT", "22"))
SSH_USER = os.environ.get("PORTAL_SSH_USER", "")
SSH_TARGET_DIR = os.environ.get("PORTAL_SSH_TARGET_DIR", "")
# The web editor saves to the git host only (no local proxy on the published site).
WEB_EDITOR_LOCAL_BACKEND = ""
