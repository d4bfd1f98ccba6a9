"""The photo pipeline: every published raster image goes through here.

For each source photo a `Recipe` says which widths to make (WebP, plus one
JPEG fallback for the few browsers without WebP), whether to crop to an aspect
ratio, and whether to publish a "large" copy (gallery link target) or the photo
itself at its own URL (posts' lead images). Every output is re-encoded from pixels, with the EXIF
orientation applied first, so no EXIF, XMP, GPS or ICC block survives.

Results are cached by content hash (source bytes + recipe + pipeline version)
in a cache directory; a cache entry is a folder of encoded files plus
`meta.json`, written atomically. An unchanged photo is never re-encoded, and
because publishing only copies cache files, the output is byte-identical
whether the cache was warm or cold. Encoding runs in a process pool.

Speed (a cold build is mostly this module, see docs/benchmarks.md): each source
is decoded once (at reduced scale when every output is small), the width
variants are resized in a chain from the smallest copy already made, WebP uses
libwebp `method` 2 (2.5x faster than the default 4, same PSNR, ~5 % more
bytes), small JPEG fallbacks are baseline (progressive only where a JPEG is
what every browser shows), and the largest sources are encoded first so no
worker idles at the end.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import json
import math
import os
import shutil
import signal
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from portal_common.cachefile import StatMemo, Store, discarded, read_sealed, write_sealed

# MAX_PIXELS: the one bound on decoding, for every role (re-exported for callers).
from portal_common.imagelimits import MAX_PIXELS as MAX_PIXELS
from portal_common.imagelimits import ImageTooLarge, open_bounded
from portal_common.outputfiles import DamagedSource, copy_verified

# Bump when encoding changes, so old cache entries are not reused.
PIPELINE_VERSION = "6"  # 6: sealed meta.json with every file's size and SHA-256
SUPPORTED_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
# Raster formats that could carry metadata but that we do not publish as is.
UNSUPPORTED_SUFFIXES = frozenset({".gif", ".tif", ".tiff", ".bmp", ".heic", ".heif", ".avif", ".jfif"})
JPEG_QUALITY = 80
WEBP_QUALITY = 76
# libwebp effort 0-6: 2 is the knee (4 costs 2.5x the time for ~5 % fewer bytes).
WEBP_METHOD = 2
# Downscaling filter: bicubic is 30 % cheaper than Lanczos and within 49 dB PSNR
# of it on the demo photos (invisible; WebP/JPEG at these qualities are ~39 dB).
RESAMPLE = Image.Resampling.BICUBIC
_FORMAT_BY_SUFFIX = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_EXT = {"JPEG": "jpg", "WEBP": "webp", "PNG": "png"}


class ImageProblem(Exception):
    """A source image that cannot be published; `display` names the file."""

    def __init__(self, display: str, message: str, hint: str) -> None:
        super().__init__(f"{display}: {message}")
        self.display = display
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Recipe:
    """What to make of one photo."""

    widths: tuple[int, ...]
    aspect: tuple[int, int] | None = None  # crop the width variants to w:h
    large: int = 0  # longest side of a JPEG "large" copy, 0 = none
    original: int = 0  # longest side of the photo republished in its own format
    # The one JPEG width variant (for browsers without WebP): made at the largest
    # width up to this one; not made when a republished JPEG original is no wider.
    fallback: int = 0

    def key(self) -> str:
        parts = (PIPELINE_VERSION, self.widths, self.aspect, self.large, self.original, self.fallback)
        return "|".join(str(part) for part in parts)


@dataclass(frozen=True)
class Variant:
    """One encoded file: path relative to the output root."""

    path: str
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"


@dataclass(frozen=True)
class Job:
    """One photo to publish.

    `prefix` is the output path without width and extension (e.g.
    `foto/petugas/siti`); `original_path` is where the cleaned photo itself is
    published (lead images keep their URL), used only when the recipe has
    `original`.
    """

    source: Path
    display: str
    recipe: Recipe
    prefix: str
    original_path: str = ""


@dataclass(frozen=True)
class ProcessedImage:
    """The published files of one photo, with what templates need."""

    key: str  # cache key: content hash of source + recipe
    width: int  # as decoded, orientation applied
    height: int
    variants: tuple[Variant, ...]
    large: Variant | None = None
    original: Variant | None = None
    files: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # (cache name, out path)

    def _srcset(self, fmt: str) -> str:
        return ", ".join(f"{v.path} {v.width}w" for v in self.variants if v.format == fmt)

    @property
    def webp_srcset(self) -> str:
        return self._srcset("webp")

    @property
    def jpeg_srcset(self) -> str:
        """JPEG candidates; a republished JPEG original is the largest one."""
        entries = [self._srcset("jpeg")]
        if self.original and self.original.format == "jpeg":
            entries.append(f"{self.original.path} {self.original.width}w")
        return ", ".join(e for e in entries if e)

    @property
    def src(self) -> Variant:
        """The `<img src>`: a republished original (lead images keep their URL), else the fallback."""
        return self.original or self.fallback

    @property
    def srcset(self) -> str:
        """The `<img srcset>`: the JPEG candidates, none when `src` is the only one."""
        srcset = self.jpeg_srcset
        return "" if srcset == f"{self.src.path} {self.src.width}w" else srcset

    @property
    def fallback(self) -> Variant:
        """The `<img src>`: the largest JPEG variant up to 800 px, else the smallest."""
        jpegs = [v for v in self.variants if v.format == "jpeg"]
        if self.original and self.original.format == "jpeg":
            jpegs.append(self.original)
        fitting = [v for v in jpegs if v.width <= 800]
        return fitting[-1] if fitting else jpegs[0]


@dataclass
class Stats:
    """How much work a run did; `encoded == 0` on a warm cache."""

    encoded: int = 0
    cached: int = 0
    written: int = 0


def cache_key(source: Path, recipe: Recipe) -> str:
    digest = hashlib.sha256(recipe.key().encode())
    with source.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_suffix(path: Path, display: str) -> None:
    """Raise ImageProblem for a file type the pipeline does not publish."""
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES:
        return
    raise ImageProblem(
        display,
        f"format foto '{suffix or '(tanpa ekstensi)'}' tidak didukung",
        "simpan foto sebagai JPEG (.jpg), PNG atau WebP",
    )


# --- planning: every output's name and size, from the header alone -----------------

_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError)


def _open(source: Path) -> Image.Image:
    """Open lazily (header only), refusing decompression bombs above MAX_PIXELS."""
    return open_bounded(source)


def _problem(display: str, err: Exception) -> ImageProblem:
    if isinstance(err, ImageTooLarge):
        return ImageProblem(display, err.message, err.hint)
    return ImageProblem(
        display,
        f"berkas foto rusak atau bukan gambar ({err})",
        "buka foto di komputer; jika tidak tampil, salin ulang atau ekspor ulang sebagai JPEG",
    )


def _oriented_size(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    if image.getexif().get(0x0112) in (5, 6, 7, 8):  # rotated by 90 degrees
        return height, width
    return width, height


def read_size(source: Path, display: str) -> tuple[int, int]:
    """The photo's size once upright, read from its header (no decoding)."""
    try:
        with _open(source) as image:
            return _oriented_size(image)
    except (ImageTooLarge, *_DECODE_ERRORS) as err:
        raise _problem(display, err) from err


