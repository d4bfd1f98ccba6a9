"""A title with quotes, ampersands or `</script>` is shown exactly as the officer wrote it."""

from __future__ import annotations

from bs4 import BeautifulSoup
from test_bad_input import GOOD_POST, _small_site

HOSTILE = 'Rapat "Pleno" & DPT </script><script>alert(1)</script> <b>tebal</b>'


def test_hostile_title_is_escaped_in_every_page(tmp_path, build_site):
    content = _small_site(tmp_path)
    post = GOOD_POST.replace("Title: Rapat Pleno Terbuka", f"Title: {HOSTILE}")
    (content / "posts" / "pleno.md").write_text(post, encoding="utf-8")

    build = build_site(tmp_path / "output", content=content)

    assert build.ok, build.messages
    article_html = build.page("/berita/2023/06/" + _slug(build) + "/")
    soup = BeautifulSoup(article_html, "html.parser")
    assert soup.h1.get_text() == HOSTILE
    assert soup.title.get_text().startswith(HOSTILE)
    assert "alert(1)" not in " ".join(s.get_text() for s in soup.find_all("script") if not s.get("type"))
    assert not soup.select("h1 b"), "markup in a title stays text"
    home = BeautifulSoup(build.page("/"), "html.parser")
    assert home.select_one(".lead-title a").get_text() == HOSTILE


def _slug(build) -> str:
    [folder] = (build.output / "berita" / "2023" / "06").iterdir()
    return folder.name
