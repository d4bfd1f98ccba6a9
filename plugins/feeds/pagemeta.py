"""What every page says about itself when shared or crawled (printed by head_meta.html).

Two Jinja globals, installed by the adapter:

* `page_description()`: the description of page types whose template does not
  write its own (rubric, topic, author, archive, search, 404, home, a page
  without summary). base.html uses it as the default `description` block.
* `page_meta(title, description)`: base.html hands in its own rendered `title`
  and `description` blocks, so Open Graph and Twitter tags always repeat the
  page's own `<title>` (without the " · site name" suffix) and
  `<meta name="description">`; the type-specific parts (image, robots, JSON-LD,
  feed autodiscovery, a post's breadcrumb trail) are chosen here from the
  template context. base.html calls it once (`_meta`): head_meta.html prints the
  tags, and a post's visible breadcrumb and its BreadcrumbList print one trail.

Both are plain module functions reading the per-build state from the context
(no module-level state).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from jinja2 import pass_context
from markupsafe import Markup
from portal_common import build

from . import settings as feed_settings
from .core import jsonld
from .core.model import Crumb, FeedImage, FeedLink
from .core.urls import absolute

DESCRIPTION_LENGTH = 160
_TITLE_SEPARATORS = (" · ", " — ", " - ", " | ")


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    url: str
    og_type: str
    image: FeedImage
    large_image: bool  # twitter:card summary_large_image (else summary)
    noindex: bool
    article: Any  # a published post's feeds.adapter.ArticleMeta (dates, section, tags), else None
    jsonld: tuple[Markup, ...]
    feeds: tuple[FeedLink, ...]
    breadcrumb: tuple[Crumb, ...]  # the visible trail (base.html) and the BreadcrumbList


def page_title(rendered: str, site_name: str) -> str:
    """The page's own title: its `<title>` text without a trailing " · site name"."""
    text = Markup(rendered).striptags() if rendered else ""
    for separator in _TITLE_SEPARATORS:
        suffix = f"{separator}{site_name}"
        if site_name and text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].strip()
    return text or site_name


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def _committee(context) -> dict:
    return context.get("PORTAL_COMMITTEE") or {}


def _period_label(period: tuple) -> str:
    numbers = tuple(period or ())
    if len(numbers) == 1:
        return str(numbers[0])
    if len(numbers) >= 2 and all(isinstance(n, int) for n in numbers[:2]):
        return format_date(date(numbers[0], numbers[1], 1), "MMMM y", locale="id")
    return " ".join(str(n) for n in numbers)


def _is(context, setting: str, output_file: str) -> bool:
    target = context.get(setting) or ""
    return bool(target) and output_file == target


@pass_context
def page_description(
    context,
    *,
    output_file: str = "",
    page_name: str = "",
    article=None,
    page=None,
    category=None,
    tag=None,
    author=None,
    period=None,
) -> str:
    """A description for page types whose template has none of its own.

    Everything that varies between pages is passed in by the template (so the page
    memo sees what a page depends on); the context gives settings only."""
    site = context.get("SITENAME", "")
    committee = _committee(context)
    who = committee.get("name") or site
    if article:
        return shorten(Markup(article.summary or "").striptags())
    if page and hasattr(page, "content"):
        return shorten(Markup(page.metadata.get("summary") or page.content or "").striptags())
    if category:
        return f"Semua tulisan rubrik {category.name} dari {who}, terbaru lebih dulu."
    if tag:
        return f"Berita dan pengumuman bertopik {tag.name} dari {who}, terbaru lebih dulu."
    if author:
        return f"Tulisan {author.name} di {site}, terbaru lebih dulu."
    if period:
        return f"Indeks berita {site} yang terbit pada {_period_label(period)}, terbaru lebih dulu."
    if _is(context, "TAGS_SAVE_AS", output_file):
        return f"Semua topik berita {site} beserta jumlah tulisannya."
    if _is(context, "ARCHIVES_SAVE_AS", output_file):
        return f"Indeks semua berita {site} menurut tanggal terbit."
    if output_file == "404.html":
        return f"Halaman yang dicari tidak ada di {site}. Cari berita lain atau kembali ke beranda."
    if page_name == "cari":
        return f"Cari berita, pengumuman dan halaman di {site}."
    kabupaten, provinsi = committee.get("kabupaten", ""), committee.get("provinsi", "")
    where = f", Kabupaten {kabupaten}, {provinsi}" if kabupaten and provinsi else ""
    return f"Berita, pengumuman, dan tahapan Pemilu dari {who}{where}."


