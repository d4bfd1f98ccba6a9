"""Synthetic committee site for the build benchmark: N news posts like the demo's.

The site is the demo's `content/` (pages, stage and officer data, galleries,
images, its own posts) plus synthetic posts up to N in total: Indonesian news
text of about 450 words across the rubrics, tags and election stages, about a
third with a lead image (drawn with Pillow, each post its own file) and one in
twenty with a photo gallery. Names are fictional. The same seed gives the same
site, byte for byte.

    .venv/bin/python bench/synth.py /tmp/site --posts 2000
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONTENT = ROOT / "content"
RUBRICS = ["Berita", "Pengumuman", "Kegiatan", "Sosialisasi", "Opini"]
RUBRIC_WEIGHTS = [40, 15, 25, 15, 5]
VILLAGES = [
    "Concong Luar",
    "Concong Dalam",
    "Concong Tengah",
    "Kampung Baru",
    "Panglima Raja",
    "Sungai Berapit",
]
FIRST = [
    "Andi",
    "Budi",
    "Citra",
    "Dewi",
    "Eka",
    "Fajar",
    "Gita",
    "Hendra",
    "Indah",
    "Joko",
    "Kartini",
    "Lukman",
    "Maya",
    "Nanda",
    "Oki",
    "Putri",
    "Rahmat",
    "Sari",
    "Taufik",
    "Wulan",
    "Yusuf",
    "Zahra",
]
LAST = [
    "Saputra",
    "Lestari",
    "Hidayat",
    "Maharani",
    "Siregar",
    "Nasution",
    "Harahap",
    "Permata",
    "Ramadhan",
    "Kurniawan",
    "Anggraini",
    "Syahputra",
    "Wijaya",
    "Fitriani",
    "Pratama",
]
ROLES = [
    "Ketua PPK Concong",
    "Anggota PPK Divisi Teknis Penyelenggaraan",
    "Ketua PPS {desa}",
    "Anggota PPK Divisi Sosialisasi",
    "Sekretaris PPS {desa}",
    "Ketua KPPS TPS {tps} {desa}",
    "Anggota PPK Divisi Perencanaan, Data dan Informasi",
    "Operator Sidalih PPK Concong",
]
TOPICS = [
    ("bimtek", "bimbingan teknis (bimtek) bagi {body} se-Kecamatan Concong"),
    ("coklit", "pencocokan dan penelitian (coklit) data pemilih di Desa {desa}"),
    ("logistik", "distribusi logistik pemilu dari gudang PPK ke PPS {desa}"),
    ("sosialisasi", "sosialisasi tahapan pemilu kepada pemilih pemula di {desa}"),
    ("rapat pleno", "rapat pleno terbuka rekapitulasi tingkat Kecamatan Concong"),
    ("dpt", "pengumuman daftar pemilih di kantor PPS {desa}"),
    ("tps", "persiapan {n} TPS di Desa {desa} menjelang hari pemungutan suara"),
    ("kpps", "pelantikan anggota KPPS untuk {n} TPS di {desa}"),
    ("pantarlih", "monitoring kerja Pantarlih di RT {rt} Desa {desa}"),
    ("pemilih disabilitas", "pendataan pemilih penyandang disabilitas di {desa}"),
]
BODIES = ["PPS", "KPPS", "Pantarlih", "operator Sidalih", "sekretariat PPS"]
TAGS = [
    "pemilu 2024",
    "pps",
    "kpps",
    "pantarlih",
    "coklit",
    "dpt",
    "logistik",
    "tps",
    "bimtek",
    "sidalih",
    "sosialisasi",
    "pemilih pemula",
    "rekapitulasi",
    "kampanye",
    "pilkada 2024",
    "pemilih disabilitas",
    "rapat pleno",
    "relawan demokrasi",
] + [f"desa {v.lower()}" for v in VILLAGES]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
SENTENCES = [
    "Kegiatan ini diikuti {n} peserta dari enam desa dan kelurahan di Kecamatan Concong.",
    '"Kami ingin setiap warga yang berhak memilih tercatat dengan benar," kata {person}, {role}.',
    "Menurut {person}, {role}, pekerjaan di lapangan berjalan sesuai jadwal meski cuaca kurang bersahabat.",
    "Petugas harus menyeberangi sungai dengan pompong untuk mencapai dusun terjauh di {desa}.",
    "Warga yang belum terdaftar dapat melapor ke kantor PPS {desa} pada jam kerja, 08.00–16.00 WIB.",
    "Hingga {weekday} ({short}), tercatat {n} pemilih baru dan {m} pemilih yang tidak memenuhi syarat.",
    "Panwaslu Kecamatan Concong turut hadir mengawasi jalannya kegiatan dari awal sampai akhir.",
    "Sinyal telepon yang lemah di beberapa dusun membuat data dikirim ketika petugas kembali ke pusat desa.",
    "PPK mengingatkan seluruh jajaran agar bekerja jujur, teliti, dan tuntas sesuai tahapan yang berlaku.",
    "Materi disampaikan secara bergantian oleh anggota PPK dan staf sekretariat dengan sesi tanya jawab.",
    "Di akhir acara, peserta menerima salinan petunjuk teknis dan formulir yang diperlukan.",
    "{person} menambahkan bahwa hasil kegiatan akan dilaporkan kepada KPU Kabupaten Indragiri Hilir.",
    "Sebanyak {n} kotak suara dan {m} bilik suara telah diperiksa dan disegel di gudang logistik.",
    "Masyarakat diminta aktif memeriksa namanya melalui laman cekdptonline atau papan pengumuman PPS.",
    "Rapat dilanjutkan dengan pembahasan kendala di lapangan dan pembagian tugas untuk pekan berikutnya.",
]


@dataclass(frozen=True)
class Stage:
    slug: str
    start: date
    end: date


def load_stages(content: Path) -> list[Stage]:
    """Every stage and sub-stage slug with its dates, from the demo's YAML files."""
    stages: list[Stage] = []

    def walk(items: list[dict]) -> None:
        for item in items or []:
            start = item.get("start")
            if isinstance(start, date):
                end = item.get("end") or start
                stages.append(Stage(str(item["slug"]), start, end if isinstance(end, date) else start))
            walk(item.get("substages") or [])

    for path in sorted((content / "data" / "tahapan").glob("*.y*ml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")).get("stages") or [])
    return stages