def verify(source: Path, display: str) -> None:
    """Raise ImageProblem unless the pipeline can decode `source` (what `invoke check` runs).

    The same open and decode as `encode` (a JPEG at 1/8 scale: a truncated or
    corrupt stream fails at any scale), without encoding anything.
    """
    check_suffix(source, display)
    try:
        with _open(source) as image:
            if image.format == "JPEG":
                image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
            ImageOps.exif_transpose(image).load()
    except (ImageTooLarge, *_DECODE_ERRORS) as err:
        raise _problem(display, err) from err


def _longest(size: tuple[int, int], longest: int) -> tuple[int, int]:
    width, height = size
    if max(size) <= longest:
        return size
    scale = longest / max(size)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _span(recipe: Recipe, size: tuple[int, int]) -> int:
    """The widest variant a picture of `size` can give without upscaling."""
    if recipe.aspect:
        aw, ah = recipe.aspect
        return min(size[0], round(size[1] * aw / ah))
    return size[0]


def _widths(recipe: Recipe, span: int) -> list[int]:
    fitting = [w for w in recipe.widths if w <= span]
    return fitting or [span]


def _variant_size(recipe: Recipe, size: tuple[int, int], width: int) -> tuple[int, int]:
    if recipe.aspect:
        aw, ah = recipe.aspect
        return width, max(1, round(width * ah / aw))
    return width, max(1, round(size[1] * width / size[0]))


