"""Pelican side of the feeds plugin.

* `initialized`: a per-build `FeedsState` with the checked settings is put on the
  build's `Build.feeds` (portal_common.build), so the context, every writer call
  and the `finalized` handler share it without module-level state, and the
  `absolute_url` Jinja filter is installed.
* `all_generators_finalized` (every generator's context is complete, static
  files included): items, feed links and page metadata (JSON-LD, Open Graph)
  are handed to the templates.
* `FeedsGenerator.generate_output`: the RSS/Atom/JSON feeds.
* `content_written`: every HTML page any generator writes is recorded with an
  accurate `lastmod` (or none); `finalized` writes sitemap.xml (split past the
  per-file limit), the Google News sitemap and robots.txt, published builds only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import logging
import mimetypes
import os
import re
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel.dates import format_date
from pelican import signals
from pelican.generators import Generator
from portal_common import build
from portal_common.cachefile import Memo
from portal_common.errors import ContentError
from portal_common.outputfiles import write_if_changed
from portal_common.source import metadata_line

from . import settings as feed_settings
from .core import feedbuild, gitdates, jsonld, sharecard, sitemap
from .core.guid import check_guid_override, tag_uri
from .core.htmlclean import clean_html, header_value, plain_text
from .core.logo import logo_png
from .core.model import Channel, FeedCategory, FeedImage, FeedItem, FeedSpec
from .core.urls import absolute
from .pagemeta import page_description, page_meta

logger = logging.getLogger(__name__)
_NOINDEX = re.compile(rb"<meta(?=[^>]*name=[\"']robots[\"'])[^>]*content=[\"'][^\"']*noindex", re.I)


@dataclass
class WrittenPage:
    path: str  # relative to the output folder, POSIX style
    lastmod: datetime | None


@dataclass
class FeedsState:
    """Everything one build of the plugin remembers between signals."""

    conf: feed_settings.FeedSettings
    pages: list[WrittenPage] = field(default_factory=list)
    items: dict = field(default_factory=dict)  # article -> FeedItem
    context: dict = field(default_factory=dict)
    org: dict = field(default_factory=dict)  # the committee (JSON-LD GovernmentOrganization)
    cards: dict = field(default_factory=dict)  # article -> ShareCard, for posts without a lead image

    @property
    def org_ref(self) -> dict:
        """The committee as other JSON-LD objects name it (publisher, organizer)."""
        return {key: self.org[key] for key in ("@type", "@id", "name", "url") if key in self.org}


@dataclass(frozen=True)
class AbsoluteUrl:
    """The `absolute_url` Jinja filter (a class, not a lambda, so settings stay picklable)."""

    base: str

    def __call__(self, path: object) -> str:
        return absolute(self.base, str(path or ""))


# --- settings and filters ------------------------------------------------------------


def _initialize(pelican) -> None:
    this = build.start(pelican)
    conf = this.options(feed_settings.FeedSettings)
    this.feeds = FeedsState(conf)
    filters = dict(pelican.settings.get("JINJA_FILTERS") or {})
    filters["absolute_url"] = AbsoluteUrl(conf.base_url)
    pelican.settings["JINJA_FILTERS"] = filters
    template_globals = dict(pelican.settings.get("JINJA_GLOBALS") or {})
    template_globals.update(page_meta=page_meta, page_description=page_description)
    pelican.settings["JINJA_GLOBALS"] = template_globals


def _state(context: dict) -> FeedsState | None:
    state = getattr(context.get(build.KEY), "feeds", None)
    return state if isinstance(state, FeedsState) else None


# --- items -------------------------------------------------------------------------------


def _when(content) -> tuple[datetime, datetime]:
    published = content.date
    modified = getattr(content, "modified", None) or published
    return published, max(published, modified)


def _guid(article, conf: feed_settings.FeedSettings) -> str:
    override = article.metadata.get("guid")
    if override:
        guid = check_guid_override(str(override))
        if guid is None:
            raise _blame(
                article,
                "guid",
                f"Guid '{override}' tidak bisa dipakai",
                "tulis satu pengenal tanpa spasi, minimal 8 karakter",
            )
        return guid
    return tag_uri(conf.guid_authority, article.date, article.slug)


def _blame(content, key: str, message: str, hint: str) -> ContentError:
    path = content.relative_source_path or content.source_path
    return ContentError(path, metadata_line(content.source_path, key), message, hint)


def lead_image(article, base: str, output: Path | None, content_root: Path) -> FeedImage | None:
    """The lead image as published. The photo pipeline may re-encode it, so the byte
    length is read from the output file once it is written (`output`), else the source."""
    lead = getattr(article, "lead_image", None)
    if lead is None:
        return None
    src = lead.src
    published = output / src.path if output is not None else None
    file = published if published is not None and published.is_file() else content_root / lead.path
    mime = mimetypes.guess_type(str(src.path))[0] or "application/octet-stream"
    return FeedImage(
        url=absolute(base, src.path),
        mime_type=mime,
        length=file.stat().st_size,
        width=src.width,
        height=src.height,
        alt=lead.alt,
    )


def _categories(article, base: str) -> tuple[FeedCategory, ...]:
    found = [FeedCategory(article.category.name, absolute(base, article.category.url))]
    found += [FeedCategory(tag.name, absolute(base, tag.url)) for tag in getattr(article, "tags", [])]
    stage = getattr(article, "stage", None)
    if stage is not None:
        found.append(FeedCategory(stage.name, absolute(base, stage.url)))
    return tuple(found)


def _byline(article, default: str) -> str:
    author = getattr(article, "author", None)
    return author.name if author is not None and author.name else default


def feed_item(
    article, conf: feed_settings.FeedSettings, settings: dict, memo: Memo | None = None
) -> FeedItem:
    base = conf.base_url
    url = absolute(base, article.url)
    published, updated = _when(article)
    clean = memo.get if memo is not None else (lambda function, *args: function(*args))
    return FeedItem(
        guid=_guid(article, conf),
        title=str(article.title),
        url=url,
        summary_html=_summary_html(article, base, url, clean),
        content_html=clean(clean_html, article.get_content(base), url),
        published=published,
        updated=updated,
        author=_byline(article, settings.get("AUTHOR", "")),
        author_url=absolute(base, article.author.url) if getattr(article, "author", None) else "",
        categories=_categories(article, base),
        image=None,  # attached when the feeds are written, from the published file
    )


def _summary_html(article, base: str, url: str, clean) -> str:
    """A `Summary:` header is plain text (escaped here, never read as HTML); without one,
    Pelican's summary of the post body (HTML, cleaned)."""
    if "summary" in article.metadata:
        try:
            source = Path(article.source_path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            source = ""
        typed = header_value(source, "summary")
        if typed is not None:
            return html.escape(typed, quote=False)
    return clean(clean_html, article.get_summary(base), url)


def _check_unique(articles: list, items: dict) -> None:
    seen: dict[str, object] = {}
    for article in articles:
        guid = items[article].guid
        if guid in seen:
            other = seen[guid]
            raise _blame(
                article,
                "guid",
                f"Guid '{guid}' sama dengan tulisan {other.relative_source_path}",
                "setiap tulisan perlu Guid sendiri; hapus baris Guid atau ganti isinya",
            )
        seen[guid] = article


# --- feeds -------------------------------------------------------------------------------


def _specs(context: dict, settings: dict, items: dict) -> list[FeedSpec]:
    """Every feed family: the site, each rubric, tag (topic), author and stage."""
    articles = list(context.get("articles") or [])
    site = settings.get("SITENAME", "")
    newest = _newest(articles) or _site_updated(context, settings)
    specs = [
        FeedSpec(
            "all",
            site,
            settings.get("SITESUBTITLE", "") or site,
            "",
            [items[a] for a in articles],
            feed_settings.ALL_RSS,
            feed_settings.ALL_ATOM,
            feed_settings.ALL_JSON,
            empty_updated=newest,
        )
    ]
    families = (
        ("categories", "rubrik", "Rubrik", "Tulisan rubrik {name} dari {site}"),
        ("tags", "topik", "Topik", "Tulisan bertopik {name} dari {site}"),
        ("authors", "penulis", "Penulis", "Tulisan {name} di {site}"),
    )
    for context_key, kind, label, description in families:
        paths = feed_settings.FAMILY_PATHS[kind]
        for wrapper, posts in sorted(context.get(context_key) or [], key=lambda pair: pair[0].slug):
            specs.append(
                FeedSpec(
                    f"{kind}:{wrapper.slug}",
                    f"{site} · {label} {wrapper.name}",
                    description.format(name=wrapper.name, site=site),
                    wrapper.url,
                    [items[a] for a in posts if a in items],
                    paths[0].format(slug=wrapper.slug),
                    paths[1].format(slug=wrapper.slug),
                    empty_updated=newest,
                )
            )
    specs += _stage_specs(context, site, items, newest)
    return specs


def _stages(context: dict) -> Iterable:
    for election in context.get("elections") or []:
        all_stages = getattr(election, "all_stages", None)
        for stage in all_stages() if callable(all_stages) else getattr(election, "stages", []):
            yield election, stage


def _site_updated(context: dict, settings: dict) -> datetime:
    """When a site without posts last changed: its newest stage data `updated:` date, else
    the build's "now" (PORTAL_NOW in reproducible builds). Feeds never invent a date."""
    this = build.of(settings)
    dates = [d for election in this.elections if (d := _election_updated(election, this.timezone))]
    return max(dates) if dates else this.now


def _election_updated(election, zone: str) -> datetime | None:
    """The stage data's `updated:` date (end of that day in the site's zone), if any."""
    updated = getattr(election, "updated", None)
    if updated is None or not hasattr(updated, "year"):
        return None
    return datetime(updated.year, updated.month, updated.day, 23, 59, 59, tzinfo=ZoneInfo(zone))


def _stage_specs(context: dict, site: str, items: dict, newest: datetime | None) -> list[FeedSpec]:
    stage_posts = context.get("stage_posts") or {}
    zone = context.get("TIMEZONE") or "Asia/Jakarta"
    specs = []
    for election, stage in _stages(context):
        posts = sorted(
            (a for a in stage_posts.get(stage.slug, []) if a in items),
            key=lambda a: a.date,
            reverse=True,
        )
        specs.append(
            FeedSpec(
                f"tahapan:{stage.slug}",
                f"{site} · Tahapan {stage.name}",
                f"Berita tahapan {stage.name} dari {site}",
                stage.url,
                [items[a] for a in posts],
                feed_settings.STAGE_RSS.format(slug=stage.slug),
                feed_settings.STAGE_ATOM.format(slug=stage.slug),
                empty_updated=_election_updated(election, zone) or newest,
            )
        )
    return specs


def _channel(spec: FeedSpec, path: str, conf: feed_settings.FeedSettings, settings: dict) -> Channel:
    committee = settings.get("PORTAL_COMMITTEE") or {}
    return Channel(
        title=spec.title,
        description=spec.description,
        home_url=absolute(conf.base_url, spec.home_path),
        self_url=absolute(conf.base_url, path),
        language="id",
        author_name=committee.get("name") or settings.get("AUTHOR", ""),
        author_email=committee.get("email", ""),
        logo_url=absolute(conf.base_url, feed_settings.LOGO_SMALL),  # RSS <image>: at most 144 px wide
        logo_width=feed_settings.LOGO_SMALL_SIZE,
        logo_height=feed_settings.LOGO_SMALL_SIZE,
        icon_url=absolute(conf.base_url, feed_settings.LOGO),
        hub_url=conf.hub_url,
        empty_updated=spec.empty_updated,
    )


def write_feeds(output: Path, specs: list[FeedSpec], conf, settings: dict) -> dict[str, int]:
    """Write every feed; returns path -> item count (for logs and tests).

    Each document is a pure function of its channel, its newest items and the
    caps, so it is kept across builds in a `Memo` keyed by their reprs: after one
    edit only the feeds that list the edited post are rendered again.
    """
    memo = Memo.open(settings, "feeds-documents")  # the code version is part of every Store
    counts = _write_feeds(output, specs, conf, settings, memo)
    memo.save()
    return counts


def _write_feeds(output: Path, specs: list[FeedSpec], conf, settings: dict, memo: Memo) -> dict[str, int]:
    renderers = []
    counts: dict[str, int] = {}
    for spec in specs:
        renderers = [
            (spec.rss_path, feedbuild.rss_document),
            (spec.atom_path, feedbuild.atom_document),
            (spec.json_path, feedbuild.json_feed_document),
        ]
        for path, render in renderers:
            if not path:
                continue
            channel = _channel(spec, path, conf, settings)
            items = spec.items[: conf.max_items]

            def capped(*_key: str, render=render, channel=channel, items=items) -> tuple[bytes, int]:
                return feedbuild.capped_document(render, channel, items, conf.max_items, conf.max_bytes)

            document, count = memo.get(
                capped,
                render.__qualname__,
                repr(channel),
                repr(list(items)),
                f"{conf.max_items}/{conf.max_bytes}",
            )
            write_output(output / path, document)
            counts[path] = count
    return counts


def write_output(path: Path, data: bytes) -> None:
    """Write unless the file already holds these bytes (portal_common.outputfiles): an
    unchanged file keeps its mtime and gets a fresh ctime, which is how the build driver
    tells files of this build from leftovers (sitebuild/outputs.py)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, data)


# --- page metadata for head_meta.html ------------------------------------------------


def _committee_org(settings: dict, base: str) -> dict:
    committee = settings.get("PORTAL_COMMITTEE") or {}
    return jsonld.organization(
        committee.get("name") or settings.get("SITENAME", ""),
        absolute(base, ""),
        absolute(base, feed_settings.LOGO),
        committee.get("email", ""),
        committee.get("address", ""),
    )


@dataclass(frozen=True)
class ShareCard:
    """A post's generated share card: where it is published and what it says."""

    path: str  # relative to the output folder
    text: sharecard.CardText

    def image(self, base: str, length: int = 0) -> FeedImage:
        return FeedImage(
            url=absolute(base, self.path),
            mime_type=sharecard.MIME_TYPE,
            length=length,
            width=sharecard.WIDTH,
            height=sharecard.HEIGHT,
            alt=f"{self.text.title} ({self.text.rubric}, {self.text.date})",
        )


def share_card(article, settings: dict, base: str) -> ShareCard:
    """The card of a post without a lead image; its file name follows the post's URL."""
    committee = settings.get("PORTAL_COMMITTEE") or {}
    name = re.sub(r"[^a-z0-9-]+", "-", article.url.strip("/").lower()).strip("-") or article.slug
    text = sharecard.CardText(
        title=str(article.title),
        rubric=article.category.name,
        date=format_date(article.date, "EEEE, d MMMM y", locale="id"),
        committee=committee.get("name") or settings.get("SITENAME", ""),
        host=urlsplit(settings.get("PORTAL_PUBLIC_URL") or base).hostname or "",
    )
    return ShareCard(feed_settings.CARD_PATH.format(name=name), text)


class ArticleMeta:
    """What head_meta.html shows for a post. Image and JSON-LD are read when the page is
    rendered: the photo pipeline sets the lead image's final URL and size after us."""

    def __init__(self, article, item: FeedItem, settings: dict, conf, state: FeedsState) -> None:
        self._article, self._item, self._settings, self._conf = article, item, settings, conf
        self._org, self._card = state.org, state.cards.get(article)
        self.description = plain_text(item.summary_html)
        self.published = item.published.isoformat(timespec="seconds")
        self.modified = item.updated.isoformat(timespec="seconds")
        self.section = article.category.name
        self.tags = [tag.name for tag in getattr(article, "tags", [])]

    @property
    def image(self) -> FeedImage | None:
        """The lead image, else the generated share card."""
        lead = lead_image(self._article, self._conf.base_url, None, Path(self._settings["PATH"]))
        if lead is not None or self._card is None:
            return lead
        return self._card.image(self._conf.base_url)

    @property
    def jsonld(self) -> dict:
        """The post as a NewsArticle (its BreadcrumbList: pagemeta.page_meta)."""
        item, org = self._item, self._org
        team = [self._settings.get("AUTHOR", ""), org["name"]]
        return jsonld.news_article(
            headline=item.title,
            url=item.url,
            published=item.published,
            modified=item.updated,
            author=jsonld.person_or_team(item.author, team, item.author_url),
            publisher={k: org[k] for k in ("@type", "@id", "name", "url", "logo")},
            description=self.description,
            image=self.image,
            section=self.section,
            keywords=self.tags,
        )


def describe_article(article, state: FeedsState, settings: dict, memo: Memo | None = None) -> FeedItem:
    """One published post's feed item, share card (without a lead image) and page metadata
    (`article.feed_meta`), recorded in `state`: a function of the post and this build's
    state (`state.conf`, `state.org`), so one edited post can be described alone."""
    item = state.items[article] = feed_item(article, state.conf, settings, memo)
    if getattr(article, "lead_image", None) is None:
        state.cards[article] = share_card(article, settings, state.conf.base_url)
    article.feed_meta = ArticleMeta(article, item, settings, state.conf, state)
    return item


# --- modified dates from git ---------------------------------------------------------------


def git_history(content_root: Path) -> dict[str, datetime]:
    """Last commit date of every file under `content_root` (one `git log`), or {} when the
    folder is not in a git work tree, git is missing, or the clone is shallow."""

    def git(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", *arguments], cwd=content_root, capture_output=True, text=True, check=False
        )

    try:
        shallow = git(*gitdates.SHALLOW_ARGUMENTS)
        if shallow.returncode != 0:
            return {}  # not a git work tree
        if shallow.stdout.strip() == "true":
            # info, not warning: builds treat warnings as fatal, and a shallow clone is a
            # working (if less precise) site. docs/feeds.md asks for the full history.
            logger.info("feeds: shallow git clone, modified dates fall back to Date")
            return {}
        log = git(*gitdates.LOG_ARGUMENTS)
    except OSError:  # no git on this machine
        return {}
    return gitdates.parse_log(log.stdout) if log.returncode == 0 else {}


def apply_git_dates(contents: Iterable, content_root: Path, settings: dict) -> int:
    """Give posts and pages without `Modified:` the date of their last commit; returns how many."""
    history = git_history(content_root)
    if not history:
        return 0
    this = build.of(settings)
    zone, now = ZoneInfo(this.timezone), this.now
    changed = 0
    for content in contents:
        relative = Path(os.path.relpath(content.source_path, content_root)).as_posix()
        explicit = content.modified if "modified" in content.metadata else None
        published = getattr(content, "date", None) if "date" in content.metadata else None
        when = gitdates.modified_date(relative, published, explicit, history, now)
        if when is not None:
            content.modified = when.astimezone(zone)
            changed += 1
    return changed


# --- the generator ------------------------------------------------------------------------


class FeedsGenerator(Generator):
    """Builds feed items and page metadata, then writes the feeds."""

    def generate_context(self) -> None:
        """Nothing yet: content is rendered in `prepare`, once static files are known."""

    def prepare(self) -> None:
        """Items, feed links and page metadata; runs on `all_generators_finalized`.

        Rendering a post's HTML resolves its `{static}` links, which only works
        after the static generator has read its files (it runs last).
        """
        state = _state(self.context)
        if state is None:  # the plugin's `initialized` handler did not run
            return
        started = time.perf_counter()
        conf = state.conf
        articles = list(self.context.get("articles") or [])
        if conf.git_dates:
            pages = list(self.context.get("pages") or [])
            dated = apply_git_dates([*articles, *pages], Path(self.settings["PATH"]), self.settings)
            logger.info("feeds: %d modified dates from git history", dated)
        # Cleaned HTML is kept across builds (portal_common.cachefile), keyed by the
        # post's HTML and URL; a change to the code or bs4 starts a new memo.
        memo = Memo.open(self.settings, "feeds-clean-html")
        state.org = _committee_org(self.settings, conf.base_url)
        for article in articles:
            describe_article(article, state, self.settings, memo)
        memo.save()
        _check_unique(articles, state.items)
        state.context = self.context
        self._share(state)
        logger.info("feeds: %d items prepared in %.2f s", len(articles), time.perf_counter() - started)

    def _share(self, state: FeedsState) -> None:
        """Every page's feed links (footer, autodiscovery)."""
        by_key = {spec.key: spec.links() for spec in _specs(self.context, self.settings, state.items)}
        self.context["feeds_main"] = by_key.get("all", [])
        for name, kind in (
            ("feeds_by_category", "rubrik"),
            ("feeds_by_tag", "topik"),
            ("feeds_by_author", "penulis"),
            ("feeds_by_stage", "tahapan"),
        ):
            prefix = f"{kind}:"
            self.context[name] = {
                key[len(prefix) :]: links for key, links in by_key.items() if key.startswith(prefix)
            }

    def generate_output(self, writer) -> None:
        """Nothing: feeds are written on `finalized`, after the images are published."""


def _get_generators(pelican):
    return FeedsGenerator


def _prepare(generators) -> None:
    for generator in generators:
        if isinstance(generator, FeedsGenerator):
            generator.prepare()


# --- sitemaps -----------------------------------------------------------------------------


def _newest(contents: Iterable) -> datetime | None:
    dates = [_when(content)[1] for content in contents if getattr(content, "date", None)]
    return max(dates) if dates else None


def page_lastmod(context: dict) -> datetime | None:
    """An accurate last-modified date for a written page, or None when there is none."""
    if "sitemap_lastmod" in context:
        return context["sitemap_lastmod"]
    if context.get("article") is not None:
        return _when(context["article"])[1]
    page = context.get("page")
    if page is not None and hasattr(page, "metadata"):
        if "date" in page.metadata:
            return _when(page)[1]
        return getattr(page, "modified", None)  # `Modified:` or the last commit (apply_git_dates)
    if context.get("articles_page") is not None:
        return _newest(context["articles_page"].object_list)
    stage = context.get("stage")
    if stage is not None and hasattr(stage, "slug"):
        return _newest((context.get("stage_posts") or {}).get(stage.slug, []))
    if context.get("blog"):
        return _newest(context.get("dates") or context.get("articles") or [])
    return None


def _record_page(path: str, context: dict) -> None:
    state = _state(context)
    if state is None or not path.endswith(".html"):
        return
    relative = Path(os.path.relpath(path, context.get("OUTPUT_PATH", "."))).as_posix()
    state.pages.append(WrittenPage(relative, page_lastmod(context)))


def _indexable(output: Path, page: WrittenPage) -> bool:
    if page.path == "404.html" or page.path.startswith(".."):
        return False
    try:
        with open(output / page.path, "rb") as handle:
            head = handle.read(32_768)
    except OSError:
        return False
    return not _NOINDEX.search(head.split(b"</head>", 1)[0])


def sitemap_urls(output: Path, pages: list[WrittenPage], base: str) -> list[sitemap.SitemapUrl]:
    by_loc: dict[str, sitemap.SitemapUrl] = {}
    for page in pages:
        if _indexable(output, page):
            loc = absolute(base, page.path)
            by_loc[loc] = sitemap.SitemapUrl(loc, page.lastmod)
    return sorted(by_loc.values(), key=lambda url: (url.loc != absolute(base, ""), url.loc))


def _finalize(pelican) -> None:
    state = _state(pelican.settings)
    if state is None or not state.context:
        return
    output = Path(pelican.output_path)
    settings = pelican.settings
    content_root = Path(settings["PATH"])
    started = time.perf_counter()
    card_images = write_share_cards(output, state.cards, state.conf.base_url, settings, state.conf.card_fonts)
    logger.info("feeds: %d share cards in %.2f s", len(card_images), time.perf_counter() - started)
    items = {
        article: replace(
            item,
            image=lead_image(article, state.conf.base_url, output, content_root) or card_images.get(article),
        )
        for article, item in state.items.items()
    }
    started = time.perf_counter()
    write_output(output / feed_settings.LOGO, logo_png(feed_settings.LOGO_SIZE))
    write_output(output / feed_settings.LOGO_SMALL, logo_png(feed_settings.LOGO_SMALL_SIZE))
    counts = write_feeds(output, _specs(state.context, settings, items), state.conf, settings)
    logger.info("feeds: %d feed files written in %.2f s", len(counts), time.perf_counter() - started)
    if state.conf.published:
        started = time.perf_counter()
        urls = write_indexing_files(output, state, settings)
        logger.info("feeds: sitemaps (%d URLs) and robots.txt in %.2f s", urls, time.perf_counter() - started)


def write_share_cards(
    output: Path, cards: dict, base: str, settings: dict, font_files: tuple[str, str]
) -> dict:
    """Draw and write every share card; returns article -> FeedImage (with its byte length).

    A card is a pure function of its text, so cards are kept across builds in a
    `Memo` (about 0.1 s each to draw; see docs/feeds.md for the measured gain)."""
    fonts = sharecard.CardFonts(*font_files)
    memo = Memo.open(settings, "feeds-share-cards", _share_card_version(fonts))
    logo = logo_png(sharecard.LOGO_SIZE)
    images = {}
    for article, card in cards.items():
        text = card.text

        def draw(*_key: str, text=text) -> bytes:
            return sharecard.share_card_jpeg(text, fonts, logo)

        data = memo.get(draw, *dataclasses.astuple(text), valid=lambda value: isinstance(value, bytes))
        write_output(output / card.path, data)
        images[article] = card.image(base, len(data))
    memo.save()
    return images


def _share_card_version(fonts: sharecard.CardFonts) -> str:
    """The fonts a card depends on (the code and Pillow are in every Store's version)."""
    return hashlib.sha256(Path(fonts.regular).read_bytes() + Path(fonts.bold).read_bytes()).hexdigest()


def write_indexing_files(output: Path, state: FeedsState, settings: dict) -> int:
    """sitemap.xml (or an index and its parts), the Google News sitemap, robots.txt.

    Returns how many URLs the sitemap lists."""
    conf = state.conf
    urls = sitemap_urls(output, state.pages, conf.base_url)
    files = sitemap.sitemap_files(urls, conf.base_url, conf.sitemap_max_urls)
    for name, document in files.items():
        write_output(output / name, document)
    now = build.of(settings).now
    news = sitemap.recent_news(
        [sitemap.NewsEntry(item.url, item.title, item.published) for item in state.items.values()], now
    )
    publication = (settings.get("PORTAL_COMMITTEE") or {}).get("short_name") or settings.get("SITENAME", "")
    sitemaps = [absolute(conf.base_url, "sitemap.xml")]
    if news:  # no recent post: no news sitemap (an empty one is schema-invalid)
        write_output(output / feed_settings.NEWS_SITEMAP, sitemap.news_document(news, publication, "id"))
        sitemaps.append(absolute(conf.base_url, feed_settings.NEWS_SITEMAP))
    robots = sitemap.robots_txt(sitemaps, conf.robots_disallow)
    write_output(output / "robots.txt", robots.encode("utf-8"))
    return len(urls)


def register() -> None:
    signals.initialized.connect(_initialize)
    signals.get_generators.connect(_get_generators)
    signals.all_generators_finalized.connect(_prepare)
    signals.content_written.connect(_record_page)
    signals.finalized.connect(_finalize)
