"""The photo pipeline on real image files made here: EXIF, orientation, sizes, cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from officers.core.config import RECIPES
from officers.core.images import ImageProblem, ImageProblems, Job, Pipeline, Recipe
from PIL import Image

RED, BLUE = (220, 20, 20), (20, 20, 220)


def phone_photo(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    """A landscape scene (red left half, blue right half) saved the way a phone
    held upright saves it: pixels stored rotated, EXIF Orientation=6, GPS set."""
    scene = Image.new("RGB", size, BLUE)
    scene.paste(RED, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825).update({1: "S", 2: (0.0, 15.0, 3.0), 3: "E", 4: (103.0, 25.0, 0.0)})
    stored = scene.transpose(Image.Transpose.ROTATE_90)  # Orientation 6 rotates it back
    stored.save(path, "JPEG", quality=90, exif=exif, icc_profile=b"", comment=b"secret")
    return path


def assert_clean(path: Path) -> Image.Image:
    image = Image.open(path)
    assert not image.getexif(), f"{path.name} still has EXIF"
    for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"):
        assert key not in image.info, f"{path.name} still has {key}"
    raw = path.read_bytes()
    assert b"Exif" not in raw and b"PhoneMaker" not in raw and b"secret" not in raw
    return image


@pytest.fixture
def pipeline(tmp_path: Path) -> Pipeline:
    return Pipeline(tmp_path / "cache", workers=2)


def test_gallery_photo_published_clean_upright_and_at_promised_sizes(tmp_path, pipeline):
    source = phone_photo(tmp_path / "bimtek.jpg")
    job = Job(source, "content/galeri/x/bimtek.jpg", RECIPES["galeri"], "foto/galeri/x/bimtek")
    image = pipeline.process([job])[job]
    out = tmp_path / "out"
    pipeline.publish({job: image}, out)
    sizes = {(v.format, v.width, v.height) for v in image.variants}
    # WebP at every width, one JPEG fallback (the widest thumbnail) for browsers without WebP.
    assert sizes == {("webp", 320, 240), ("webp", 640, 480), ("jpeg", 640, 480)}
    assert image.fallback.width == 640
    # Upright: the stored 1200x1600 portrait becomes the 1600x1200 landscape again.
    assert (image.large.width, image.large.height) == (1600, 1200)
    for variant in [*image.variants, image.large]:
        published = assert_clean(out / variant.path)
        assert published.size == (variant.width, variant.height)
        assert published.format == variant.format.upper()
        rgb = published.convert("RGB")
        left, right = rgb.getpixel((5, rgb.height // 2)), rgb.getpixel((rgb.width - 5, rgb.height // 2))
        assert left[0] > 180 and left[2] < 80, "left half should be red (orientation applied)"
        assert right[2] > 180 and right[0] < 80, "right half should be blue"
    assert image.webp_srcset.startswith("foto/galeri/x/bimtek-")
    assert image.webp_srcset.endswith("-640.webp 640w")


def test_lead_image_original_is_republished_clean_at_its_own_url(tmp_path, pipeline):
    source = phone_photo(tmp_path / "lead.jpg", size=(3000, 2000))
    job = Job(
        source,
        "content/images/lead.jpg",
        RECIPES["berita"],
        "foto/berita/lead",
        original_path="images/2023/lead.jpg",
    )
    image = pipeline.process([job])[job]
    pipeline.publish({job: image}, tmp_path / "out")
    original = assert_clean(tmp_path / "out" / "images/2023/lead.jpg")
    assert original.size == (2400, 1600)  # very large photos are resized, not refused
    assert (image.original.width, image.original.height) == (2400, 1600)
    widths = sorted((v.format, v.width) for v in image.variants)
    assert widths == [("jpeg", 800), ("webp", 480), ("webp", 800), ("webp", 1200)]
    assert image.jpeg_srcset == f"{image.fallback.path} 800w, images/2023/lead.jpg 2400w"
    # Only WebP-less browsers fetch this JPEG: baseline, not the slower progressive.
    assert "progressive" not in original.info


def test_second_run_encodes_nothing_and_output_is_identical(tmp_path):
    sources = [phone_photo(tmp_path / f"p{i}.jpg", size=(800 + 40 * i, 600)) for i in range(3)]
    jobs = [Job(s, s.name, RECIPES["petugas"], f"foto/petugas/{s.stem}") for s in sources]
    cold = Pipeline(tmp_path / "cache", workers=2)
    first = cold.process(jobs)
    cold.publish(first, tmp_path / "a")
    assert (cold.stats.encoded, cold.stats.cached) == (3, 0)
    warm = Pipeline(tmp_path / "cache", workers=2)
    second = warm.process(jobs)
    warm.publish(second, tmp_path / "b")
    assert (warm.stats.encoded, warm.stats.cached) == (0, 3)
    assert second == first
    fresh = Pipeline(tmp_path / "other-cache", workers=1)  # no cache at all, one process
    fresh.publish(fresh.process(jobs), tmp_path / "c")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 9  # per photo: WebP 160 and 320, JPEG 320
    for name in files:
        same = (tmp_path / "a" / name).read_bytes()
        assert same == (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()


def test_changed_photo_is_encoded_again(tmp_path, pipeline):
    source = phone_photo(tmp_path / "p.jpg")
    job = Job(source, "p.jpg", RECIPES["petugas"], "foto/petugas/p")
    before = pipeline.process([job])[job]
    Image.new("RGB", (500, 500), RED).save(source)
    after = pipeline.process([job])[job]
    assert pipeline.stats.encoded == 2
    assert after.key != before.key and after.variants[0].path != before.variants[0].path


def test_square_crop_for_officers_and_no_upscaling(tmp_path, pipeline):
    source = tmp_path / "small.png"
    Image.new("RGBA", (200, 300), (0, 128, 0, 128)).save(source)
    job = Job(source, "small.png", RECIPES["petugas"], "foto/petugas/small")
    image = pipeline.process([job])[job]
    # 200 px wide: the 320 variant would be an upscale, so 160 and nothing larger;
    # the JPEG fallback falls back to the widest width made.
    assert {(v.format, v.width, v.height) for v in image.variants} == {("webp", 160, 160), ("jpeg", 160, 160)}
    pipeline.publish({job: image}, tmp_path / "out")
    jpeg = Image.open(tmp_path / "out" / image.fallback.path)
    assert jpeg.mode == "RGB"  # alpha flattened onto white for JPEG


def test_corrupt_file_is_a_clear_error_naming_it(tmp_path, pipeline):
    good = phone_photo(tmp_path / "good.jpg")
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    jobs = [Job(p, f"content/galeri/x/{p.name}", RECIPES["galeri"], f"g/{p.stem}") for p in (good, bad)]
    with pytest.raises(ImageProblems) as caught:
        pipeline.process(jobs)
    [problem] = caught.value.problems
    assert problem.display == "content/galeri/x/rusak.jpg"
    assert "rusak atau bukan gambar" in problem.message and problem.hint
    assert not list((tmp_path / "cache").rglob(".tmp-*")), "no half-written cache entry"


def test_unsupported_format_is_refused(tmp_path, pipeline):
    source = tmp_path / "foto.gif"
    Image.new("RGB", (10, 10)).save(source)
    with pytest.raises(ImageProblem, match="format foto '.gif' tidak didukung"):
        pipeline.process([Job(source, "foto.gif", RECIPES["galeri"], "g/foto")])


def test_republished_static_image_without_variants(tmp_path, pipeline):
    source = tmp_path / "peta.png"
    Image.new("RGB", (300, 200), BLUE).save(source, pnginfo=None, dpi=(300, 300))
    job = Job(source, "peta.png", Recipe(widths=(), original=2400), "", original_path="images/peta.png")
    image = pipeline.process([job])[job]
    assert image.variants == ()
    pipeline.publish({job: image}, tmp_path / "out")
    published = assert_clean(tmp_path / "out" / "images/peta.png")
    assert published.size == (300, 200) and "dpi" not in published.info


def test_publishing_into_the_previous_site_leaves_unchanged_files_alone(tmp_path, pipeline):
    source = phone_photo(tmp_path / "p.jpg", size=(400, 300))
    job = Job(source, "p.jpg", RECIPES["petugas"], "foto/petugas/p")
    processed = pipeline.process([job])
    pipeline.publish(processed, tmp_path / "site")
    files = sorted((tmp_path / "site").rglob("*.*"))
    mtimes = [f.stat().st_mtime_ns for f in files]
    again = Pipeline(tmp_path / "cache")
    again.publish(again.process([job]), tmp_path / "site")
    assert again.stats.written == 0
    assert [f.stat().st_mtime_ns for f in files] == mtimes


def test_lead_no_wider_than_the_fallback_gets_no_extra_jpeg(tmp_path, pipeline):
    """A 700 px lead: WebP 480 only; the republished original is the JPEG fallback."""
    source = tmp_path / "kecil.jpg"
    Image.new("RGB", (700, 400), RED).save(source, quality=90)
    job = Job(source, "kecil.jpg", RECIPES["berita"], "foto/berita/kecil", original_path="images/kecil.jpg")
    image = pipeline.process([job])[job]
    assert [(v.format, v.width) for v in image.variants] == [("jpeg", 480), ("webp", 480)]
    wide = tmp_path / "lebar.jpg"
    Image.new("RGB", (800, 450), RED).save(wide, quality=90)
    job = Job(wide, "lebar.jpg", RECIPES["berita"], "foto/berita/lebar", original_path="images/lebar.jpg")
    image = pipeline.process([job])[job]
    # 800 px: the original (800 px JPEG) is the fallback, no second JPEG of the same width.
    assert [(v.format, v.width) for v in image.variants] == [("webp", 480), ("webp", 800)]
    assert image.fallback.path == "images/lebar.jpg"


def test_large_gallery_copy_is_progressive_and_thumbnails_look_like_the_photo(tmp_path, pipeline):
    """The large JPEG (opened full screen by every browser) is progressive; the
    thumbnails, resized in a chain from it, keep the scene's colours."""
    source = phone_photo(tmp_path / "besar.jpg", size=(3200, 2400))
    job = Job(source, "besar.jpg", RECIPES["galeri"], "foto/galeri/x/besar")
    image = pipeline.process([job])[job]
    out = tmp_path / "out"
    pipeline.publish({job: image}, out)
    with Image.open(out / image.large.path) as large:
        assert large.size == (1600, 1200) and large.info.get("progressive")
    for variant in image.variants:
        thumb = Image.open(out / variant.path).convert("RGB")
        assert thumb.size == (variant.width, variant.height)
        assert thumb.getpixel((variant.width // 4, variant.height // 2))[0] > 180  # red half
        assert thumb.getpixel((3 * variant.width // 4, variant.height // 2))[2] > 180  # blue half


def test_every_bad_photo_is_reported_in_file_name_order(tmp_path, pipeline):
    """Encoding runs largest first; the report still lists files in a stable order."""
    jobs = []
    for name, size in (("b.jpg", 10), ("a.jpg", 5000), ("c.jpg", 300)):
        (tmp_path / name).write_bytes(b"\xff\xd8" + b"x" * size)
        jobs.append(Job(tmp_path / name, name, RECIPES["galeri"], f"g/{name}"))
    with pytest.raises(ImageProblems) as caught:
        pipeline.process(jobs)
    assert [p.display for p in caught.value.problems] == ["a.jpg", "b.jpg", "c.jpg"]


@pytest.mark.parametrize(
    ("kind", "size", "orientation", "suffix"),
    [
        ("galeri", (4000, 3000), 6, ".jpg"),  # decoded at half scale, stored sideways
        ("galeri", (1601, 1199), 1, ".jpg"),
        ("berita", (1001, 3001), 8, ".jpg"),  # tall portrait
        ("berita", (5000, 333), 1, ".jpg"),  # panorama wider than the original limit
        ("berita", (6000, 4000), 6, ".jpg"),  # 24 MP phone photo: decoded at half scale
        ("berita", (999, 700), 1, ".png"),
        ("petugas", (2999, 1777), 3, ".jpg"),
        ("petugas", (333, 777), 1, ".webp"),
    ],
)
def test_planned_sizes_are_what_gets_encoded(tmp_path, kind, size, orientation, suffix):
    """Paths and sizes are planned from the header before encoding (templates are
    rendered meanwhile); finish() would raise if the encoder made anything else."""
    source = tmp_path / f"foto{suffix}"
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, BLUE).save(source, exif=exif)
    job = Job(source, source.name, RECIPES[kind], f"foto/{kind}/foto", original_path=f"images/foto{suffix}")
    pipeline = Pipeline(tmp_path / "cache", workers=1)
    planned = pipeline.start([job])[job]
    assert not list((tmp_path / "cache").rglob("meta.json")), "serial encoding waits for finish()"
    pipeline.finish()
    pipeline.publish({job: planned}, tmp_path / "out")
    upright = size[::-1] if orientation in (6, 8) else size
    assert (planned.width, planned.height) == upright
    for variant in [*planned.variants, planned.large, planned.original]:
        if variant:
            with Image.open(tmp_path / "out" / variant.path) as published:
                assert published.size == (variant.width, variant.height)


def test_start_returns_final_paths_and_finish_waits_for_the_pool(tmp_path):
    sources = [phone_photo(tmp_path / f"g{i}.jpg", size=(1600 + 8 * i, 1200)) for i in range(4)]
    jobs = [Job(s, s.name, RECIPES["galeri"], f"foto/galeri/x/{s.stem}") for s in sources]
    pipeline = Pipeline(tmp_path / "cache", workers=2)
    started = pipeline.start(jobs)
    pipeline.finish()
    assert pipeline.stats.encoded == 4
    assert len(list((tmp_path / "cache").rglob("meta.json"))) == 4
    assert Pipeline(tmp_path / "cache", workers=2).process(jobs) == started  # the cache agrees


def test_published_files_are_copies_of_the_cache_checked_against_its_record(tmp_path, pipeline):
    source = phone_photo(tmp_path / "p.jpg", size=(400, 300))
    job = Job(source, "p.jpg", RECIPES["petugas"], "foto/petugas/p")
    processed = pipeline.process([job])
    name, path = processed[job].files[0]
    cached = pipeline.entry_for(processed[job].key) / name
    target = tmp_path / "site" / path
    target.parent.mkdir(parents=True)
    target.write_bytes(b"foto lama")  # the previous site held something else there
    pipeline.publish(processed, tmp_path / "site")
    good = cached.read_bytes()
    assert target.read_bytes() == good and not target.samefile(cached) and target.stat().st_nlink == 1
    cached.write_bytes(b"rusak")  # the cache is damaged after publishing: the site is not
    assert target.read_bytes() == good
    target.unlink()
    pipeline.publish(processed, tmp_path / "site")  # the damaged entry is encoded again
    assert target.read_bytes() == good == cached.read_bytes()
