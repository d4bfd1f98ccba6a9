"""A raster copy of the committee logo for feeds, Open Graph and JSON-LD.

RSS `<image>`, `og:image` and Google's publisher logo want PNG/JPEG, while the
theme's logo is SVG (no rasteriser is installed). The logo is a few flat shapes
(`theme/static/img/logo.svg`, 64×64 units), so it is redrawn here with Pillow,
supersampled for smooth edges. Same Pillow, same bytes: builds stay reproducible.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

MAROON = (138, 28, 28, 255)
GOLD = (242, 193, 78, 255)
WHITE = (255, 255, 255, 255)
SUPERSAMPLE = 4


def logo_png(size: int) -> bytes:
    """The ballot-box logo as a `size`×`size` PNG."""
    big = size * SUPERSAMPLE
    unit = big / 64

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (x0 * unit, y0 * unit, x1 * unit, y1 * unit)

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(box(0, 0, 64, 64), radius=12 * unit, fill=WHITE)
    draw.rounded_rectangle(box(14, 26, 50, 56), radius=4 * unit, fill=MAROON)
    draw.rectangle(box(14, 26, 50, 34), fill=MAROON)  # square top corners
    draw.rectangle(box(22, 22, 42, 30), fill=GOLD)
    draw.rectangle(box(27, 8, 37, 26), fill=WHITE, outline=MAROON, width=round(2.5 * unit))
    tick = [(28 * unit, 36 * unit), (32 * unit, 40 * unit), (40 * unit, 31 * unit)]
    draw.line(tick, fill=WHITE, width=round(4 * unit), joint="curve")
    for x, y in (tick[0], tick[-1]):
        radius = 2 * unit
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=WHITE)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