def _fallback_width(recipe: Recipe, widths: list[int], jpeg_below: int) -> int:
    """The width of the one JPEG variant, or 0 when a republished JPEG original serves."""
    if not recipe.fallback or not widths:
        return 0
    fitting = [w for w in widths if w <= recipe.fallback]
    width = max(fitting) if fitting else min(widths)
    return width if width < jpeg_below else 0


def plan(size: tuple[int, int], recipe: Recipe, suffix: str) -> dict:
    """Names and sizes of every output for an upright photo of `size` (the cache's meta.json).

    A pure function of the header, so the main process knows every path, width
    and height before the pixels are encoded (in the background).
    """
    meta: dict = {"width": size[0], "height": size[1]}
    jpeg_below = 1 << 30
    if recipe.original:
        fmt = _FORMAT_BY_SUFFIX[suffix]
        width, height = _longest(size, recipe.original)
        meta["original"] = {"name": f"original.{_EXT[fmt]}", "width": width, "height": height}
        if fmt == "JPEG":
            jpeg_below = width
    if recipe.large:
        width, height = _longest(size, recipe.large)
        meta["large"] = {"name": "large.jpg", "width": width, "height": height}
    widths = _widths(recipe, _span(recipe, size)) if recipe.widths else []
    jpeg_width = _fallback_width(recipe, widths, jpeg_below)
    variants = []
    for width in widths:
        w, h = _variant_size(recipe, size, width)
        variants.append({"name": f"{width}.webp", "width": w, "height": h, "format": "webp"})
        if width == jpeg_width:
            variants.append({"name": f"{width}.jpg", "width": w, "height": h, "format": "jpeg"})
    meta["variants"] = sorted(variants, key=lambda v: (v["format"], v["width"]))
    return meta


# --- encoding (runs in worker processes) -------------------------------------------


def _reduction(recipe: Recipe, width: int, height: int) -> float:
    """How many times smaller than the oriented source every output can be made."""
    longest = max(width, height)
    limits = [longest / side for side in (recipe.large, recipe.original) if side]
    if recipe.widths:
        span = width
        if recipe.aspect:
            aw, ah = recipe.aspect
            span = min(width, height * aw / ah)
        limits.append(span / max(recipe.widths))
    return max(1.0, min(limits, default=1.0))


