from datetime import datetime, timedelta
from pathlib import Path

import pytest
from news_portal import core
from news_portal.scaffold import write_new_post
from PIL import Image


def test_related_posts_prefer_more_shared_tags_then_newer():
    tags = {
        "a": {"coklit", "pps"},
        "b": {"coklit"},
        "c": {"coklit", "pps", "dpt"},
        "d": {"kampanye"},
        "e": {"pps"},
    }
    dates = {k: datetime(2023, 1, i + 1) for i, k in enumerate("abcde")}
    related = core.related_posts_for_all(tags, dates, 3)
    assert related["a"] == ["c", "e", "b"]
    assert related["d"] == []
    assert core.related_posts_for_all(tags, dates, 1)["a"] == ["c"]


def test_related_posts_match_a_full_comparison_when_the_window_covers_everything():
    import random

    rng = random.Random(7)
    vocabulary = [f"t{i}" for i in range(12)]
    tags = {n: set(rng.sample(vocabulary, rng.randint(1, 4))) for n in range(300)}
    dates = {n: datetime(2023, 1, 1) + timedelta(hours=rng.randint(0, 9000)) for n in tags}
    fast = core.related_posts_for_all(tags, dates, 3, window=len(tags))
    for post, own in tags.items():
        scores = {o: len(own & t) for o, t in tags.items() if o != post and own & t}
        brute = sorted(scores, key=lambda o: (scores[o], dates[o], str(o)), reverse=True)[:3]
        assert fast[post] == brute


def test_related_posts_come_from_around_the_same_time():
    dates = {n: datetime(2023, 1, 1) + timedelta(days=n) for n in range(50)}
    tags = {n: {"coklit"} for n in dates}
    related = core.related_posts_for_all(tags, dates, 3, window=5)
    assert related[10] == [15, 14, 13]
    assert all(abs(other - 10) <= 5 for other in related[10])


def test_neighbours_previous_is_older_next_is_newer():
    result = core.neighbours(["newest", "middle", "oldest"])
    assert result["middle"] == ("oldest", "newest")
    assert result["newest"] == ("middle", None)
    assert result["oldest"] == (None, "middle")


def test_lead_story_is_newest_with_image():
    assert core.pick_lead(["x", "y", "z"], {"x": False, "y": True, "z": True}) == "y"
    assert core.pick_lead(["x"], {"x": False}) == "x"
    assert core.pick_lead([], {}) is None


@pytest.mark.parametrize(
    ("word", "value"),
    [("ya", True), ("Ya", True), ("true", True), ("tidak", False), ("", False), ("mungkin", None)],
)
def test_yes_no_words(word, value):
    assert core.parse_yes_no(word) is value


def _picture(folder: Path) -> None:
    (folder / "images").mkdir()
    Image.new("RGB", (640, 360), "white").save(folder / "images" / "foto.jpg")


def test_lead_image_reads_size(tmp_path):
    _picture(tmp_path)
    image = core.load_lead_image(tmp_path, "images/foto.jpg", "Aula kantor camat", "Foto: Tim Media")
    assert (image.src.path, image.width, image.height, image.alt) == (
        "images/foto.jpg",
        640,
        360,
        "Aula kantor camat",
    )


@pytest.mark.parametrize(
    ("path", "alt", "fragment"),
    [
        ("images/hilang.jpg", "ada", "tidak ditemukan"),
        ("images/foto.jpg", "  ", "teks alternatif"),
        ("../rahasia.jpg", "ada", "keluar dari folder"),
    ],
)
def test_lead_image_problems_are_explained(tmp_path, path, alt, fragment):
    _picture(tmp_path)
    with pytest.raises(core.LeadImageProblem, match=fragment):
        core.load_lead_image(tmp_path, path, alt, None)


def test_corrupt_lead_image_is_named(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "rusak.jpg").write_bytes(b"not a jpeg")
    with pytest.raises(core.LeadImageProblem, match="rusak.jpg"):
        core.load_lead_image(tmp_path, "images/rusak.jpg", "alt", None)


def test_scaffold_writes_a_draft_with_wib_date(tmp_path):
    from zoneinfo import ZoneInfo

    now = datetime(2024, 2, 13, 8, 5, tzinfo=ZoneInfo("Asia/Jakarta"))
    path = write_new_post(
        tmp_path, "Pengumuman Masa Tenang!", "Pengumuman", "Rina", now, ["Berita", "Pengumuman"]
    )
    assert path == tmp_path / "2024" / "2024-02-13-pengumuman-masa-tenang.md"
    text = path.read_text(encoding="utf-8")
    assert "Date: 2024-02-13 08:05" in text and "Category: Pengumuman" in text and "Status: draft" in text
    with pytest.raises(ValueError, match="sudah ada"):
        write_new_post(
            tmp_path, "Pengumuman Masa Tenang!", "Pengumuman", "Rina", now, ["Berita", "Pengumuman"]
        )
    with pytest.raises(ValueError, match="rubrik"):
        write_new_post(tmp_path, "Judul", "Gosip", "", now, ["Berita"])
