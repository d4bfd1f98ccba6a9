"""Draw the lead images of the demo posts (flat illustrations, no photos).

Every image is drawn from code with Pillow's built-in font, so the demo site
needs no downloaded material and no font files. The output is deterministic:
the same Pillow version gives byte-identical JPEGs.

Usage (from the project root)::

    .venv/bin/python scripts/draw_demo_images.py            # write all images
    .venv/bin/python scripts/draw_demo_images.py --check    # fail if any is stale

Images are 1200x675 (16:9) progressive JPEGs of about 40-70 KB without EXIF,
written to content/images/<year>/<name>.jpg.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

W, H = 1200, 675
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "content" / "images"
QUALITY = 70
MAX_BYTES = 72_000

# Palette: KPU-like maroon and gold on warm paper, with river blues.
MAROON = (139, 30, 45)
MAROON_DARK = (96, 18, 30)
NAVY = (31, 58, 95)
GOLD = (227, 167, 47)
CREAM = (246, 241, 231)
PAPER = (255, 252, 245)
TEAL = (42, 127, 122)
SKY = (196, 224, 236)
WATER = (120, 180, 205)
GRASS = (150, 190, 120)
WOOD = (150, 105, 70)
WOOD_DARK = (110, 75, 50)
GREY = (120, 120, 120)
LIGHT = (225, 220, 210)
INK = (40, 40, 48)
WHITE = (255, 255, 255)
RED = (206, 32, 41)
GREEN = (46, 140, 80)
PURPLE = (96, 60, 140)

Draw = ImageDraw.ImageDraw
Box = tuple[int, int, int, int]


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's bundled font at the given size (needs Pillow >= 10.1)."""
    return ImageFont.load_default(size=size)


def text_w(d: Draw, text: str, size: int) -> int:
    left, _, right, _ = d.textbbox((0, 0), text, font=font(size))
    return int(right - left)