def fill(template: str, rng: random.Random, day: date) -> str:
    desa = rng.choice(VILLAGES)
    return template.format(
        desa=desa,
        body=rng.choice(BODIES),
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        role=rng.choice(ROLES).format(desa=desa, tps=f"{rng.randint(1, 12):03d}"),
        n=rng.randint(3, 250),
        m=rng.randint(2, 60),
        rt=f"{rng.randint(1, 9):03d}",
        weekday=DAYS[day.weekday()],
        short=f"{day.day}/{day.month}/{day.year}",
    )


def draw_photo(path: Path, rng: random.Random, size: tuple[int, int] = (1200, 800)) -> None:
    """A photo-like JPEG (gradient sky, shapes, grain) so encoders do real work."""
    width, height = size
    top, bottom = [tuple(rng.randint(40, 230) for _ in range(3)) for _ in range(2)]
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    picture = Image.composite(
        Image.new("RGB", size, top), Image.new("RGB", size, bottom), picture.convert("L")
    )
    pen = ImageDraw.Draw(picture)
    for _ in range(25):
        x, y = rng.randint(0, width), rng.randint(height // 3, height)
        w, h = rng.randint(30, 260), rng.randint(30, 200)
        pen.rectangle((x, y, x + w, y + h), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    noise = Image.effect_noise(size, 24).convert("RGB")
    picture = Image.blend(picture, noise, 0.12)
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", quality=82)


def post_text(
    rng: random.Random, number: int, moment: datetime, stages: list[Stage], slugs: list[str]
) -> tuple[str, str]:
    """One post's Markdown and its slug."""
    day = moment.date()
    tag, topic = rng.choice(TOPICS)
    headline = fill(topic, rng, day)
    title = (headline[:1].upper() + headline[1:])[:80].rstrip(" ,")
    slug = f"{moment:%Y-%m-%d}-{tag.replace(' ', '-')}-{number:05d}"
    paragraphs = [
        f"CONCONG – PPK Concong melaksanakan {headline}, "
        f"{DAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})."
    ]
    for block in range(rng.randint(5, 8)):
        if block == 3:
            paragraphs.append(f"## {fill(rng.choice(TOPICS)[1], rng, day).capitalize()}")
        paragraphs.append(" ".join(fill(rng.choice(SENTENCES), rng, day) for _ in range(rng.randint(3, 5))))
    if slugs and rng.random() < 0.3:
        older = rng.choice(slugs[-50:])
        paragraphs.append(f"Baca juga [berita sebelumnya]({{filename}}/posts/{older[:4]}/{older}.md).")
    header = {
        "Title": title,
        "Date": f"{moment:%Y-%m-%d %H:%M}",
        "Category": rng.choices(RUBRICS, RUBRIC_WEIGHTS)[0],
        "Tags": ", ".join(sorted(set(rng.sample(TAGS, rng.randint(2, 5)) + [tag]))),
        "Author": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "Slug": slug,
        "Summary": f"PPK Concong melaksanakan {headline}."[:155],
    }
    current = [s.slug for s in stages if s.start <= day <= s.end]
    if current and rng.random() < 0.7:
        header["Stage"] = rng.choice(current)
    lines = [f"{key}: {value}" for key, value in header.items()]
    return "\n".join(lines) + "\n\n" + "\n\n".join(paragraphs) + "\n", slug


def generate(
    target: Path, posts: int, seed: int = 2024, image_share: float = 0.33, gallery_share: float = 0.05
) -> Path:
    """Write the synthetic content folder to `target` (replaced); return it."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(DEMO_CONTENT, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    stages = load_stages(target)
    demo_posts = sorted((target / "posts").rglob("*.md"))
    count = max(0, posts - len(demo_posts))
    start = datetime(2022, 6, 14, 7, 0)
    span = (datetime(2024, 12, 16, 18, 0) - start).total_seconds()
    moments = sorted(start + timedelta(seconds=int(span * rng.random())) for _ in range(count))
    slugs: list[str] = []
    for number, moment in enumerate(moments, start=1):
        text, slug = post_text(rng, number, moment.replace(second=0), stages, slugs)
        extra = []
        if rng.random() < image_share:
            image = f"images/bench/{moment:%Y}/{slug}.jpg"
            draw_photo(target / image, rng)
            extra += [
                f"Image: {image}",
                f"Image_alt: Petugas dan warga dalam kegiatan {slug[11:].replace('-', ' ')}",
                "Image_caption: Dokumentasi Tim Media PPK Concong",
            ]
        if rng.random() < gallery_share:
            folder = slug
            for index in range(1, 5):
                draw_photo(
                    target / "galeri" / folder / f"{index:02d}-suasana-kegiatan.jpg", rng, (1600, 1067)
                )
            extra.append(f"Gallery: {folder}")
        if extra:
            head, body = text.split("\n\n", 1)
            text = head + "\n" + "\n".join(extra) + "\n\n" + body
        path = target / "posts" / f"{moment:%Y}" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        slugs.append(slug)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    generate(args.target, args.posts, args.seed)
    print(f"{args.target}: {len(list((args.target / 'posts').rglob('*.md')))} posts")


if __name__ == "__main__":
    main()
