"""Pelican side of the feeds plugin.

* `initialized`: settings are read and checked once; a per-build `FeedsState`
  is put into the settings (so the context, every writer call and the
  `finalized` handler share it without module-level state) and the
  `absolute_url` Jinja filter is installed.
* `FeedsGenerator.generate_context` (after the article, page and stage
  generators): items, feed links and page metadata (JSON-LD, Open Graph) are
  handed to the templates.
* `FeedsGenerator.generate_output`: the RSS/Atom/JSON feeds.
* `content_written`: every HTML page any generator writes is recorded with an
  accurate `lastmod` (or none); `finalized` writes sitemap.xml (split past the
  per-file limit), the Google News sitemap and robots.txt, published builds only.
"""

from __future__ import annotations

import mimetypes
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from portal_common.clock import build_now
from portal_common.errors import ContentError
from portal_common.source import metadata_line

from . import settings as feed_settings
from .core import feedbuild, jsonld, sitemap
from .core.guid import check_guid_override, tag_uri
from .core.htmlclean import clean_html, plain_text
from .core.model import Channel, FeedCategory, FeedImage, FeedItem, FeedSpec
from .core.urls import absolute

STATE_KEY = "FEEDS_STATE"
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
    specs: list[FeedSpec] = field(default_factory=list)


# --- settings and filters ------------------------------------------------------------


def _initialize(pelican) -> None:
    conf = feed_settings.read(pelican.settings)
    pelican.settings[STATE_KEY] = FeedsState(conf)
    filters = dict(pelican.settings.get("JINJA_FILTERS") or {})
    filters["absolute_url"] = lambda path: absolute(conf.base_url, str(path or ""))
    pelican.settings["JINJA_FILTERS"] = filters


def _state(context: dict) -> FeedsState | None:
    state = context.get(STATE_KEY)
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


def _image(article, base: str, content_root: Path) -> FeedImage | None:
    lead = getattr(article, "lead_image", None)
    if lead is None:
        return None
    source = content_root / lead.path
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return FeedImage(
        url=absolute(base, lead.url),
        mime_type=mime,
        length=source.stat().st_size,
        width=lead.width,
        height=lead.height,
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


def feed_item(article, conf: feed_settings.FeedSettings, settings: dict) -> FeedItem:
    base = conf.base_url
    url = absolute(base, article.url)
    published, updated = _when(article)
    return FeedItem(
        guid=_guid(article, conf),
        title=str(article.title),
        url=url,
        summary_html=clean_html(article.get_summary(base), url),
        content_html=clean_html(article.get_content(base), url),
        published=published,
        updated=updated,
        author=_byline(article, settings.get("AUTHOR", "")),
        categories=_categories(article, base),
        image=_image(article, base, Path(settings["PATH"])),
    )


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
    articles = list(context.get("articles") or [])
    site = settings.get("SITENAME", "")
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
        )
    ]
    for category, posts in sorted(context.get("categories") or [], key=lambda pair: pair[0].slug):
        specs.append(
            FeedSpec(
                f"rubrik:{category.slug}",
                f"{site} · Rubrik {category.name}",
                f"Tulisan rubrik {category.name} dari {site}",
                category.url,
                [items[a] for a in posts if a in items],
                feed_settings.CATEGORY_RSS.format(slug=category.slug),
                feed_settings.CATEGORY_ATOM.format(slug=category.slug),
            )
        )
    specs += _stage_specs(context, site, items)
    return specs


def _stages(context: dict) -> Iterable:
    for election in context.get("elections") or []:
        all_stages = getattr(election, "all_stages", None)
        yield from (all_stages() if callable(all_stages) else getattr(election, "stages", []))


def _stage_specs(context: dict, site: str, items: dict) -> list[FeedSpec]:
    stage_posts = context.get("stage_posts") or {}
    specs = []
    for stage in _stages(context):
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
            )
        )
    return specs


def _channel(spec: FeedSpec, path: str, conf: feed_settings.FeedSettings, settings: dict) -> Channel:
    committee = settings.get("PORTAL_COMMITTEE") or {}
    logo = committee.get("logo_png") or committee.get("logo") or ""
    theme_logo = f"{settings.get('THEME_STATIC_DIR', 'theme')}/img/logo.svg"
    return Channel(
        title=spec.title,
        description=spec.description,
        home_url=absolute(conf.base_url, spec.home_path),
        self_url=absolute(conf.base_url, path),
        language="id",
        author_name=committee.get("name") or settings.get("AUTHOR", ""),
        author_email=committee.get("email", ""),
        logo_url=absolute(conf.base_url, logo or theme_logo),
        icon_url=absolute(conf.base_url, logo or theme_logo),
        hub_url=conf.hub_url,
    )


def write_feeds(output: Path, specs: list[FeedSpec], conf, settings: dict) -> dict[str, int]:
    """Write every feed; returns path -> item count (for logs and tests)."""
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
            document, count = feedbuild.capped_document(
                render, channel, spec.items, conf.max_items, conf.max_bytes
            )
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(document)
            counts[path] = count
    return counts


# --- page metadata for head_meta.html ------------------------------------------------


def _committee_org(settings: dict, base: str) -> dict:
    committee = settings.get("PORTAL_COMMITTEE") or {}
    logo = (
        committee.get("logo_png")
        or committee.get("logo")
        or f"{settings.get('THEME_STATIC_DIR', 'theme')}/img/logo.svg"
    )
    return jsonld.organization(
        committee.get("name") or settings.get("SITENAME", ""),
        absolute(base, ""),
        absolute(base, logo),
        committee.get("email", ""),
        committee.get("address", ""),
    )


