"""Item ids that never change when a post is edited.

The id is a `tag:` URI (RFC 4151) built from the site's public host, the day
the post was first published and its slug:
``tag:ppk-concong.example.id,2023-02-11:post/bimtek-pps``. Editing the text,
title, rubric, tags or `Modified` leaves it alone. A post whose slug or first
date must change (or that moves to another domain) keeps its old id with an
explicit `Guid:` line copied from the old feed.
"""

from __future__ import annotations

import re
from datetime import datetime

_SPECIFIC_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]")
_GUID_OK = re.compile(r"^\S{8,500}$")


def tag_uri(authority: str, published: datetime, slug: str) -> str:
    """`tag:` URI for a post; `published` is its original date in the site's zone."""
    if not authority or not slug:
        raise ValueError("tag_uri needs an authority and a slug")
    specific = _SPECIFIC_UNSAFE.sub("-", slug)
    return f"tag:{authority.lower()},{published:%Y-%m-%d}:post/{specific}"


def check_guid_override(value: str) -> str | None:
    """The override as written, or None when it is not a usable id (the caller reports it)."""
    text = value.strip()
    return text if _GUID_OK.match(text) else None