def _open_oriented(source: Path, display: str, recipe: Recipe) -> tuple[Image.Image, tuple[int, int]]:
    """Decode, at reduced scale when the outputs are small, with orientation applied.

    Returns the pixels and the full upright size (what `plan` was given).
    """
    try:
        with _open(source) as image:
            size = _oriented_size(image)
            if image.format == "JPEG":
                factor = _reduction(recipe, *size)
                if factor >= 2:  # DCT scaling by 2, 4 or 8, never below any planned output
                    image.draft("RGB", (math.ceil(image.width / factor), math.ceil(image.height / factor)))
            oriented = ImageOps.exif_transpose(image)
            oriented.load()
    except (ImageTooLarge, *_DECODE_ERRORS) as err:
        raise _problem(display, err) from err
    return oriented, size


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert to RGB/RGBA in sRGB, dropping every metadata block."""
    icc = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode == "CMYK" or image.mode != mode:
        image = image.convert(mode)
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            image = ImageCms.profileToProfile(image, source_profile, srgb, outputMode=mode)
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: keep the pixels as they are
    image.info = {}  # the decoded image is ours alone: no copy needed
    return image


def _resized(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    if image.size == size:
        return image
    return image.resize(size, RESAMPLE, reducing_gap=3.0)


def _flat(image: Image.Image) -> Image.Image:
    """JPEG has no alpha: composite on white."""
    if image.mode != "RGBA":
        return image
    base = Image.new("RGB", image.size, (255, 255, 255))
    base.paste(image, mask=image.getchannel("A"))
    return base


def _save(image: Image.Image, fmt: str, path: Path, progressive: bool = False) -> None:
    """Encode; progressive JPEG (3x the encoding time) only where every browser shows it."""
    if fmt == "JPEG":
        _flat(image).save(path, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=progressive)
    elif fmt == "WEBP":
        image.save(path, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    else:
        image.save(path, "PNG", optimize=True)


def _encode_variants(
    image: Image.Image, base: Image.Image, recipe: Recipe, variants: list, entry: Path
) -> None:
    """The planned width variants, largest first, each resized from the previous one.

    The chain starts from `base`, a smaller copy already made (the large or the
    original), when it is wide enough, else from the decoded `image`.
    """
    sizes = sorted({(v["width"], v["height"]) for v in variants}, reverse=True)
    working = base if sizes and _span(recipe, base.size) >= sizes[0][0] else image
    for size in sizes:
        if working.size != size:  # the 1200 px WebP of a 1200 px lead needs no resize
            working = ImageOps.fit(working, size, RESAMPLE) if recipe.aspect else _resized(working, size)
        for variant in variants:
            if (variant["width"], variant["height"]) == size:
                _save(working, variant["format"].upper(), entry / variant["name"])


def encode(source: Path, display: str, recipe: Recipe, entry: Path) -> dict:
    """Encode every output of `recipe` into folder `entry`; return the metadata (the plan)."""
    decoded, size = _open_oriented(source, display, recipe)
    image = _to_srgb(decoded)
    meta = plan(size, recipe, source.suffix.lower())
    base = image
    if "original" in meta:
        item = meta["original"]
        base = _resized(image, (item["width"], item["height"]))
        # With width variants, WebP browsers never fetch it: baseline is enough.
        _save(base, _FORMAT_BY_SUFFIX[source.suffix.lower()], entry / item["name"], not recipe.widths)
    if "large" in meta:
        large = _resized(image, (meta["large"]["width"], meta["large"]["height"]))
        if large.width < base.width:
            base = large
        _save(large, "JPEG", entry / "large.jpg", progressive=True)  # opened full screen by all
    _encode_variants(image, base, recipe, meta["variants"], entry)
    return meta


def _records(folder: Path) -> dict[str, list]:
    """Size and SHA-256 of every encoded file in an entry folder (checked before each reuse)."""
    records = {}
    for path in sorted(folder.iterdir()):
        if path.name != "meta.json":
            data = path.read_bytes()
            records[path.name] = [len(data), hashlib.sha256(data).hexdigest()]
    return records


def _encode_entry(source: str, display: str, recipe: Recipe, entry: str) -> tuple[bool, object]:
    """Worker: encode into a temporary folder, then rename it into place.

    Returns (True, {"meta": meta, "files": records}) or (False, (message,
    hint)); exceptions with custom constructors do not cross process
    boundaries reliably.
    """
    final = Path(entry)
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=final.parent))
    try:
        meta = encode(Path(source), display, recipe, work)
        stored = {"meta": meta, "files": _records(work)}
        write_sealed(work / "meta.json", json.dumps(stored, sort_keys=True).encode("utf-8"))
        try:
            work.rename(final)
        except OSError:  # another build filled the same entry meanwhile
            shutil.rmtree(work, ignore_errors=True)
        return True, stored
    except ImageProblem as problem:
        shutil.rmtree(work, ignore_errors=True)
        return False, (problem.message, problem.hint)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


# --- orchestration (main process) -----------------------------------------------


def _read_entry(entry: Path) -> dict | None:
    """A cache entry's {"meta", "files"}, checked; None when absent or damaged (then removed).

    meta.json is sealed (its own size and SHA-256), names every file the meta
    refers to with its size and SHA-256, and each file must be there with that
    size; the digests are checked when a file is copied (`publish`).
    """
    if not entry.exists():
        return None
    payload = read_sealed(entry / "meta.json") if (entry / "meta.json").is_file() else None
    why = "meta.json hilang atau rusak"
    if payload is not None:
        try:
            stored = json.loads(payload)
            why = _entry_problem(entry, stored)
        except ValueError:
            why = "meta.json tidak bisa dibaca"
    if why:
        discarded(entry, why)
        return None
    return stored


def _entry_problem(entry: Path, stored: object) -> str:
    """Why an entry cannot be used ("" when it can)."""
    if not isinstance(stored, dict) or not isinstance(stored.get("meta"), dict):
        return "meta.json tidak dikenal"
    meta, files = stored["meta"], stored.get("files")
    try:
        names = [v["name"] for v in meta["variants"]]
        names += [meta[k]["name"] for k in ("large", "original") if k in meta]
        int(meta["width"]), int(meta["height"])
    except (KeyError, TypeError, ValueError):
        return "meta.json tidak lengkap"
    if not isinstance(files, dict) or not all(isinstance(files.get(n), list) for n in names):
        return "daftar berkas tidak lengkap"
    for name in names:
        try:
            size = (entry / name).stat().st_size
        except OSError:
            return f"berkas {name} hilang"
        if [size] != files[name][:1] or len(files[name]) != 2:
            return f"ukuran {name} tidak cocok"
    return ""


def _processed(job: Job, key: str, meta: dict) -> ProcessedImage:
    tag = key[:8]
    files: list[tuple[str, str]] = []
    variants = []
    for item in meta["variants"]:
        ext = item["name"].rsplit(".", 1)[1]
        path = f"{job.prefix}-{tag}-{item['width']}.{ext}"
        files.append((item["name"], path))
        variants.append(Variant(path, item["width"], item["height"], item["format"]))
    large = original = None
    if "large" in meta:
        item = meta["large"]
        large = Variant(f"{job.prefix}-{tag}.jpg", item["width"], item["height"], "jpeg")
        files.append((item["name"], large.path))
    if "original" in meta and job.original_path:
        item = meta["original"]
        ext = item["name"].rsplit(".", 1)[1]
        fmt = "jpeg" if ext == "jpg" else ext
        original = Variant(job.original_path, item["width"], item["height"], fmt)
        files.append((item["name"], original.path))
    return ProcessedImage(key, meta["width"], meta["height"], tuple(variants), large, original, tuple(files))


@dataclass
class _Pending:
    """A photo being encoded: what was planned and the worker's result (or a future)."""

    job: Job
    key: str
    meta: dict
    args: tuple
    future: Future | None = None


