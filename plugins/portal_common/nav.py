"""The main menu (PORTAL_NAV): plugins that own a section add their entry here.

One rule for every plugin, so the menu reads the same whatever plugins are on:
an entry goes after a given URL or before one, or at the end; adding it twice
changes nothing, and the caller's list is never mutated (a second build in the
same process starts from the same settings).
"""

from __future__ import annotations

from collections.abc import Sequence

NavEntry = tuple[str, str]


def with_nav_entry(
    nav: Sequence[Sequence[str]],
    label: str,
    url: str,
    *,
    after: str | None = None,
    before: str | None = None,
) -> list[NavEntry]:
    """A new menu with (label, url) placed after/before the entry with that URL."""
    entries = [(str(item[0]), str(item[1])) for item in nav]
    urls = [entry_url for _, entry_url in entries]
    if url in urls:
        return entries
    if after in urls:
        position = urls.index(after) + 1
    elif before in urls:
        position = urls.index(before)
    else:
        position = len(entries)
    return [*entries[:position], (label, url), *entries[position:]]
