"""Finding where a metadata key sits in a post's source, for file:line errors."""

from __future__ import annotations

import re
from pathlib import Path


def metadata_line(source_path: str | Path, key: str) -> int | None:
    """1-based line of `Key:` in the header of a Markdown/reST file, or None.

    Only the header is searched (up to the first blank line), so a body line that
    happens to start with the same word is never blamed.
    """
    pattern = re.compile(rf"^\s*:?{re.escape(key)}:", re.IGNORECASE)
    try:
        lines = Path(source_path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            return None
        if pattern.match(line):
            return number
    return None
