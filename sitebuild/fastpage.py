"""The preview's fast path: the edited post's page, rendered before the full rebuild.

After a good build the preview keeps that build's generators (`Kept`). When one
post (or page) is saved, `render_post` re-reads only that file with Pelican's
reader, runs the content checks that one file can answer alone, gives the new
article the plugin attributes of the kept one (they depend only on what must be unchanged:
date, slug, status, rubric, tags, author, stage, gallery, image file), re-derives
the two that depend on what may change (the lead image's alt text and caption,
news_portal; the page metadata, feeds) and renders its template into memory as
Pelican's writer would. The full in-process build then runs as before and
remains the truth: the preview compares the page it writes with this one
(`Preview` counts a difference as a mismatch, tests require none).

What the fast path does not derive raises `NotDerivable`, and the save waits for
the full build: any header change but Title, Summary, Image_alt and
Image_caption; a new, moved or deleted file; more than one changed file; an error
found by the content checks (`check_source`, then `check_post` with its links
checked against the kept build's posts and pages: the full build prints it with
its file:line); no good build before.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Header fields a save may change and still take the fast path: they only change the
# post's own page (and its feed item, share card, listings: the full build's work).
CHANGEABLE = frozenset({"title", "summary", "image_alt", "image_caption"})
# Attributes the reader sets from what may change: the new article's own, never the kept one's.
_FROM_SOURCE = frozenset({"_content", "_summary", "metadata", *CHANGEABLE})


class NotDerivable(Exception):
    """This save needs the full build (the message says why, for the debug log)."""


@dataclass
class Kept:
    """What a good build leaves for the next save's fast path."""

    articles: Any  # pelican.generators.ArticlesGenerator
    by_source: dict[str, tuple[Any, Any]]  # absolute source path -> (its generator, Article or Page)

    @classmethod
    def from_generators(cls, generators: list) -> Kept | None:
        from pelican.generators import ArticlesGenerator, PagesGenerator

        articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
        if articles is None:
            return None
        by_source = {}
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                contents = [*generator.articles, *generator.hidden_articles, *generator.drafts]
            elif isinstance(generator, PagesGenerator):
                contents = [*generator.pages, *generator.hidden_pages, *generator.draft_pages]
            else:
                continue
            by_source.update({os.path.abspath(c.source_path): (generator, c) for c in contents})
        return cls(articles, by_source)


def render_post(kept: Kept, path: Path) -> tuple[str, bytes]:
    """(save_as, page bytes) of the saved post or page, as the full build will write it."""
    source = os.path.abspath(path)
    generator, old = kept.by_source.get(source, (None, None))
    if old is None:
        raise NotDerivable("not a post or page of the last build")
    if getattr(old, "translations", None) or old in generator.translations:
        raise NotDerivable("translated post")
    article = generator is kept.articles
    new = _read(generator, source, article)
    new.status = old.status  # content_checks holds a scheduled post back as a draft (its address)
    _same_except_changeable(old, new)
    _check(kept, path, old, new, "article" if article else "page")
    _derive(kept, old, new, article)
    if article:
        values = {"article": new, "category": getattr(new, "category", None), "blog": True}
        if old in generator.drafts:
            values["all_articles"] = generator.articles  # Pelican's generate_drafts
    else:
        values = {"page": new}
    return new.save_as, _render(generator, new, values)


def _read(generator, source: str, article: bool):
    from pelican import signals
    from pelican.contents import Article, Page

    kind = "article" if article else "page"
    content = generator.readers.read_file(
        base_path=generator.path,
        path=os.path.relpath(source, generator.path),
        content_class=Article if article else Page,
        context=generator.context,
        preread_signal=getattr(signals, f"{kind}_generator_preread"),
        preread_sender=generator,
        context_signal=getattr(signals, f"{kind}_generator_context"),
        context_sender=generator,
    )
    if not content.is_valid():
        raise NotDerivable("Pelican finds the file invalid")
    return content


def _same_except_changeable(old, new) -> None:
    """Every header field but CHANGEABLE, and the address, as in the last build."""
    before = {k: v for k, v in old.metadata.items() if k not in CHANGEABLE}
    after = {k: v for k, v in new.metadata.items() if k not in CHANGEABLE}
    if before != after:
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        raise NotDerivable(f"header changed: {', '.join(changed)}")
    if (new.slug, new.url, new.save_as, new.template) != (old.slug, old.url, old.save_as, old.template):
        raise NotDerivable("address or template changed")


def _check(kept: Kept, path: Path, old, new, kind: str) -> None:
    """The content checks of the saved file, as the build runs them on one post (its links
    against the kept build's posts and pages); an error sends the save to the full build."""
    from content_checks.adapter import build_config
    from content_checks.core import check_post, check_source, errors_of, site_of

    config = build_config(kept.articles.settings)  # the kept build's, with its stage slugs
    findings, _ = check_source(config, path, kind)
    if not errors_of(findings):
        posts = [content for _, content in kept.by_source.values() if content is not old]
        findings += check_post(new, config, site_of([*posts, new], config))
    errors = errors_of(findings)
    if errors:
        raise NotDerivable(f"{len(errors)} error(s), the full build reports them: {errors[0].format()}")


def _derive(kept: Kept, old, new, article: bool) -> None:
    """The plugin attributes of `new`, from the kept `old` and what may have changed."""
    from feeds.adapter import _state, describe_article

    for name, value in vars(old).items():  # plugins' attributes (some replace a header's text,
        if name not in _FROM_SOURCE:  # e.g. `stage`): all derive from fields that did not change
            setattr(new, name, value)
    if hasattr(old, "modified"):  # feeds may take it from the git history
        new.modified = old.modified
    elif hasattr(new, "modified"):
        del new.modified
    if not article:  # a page's metadata is worked out as its template renders (feeds.pagemeta)
        return
    _lead_image(kept, old, new)
    state = _state(kept.articles.context)
    if getattr(old, "feed_meta", None) is not None and state is not None:
        describe_article(new, state, kept.articles.settings)


def _lead_image(kept: Kept, old, new) -> None:
    """news_portal's lead image for the new alt text and caption; the photo pipeline's
    published files and sizes are those of the same image file in the kept build."""
    from news_portal.adapter import _attach_lead_image

    old_lead = getattr(old, "lead_image", None)
    _attach_lead_image(new, Path(kept.articles.settings["PATH"]))  # checks Image, Image_alt, Image_caption
    fresh = new.lead_image
    if (fresh is None) != (old_lead is None) or (fresh is not None and fresh.path != old_lead.path):
        raise NotDerivable("lead image file changed")
    if fresh is not None:
        new.lead_image = dataclasses.replace(old_lead, alt=fresh.alt, caption=fresh.caption)


def _render(generator, content, values: dict) -> bytes:
    """The page as Pelican's Writer.write_file renders it (generate_articles, generate_drafts,
    PagesGenerator.generate_output), `values` being what they pass to the template."""
    from pelican.utils import get_relative_path, path_to_url

    context = generator.context
    name = content.save_as
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    if generator.settings["RELATIVE_URLS"]:
        relative = path_to_url(get_relative_path(name))
        local["SITEURL"] = local["localsiteurl"] = relative
    local["output_file"] = name
    local.update(values)
    if local["localsiteurl"]:
        context["localsiteurl"] = local["localsiteurl"]  # the post's links are made relative to it
    return generator.get_template(content.template).render(local).encode("utf-8")
