"""When each content file last changed, from one `git log` over the content folder.

A post's modified date is its `Modified:` header or else the committer date of
the last commit that changed its file (as Hugo's `enableGitInfo` does), so an
edit shows in feeds, JSON-LD and the sitemap without the officer remembering a
header. Commit dates, not file mtimes: a build of a given commit gives the same
dates on any machine. What git does not know falls back to the post's `Date`:
a tree outside git, a shallow clone (its one commit would claim every file), a
file never committed. A file with uncommitted edits keeps its last commit's
date: the edit is not published until it is committed.

`parse_log` is the pure part; `LOG_ARGUMENTS` is what the adapter runs, once
per build, with the content folder as the working directory.
"""

from __future__ import annotations

from datetime import datetime

RECORD = "\x1e"
# Newest commit first; per commit: RS, committer date (strict ISO 8601), NUL, then
# the changed paths relative to the content folder, each ended by NUL (-z).
LOG_ARGUMENTS = (
    "log",
    "--format=%x1e%cI",
    "--name-only",
    "--no-renames",
    "--relative",
    "-z",
    "--",
    ".",
)
SHALLOW_ARGUMENTS = ("rev-parse", "--is-shallow-repository")


def parse_log(output: str) -> dict[str, datetime]:
    """`{path relative to the content folder: last commit date}` from `git log` output."""
    dates: dict[str, datetime] = {}
    for record in output.split(RECORD):
        fields = record.split("\0")
        if not fields[0].strip():
            continue
        when = datetime.fromisoformat(fields[0].strip())
        for name in fields[1:]:
            path = name.lstrip("\n")
            if path and path not in dates:  # the log is newest first
                dates[path] = when
    return dates


def modified_date(
    path: str,
    published: datetime | None,
    explicit: datetime | None,
    history: dict[str, datetime],
    now: datetime,
) -> datetime | None:
    """The date to show as modified, or None to leave the post as it is.

    `Modified:` wins. A commit is used only if it is later than the publication date
    (a post committed before it went live was not changed after publishing) and not
    later than the build's "now" (a fixed `PORTAL_NOW` replays the site as of then)."""
    if explicit is not None:
        return None
    committed = history.get(path)
    if committed is None or committed > now:
        return None
    if published is not None and committed <= published:
        return None
    return committed
