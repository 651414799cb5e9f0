"""Each article keeps a colour on every page, and the articles shown together are told apart."""

import datetime as dt

from geo.atlas.atlas import Atlas
from geo.model.models import Article
from geo.view.palette import PALETTE, article_colour, assigned, colour_in


def test_an_article_keeps_its_colour_and_articles_spread_over_the_palette():
    ids = [f"article-{n}" for n in range(200)]
    assert [article_colour(i) for i in ids] == [article_colour(i) for i in ids]
    assert {article_colour(i) for i in ids} == set(PALETTE)
    assert article_colour("2023-02-28-azernews") in PALETTE


def test_any_ten_articles_in_a_row_have_ten_colours():
    ids = [f"article-{n}" for n in range(95)]
    assert len({article_colour(i) for i in ids[:10]}) < 10, "hashed alone, ten articles collide"
    colours = assigned(ids)
    for start in range(0, 95, 10):
        chunk = [colours[i] for i in ids[start : start + 10]]
        assert len(set(chunk)) == len(chunk)
    assert assigned(ids) == colours, "the same articles, the same colours"


def test_an_atlas_colours_its_articles_oldest_first():
    articles = {
        f"a{n}": Article(id=f"a{n}", outlet="X", date=dt.date(2022, 1, 1 + n), title="T", text="T.") for n in range(3)
    }
    atlas = Atlas(places={}, articles=articles, events={})
    assert len({colour_in(atlas, a) for a in articles}) == 3
    assert colour_in(atlas, "a0") == article_colour("a0")  # the first keeps its own colour
    assert colour_in(atlas, "not-shown") == article_colour("not-shown")
