from portal_common.nav import with_nav_entry

MENU = [("Beranda", ""), ("Sosialisasi", "rubrik/sosialisasi/"), ("Tentang", "tentang/")]


def test_entry_goes_after_or_before_a_url():
    assert with_nav_entry(MENU, "Tahapan", "tahapan/", after="rubrik/sosialisasi/")[2] == (
        "Tahapan",
        "tahapan/",
    )
    assert with_nav_entry(MENU, "Cari", "cari/", before="tentang/")[-2:] == [
        ("Cari", "cari/"),
        ("Tentang", "tentang/"),
    ]


def test_missing_anchor_appends():
    assert with_nav_entry([("Beranda", "")], "Cari", "cari/", before="tentang/") == [
        ("Beranda", ""),
        ("Cari", "cari/"),
    ]


def test_idempotent_and_never_mutates():
    menu = list(MENU)
    once = with_nav_entry(menu, "Galeri", "galeri/", before="tentang/")
    assert with_nav_entry(once, "Galeri", "galeri/", before="tentang/") == once
    assert menu == MENU


def test_plugins_together_give_the_documented_order():
    menu = with_nav_entry(MENU, "Tahapan", "tahapan/", after="rubrik/sosialisasi/")
    for label, url in (("Petugas", "petugas/"), ("Galeri", "galeri/"), ("Cari", "cari/")):
        menu = with_nav_entry(menu, label, url, before="tentang/")
    assert [label for label, _ in menu] == [
        "Beranda",
        "Sosialisasi",
        "Tahapan",
        "Petugas",
        "Galeri",
        "Cari",
        "Tentang",
    ]
