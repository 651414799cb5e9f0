"""Data shown in the app is inert: escaped for HTML, and for Markdown where Streamlit reads Markdown."""

import pytest

from geo.atlas.atlas import Atlas
from geo.model.models import Article, Place
from geo.view.mapview import layer_data
from ui.markup import esc, link, md


def test_markdown_links_images_and_emphasis_stay_text():
    hostile = "![x](https://elsewhere.example/t.png) [click](javascript:alert(1)) **loud** <b>"
    assert md(hostile) == (
        "!&#91;x&#93;(https:\u2060//elsewhere.example/t.png) &#91;click&#93;(javascript:alert(1)) "
        "&#42;&#42;loud&#42;&#42; &lt;b&gt;"
    )


@pytest.mark.parametrize(
    ("value", "joined"),
    [
        ("www.evil.example", "www\u2060.evil"),
        ("mail a@evil.example", "a@\u2060evil"),
        (":material/home:", ":\u2060material/home:"),
        (":smile: now", ":\u2060smile:"),
    ],
)
def test_links_icons_and_emoji_written_out_are_broken_by_a_word_joiner(value, joined):
    assert joined in esc(value)


def test_html_and_markdown_escapes_are_one_and_white_space_cannot_start_a_block():
    assert md is esc
    assert esc("a\n\n# b") == "a # b"
    assert [esc(v) for v in ("# b", " - b", "1986. b", "> b")] == [
        "&#35; b",
        " &#45; b",
        "&#49;&#57;&#56;&#54;. b",
        "&gt; b",
    ]


def test_links_are_escaped_and_open_apart():
    assert link("https://example.org/?a=1&b=2", "<original>") == (
        '<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">&lt;original&gt;</a>'
    )
    assert esc("<script>") == "&lt;script&gt;"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://a.b/x)![](https://e/t.png)", "ftp://a.b/", "http://"])
def test_an_article_address_must_be_a_plain_web_address(url):
    with pytest.raises(ValueError, match="the address must start with http"):
        Article(id="a", outlet="O", date="2023-01-01", title="T", url=url)


def place(pid, name):
    return Place(id=pid, name=name, kind="town", lat=1, lon=2, coord_source="test", precision_m=10)


def test_two_places_with_one_name_are_told_apart_by_their_tooltips():
    atlas = Atlas(
        places={p.id: p for p in [place("geonames-4250542", "Springfield"), place("geonames-4951788", "Springfield")]},
        articles={},
    )
    labels = {p[0]: p[1] for p in layer_data(atlas, list(atlas.places))["points"]}
    assert labels == {
        "geonames-4250542": "Springfield (geonames-4250542)",
        "geonames-4951788": "Springfield (geonames-4951788)",
    }
