"""Pelican side of the news model: attaches lead images, related and adjacent posts,
and hands the home page its lead story, pinned announcements and navigation."""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator
from portal_common import build
from portal_common.errors import ContentError
from portal_common.source import metadata_line

from . import core
from .settings import PortalSettings


def _blame(article, key: str, message: str, hint: str) -> ContentError:
    return ContentError(
        article.relative_source_path or article.source_path,
        metadata_line(article.source_path, key),
        message,
        hint,
    )


def _attach_lead_image(article, content_root: Path) -> None:
    image = article.metadata.get("image")
    article.lead_image = None
    if not image:
        return
    try:
        article.lead_image = core.load_lead_image(
            content_root,
            str(image),
            article.metadata.get("image_alt"),
            article.metadata.get("image_caption"),
        )
    except core.LeadImageProblem as problem:
        raise _blame(article, problem.key, str(problem), problem.hint) from problem


def _read_pinned(article) -> bool:
    raw = article.metadata.get("pinned", "")
    pinned = core.parse_yes_no(raw)
    if pinned is None:
        raise _blame(
            article, "pinned", f"nilai Pinned '{raw}' tidak dikenal", "tulis 'Pinned: ya' atau hapus barisnya"
        )
    return pinned


def _link_articles(generator: ArticlesGenerator) -> None:
    settings = generator.settings
    conf = build.of(settings).options(PortalSettings)
    content_root = Path(settings["PATH"])
    posts = list(generator.articles)
    everything = posts + list(generator.drafts)
    for article in everything:  # the rubric was checked by content_checks (check_post)
        _attach_lead_image(article, content_root)
        article.pinned = _read_pinned(article)

    tags_of = {a: {t.slug for t in getattr(a, "tags", [])} for a in posts}
    dates_of = {a: a.date for a in posts}
    adjacent = core.neighbours(posts)
    related = core.related_posts_for_all(tags_of, dates_of, conf.related_count)
    for article in posts:
        article.related_posts = related[article]
        article.previous_post, article.next_post = adjacent[article]
    for draft in generator.drafts:
        draft.related_posts, draft.previous_post, draft.next_post = [], None, None
    _mark_listing_links(posts, everything)

    lead = core.pick_lead(posts, {a: a.lead_image is not None for a in posts})
    context = generator.context
    context["lead_article"] = lead
    context["pinned_articles"] = [a for a in posts if a.pinned]
    context["home_latest"] = [a for a in posts if a is not lead][: conf.home_latest]


def _mark_listing_links(posts: list, everything: list) -> None:
    """Which tag/rubric/author pages exist, so a draft or scheduled post (previewed
    before anything else uses its tag) never links to a page that is not built."""
    listed_tags = {tag.slug for post in posts for tag in getattr(post, "tags", [])}
    listed_rubrics = {post.category.slug for post in posts}
    listed_authors = {author.slug for post in posts for author in getattr(post, "authors", [])}
    for article in everything:
        article.linked_tags = listed_tags
        article.category_linked = article.category.slug in listed_rubrics
        article.author_linked = hasattr(article, "author") and article.author.slug in listed_authors


def _share_globals(generator) -> None:
    """Navigation and committee identity, available to every template."""
    settings = generator.settings
    generator.context["portal_nav"] = list(settings["PORTAL_NAV"])
    generator.context["committee"] = settings["PORTAL_COMMITTEE"]


def register() -> None:
    signals.initialized.connect(build.start)
    signals.generator_init.connect(_share_globals)
    signals.article_generator_finalized.connect(_link_articles)
