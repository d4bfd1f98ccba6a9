"""Stock Pelican settings for the benchmark: the same posts, Pelican's defaults.

Default theme (notmyidea: THEME unset), no plugins, Pelican's own Atom feeds for
all posts and for every category (rubric). `bench/run.py` passes PATH (the
synthetic content), OUTPUT_PATH and, for warm rebuilds, the content cache.
"""

PATH = "content"
SITENAME = "PPK Concong"
SITEURL = ""
RELATIVE_URLS = True
FEED_DOMAIN = "https://ppk-concong.example.id"
AUTHOR = "Tim Media PPK Concong"
TIMEZONE = "Asia/Jakarta"
DEFAULT_LANG = "id"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
# The portal publishes lead images and gallery photos: stock copies them as is.
STATIC_PATHS = ["images", "galeri"]
IGNORE_FILES = [".#*", "*.yaml", "*.yml", "README*"]
READERS = {"rst": None, "htm": None, "html": None}
PLUGINS = []
DEFAULT_PAGINATION = 10
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Overridden to True by the warm runs (cache under the bench work folder).
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
