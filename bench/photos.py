"""Photo-pipeline benchmark: cold and warm processing of N gallery photos or lead images.

It draws N phone-like JPEGs once (noise and shapes, so they compress like real
photos; half carry EXIF Orientation and GPS) into bench/out/photos/, then:

* cold: an empty cache, every photo decoded, oriented, stripped and encoded
  with the recipe of `--kind` (galeri: 320 and 640 px WebP thumbnails, a 640 px
  JPEG fallback and a 1600 px large JPEG; berita: the photo republished up to
  2400 px, WebP at 480/800/1200 px and an 800 px JPEG), spread over the worker
  processes, and published into an output folder;
* warm: the same photos again with the filled cache: only hashing and copying.

    .venv/bin/python bench/photos.py                    # 500 photos, 2000x1500
    .venv/bin/python bench/photos.py --count 100 --width 4000 --height 3000
    .venv/bin/python bench/photos.py --workers 1        # one process, to compare
    .venv/bin/python bench/photos.py --kind berita --width 1200 --height 800   # lead images

Not a test: targets live here, never in the test suite. Prints a table and, with
--json, the numbers as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from officers.core.config import RECIPES  # noqa: E402
from officers.core.images import Job, Pipeline  # noqa: E402
from PIL import Image, ImageDraw, ImageFilter  # noqa: E402

OUT = ROOT / "bench" / "out" / "photos"


def draw_photo(path: Path, seed: int, size: tuple[int, int]) -> None:
    rng = random.Random(seed)
    small = (size[0] // 4, size[1] // 4)
    image = Image.new("RGB", small, tuple(rng.randrange(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        r = rng.randrange(5, small[0] // 6)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = image.filter(ImageFilter.GaussianBlur(1)).resize(size, Image.Resampling.BILINEAR)
    # Sensor-like grain, so the photo compresses like a real one.
    grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).convert("RGB")
    image = Image.blend(image, grain, 0.08)
    exif = Image.Exif()
    if seed % 2:
        exif[0x0112] = 6
        exif.get_ifd(0x8825).update({1: "S", 2: (0.0, 15.0, 0.0), 3: "E", 4: (103.0, 25.0, 0.0)})
    image.save(path, "JPEG", quality=88, exif=exif)


def photo_set(count: int, size: tuple[int, int]) -> list[Path]:
    folder = OUT / f"{size[0]}x{size[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"foto-{i:04d}.jpg" for i in range(count)]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"drawing {len(missing)} photos of {size[0]}x{size[1]} into {folder} (once)...", flush=True)
        for path in missing:
            draw_photo(path, int(path.stem.split("-")[1]), size)
    return paths


def run(paths: list[Path], cache: Path, output: Path, workers: int, kind: str = "galeri") -> dict:
    jobs = [
        Job(p, p.name, RECIPES[kind], f"foto/{kind}/bench/{p.stem}", original_path=f"images/{p.name}")
        for p in paths
    ]
    pipeline = Pipeline(cache, workers)
    start = time.perf_counter()
    processed = pipeline.process(jobs)
    encoded_at = time.perf_counter()
    pipeline.publish(processed, output)
    end = time.perf_counter()
    return {
        "seconds": round(end - start, 2),
        "process_seconds": round(encoded_at - start, 2),
        "publish_seconds": round(end - encoded_at, 2),
        "encoded": pipeline.stats.encoded,
        "cached": pipeline.stats.cached,
        "files": pipeline.stats.written,
        "output_mb": round(sum(f.stat().st_size for f in output.rglob("*") if f.is_file()) / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--width", type=int, default=2000)
    parser.add_argument("--height", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=0, help="0 = one per CPU")
    parser.add_argument("--kind", choices=sorted(RECIPES), default="galeri", help="recipe (default galeri)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    paths = photo_set(args.count, (args.width, args.height))
    source_mb = sum(p.stat().st_size for p in paths) / 1e6
    with tempfile.TemporaryDirectory(prefix="bench-photos-") as tmp:
        cache = Path(tmp) / "cache"
        cold = run(paths, cache, Path(tmp) / "cold", args.workers, args.kind)
        warm = run(paths, cache, Path(tmp) / "warm", args.workers, args.kind)
        identical = all(
            (Path(tmp) / "cold" / f.relative_to(Path(tmp) / "warm")).read_bytes() == f.read_bytes()
            for f in (Path(tmp) / "warm").rglob("*")
            if f.is_file()
        )
        shutil.rmtree(cache)
    result = {
        "photos": args.count,
        "size": f"{args.width}x{args.height}",
        "kind": args.kind,
        "source_mb": round(source_mb, 1),
        "workers": args.workers or os.cpu_count(),
        "cold": cold,
        "warm": warm,
        "warm_output_identical": identical,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{args.count} photos {result['size']} ({result['source_mb']} MB), recipe {args.kind}, "
        f"{result['workers']} workers"
    )
    header = (
        ("total s", 8),
        ("encode s", 9),
        ("copy s", 7),
        ("encoded", 8),
        ("cached", 7),
        ("files", 6),
        ("MB", 6),
    )
    print(" " * 6 + "".join(f" {label:>{width}}" for label, width in header))
    for name, row in (("cold", cold), ("warm", warm)):
        print(
            f"{name:6} {row['seconds']:>8} {row['process_seconds']:>9} {row['publish_seconds']:>7} "
            f"{row['encoded']:>8} {row['cached']:>7} {row['files']:>6} {row['output_mb']:>6}"
        )
    print(f"per photo cold: {cold['seconds'] / args.count * 1000:.0f} ms; warm output identical: {identical}")


if __name__ == "__main__":
    main()
