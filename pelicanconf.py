"""Settings for local preview of the PPK Concong portal.

`publishconf.py` imports everything here and overrides what differs for the
published site. Every project-specific setting carries a comment; Pelican's
own settings are documented at https://docs.getpelican.com/en/4.12.0/settings.html
"""

import os
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent
# Plugins share pure helpers (plugins/portal_common); Pelican loads plugins by path
# without putting that folder on sys.path, so we do.
if str(PROJECT_ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT / "plugins"))

# --- Identity -----------------------------------------------------------------
SITENAME = "PPK Concong"
# Shown under the site name in the header and in feeds.
SITESUBTITLE = "Panitia Pemilihan Kecamatan Concong · Pemilu 2024"
# Empty for local preview: links are relative so the site works from any folder.
SITEURL = ""
RELATIVE_URLS = True
DEFAULT_LANG = "id"
# The committee behind the site: header, footer, contact page, structured data.
PORTAL_COMMITTEE = {
    "name": "Panitia Pemilihan Kecamatan Concong",
    "short_name": "PPK Concong",
    "kecamatan": "Concong",
    "kabupaten": "Indragiri Hilir",
    "provinsi": "Riau",
    "address": "Kantor Camat Concong, Jl. Pelabuhan, Concong Luar, Kec. Concong, Kab. Indragiri Hilir, Riau",
    "email": "ppk.concong@example.id",
    "phone": "0812-0000-0000 (contoh)",
    "office_hours": "Senin–Jumat, 08.00–16.00 WIB",
    "logo": "theme/img/logo.svg",
}
# Fallback byline when a post has no `Author:` line.
AUTHOR = "Tim Media PPK Concong"
# The public address of the site, used where a link must work outside the site
# (the WhatsApp share text) even in local preview. publishconf.py uses it as SITEURL.
PORTAL_PUBLIC_URL = "https://ppk-concong.example.id"
# Share link prefix; the encoded "title URL" text is appended. A plain link, no script.
PORTAL_SHARE_URL = "https://wa.me/?text="

# --- Time -----------------------------------------------------------------------
# Every date in the content is read as WIB; the time label ("WIB") follows this zone.
TIMEZONE = "Asia/Jakarta"
# "Now" for anything computed at build time (current stage, countdown, scheduled
# posts): an ISO 8601 datetime with offset, or None for the build's own clock.
PORTAL_NOW = None

# --- Content --------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["posts"]
# Posts are Markdown only; the reStructuredText reader is off (docutils also warns
# that it has no Indonesian localization).
READERS = {"rst": None, "htm": None, "html": None}
PAGE_PATHS = ["pages"]
# Copied as is into the output: images and the per-election calendar data.
STATIC_PATHS = ["images"]
# YAML data (stages, officers) is read by plugins, never rendered as pages.
IGNORE_FILES = [".#*", "*.yaml", "*.yml", "README*"]
# The allowed rubrics (Pelican categories); a post with any other is an error.
PORTAL_RUBRICS = ["Berita", "Pengumuman", "Kegiatan", "Sosialisasi", "Opini"]
DEFAULT_CATEGORY = "Berita"
# A post without `Category:` gets DEFAULT_CATEGORY, never its folder name ("2023").
USE_FOLDER_AS_CATEGORY = False
# Pelican's own date format (unused by our theme, which formats dates with Babel).
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DEFAULT_PAGINATION = 10
# Drafts are written under draf/ so the officer can preview them (DRAFT_SAVE_AS
# below); publishconf.py empties DRAFT_SAVE_AS so they are never published.
# How many related posts (by shared tags) an article page lists.
PORTAL_RELATED_COUNT = 3
# How many posts the home page lists under the lead story.
PORTAL_HOME_LATEST = 8
SUMMARY_MAX_LENGTH = 40

# --- URLs: Indonesian, directory style, stable forever -----------------------------
ARTICLE_URL = "berita/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
DRAFT_URL = "draf/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "rubrik/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
CATEGORIES_SAVE_AS = ""
TAG_URL = "topik/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
TAGS_URL = "topik/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
AUTHOR_URL = "penulis/{slug}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"
AUTHORS_SAVE_AS = ""
ARCHIVES_URL = "indeks/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_URL = "indeks/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
MONTH_ARCHIVE_URL = "indeks/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
DAY_ARCHIVE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/halaman/{number}/", "{base_name}/halaman/{number}/index.html"),
)
# Templates rendered once at the top of the output (the 404 page).
DIRECT_TEMPLATES = ["index", "tags", "archives"]
TEMPLATE_PAGES = {"404.html": "404.html"}