def center_text(d: Draw, cx: int, y: int, text: str, size: int, fill=INK) -> None:
    d.text((cx - text_w(d, text, size) // 2, y), text, font=font(size), fill=fill)


def fit_size(d: Draw, text: str, size: int, max_w: int) -> int:
    while size > 10 and text_w(d, text, size) > max_w:
        size -= 2
    return size


def canvas(bg=CREAM) -> tuple[Image.Image, Draw]:
    img = Image.new("RGB", (W, H), bg)
    return img, ImageDraw.Draw(img)


def footer(d: Draw) -> None:
    """Credit strip on every image: these are illustrations, not photos."""
    d.rectangle((0, H - 40, W, H), fill=MAROON_DARK)
    d.text((24, H - 32), "Ilustrasi · Tim Media PPK Concong", font=font(20), fill=CREAM)
    label = "Pemilu 2024 · Kec. Concong, Indragiri Hilir"
    d.text((W - 24 - text_w(d, label, 20), H - 32), label, font=font(20), fill=GOLD)


def banner(d: Draw, box: Box, title: str, subtitle: str = "", fill=MAROON) -> None:
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=fill)
    d.rectangle((x0, y1 - 8, x1, y1), fill=GOLD)
    size = fit_size(d, title, 40, x1 - x0 - 40)
    cy = y0 + 14 if subtitle else (y0 + y1 - 8) // 2 - size // 2 - 4
    center_text(d, (x0 + x1) // 2, cy, title, size, WHITE)
    if subtitle:
        sub = fit_size(d, subtitle, 24, x1 - x0 - 40)
        center_text(d, (x0 + x1) // 2, cy + size + 10, subtitle, sub, CREAM)


def person_back(d: Draw, cx: int, cy: int, s: float, fill=NAVY) -> None:
    """A seated person seen from behind: head and shoulders, no face."""
    r = int(14 * s)
    d.ellipse((cx - r, cy - 3 * r, cx + r, cy - r), fill=(60, 50, 45))
    d.rounded_rectangle((cx - 2 * r, cy - r, cx + 2 * r, cy + 2 * r), radius=r, fill=fill)


def standing(d: Draw, cx: int, base: int, s: float, body=NAVY, head=(70, 55, 45)) -> None:
    """A standing figure as simple shapes (pictogram style)."""
    r = int(16 * s)
    d.ellipse((cx - r, base - 9 * r, cx + r, base - 7 * r), fill=head)
    d.rounded_rectangle(
        (cx - int(1.6 * r), base - 7 * r + 4, cx + int(1.6 * r), base - 3 * r), radius=r // 2, fill=body
    )
    d.rectangle((cx - int(1.3 * r), base - 3 * r, cx - int(0.2 * r), base), fill=INK)
    d.rectangle((cx + int(0.2 * r), base - 3 * r, cx + int(1.3 * r), base), fill=INK)


def flag(d: Draw, x: int, y: int, h: int = 220) -> None:
    d.rectangle((x, y, x + 6, y + h), fill=GREY)
    d.rectangle((x + 6, y + 8, x + 96, y + 38), fill=RED)
    d.rectangle((x + 6, y + 38, x + 96, y + 68), fill=WHITE)
    d.rectangle((x - 14, y + h, x + 20, y + h + 10), fill=WOOD_DARK)


def check(d: Draw, x: int, y: int, s: int = 26, fill=GREEN, width: int = 6) -> None:
    d.line((x, y + s // 2, x + s // 3, y + s, x + s, y), fill=fill, width=width, joint="curve")


def cross(d: Draw, x: int, y: int, s: int = 26, fill=RED, width: int = 6) -> None:
    d.line((x, y, x + s, y + s), fill=fill, width=width)
    d.line((x + s, y, x, y + s), fill=fill, width=width)


def no_sign(d: Draw, cx: int, cy: int, r: int) -> None:
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=12)
    a = math.radians(45)
    dx, dy = int(r * math.cos(a)), int(r * math.sin(a))
    d.line((cx - dx, cy - dy, cx + dx, cy + dy), fill=RED, width=12)


def ballot_box(d: Draw, x: int, y: int, w: int, label: str, body=WHITE) -> None:
    """Transparent-style ballot box with a lid slot and a label card."""
    h = int(w * 0.8)
    lid = max(10, w // 10)
    d.rectangle((x, y + lid, x + w, y + lid + h), fill=body, outline=NAVY, width=4)
    d.rectangle((x - 6, y, x + w + 6, y + lid), fill=NAVY)
    d.rectangle((x + w // 3, y + lid // 3, x + 2 * w // 3, y + lid // 3 + 4), fill=WHITE)
    size = fit_size(d, label, max(14, w // 6), w - 16)
    d.rectangle((x + 12, y + lid + h // 3, x + w - 12, y + lid + h // 3 + size + 14), fill=MAROON)
    center_text(d, x + w // 2, y + lid + h // 3 + 5, label, size, WHITE)
    for i in range(3):  # folded ballots visible through the side
        yy = y + lid + h - 28 - i * 14
        d.rectangle((x + 18 + i * 22, yy, x + 70 + i * 22, yy + 10), fill=LIGHT, outline=GREY)


def paper(d: Draw, box: Box, lines: int, start: int = 0, gap: int = 26, fill=PAPER) -> None:
    x0, y0, x1, y1 = box
    d.rectangle((x0 + 8, y0 + 8, x1 + 8, y1 + 8), fill=(200, 190, 175))
    d.rectangle(box, fill=fill, outline=LIGHT)
    for i in range(lines):
        yy = y0 + start + i * gap
        end = x1 - 30 - (i * 37 % 90)
        d.line((x0 + 30, yy, end, yy), fill=(180, 180, 185), width=5)


def stamp(d: Draw, cx: int, cy: int, r: int, text: str, color=PURPLE) -> None:
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=color, width=6)
    d.ellipse((cx - r + 14, cy - r + 14, cx + r - 14, cy + r - 14), outline=color, width=3)
    size = fit_size(d, text, 26, 2 * r - 40)
    center_text(d, cx, cy - size // 2 - 2, text, size, color)


def calendar(d: Draw, box: Box, month: str, day: str, weekday: str, head=MAROON) -> None:
    x0, y0, x1, y1 = box
    d.rectangle((x0 + 10, y0 + 10, x1 + 10, y1 + 10), fill=(200, 190, 175))
    d.rectangle(box, fill=PAPER, outline=LIGHT)
    d.rectangle((x0, y0, x1, y0 + 80), fill=head)
    cx = (x0 + x1) // 2
    center_text(d, cx, y0 + 20, month, fit_size(d, month, 38, x1 - x0 - 30), WHITE)
    for rx in (x0 + 50, x1 - 70):
        d.rounded_rectangle((rx, y0 - 24, rx + 20, y0 + 24), radius=8, fill=GREY)
    center_text(d, cx, y0 + 100, day, 150, head)
    center_text(d, cx, y1 - 70, weekday, 40, INK)


# --- Scenes ------------------------------------------------------------------


def hall(title: str, subtitle: str, screen: str | None = None) -> Image.Image:
    """A hall with a banner, a table up front and rows of chairs."""
    img, d = canvas((235, 226, 210))
    d.rectangle((0, 0, W, 330), fill=(244, 236, 222))
    d.polygon([(0, 330), (W, 330), (W, H), (0, H)], fill=(205, 180, 150))
    for i in range(-8, 9):  # floor boards converging to the stage
        d.line((W // 2 + i * 40, 330, W // 2 + i * 170, H), fill=(190, 165, 135), width=2)
    banner(d, (150, 40, 1050, 170), title, subtitle)
    if screen:
        d.rectangle((880, 190, 1110, 320), fill=WHITE, outline=GREY, width=4)
        center_text(d, 995, 230, screen, fit_size(d, screen, 26, 210), NAVY)
        for i in range(3):
            d.line((905, 270 + i * 14, 1080 - i * 40, 270 + i * 14), fill=SKY, width=6)
    flag(d, 70, 150)
    d.rectangle((380, 250, 820, 300), fill=WOOD)
    d.rectangle((380, 300, 820, 312), fill=WOOD_DARK)
    for i, cx in enumerate(range(450, 800, 110)):
        standing(d, cx, 262, 0.55, body=(MAROON, NAVY, TEAL, NAVY)[i % 4])
    d.rectangle((380, 250, 820, 300), fill=WOOD)
    for row in range(4):
        y = 380 + row * 70
        s = 0.9 + row * 0.25
        n = 7 + row
        span = 900 + row * 120
        for k in range(n):
            cx = W // 2 - span // 2 + k * span // (n - 1)
            d.rectangle((cx - int(26 * s), y + int(20 * s), cx + int(26 * s), y + int(34 * s)), fill=MAROON)
            if (row * 7 + k) % 5 != 3:
                person_back(d, cx, y, s * 0.8, fill=(NAVY, TEAL, (90, 90, 110))[(row + k) % 3])
    footer(d)
    return img


def ceremony(title: str, subtitle: str, raised_hands: bool) -> Image.Image:
    """An inauguration: banner, podium, flag and officers standing in rows."""
    img, d = canvas((240, 232, 218))
    d.rectangle((0, 420, W, H), fill=(180, 40, 55))
    banner(d, (140, 40, 1060, 180), title, subtitle, fill=NAVY)
    flag(d, 60, 170, 240)
    d.polygon([(980, 300), (1100, 300), (1085, 470), (995, 470)], fill=WOOD)
    d.rectangle((970, 290, 1110, 305), fill=WOOD_DARK)
    d.ellipse((1020, 340, 1060, 380), fill=GOLD)
    for row in range(3):
        base = 420 + row * 90
        s = 0.75 + row * 0.15
        for k in range(7):
            cx = 210 + k * 110 + (row % 2) * 40
            standing(d, cx, base, s, body=(WHITE if row == 0 else (235, 235, 240)))
            if raised_hands:
                r = int(16 * s)
                d.line(
                    (cx + int(1.4 * r), base - 6 * r, cx + int(2.2 * r), base - 10 * r),
                    fill=(70, 55, 45),
                    width=max(6, r // 2),
                )
    footer(d)
    return img


def notice_board(title: str, subtitle: str) -> Image.Image:
    """A village notice board with a pinned announcement."""
    img, d = canvas(SKY)
    d.rectangle((0, 520, W, H), fill=GRASS)
    d.rectangle((250, 80, 270, 600), fill=WOOD_DARK)
    d.rectangle((930, 80, 950, 600), fill=WOOD_DARK)
    d.rectangle((220, 60, 980, 500), fill=WOOD)
    d.rectangle((240, 80, 960, 480), fill=(205, 170, 120))
    d.polygon([(200, 60), (600, 10), (1000, 60)], fill=MAROON)
    paper(d, (300, 100, 900, 465), 7, start=190, gap=36)
    center_text(d, 600, 120, "PENGUMUMAN", 44, MAROON)
    center_text(d, 600, 175, title, fit_size(d, title, 28, 560), INK)
    center_text(d, 600, 212, subtitle, fit_size(d, subtitle, 22, 560), GREY)
    for x, y in ((315, 112), (885, 112), (315, 450), (885, 450)):
        d.ellipse((x - 8, y - 8, x + 8, y + 8), fill=RED)
    footer(d)
    return img


def decree_and_stamp(title: str, subtitle: str) -> Image.Image:
    """A decree (SK) on a desk with a rubber stamp, a pen and a folder."""
    img, d = canvas((170, 120, 85))
    for y in range(0, H, 48):
        d.line((0, y, W, y + 20), fill=(160, 112, 80), width=3)
    d.rectangle((90, 120, 430, 560), fill=GOLD)
    d.rectangle((110, 100, 450, 540), fill=(245, 200, 90))
    paper(d, (460, 50, 900, 610), 9, start=280, gap=30)
    center_text(d, 680, 90, "SURAT KEPUTUSAN", 34, INK)
    center_text(d, 680, 140, title, fit_size(d, title, 24, 400), INK)
    center_text(d, 680, 175, subtitle, fit_size(d, subtitle, 20, 400), GREY)
    d.line((510, 220, 850, 220), fill=INK, width=3)
    stamp(d, 780, 530, 70, "PPK CONCONG")
    d.line((560, 560, 700, 520), fill=INK, width=3)
    d.rectangle((960, 330, 1080, 380), fill=PURPLE)
    d.rounded_rectangle((990, 230, 1050, 330), radius=20, fill=WOOD_DARK)
    d.ellipse((975, 190, 1065, 250), fill=WOOD_DARK)
    d.line((930, 450, 1130, 560), fill=NAVY, width=14)
    d.line((1130, 560, 1150, 572), fill=GOLD, width=14)
    footer(d)
    return img


def stilt_house_coklit() -> Image.Image:
    """A riverside stilt house with the coklit sticker and a Pantarlih."""
    img, d = canvas(SKY)
    d.rectangle((0, 470, W, H), fill=WATER)
    for x in range(0, W, 90):
        d.arc((x, 500, x + 60, 530), 200, 340, fill=WHITE, width=3)
    d.rectangle((0, 430, 760, 470), fill=WOOD_DARK)  # boardwalk
    for x in range(40, 760, 80):
        d.rectangle((x, 470, x + 10, 560), fill=WOOD_DARK)
    d.rectangle((120, 200, 620, 430), fill=(214, 170, 110))
    d.polygon([(90, 210), (370, 70), (650, 210)], fill=MAROON)
    d.rectangle((320, 280, 420, 430), fill=WOOD)
    d.rectangle((170, 260, 270, 340), fill=SKY, outline=WOOD_DARK, width=6)
    d.rectangle((470, 260, 570, 340), fill=SKY, outline=WOOD_DARK, width=6)
    d.rectangle((300, 215, 440, 270), fill=WHITE, outline=MAROON, width=4)
    center_text(d, 370, 222, "SUDAH", 18, MAROON)
    center_text(d, 370, 242, "DICOKLIT", 20, MAROON)
    standing(d, 560, 430, 1.0, body=GOLD)
    d.rectangle((595, 330, 625, 370), fill=INK)  # phone for e-coklit
    d.rectangle((600, 335, 620, 362), fill=SKY)
    calendar(d, (820, 110, 1120, 430), "FEBRUARI 2023", "12", "Minggu")
    center_text(d, 970, 450, "Coklit dimulai", 30, NAVY)
    footer(d)
    return img


def clipboard_checklist(title: str, items: list[str], note: str) -> Image.Image:
    """A clipboard with a ticked checklist."""
    img, d = canvas((218, 232, 224))
    d.rounded_rectangle((300, 40, 900, 625), radius=24, fill=WOOD)
    d.rounded_rectangle((500, 20, 700, 80), radius=12, fill=GREY)
    d.rectangle((340, 90, 860, 600), fill=PAPER)
    center_text(d, 600, 110, title, fit_size(d, title, 34, 480), MAROON)
    for i, item in enumerate(items):
        y = 190 + i * 78
        d.rectangle((370, y, 414, y + 44), outline=INK, width=4)
        check(d, 378, y + 6, 30)
        d.text((440, y + 6), item, font=font(fit_size(d, item, 28, 400)), fill=INK)
    d.rounded_rectangle((920, 420, 1160, 520), radius=16, fill=TEAL)
    center_text(d, 1040, 452, note, fit_size(d, note, 28, 220), WHITE)
    d.line((150, 560, 290, 420), fill=NAVY, width=16)
    d.polygon([(140, 570), (150, 548), (162, 560)], fill=INK)
    footer(d)
    return img


# Schematic layout of the six desa/kelurahan: (name, polygon, colour). Not to scale.
DESA_MAP = [
    ("Concong Luar", [(560, 250), (760, 230), (800, 380), (600, 400)], (236, 200, 120)),
    ("Concong Dalam", [(320, 280), (560, 250), (600, 400), (360, 430)], (200, 215, 150)),
    ("Concong Tengah", [(360, 430), (600, 400), (620, 560), (380, 590)], (230, 180, 160)),
    ("Kampung Baru", [(800, 380), (1000, 360), (1040, 520), (830, 550)], (190, 200, 225)),
    ("Panglima Raja", [(600, 400), (800, 380), (830, 550), (620, 560)], (215, 195, 225)),
    ("Sungai Berapit", [(120, 320), (320, 280), (360, 430), (160, 470)], (175, 215, 195)),
]


def colour_of(name: str) -> tuple[int, int, int]:
    return next(colour for desa, _, colour in DESA_MAP if desa == name)


def map_concong() -> Image.Image:
    """A schematic (not to scale) map of the six desa/kelurahan by the water."""
    img, d = canvas(WATER)
    d.polygon(
        [(80, 330), (300, 240), (800, 200), (1060, 330), (1090, 560), (620, 600), (140, 520)],
        fill=(210, 200, 160),
    )
    for _, poly, colour in DESA_MAP:
        d.polygon(poly, fill=colour, outline=WHITE)
    d.line([(0, 190), (250, 215), (520, 195), (820, 170), (1200, 210)], fill=(95, 160, 190), width=26)
    d.line([(470, 600), (490, 470), (470, 330), (490, 240)], fill=(95, 160, 190), width=10)
    for name, poly, _ in DESA_MAP:
        cx = sum(p[0] for p in poly) // 4
        cy = sum(p[1] for p in poly) // 4
        size = fit_size(d, name, 22, 190)
        tw = text_w(d, name, size)
        d.rectangle((cx - tw // 2 - 6, cy - 14, cx + tw // 2 + 6, cy + size), fill=colour_of(name))
        center_text(d, cx, cy - 10, name, size, INK)
    d.ellipse((700, 340, 724, 364), fill=MAROON)
    d.text((620, 368), "Kantor Camat", font=font(18), fill=MAROON_DARK)
    banner(d, (30, 24, 760, 130), "Kecamatan Concong", "6 desa/kelurahan · peta skematis, tidak berskala")
    d.text((880, 90), "Selat / muara", font=font(22), fill=WHITE)
    d.polygon([(1110, 420), (1125, 380), (1140, 420)], fill=INK)
    d.text((1117, 430), "U", font=font(22), fill=INK)
    footer(d)
    return img


def pleno_table(title: str, subtitle: str) -> Image.Image:
    """A plenary meeting seen from above: U-shaped table, name plates, screen."""
    img, d = canvas((230, 222, 205))
    banner(d, (150, 24, 1050, 140), title, subtitle)
    d.rectangle((200, 200, 1000, 250), fill=WOOD)
    d.rectangle((200, 250, 260, 600), fill=WOOD)
    d.rectangle((940, 250, 1000, 600), fill=WOOD)
    for i, x in enumerate(range(300, 960, 130)):
        d.ellipse((x - 24, 160, x + 24, 208), fill=(MAROON, NAVY, TEAL)[i % 3])
        d.rectangle((x - 40, 215, x + 40, 238), fill=WHITE)
        d.line((x - 28, 226, x + 28, 226), fill=GREY, width=4)
    for y in range(300, 600, 80):
        for x, side in ((170, -1), (1030, 1)):
            d.ellipse((x - 22, y - 22, x + 22, y + 22), fill=NAVY if side < 0 else TEAL)
            d.rectangle(
                (
                    x - 56 * side - 14 if side > 0 else x + 40,
                    y - 20,
                    x - 56 * side + 14 if side > 0 else x + 68,
                    y + 20,
                ),
                fill=PAPER,
            )
    paper(d, (420, 320, 780, 560), 6, start=40, gap=34)
    center_text(d, 600, 338, "BERITA ACARA", 24, MAROON)
    footer(d)
    return img


def campaign_rules() -> Image.Image:
    """Poster: allowed and forbidden during the campaign."""
    img, d = canvas(PAPER)
    banner(d, (0, 0, W, 150), "Masa Kampanye Pemilu 2024", "28 November 2023 - 10 Februari 2024")
    cols = [
        ("BOLEH", GREEN, ["Pertemuan terbatas", "Tatap muka", "APK di lokasi yang ditetapkan"]),
        (
            "DILARANG",
            RED,
            [
                "Politik uang",
                "Melibatkan ASN, TNI/Polri,",
                "kepala desa & perangkat desa",
                "Kampanye di tempat ibadah",
            ],
        ),
    ]
    for i, (head, colour, items) in enumerate(cols):
        x0 = 60 + i * 560
        d.rounded_rectangle((x0, 190, x0 + 520, 600), radius=18, fill=WHITE, outline=colour, width=6)
        center_text(d, x0 + 260, 210, head, 40, colour)
        for k, item in enumerate(items):
            y = 290 + k * 70
            if head == "BOLEH":
                check(d, x0 + 30, y, 28)
            elif k != 2:
                cross(d, x0 + 30, y + 2, 24)
            d.text((x0 + 80, y), item, font=font(fit_size(d, item, 28, 420)), fill=INK)
    footer(d)
    return img


def first_time_voter() -> Image.Image:
    """An ID card outline (no face), an ink bottle and a ballot."""
    img, d = canvas((232, 226, 244))
    banner(
        d,
        (0, 0, W, 130),
        "Pemilih Pemula, Ayo ke TPS!",
        "Rabu, 14 Februari 2024 · 07.00-13.00 WIB",
        fill=PURPLE,
    )
    d.rounded_rectangle((90, 200, 560, 490), radius=22, fill=(190, 215, 240), outline=NAVY, width=5)
    d.text((120, 220), "KTP-el", font=font(34), fill=NAVY)
    d.rounded_rectangle((410, 280, 530, 430), radius=10, fill=(160, 180, 205))
    d.ellipse((445, 300, 495, 350), fill=(130, 150, 180))  # silhouette, no face
    d.pieslice((425, 350, 515, 450), 180, 360, fill=(130, 150, 180))
    for i in range(5):
        d.line((120, 290 + i * 32, 370 - i * 25, 290 + i * 32), fill=NAVY, width=6)
    d.rounded_rectangle((660, 300, 780, 500), radius=16, fill=PURPLE)
    d.rectangle((690, 250, 750, 305), fill=INK)
    center_text(d, 720, 380, "TINTA", 24, WHITE)
    paper(d, (840, 190, 1110, 560), 0)
    for r in range(3):
        for c in range(2):
            x, y = 870 + c * 115, 220 + r * 105
            d.rectangle((x, y, x + 95, y + 85), outline=GREY, width=3)
            center_text(d, x + 47, y + 25, str(r * 2 + c + 1), 30, GREY)
    d.line((930, 255, 950, 270), fill=RED, width=8)
    center_text(d, 330, 520, "Pemilih pemula: 17 tahun atau sudah/pernah menikah", 24, INK)
    footer(d)
    return img


def quiet_period() -> Image.Image:
    """Poster for the quiet period."""
    img, d = canvas(NAVY)
    d.rectangle((0, 0, W, H - 40), fill=(36, 66, 105))
    center_text(d, 600, 60, "MASA TENANG", 96, WHITE)
    center_text(d, 600, 180, "11-13 Februari 2024", 56, GOLD)
    no_sign(d, 330, 420, 120)
    d.polygon([(265, 400), (330, 370), (330, 470), (265, 440)], fill=WHITE)  # megaphone
    d.rectangle((240, 400, 266, 440), fill=WHITE)
    items = ["Tanpa kampanye", "Tanpa alat peraga", "Tolak politik uang"]
    for i, item in enumerate(items):
        check(d, 560, 330 + i * 70, 30, fill=GOLD)
        d.text((610, 328 + i * 70), item, font=font(36), fill=WHITE)
    footer(d)
    return img


def voting_day() -> Image.Image:
    """Calendar page 14 Februari 2024, a clock and a ballot box."""
    img, d = canvas((250, 238, 220))
    calendar(d, (80, 90, 480, 560), "FEBRUARI 2024", "14", "Rabu")
    cx, cy, r = 680, 300, 140
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=WHITE, outline=NAVY, width=10)
    for h in range(12):
        a = math.radians(h * 30)
        d.line(
            (
                cx + int((r - 25) * math.sin(a)),
                cy - int((r - 25) * math.cos(a)),
                cx + int((r - 10) * math.sin(a)),
                cy - int((r - 10) * math.cos(a)),
            ),
            fill=NAVY,
            width=5,
        )
    d.line((cx, cy, cx + 70, cy - 40), fill=INK, width=10)  # ~07.00
    d.line((cx, cy, cx, cy - 100), fill=INK, width=6)
    center_text(d, cx, cy + r + 30, "TPS buka 07.00-13.00 WIB", 30, MAROON)
    ballot_box(d, 880, 260, 260, "TPS")
    center_text(d, 1010, 510, "Hari pemungutan suara", 26, INK)
    footer(d)
    return img


def ballot_boxes(labels: list[str]) -> Image.Image:
    """A row of ballot boxes labelled with TPS numbers."""
    img, d = canvas((222, 234, 240))
    d.rectangle((0, 480, W, H), fill=(200, 190, 170))
    banner(d, (100, 24, 1100, 140), "Pemungutan & Penghitungan Suara", "50 TPS se-Kecamatan Concong")
    w = 180
    for i, lab in enumerate(labels):
        x = 70 + i * (w + 40)
        d.rectangle((x - 10, 470, x + w + 10, 500), fill=WOOD)
        ballot_box(d, x, 300, w, lab, body=(245, 250, 255))
    footer(d)
    return img


def tally_sheet() -> Image.Image:
    """A tally sheet with tally marks and a calculator."""
    img, d = canvas((205, 215, 225))
    paper(d, (120, 50, 860, 610), 0)
    center_text(d, 490, 70, "Rekapitulasi Tingkat Kecamatan", 34, MAROON)
    cols = [150, 420, 600, 830]
    for x in cols:
        d.line((x, 130, x, 590), fill=GREY, width=3)
    for k, head in enumerate(("Desa/Kel.", "Jumlah", "Turus")):
        d.text((cols[k] + 14, 140), head, font=font(24), fill=INK)
    for r, (name, _, _) in enumerate(DESA_MAP):
        y = 190 + r * 66
        d.line((150, y, 830, y), fill=GREY, width=2)
        d.text((164, y + 18), name, font=font(22), fill=INK)
        d.line((440, y + 34, 560 - r * 12, y + 34), fill=(180, 180, 185), width=6)
        for g in range(2 + r % 2):
            x0 = 614 + g * 70
            for m in range(4):
                d.line((x0 + m * 12, y + 12, x0 + m * 12, y + 52), fill=NAVY, width=4)
            d.line((x0 - 6, y + 46, x0 + 46, y + 16), fill=NAVY, width=4)
    d.rounded_rectangle((920, 260, 1120, 560), radius=18, fill=INK)
    d.rectangle((945, 285, 1095, 345), fill=(190, 220, 190))
    d.text((990, 298), "13.912", font=font(28), fill=INK)
    for r in range(4):
        for c in range(3):
            d.rounded_rectangle((945 + c * 52, 365 + r * 47, 985 + c * 52, 400 + r * 47), radius=6, fill=GREY)
    footer(d)
    return img


def sealed_results() -> Image.Image:
    """Stamped minutes and a sealed document box: the tally is done."""
    img, d = canvas((232, 225, 212))
    d.rectangle((660, 230, 1100, 560), fill=(230, 200, 150), outline=WOOD_DARK, width=5)
    d.rectangle((640, 200, 1120, 250), fill=(215, 180, 125), outline=WOOD_DARK, width=5)
    d.rectangle((860, 200, 900, 560), fill=RED)
    d.rectangle((720, 330, 1040, 420), fill=WHITE, outline=GREY)
    center_text(d, 880, 345, "DOKUMEN HASIL", 26, INK)
    center_text(d, 880, 380, "PPK CONCONG", 24, MAROON)
    paper(d, (110, 90, 560, 600), 9, start=160, gap=36)
    center_text(d, 335, 110, "BERITA ACARA", 32, INK)
    center_text(d, 335, 152, "Rekapitulasi Hasil Penghitungan Suara", 20, GREY)
    stamp(d, 430, 500, 75, "SELESAI", color=RED)
    footer(d)
    return img


def party_grid() -> Image.Image:
    """Numbered cards (no logos) for the parties confirmed as contestants."""
    img, d = canvas(PAPER)
    banner(
        d,
        (0, 0, W, 140),
        "Penetapan Partai Politik Peserta Pemilu 2024",
        "Nomor urut diundi setelah penetapan",
    )
    colours = [MAROON, NAVY, TEAL, GOLD, PURPLE, GREEN, (200, 90, 40)]
    for i in range(17):
        r, c = divmod(i, 6)
        x, y = 80 + c * 180 + (r == 2) * 90, 180 + r * 150
        d.rounded_rectangle((x, y, x + 150, y + 125), radius=12, fill=WHITE, outline=LIGHT, width=3)
        d.ellipse((x + 45, y + 12, x + 105, y + 72), fill=colours[i % len(colours)])
        center_text(d, x + 75, y + 82, str(i + 1), 30, INK)
    footer(d)
    return img


# --- Registry: output path -> drawing function -------------------------------

IMAGES: dict[str, Callable[[], Image.Image]] = {
    "2022/penetapan-partai-peserta.jpg": party_grid,
    "2023/pelantikan-ppk.jpg": lambda: ceremony(
        "Pelantikan Anggota PPK Pemilu 2024", "Kabupaten Indragiri Hilir · Rabu, 4 Januari 2023", False
    ),
    "2023/hasil-seleksi-pps.jpg": lambda: notice_board(
        "Hasil Seleksi Calon Anggota PPS", "se-Kecamatan Concong · Pemilu 2024"
    ),
    "2023/sk-pelantikan-pps.jpg": lambda: decree_and_stamp(
        "Pengangkatan Anggota PPS", "se-Kecamatan Concong · Pemilu 2024"
    ),
    "2023/bimtek-pps.jpg": lambda: hall(
        "Bimtek PPS se-Kecamatan Concong",
        "Tata Kerja Pantarlih & Aplikasi Sidalih · Sabtu, 11 Februari 2023",
        screen="SIDALIH",
    ),
    "2023/coklit-dimulai.jpg": stilt_house_coklit,
    "2023/coklit-selesai.jpg": lambda: clipboard_checklist(
        "Coklit Kecamatan Concong",
        [
            "Data pemilih dicocokkan",
            "Pemilih baru dicatat",
            "Tidak memenuhi syarat ditandai",
            "Stiker coklit ditempel",
            "Laporan ke PPS",
        ],
        "Selesai 14 Maret 2023",
    ),
    "2023/peta-dps-concong.jpg": map_concong,
    "2023/pleno-dpt-kecamatan.jpg": lambda: pleno_table(
        "Rapat Pleno Terbuka Rekapitulasi DPT", "Tingkat Kecamatan Concong · Juni 2023"
    ),
    "2023/aturan-kampanye.jpg": campaign_rules,
    "2023/sosialisasi-pemilih-pemula.jpg": first_time_voter,
    "2024/pelantikan-kpps.jpg": lambda: ceremony(
        "Pengambilan Sumpah/Janji Anggota KPPS", "se-Kecamatan Concong · Kamis, 25 Januari 2024", True
    ),
    "2024/bimtek-kpps.jpg": lambda: hall(
        "Bimtek KPPS se-Kecamatan Concong",
        "Pemungutan, Penghitungan Suara & Sirekap · 2-4 Februari 2024",
        screen="SIREKAP",
    ),
    "2024/masa-tenang.jpg": quiet_period,
    "2024/hari-pemungutan-suara.jpg": voting_day,
    "2024/laporan-tps.jpg": lambda: ballot_boxes(["TPS 01", "TPS 03", "TPS 05", "TPS 07", "TPS 12"]),
    "2024/rekapitulasi-ppk.jpg": tally_sheet,
    "2024/rekapitulasi-selesai.jpg": sealed_results,
}


def encode(img: Image.Image) -> bytes:
    """Progressive JPEG without EXIF or other metadata."""
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=QUALITY, progressive=True, optimize=True, subsampling="4:2:0")
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report images that differ")
    args = parser.parse_args(argv)
    stale = []
    for rel, draw in IMAGES.items():
        data = encode(draw())
        if len(data) > MAX_BYTES:
            print(f"{rel}: {len(data)} bytes, over {MAX_BYTES}", file=sys.stderr)
            return 1
        path = OUT / rel
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(rel)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"wrote {path.relative_to(ROOT)} ({len(data) // 1024} KB)")
    if args.check and stale:
        print("stale images: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
