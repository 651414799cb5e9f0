"""Each article keeps its colour on every page, whatever else is in the corpus."""

from geo.view.palette import PALETTE, article_colour


def test_an_article_keeps_its_colour_and_articles_spread_over_the_palette():
    ids = [f"article-{n}" for n in range(200)]
    assert [article_colour(i) for i in ids] == [article_colour(i) for i in ids]
    assert {article_colour(i) for i in ids} == set(PALETTE)
    assert article_colour("2023-02-28-azernews") in PALETTE
