"""One bound on image decoding, for every role an image can have.

A small file can declare a huge picture (a "decompression bomb": a PNG of a few
hundred kB that says 30000 x 30000 pixels). Pillow's own guard only warns up to
twice its limit and raises an exception type most callers do not catch, so every
plugin opens images through `open_bounded`: above `MAX_PIXELS` it raises
`ImageTooLarge`, whose message and hint name the file's size and the limit in
force (the same number everywhere).
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

# Refuse only what cannot be decoded sensibly (a 200 MP phone photo is fine);
# anything smaller is resized by the photo pipeline.
MAX_PIXELS = 250_000_000
MAX_MEGAPIXELS = MAX_PIXELS // 1_000_000


class ImageTooLarge(ValueError):
    """The picture declares more than MAX_PIXELS pixels; `message`/`hint` are for the officer."""

    def __init__(self, size: tuple[int, int]) -> None:
        width, height = size
        what = f"{width} x {height} piksel ({width * height / 1_000_000:,.0f} megapiksel)"
        self.message = f"gambar terlalu besar untuk diproses: {what}; batasnya {MAX_MEGAPIXELS} megapiksel"
        self.hint = (
            f"perkecil gambar sampai paling banyak {MAX_MEGAPIXELS} megapiksel (mis. lebar 4000 piksel)"
        )
        super().__init__(self.message)


def check_size(size: tuple[int, int]) -> None:
    """Raise ImageTooLarge when `size` is over the limit."""
    if size[0] * size[1] > MAX_PIXELS:
        raise ImageTooLarge(size)


def open_bounded(source: str | Path) -> Image.Image:
    """`Image.open` (header only) that refuses pictures above MAX_PIXELS with ImageTooLarge.

    Image.MAX_IMAGE_PIXELS is put back before returning; the decoding that
    follows (`load`) is bounded by the size checked here.

    Other errors (not an image, broken header) are Pillow's own (OSError,
    UnidentifiedImageError, SyntaxError, ValueError).
    """
    # Pillow's guard is off while the header is read (nothing is decoded yet), so the
    # size is known and checked against our one limit right after.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        previous, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
        try:
            image = Image.open(source)
        finally:
            Image.MAX_IMAGE_PIXELS = previous
    try:
        check_size(image.size)
    except ImageTooLarge:
        image.close()
        raise
    return image