# --- Theme and plugins ----------------------------------------------------------
THEME = str(PROJECT_ROOT / "theme")
PLUGIN_PATHS = [str(PROJECT_ROOT / "plugins")]
PLUGINS = [
    "content_checks",  # keep first: validates all content before anything is rendered
    "indonesian_dates",
    "news_portal",
    "election_stages",
    "feeds",  # after election_stages: consumes its stage posts for the per-stage feeds
    "officers",  # officer directory, galleries, photo pipeline (every published raster image)
    "polling_places",  # after officers: the TPS list (/memilih/) reads wilayah.yaml through it
    "web_editor",  # /admin/: the web editor (Decap CMS from node_modules, config generated from the data)
    "site_search",  # Pagefind indexes the finished output (only hosting comes after it)
    # Keep last: publishes the theme files under fingerprinted names (templates: asset()),
    # and compresses the finished output, the search index included (docs/hosting.md).
    "hosting",
]
# Hosting (docs/hosting.md): local preview writes no host files (.htaccess, _headers,
# _redirects) and no .br/.gz siblings; the preview server uses neither. publishconf.py
# turns both on. Extra headers per top-level folder: HOSTING_PATH_POLICIES (e.g. /admin/).
HOSTING_HOST_FILES = False
HOSTING_PRECOMPRESS = False
# Search (site_search, docs/search.md): parts of a post body left out of the index
# (the stage badge is a search filter already; the share link is not news).
PORTAL_SEARCH_EXCLUDE = [".stage-badge", ".share"]
# Voting-place page (polling_places): where content/data/petugas/tps.yaml is shown.
POLLING_PLACES_URL = "memilih/"
# Main navigation, in order: (label, URL relative to the site root).
# Plugins that own a section (Tahapan, Petugas, Galeri, Cari) add their entry with
# portal_common.nav; "Indeks Berita" is in the footer and on the search page.
PORTAL_NAV = [
    ("Beranda", ""),
    ("Berita", "rubrik/berita/"),
    ("Pengumuman", "rubrik/pengumuman/"),
    ("Kegiatan", "rubrik/kegiatan/"),
    ("Sosialisasi", "rubrik/sosialisasi/"),
    ("Tentang", "tentang/"),
]
# Markdown: tables and attribute lists for figures; no code highlighting needed.
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # Column alignment as align="…", not style="…": the CSP blocks inline styles.
        "markdown.extensions.tables": {"use_align_attribute": True},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
TYPOGRIFY = False
# Templates escape every value (a title with `&`, quotes or `</script>` must show as
# written); rendered Markdown bodies are marked `|safe` where they are output.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [], "autoescape": True}
# Feeds are the feed plugin's job (feedgen); Pelican's own feedgenerator is off so
# nothing is written twice.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Feeds plugin (docs/feeds.md). Items per feed (newest first), and the size cap.
FEEDS_MAX_ITEMS = 50
FEEDS_MAX_BYTES = 2 * 1024 * 1024  # Google News reads at most 2 MB per feed
# WebSub hub announced in every feed ("" = none), e.g. "https://pubsubhubbub.appspot.com/".
FEEDS_HUB_URL = ""
# Local preview has no absolute SITEURL: feeds are written for this address instead.
FEEDS_PREVIEW_SITEURL = "http://localhost:8000"
# Host in the feed item ids (tag: URIs). Never change it once published; default: PORTAL_PUBLIC_URL's host.
FEEDS_GUID_AUTHORITY = ""

# Reproducible output: never stamp the build time where nobody asked for it.
OUTPUT_RETENTION = []
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False

# Web editor at /admin/ (web_editor, docs/editor.md). The local preview saves through the
# CMS proxy that `invoke edit` starts on loopback; the published site uses the git host.
# (`invoke edit --cms-port N` passes its port in PORTAL_EDITOR_BACKEND_PORT.)
_EDITOR_BACKEND_PORT = int(os.environ.get("PORTAL_EDITOR_BACKEND_PORT", "8081"))
WEB_EDITOR_LOCAL_BACKEND = f"http://127.0.0.1:{_EDITOR_BACKEND_PORT}/api/v1"
# The published site's backend: the GitHub repository and branch the editor commits to
# (GITHUB_REPOSITORY is set by GitHub Actions). base_url: the OAuth relay for sign-in.
WEB_EDITOR_BACKEND = {
    "name": "github",
    "repo": os.environ.get("GITHUB_REPOSITORY", "pemilik/portal-ppk"),
    "branch": os.environ.get("PORTAL_EDITOR_BRANCH", "main"),
}
if os.environ.get("PORTAL_EDITOR_AUTH_URL"):
    WEB_EDITOR_BACKEND["base_url"] = os.environ["PORTAL_EDITOR_AUTH_URL"]
