"""Small FeedItem factory for the core tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from feeds.core.model import Channel, FeedCategory, FeedImage, FeedItem

WIB = timezone(timedelta(hours=7))
BASE = "https://ppk.example.id"
HOSTILE = "Rapat \"Pleno\" & Rekap </script><script>alert(1)</script> 'selesai'"


def channel(**overrides) -> Channel:
    values = dict(
        title="PPK Concong",
        description="Berita PPK",
        home_url=f"{BASE}/",
        self_url=f"{BASE}/feed/atom.xml",
        author_name="Panitia Pemilihan Kecamatan Concong",
        author_email="ppk@example.id",
        logo_url=f"{BASE}/theme/img/logo.png",
        icon_url=f"{BASE}/theme/img/logo.png",
    )
    values.update(overrides)
    return Channel(**values)


def item(number: int, *, title: str | None = None, image: bool = True, body: str = "") -> FeedItem:
    published = datetime(2023, 2, 1, 9, 30, tzinfo=WIB) + timedelta(days=number)
    slug = f"tulisan-{number}"
    url = f"{BASE}/berita/{published:%Y/%m}/{slug}/"
    return FeedItem(
        guid=f"tag:ppk.example.id,{published:%Y-%m-%d}:post/{slug}",
        title=title or f"Tulisan nomor {number}",
        url=url,
        summary_html=f"<p>Ringkasan {number}</p>",
        content_html=body or f'<p>Isi tulisan {number} <a href="{BASE}/tentang/">tentang</a></p>',
        published=published,
        updated=published + timedelta(hours=2),
        author="Rina Marlina",
        categories=(
            FeedCategory("Berita", f"{BASE}/rubrik/berita/"),
            FeedCategory("coklit", f"{BASE}/topik/coklit/"),
        ),
        image=FeedImage(f"{BASE}/images/{slug}.jpg", "image/jpeg", 12345, 1200, 675, "Foto")
        if image
        else None,
    )


def newest_first(count: int, **kwargs) -> list[FeedItem]:
    return [item(n, **kwargs) for n in range(count, 0, -1)]
