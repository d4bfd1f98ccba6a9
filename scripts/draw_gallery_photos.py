"""Draw the demo's gallery photos and officer placeholder portraits (Pillow only).

Scenes are flat illustrations and portraits are abstract silhouettes: no real
faces, nothing downloaded. Output is deterministic for a given Pillow version.

* content/galeri/2023-02-11-bimtek-pps/*.jpg (1200x900) plus keterangan.yaml
  captions. One photo is saved the way a phone saves it: pixels stored sideways
  with EXIF Orientation=6 and a GPS position, so the demo shows the pipeline
  turning it upright and stripping the location.
* content/data/petugas/foto/*.jpg (480x480 silhouettes) for a few officers; the
  others get the generated initials avatar.

Usage (from the project root)::

    .venv/bin/python scripts/draw_gallery_photos.py
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "content" / "galeri" / "2023-02-11-bimtek-pps"
PORTRAITS = ROOT / "content" / "data" / "petugas" / "foto"
W, H = 1200, 900
QUALITY = 72

MAROON = (139, 30, 45)
GOLD = (227, 167, 47)
CREAM = (246, 241, 231)
WALL = (232, 222, 200)
FLOOR = (190, 160, 120)
NAVY = (31, 58, 95)
TEAL = (42, 127, 122)
INK = (40, 40, 48)
WHITE = (255, 255, 255)
GREY = (150, 150, 150)
SHIRTS = [(245, 245, 245), (120, 30, 40), (60, 90, 140), (70, 120, 90), (200, 170, 90), (110, 80, 130)]
SKIN = [(150, 105, 80), (180, 135, 100), (125, 90, 70), (165, 120, 90)]

Draw = ImageDraw.ImageDraw


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def room(draw: Draw) -> None:
    draw.rectangle((0, 0, W, H * 0.62), fill=WALL)
    draw.rectangle((0, H * 0.62, W, H), fill=FLOOR)
    for x in range(0, W, 150):
        draw.line((x, H * 0.62, x - 200, H), fill=(175, 145, 108), width=3)


def banner(draw: Draw, text: str, box: tuple[int, int, int, int]) -> None:
    draw.rectangle(box, fill=MAROON)
    draw.rectangle((box[0], box[3] - 14, box[2], box[3]), fill=GOLD)
    draw.text(
        ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2 - 6), text, font=font(34), fill=WHITE, anchor="mm"
    )


def person(draw: Draw, x: float, y: float, scale: float, index: int, seated: bool = False) -> None:
    """A faceless figure: head circle, shoulders, body; x, y is the top of the head."""
    head = 26 * scale
    skin = SKIN[index % len(SKIN)]
    shirt = SHIRTS[index % len(SHIRTS)]
    draw.ellipse((x - head, y, x + head, y + 2 * head), fill=skin)
    draw.pieslice(
        (x - head * 1.05, y - head * 0.2, x + head * 1.05, y + head * 1.3), 180, 360, fill=INK
    )  # hair or cap
    body_h = (60 if seated else 130) * scale
    draw.rounded_rectangle(
        (x - 2.2 * head, y + 2.1 * head, x + 2.2 * head, y + 2.1 * head + body_h),
        radius=int(18 * scale),
        fill=shirt,
    )


def audience(draw: Draw, rows: int, top: float, count: int) -> None:
    for row in range(rows):
        scale = 1.0 + row * 0.35
        y = top + row * 110
        for i in range(count):
            x = 90 + i * (W - 180) / (count - 1) + (row % 2) * 40
            person(draw, x, y, scale, i + row * 3, seated=True)
            draw.rectangle(
                (x - 60 * scale, y + 115 * scale, x + 60 * scale, y + 130 * scale), fill=(90, 60, 40)
            )


def opening(draw: Draw) -> None:
    room(draw)
    banner(draw, "BIMTEK PPS SE-KECAMATAN CONCONG", (150, 40, 1050, 150))
    draw.rectangle((520, 300, 680, 470), fill=(120, 80, 50))  # podium
    person(draw, 600, 200, 1.2, 1)
    draw.rectangle((520, 300, 680, 470), fill=(120, 80, 50))
    audience(draw, 2, 560, 7)


def sidalih(draw: Draw) -> None:
    room(draw)
    draw.rectangle((230, 60, 970, 460), fill=WHITE, outline=GREY, width=6)
    draw.rectangle((260, 90, 940, 150), fill=NAVY)
    draw.text((600, 120), "SIDALIH", font=font(40), fill=WHITE, anchor="mm")
    for i in range(6):
        draw.rectangle((290, 180 + i * 45, 910 - (i % 3) * 90, 205 + i * 45), fill=(205, 215, 230))
    person(draw, 1060, 330, 1.1, 2)
    audience(draw, 2, 580, 6)


def phones(draw: Draw) -> None:
    draw.rectangle((0, 0, W, H), fill=(160, 110, 70))  # table top
    for i in range(4):
        x, y = 120 + i * 270, 180 + (i % 2) * 120
        draw.rounded_rectangle((x, y, x + 200, y + 380), radius=26, fill=INK)
        draw.rectangle((x + 14, y + 40, x + 186, y + 340), fill=WHITE)
        draw.rectangle((x + 14, y + 40, x + 186, y + 90), fill=MAROON)
        draw.text((x + 100, y + 65), "e-coklit", font=font(26), fill=WHITE, anchor="mm")
        for j in range(5):
            draw.rectangle((x + 30, y + 110 + j * 42, x + 170, y + 130 + j * 42), fill=(215, 215, 215))
    draw.rectangle((760, 620, 1120, 860), fill=CREAM)
    draw.text((940, 660), "FORMULIR MODEL A", font=font(24), fill=INK, anchor="mm")


def handover(draw: Draw) -> None:
    room(draw)
    banner(draw, "PENYERAHAN SK PPS", (300, 40, 900, 140))
    person(draw, 420, 260, 1.6, 0)
    person(draw, 780, 260, 1.6, 2)
    draw.rectangle((530, 470, 670, 560), fill=(250, 235, 180), outline=GOLD, width=6)
    draw.text((600, 515), "SK", font=font(36), fill=MAROON, anchor="mm")


def equipment(draw: Draw) -> None:
    room(draw)
    banner(draw, "PERLENGKAPAN PANTARLIH", (250, 40, 950, 140))
    for i in range(5):
        x = 130 + i * 200
        draw.rectangle((x, 480, x + 170, 700), fill=(196, 160, 110), outline=(120, 90, 60), width=4)
        draw.line((x, 540, x + 170, 540), fill=(120, 90, 60), width=4)
    for i in range(3):
        x = 260 + i * 260
        draw.pieslice((x, 300, x + 200, 440), 180, 360, fill=GOLD)  # hats
        draw.rectangle((x - 20, 366, x + 220, 380), fill=GOLD)
    draw.rectangle((180, 740, 1020, 840), fill=WHITE)
    draw.text((600, 790), "STIKER COKLIT · ROMPI · TOPI · ALAT TULIS", font=font(28), fill=INK, anchor="mm")


def group(draw: Draw) -> None:
    room(draw)
    banner(draw, "PPS SE-KECAMATAN CONCONG · PEMILU 2024", (100, 40, 1100, 150))
    for row in range(2):
        for i in range(9):
            x = 110 + i * 122 + row * 60
            person(draw, x, 260 + row * 150, 1.0 + row * 0.2, i + row * 4)


SCENES: list[tuple[str, Callable[[Draw], None], str]] = [
    ("01-pembukaan.jpg", opening, "Ketua PPK Concong membuka bimtek PPS di aula Kantor Camat Concong."),
    ("02-materi-sidalih.jpg", sidalih, "Narasumber memaparkan alur kerja aplikasi Sidalih kepada peserta."),
    ("03-praktik-e-coklit.jpg", phones, "Peserta mencoba aplikasi e-coklit dan formulir Model A."),
    ("04-penyerahan-sk.jpg", handover, "Penyerahan petikan SK kepada perwakilan PPS."),
    ("05-perlengkapan-pantarlih.jpg", equipment, ""),  # caption from the file name
    ("06-foto-bersama.jpg", group, "Foto bersama peserta bimtek dari enam desa/kelurahan."),
]
# Saved as a phone would: sideways pixels, EXIF orientation and a GPS position.
PHONE_STYLE = "06-foto-bersama.jpg"


def phone_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    exif[0x010F] = "Contoh"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (0.0, 15.0, 0.0), 3: "E", 4: (103.0, 25.0, 0.0)})
    return exif


def draw_gallery() -> None:
    GALLERY.mkdir(parents=True, exist_ok=True)
    captions = ["# Keterangan foto: nama-berkas: keterangan (tanpa keterangan: dari nama berkas)."]
    for name, scene, caption in SCENES:
        image = Image.new("RGB", (W, H), CREAM)
        scene(ImageDraw.Draw(image))
        path = GALLERY / name
        if name == PHONE_STYLE:
            image.transpose(Image.Transpose.ROTATE_90).save(
                path, "JPEG", quality=QUALITY, optimize=True, exif=phone_exif()
            )
        else:
            image.save(path, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        if caption:
            captions.append(f"{name}: {caption}")
    (GALLERY / "keterangan.yaml").write_text("\n".join(captions) + "\n", encoding="utf-8")


PORTRAIT_COLOURS = {
    "fadlan-syahputra.jpg": ((205, 215, 230), (245, 245, 245), 0),
    "m-iqbal-ramadhan.jpg": ((220, 230, 215), (60, 90, 140), 1),
    "nurhasanah-amir.jpg": ((235, 220, 215), (120, 30, 40), 2),
    "dewi-kartika-sari.jpg": ((225, 215, 235), (70, 120, 90), 3),
    "hendra-saputra.jpg": ((230, 225, 205), (110, 80, 130), 0),
}


def portrait(background: tuple, shirt: tuple, index: int) -> Image.Image:
    """A bust silhouette on a plain background: no face, just shapes."""
    size = 480
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    skin = SKIN[index % len(SKIN)]
    draw.ellipse((150, 90, 330, 300), fill=skin)
    if index in (2, 3):  # headscarf
        draw.chord((130, 70, 350, 330), 150, 390, fill=shirt)
        draw.ellipse((170, 120, 310, 290), fill=skin)
    else:
        draw.pieslice((145, 70, 335, 230), 180, 360, fill=INK)
    draw.rounded_rectangle((70, 320, 410, 560), radius=90, fill=shirt)
    draw.polygon([(200, 320), (240, 390), (280, 320)], fill=WHITE if shirt != (245, 245, 245) else MAROON)
    return image


def draw_portraits() -> None:
    PORTRAITS.mkdir(parents=True, exist_ok=True)
    for name, (background, shirt, index) in PORTRAIT_COLOURS.items():
        portrait(background, shirt, index).save(PORTRAITS / name, "JPEG", quality=80, optimize=True)


if __name__ == "__main__":
    draw_gallery()
    draw_portraits()
    print(f"wrote {len(SCENES)} gallery photos and {len(PORTRAIT_COLOURS)} portraits")
