"""Initials avatars (inline SVG) for officers without a photo."""

from __future__ import annotations

import hashlib
from html import escape

# Muted, high-contrast backgrounds (white text passes WCAG AA on each).
PALETTE = ("#7b2d26", "#1f5f5b", "#3d4f8a", "#6a3d7a", "#7a5a12", "#2f6b2f", "#8a3b5c")


def initials_svg(initials: str, name: str, size: int = 128) -> str:
    """Inline SVG with the initials on a colour picked from the name (stable)."""
    colour = PALETTE[int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(PALETTE)]
    label = escape(f"Inisial {name} (tanpa foto)")
    text = escape(initials[:2])
    return (
        f'<svg class="avatar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" '
        f'width="{size}" height="{size}" role="img" aria-label="{label}">'
        f'<rect width="100" height="100" fill="{colour}"/>'
        f'<text x="50" y="50" dy=".35em" text-anchor="middle" fill="#fff" '
        f'font-family="sans-serif" font-size="40" font-weight="bold">{text}</text></svg>'
    )
