"""The article filter: every page shows the whole corpus, or the articles the reader picks."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from geo.atlas.corpus import Confirmed, Corpus
from geo.model.models import Article, Place
from tests.conftest import ROOT, SEED_ARTICLE
from ui.markup import md

#: Every page reads the store.
pytestmark = pytest.mark.store

TEXT = "Officials met in Goris on December 5, 2022."
GORIS = Place(
    id="geonames-174895", name="Goris", kind="town", lat=39.51288, lon=46.33816, country="AM",
    coord_source="geonames:174895", precision_m=2000,
)  # fmt: skip


@pytest.fixture
def two_articles(atlas, empty_corpus):
    article = Article(
        id="example-times-goris", outlet="Example Times", date=dt.date(2022, 12, 20), title="Goris", text=TEXT
    )
    start = TEXT.index("Goris")
    return Corpus().save(article, [Confirmed(GORIS, ((start, start + 5),))], seed=atlas)


def places_page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "2_Places.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def shown(at: AppTest) -> set[str]:
    return set(at.dataframe[0].value["name"])


def test_every_page_shows_the_whole_corpus_by_default(two_articles):
    at = places_page()
    assert {"Goris", "Geneva"} <= shown(at)
    assert at.multiselect[0].options == [
        "2023-02-28 · Azernews · Azerbaijan's deputy foreign minister and the ICRC president discuss cooperation "
        "and the Lachin road",
        "2022-12-20 · Example Times · Goris",
    ]  # newest first
    assert "2 articles from 2 outlets, 2022-12-20–2023-02-28" in [c.value for c in at.sidebar.caption]


@pytest.mark.parametrize(("query", "offered"), [("example", 1), ("2022-12", 1), ("ICRC lachin", 1), ("2023", 1)])
def test_the_article_filter_searches_outlet_date_and_title_words(two_articles, query, offered):
    at = places_page()
    at.sidebar.text_input[0].input(query).run()
    assert len(at.multiselect[0].options) == offered
    at.multiselect[0].select(at.multiselect[0].options[0]).run()
    assert not at.exception
    assert at.query_params["article"] in (two_articles, [two_articles], SEED_ARTICLE, [SEED_ARTICLE])


def test_picking_an_article_shows_only_its_places(two_articles):
    assert shown(places_page(article=two_articles)) == {"Goris"}
    assert "Goris" not in shown(places_page(article=SEED_ARTICLE))


def test_an_unknown_article_in_the_address_warns_once_and_is_dropped(two_articles):
    at = places_page(article="no-such-article")
    assert [w.value for w in at.warning] == [
        "The atlas has no article with the id “no-such-article”; showing the others it knows."
    ]
    assert "article" not in at.query_params
    assert {"Goris", "Geneva"} <= shown(at)


def test_a_place_of_another_article_in_the_address_says_the_filter_hides_it(two_articles):
    at = places_page(article=two_articles, place="geneva")
    assert [w.value for w in at.warning] == [
        "Geneva is not among the places of the articles chosen in the sidebar; showing their map instead."
    ]
    assert shown(at) == {"Goris"}


def test_the_places_table_counts_the_articles_naming_each_place(atlas, two_articles):
    geneva = atlas.places["geneva"]
    text = "Talks resumed in Geneva."
    start = text.index("Geneva")
    article = Article(
        id="example-post-geneva", outlet="Example Post", date=dt.date(2023, 3, 1), title="Geneva", text=text
    )
    Corpus().save(article, [Confirmed(geneva, ((start, start + 6),))], seed=atlas)
    table = places_page().dataframe[0].value.set_index("name")
    assert table.loc["Geneva", "articles"] == 2 and table.loc["Geneva", "passages"] == 2
    assert table.loc["Goris", "articles"] == 1 and table.loc["Khankendi", "articles"] == 1
    chosen = places_page(article=two_articles).dataframe[0].value.set_index("name")
    assert chosen.loc["Goris", "articles"] == 1 and "Geneva" not in chosen.index


def test_a_saved_article_can_be_removed_from_its_page_once_the_reader_confirms(two_articles):
    at = AppTest.from_file(str(ROOT / "pages" / "3_Article.py"), default_timeout=60)
    at.run()
    assert at.selectbox[0].value == SEED_ARTICLE and not at.expander  # the seed lives in data/: no removing
    at.selectbox[0].select(two_articles).run()
    (remove,) = at.button
    assert at.expander[0].label == "Remove this article from the atlas" and remove.disabled
    at.checkbox[0].check().run()
    at.button[0].click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Removed “{md(two_articles)}”: 1 marked mention(s) and 0 event(s)."]
    assert len(at.selectbox[0].options) == 1 and Corpus().articles() == []  # the seed article is left
    assert "Goris" not in shown(places_page())


def test_a_corpus_of_many_articles_offers_the_newest_and_finds_the_rest(monkeypatch, tmp_path, own_corpus):
    from bench.timeline_bench import build_corpus

    home = own_corpus(tmp_path)
    build_corpus(home.target, 80, 1)
    home.enter(monkeypatch)
    at = AppTest.from_file(str(ROOT / "pages" / "3_Article.py"), default_timeout=60).run()
    assert not at.exception
    assert "81 articles from 8 outlets, 2021-03-01–2023-02-28" in [c.value for c in at.sidebar.caption]
    assert len(at.selectbox[0].options) == 50 and len(at.multiselect[0].options) == 50
    assert any("50 of 81 articles offered" in c.value for c in at.caption)
    at.sidebar.text_input[0].input("report 42").run()  # words of the title, any case
    assert at.selectbox[0].options == ["Report 42"] and at.multiselect[0].options[0].endswith("Report 42")