def breadcrumb_trail(article=None, page=None) -> tuple[Crumb, ...]:
    """A post's or published page's trail from the home page; () for other page types,
    whose templates print their own."""
    home = Crumb("Beranda", "")
    if article:
        rubric = article.category
        linked = getattr(article, "category_linked", True)  # news_portal: is its rubric page built?
        return (home, Crumb(rubric.name, rubric.url if linked else None), Crumb(article.title, article.url))
    if getattr(page, "status", "") == "published":  # a Pelican page, not a plugin's page object
        return (home, Crumb(page.title, page.url))
    return ()


def _trail_jsonld(trail: tuple[Crumb, ...], base: str) -> dict:
    return jsonld.breadcrumb_list([(str(crumb.name), absolute(base, crumb.path or "")) for crumb in trail])


def _links(groups: dict, kind: str, slug: str | None) -> list[FeedLink]:
    return list((groups.get(kind) or {}).get(slug, [])) if slug else []


def _script(data: dict) -> Markup:
    return Markup(jsonld.script_json(data))


def stage_event(
    stage, url: str, description: str, committee: dict, organizer: dict, zone: ZoneInfo
) -> dict | None:
    """A stage as a schema.org Event: whole days in the site's zone, at the kecamatan."""
    start, end = getattr(stage, "start", None), getattr(stage, "end", None)
    if not isinstance(start, date) or not isinstance(end, date):
        return None
    election = getattr(stage, "election", None)
    return jsonld.event(
        name=stage.name,
        url=url,
        start=datetime.combine(start, time(0, 0), zone),
        end=datetime.combine(end, time(23, 59, 59), zone),
        location=jsonld.place(
            committee.get("kecamatan", ""), committee.get("kabupaten", ""), committee.get("provinsi", "")
        ),
        organizer=organizer,
        description=description,
        super_event=getattr(election, "name", ""),
    )


@pass_context
def page_meta(
    context,
    title: str = "",
    description: str = "",
    *,
    output_file: str = "",
    article=None,
    page=None,
    category=None,
    tag=None,
    author=None,
    stage=None,
    feeds=(),
    feed_groups: dict | None = None,
) -> PageMeta | None:
    """Everything head_meta.html prints for the page being rendered.

    `title` and `description` are the page's own rendered blocks; the other inputs
    are passed by the template (see page_description); settings come from the context."""
    state = getattr(context.get(build.KEY), "feeds", None)
    org = getattr(state, "org", None)
    if not org:
        return None
    base = state.conf.base_url
    groups = feed_groups or {}
    url = absolute(base, output_file)
    site = context.get("SITENAME", "")
    text_description = Markup(str(description)).striptags()
    draft = any(getattr(c, "status", "") == "draft" for c in (article, page) if c)
    links = list(feeds or [])
    blocks: list[dict | Markup] = []
    image = FeedImage(
        absolute(base, feed_settings.LOGO), "image/png", 0, feed_settings.LOGO_SIZE, feed_settings.LOGO_SIZE
    )
    large, og_type, times = False, "website", None
    trail = breadcrumb_trail(article, page)
    content_meta = getattr(article, "feed_meta", None)
    if article:
        og_type = "article"
        links += _links(groups, "rubrik", article.category.slug)
        if content_meta is not None:  # a published post
            image, large = content_meta.image, True
            times = content_meta
            blocks += [content_meta.jsonld, _trail_jsonld(trail, base)]
    elif trail:  # a published page
        blocks.append(_trail_jsonld(trail, base))
    elif category:
        links += _links(groups, "rubrik", category.slug)
    elif tag:
        links += _links(groups, "topik", tag.slug)
    elif author:
        og_type = "profile"
        links += _links(groups, "penulis", author.slug)
        team = [context.get("AUTHOR", ""), org["name"]]
        blocks.append(jsonld.person_page(author.name, absolute(base, author.url), state.org_ref, team))
    elif getattr(stage, "slug", None):
        links += _links(groups, "tahapan", stage.slug)
        zone = ZoneInfo(context.get("TIMEZONE") or "Asia/Jakarta")
        event = stage_event(stage, url, text_description, _committee(context), state.org_ref, zone)
        if event is not None:
            blocks.append(event)
    elif output_file == "index.html":
        blocks.append(jsonld.home_graph(org, site, absolute(base, "")))
    return PageMeta(
        title=page_title(str(title), site),
        description=text_description,
        url=url,
        og_type=og_type,
        image=image,
        large_image=large,
        noindex=draft or output_file == "404.html",
        article=times,
        jsonld=tuple(b if isinstance(b, Markup) else _script(b) for b in blocks),
        feeds=tuple(links),
        breadcrumb=trail,
    )
