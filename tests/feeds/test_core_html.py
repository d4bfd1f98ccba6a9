"""HTML cleaning for feeds: active content out, every URL absolute."""

from feeds.core.htmlclean import clean_html, plain_text

PAGE = "https://ppk.example.id/berita/2023/02/bimtek/"


def test_scripts_styles_iframes_and_handlers_are_removed():
    html = (
        '<p style="color:red" onclick="steal()">Halo<script>alert(1)</script></p>'
        "<style>p{}</style><iframe src='https://x.example/'></iframe>"
        "<noscript>n</noscript><!-- komentar --><object data='a.swf'></object>"
    )
    cleaned = clean_html(html, PAGE)
    assert cleaned == "<p>Halo</p>"


def test_relative_urls_become_absolute():
    html = (
        '<a href="../../../../tentang/">t</a> <a href="#bagian">b</a>'
        '<img src="/images/a.jpg" srcset="a-480.jpg 480w, /images/a-960.jpg 960w">'
        '<a href="https://lain.example/x">x</a> <a href="mailto:ppk@example.id">m</a>'
    )
    cleaned = clean_html(html, PAGE)
    assert 'href="https://ppk.example.id/tentang/"' in cleaned
    assert 'href="https://ppk.example.id/berita/2023/02/bimtek/#bagian"' in cleaned
    assert 'src="https://ppk.example.id/images/a.jpg"' in cleaned
    assert (
        'srcset="https://ppk.example.id/berita/2023/02/bimtek/a-480.jpg 480w, '
        'https://ppk.example.id/images/a-960.jpg 960w"'
    ) in cleaned
    assert 'href="https://lain.example/x"' in cleaned
    assert 'href="mailto:ppk@example.id"' in cleaned


def test_javascript_urls_are_dropped():
    cleaned = clean_html('<a href="javascript:alert(1)">x</a><img src=" JavaScript:1">', PAGE)
    assert "javascript" not in cleaned.lower()
    assert cleaned.startswith("<a>x</a>")


def test_text_with_markup_characters_survives():
    cleaned = clean_html('<p>A &amp; B &lt;/script&gt; "kutip"</p>', PAGE)
    assert plain_text(cleaned) == 'A & B </script> "kutip"'


def test_empty_and_plain_text():
    assert clean_html("", PAGE) == ""
    assert clean_html("   ", PAGE) == ""
    assert plain_text("<p>Satu</p>\n<p>dua  tiga</p>") == "Satu dua tiga"