@dataclass
class Pipeline:
    """Processes jobs against one cache directory with `workers` processes.

    `process` does everything at once. A build uses `start` (paths and sizes at
    once, encoding in the background while Pelican renders the pages) and
    `finish` (wait, then report bad photos) before `publish`.
    """

    cache_dir: Path
    workers: int = 0  # 0 = one per CPU
    stats: Stats = field(default_factory=Stats)
    _pending: list[_Pending] = field(default_factory=list, repr=False)
    _pool: ProcessPoolExecutor | None = field(default=None, repr=False)
    _records: dict[str, dict] = field(default_factory=dict, repr=False)  # key -> name -> [size, sha256]

    def entry_for(self, key: str) -> Path:
        return self.cache_dir / key[:2] / key

    def process(self, jobs: list[Job]) -> dict[Job, ProcessedImage]:
        """Encode what is not cached and wait; raise ImageProblems listing every bad file."""
        processed = self.start(jobs)
        self.finish()
        return processed

    def start(self, jobs: list[Job]) -> dict[Job, ProcessedImage]:
        """Plan every job and start encoding what is not cached.

        The returned images (paths, widths, heights) are final; their files are
        in the cache once `finish` returns. Photos whose header cannot be read
        are reported here, at once.
        """
        memo = StatMemo(Store(self.cache_dir, "source-keys"))
        keys = {job: self._key(job, memo) for job in jobs}
        memo.save()
        metas: dict[str, dict] = {}
        todo: dict[str, Job] = {}
        for job, key in keys.items():
            if key in metas or key in todo:
                continue
            stored = _read_entry(self.entry_for(key))
            if stored is None:
                todo[key] = job
            else:
                metas[key], self._records[key] = stored["meta"], stored["files"]
        self.stats.cached += len({k for k in keys.values() if k not in todo})
        planned, problems = self._plan_all(todo)
        metas.update(planned)
        self._submit({k: todo[k] for k in planned}, metas)
        if problems:  # report the photos that fail to decode as well, all in one go
            try:
                self.finish()
            except ImageProblems as more:
                problems += more.problems
            raise ImageProblems(sorted(problems, key=lambda p: p.display))
        return {job: _processed(job, keys[job], metas[keys[job]]) for job in jobs}

    def _key(self, job: Job, memo: StatMemo) -> str:
        """The cache key; hashing the photo's bytes only when its stat data changed."""
        check_suffix(job.source, job.display)
        try:
            return memo.get(job.source, job.recipe.key(), lambda: cache_key(job.source, job.recipe))
        except OSError as err:
            raise ImageProblem(
                job.display, f"foto tidak dapat dibaca ({err.strerror})", "periksa nama berkasnya"
            ) from err

    def _plan_all(self, todo: dict[str, Job]) -> tuple[dict[str, dict], list[ImageProblem]]:
        planned, problems = {}, []
        for key, job in todo.items():
            try:
                size = read_size(job.source, job.display)
            except ImageProblem as problem:
                problems.append(problem)
                continue
            planned[key] = plan(size, job.recipe, job.source.suffix.lower())
        return planned, problems

    def _submit(self, todo: dict[str, Job], metas: dict[str, dict]) -> None:
        # Largest sources first: the pool ends with small jobs, not one long tail.
        order = sorted(todo, key=lambda key: (-_size(todo[key].source), key))
        pending = [
            _Pending(
                todo[k],
                k,
                metas[k],
                (str(todo[k].source), todo[k].display, todo[k].recipe, str(self.entry_for(k))),
            )
            for k in order
        ]
        self.stats.encoded += len(pending)
        self._pending.extend(pending)
        workers = min(self.workers or os.cpu_count() or 1, len(pending))
        if workers > 1:
            self._pool = self._pool or ProcessPoolExecutor(
                max_workers=workers, initializer=end_with_parent, initargs=(os.getpid(),)
            )
            for item in pending:
                item.future = self._pool.submit(_encode_entry, *item.args)

    def finish(self) -> None:
        """Wait for the encoding started by `start`; raise ImageProblems naming every bad photo."""
        pending, self._pending = self._pending, []
        pool, self._pool = self._pool, None
        try:
            results = [(p, p.future.result() if p.future else _encode_entry(*p.args)) for p in pending]
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        problems = [ImageProblem(p.job.display, *payload) for p, (ok, payload) in results if not ok]
        if problems:
            raise ImageProblems(sorted(problems, key=lambda p: p.display))
        for item, (_, stored) in results:
            self._accept(item.job, item.key, item.meta, stored)

    def _accept(self, job: Job, key: str, planned: dict, stored: dict) -> None:
        if stored["meta"] != planned:  # plan() and encode() disagree: a bug, never the officer's
            raise RuntimeError(f"{job.display}: encoded {stored['meta']}, planned {planned}")
        self._records[key] = stored["files"]

    def _reencode(self, job: Job, key: str, planned: dict) -> None:
        """Encode a damaged entry again, here and now (rare: the cache was changed behind our back)."""
        ok, payload = _encode_entry(str(job.source), job.display, job.recipe, str(self.entry_for(key)))
        if not ok:
            raise ImageProblems([ImageProblem(job.display, *payload)])
        self._accept(job, key, planned, payload)
        self.stats.encoded += 1

    def publish(self, processed: dict[Job, ProcessedImage], output_dir: Path) -> None:
        """Publish copies of the cached files at their output paths (each path written once).

        Copies, never links: nothing done to the cache can change the live site.
        A target that already holds the recorded bytes (the build renders into
        the previous site, see sitebuild/outputs.py) is left alone, its mtime
        kept and its ctime touched, so the driver's sweep knows this build made
        it. A cache file that does not match its record is discarded with a
        warning and its photo encoded again.
        """
        done: set[str] = set()
        for job, image in sorted(processed.items(), key=lambda item: item[0].display):
            entry = self.entry_for(image.key)
            for name, path in image.files:
                if path in done:
                    continue
                done.add(path)
                try:
                    written = copy_verified(entry / name, output_dir / path, *self._records[image.key][name])
                except DamagedSource as damage:
                    discarded(entry, str(damage))
                    planned = plan((image.width, image.height), job.recipe, job.source.suffix.lower())
                    self._reencode(job, image.key, planned)
                    written = copy_verified(entry / name, output_dir / path, *self._records[image.key][name])
                self.stats.written += written


_PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Worker initializer: the worker ends when the build process ends, even when it is killed.

    Linux sends SIGKILL to the worker as soon as its parent dies (PR_SET_PDEATHSIG);
    a parent that died before this ran is caught by the parent-pid check.
    Elsewhere this does nothing (the pool's own shutdown still ends workers on
    a normal exit).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:
        os._exit(1)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class ImageProblems(Exception):
    """Several bad images at once, so the officer can fix them in one go."""

    def __init__(self, problems: list[ImageProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