def _article_meta(article, item: FeedItem, settings: dict, conf, org: dict) -> SimpleNamespace:
    base = conf.base_url
    team = [settings.get("AUTHOR", ""), org["name"]]
    author_url = absolute(base, article.author.url) if getattr(article, "author", None) else ""
    data = jsonld.news_article(
        headline=item.title,
        url=item.url,
        published=item.published,
        modified=item.updated,
        author=jsonld.person_or_team(item.author, team, author_url),
        publisher={k: org[k] for k in ("@type", "@id", "name", "url", "logo")},
        description=plain_text(item.summary_html),
        image=item.image,
        section=article.category.name,
        keywords=[tag.name for tag in getattr(article, "tags", [])],
    )
    crumbs = jsonld.breadcrumb_list(
        [
            ("Beranda", absolute(base, "")),
            (article.category.name, absolute(base, article.category.url)),
            (item.title, item.url),
        ]
    )
    return SimpleNamespace(
        description=plain_text(item.summary_html),
        image=item.image,
        published=item.published.isoformat(timespec="seconds"),
        modified=item.updated.isoformat(timespec="seconds"),
        section=article.category.name,
        tags=[tag.name for tag in getattr(article, "tags", [])],
        jsonld=[Markup(jsonld.script_json(data)), Markup(jsonld.script_json(crumbs))],
    )


def _page_meta(page, conf) -> SimpleNamespace:
    base = conf.base_url
    url = absolute(base, page.url)
    crumbs = jsonld.breadcrumb_list([("Beranda", absolute(base, "")), (str(page.title), url)])
    return SimpleNamespace(
        description=plain_text(page.get_summary(base)) if page.metadata.get("summary") else "",
        image=None,
        jsonld=[Markup(jsonld.script_json(crumbs))],
    )


# --- the generator ------------------------------------------------------------------------


class FeedsGenerator(Generator):
    """Builds feed items and page metadata, then writes the feeds."""

    def generate_context(self) -> None:
        state = _state(self.context)
        if state is None:  # the plugin's `initialized` handler did not run
            return
        conf = state.conf
        articles = list(self.context.get("articles") or [])
        state.items = {article: feed_item(article, conf, self.settings) for article in articles}
        _check_unique(articles, state.items)
        state.specs = _specs(self.context, self.settings, state.items)
        self._share(state)

    def _share(self, state: FeedsState) -> None:
        conf = state.conf
        org = _committee_org(self.settings, conf.base_url)
        for article, item in state.items.items():
            article.feed_meta = _article_meta(article, item, self.settings, conf, org)
        for page in self.context.get("pages") or []:
            page.feed_meta = _page_meta(page, conf)
        by_key = {spec.key: spec.links() for spec in state.specs}
        self.context["feeds_main"] = by_key.get("all", [])
        self.context["feeds_by_category"] = {
            key.split(":", 1)[1]: links for key, links in by_key.items() if key.startswith("rubrik:")
        }
        self.context["feeds_by_stage"] = {
            key.split(":", 1)[1]: links for key, links in by_key.items() if key.startswith("tahapan:")
        }
        self.context["feeds_base_url"] = conf.base_url
        self.context["feeds_default_image"] = org["logo"]["url"]
        self.context["feeds_home_jsonld"] = Markup(
            jsonld.script_json(
                jsonld.home_graph(org, self.settings.get("SITENAME", ""), absolute(conf.base_url, ""))
            )
        )

    def generate_output(self, writer) -> None:
        state = _state(self.context)
        if state is None:
            return
        write_feeds(Path(self.output_path), state.specs, state.conf, self.settings)


def _get_generators(pelican):
    return FeedsGenerator


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
        has_date = "date" in page.metadata or "modified" in page.metadata
        return _when(page)[1] if has_date else None
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
    state = pelican.settings.get(STATE_KEY)
    if not isinstance(state, FeedsState) or not state.conf.published:
        return
    conf, settings = state.conf, pelican.settings
    output = Path(pelican.output_path)
    files = sitemap.sitemap_files(
        sitemap_urls(output, state.pages, conf.base_url), conf.base_url, conf.sitemap_max_urls
    )
    for name, document in files.items():
        (output / name).write_bytes(document)
    now = build_now(settings.get("PORTAL_NOW"), settings.get("TIMEZONE", "Asia/Jakarta"))
    news = sitemap.recent_news(
        [sitemap.NewsEntry(item.url, item.title, item.published) for item in state.items.values()], now
    )
    publication = (settings.get("PORTAL_COMMITTEE") or {}).get("short_name") or settings.get("SITENAME", "")
    (output / feed_settings.NEWS_SITEMAP).write_bytes(sitemap.news_document(news, publication, "id"))
    robots = sitemap.robots_txt(
        [absolute(conf.base_url, "sitemap.xml"), absolute(conf.base_url, feed_settings.NEWS_SITEMAP)],
        conf.robots_disallow,
    )
    (output / "robots.txt").write_text(robots, encoding="utf-8")


def register() -> None:
    signals.initialized.connect(_initialize)
    signals.get_generators.connect(_get_generators)
    signals.content_written.connect(_record_page)
    signals.finalized.connect(_finalize)
