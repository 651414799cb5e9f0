"""An uncertain placement is not drawn as a fact: the map leaves it out unless the reader asks, and
then draws it hollow; a link to it says why it is not on the map."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from geo.atlas.corpus import Confirmed, Corpus, default_target
from geo.model.models import Article
from geo.view.mapview import layer_data
from tests.conftest import ROOT
from tests.test_app_articles import GORIS, TEXT
from tests.whole import load_corpus_atlas


@pytest.fixture
def unsure_goris(atlas, empty_corpus):
    article = Article(id="wire-goris", outlet="Wire", date=dt.date(2022, 12, 20), title="Goris", text=TEXT)
    start = TEXT.index("Goris")
    Corpus().save(article, [Confirmed(GORIS, ((start, start + 5),), confirmed=False)], seed=atlas)
    return GORIS.id


def map_page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "0_Map.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_an_uncertain_place_is_left_off_the_map_until_asked_for(unsure_goris):
    at = map_page()
    assert not at.exception
    assert "1 uncertain place not drawn." in [c.value for c in at.sidebar.caption]
    at.sidebar.toggle(key="atlas.uncertain").set_value(True).run()
    assert not at.exception
    assert not any("uncertain place" in c.value for c in at.sidebar.caption)


def test_a_link_to_an_uncertain_place_says_why_it_is_not_drawn(unsure_goris):
    at = map_page(place=unsure_goris)
    assert any(i.value.startswith("Where this place lies is uncertain") for i in at.info)


def test_the_map_draws_an_uncertain_place_hollow(unsure_goris, atlas):
    whole = load_corpus_atlas(str(ROOT / "data"), corpus_path=default_target())
    assert not whole.is_confirmed(unsure_goris) and whole.is_confirmed("khankendi")
    data = layer_data(whole, list(whole.places))
    flags = {p[0]: p[9] for p in data["points"]}
    assert flags[unsure_goris] == 0 and flags["khankendi"] == 1
    assert "Uncertain: not drawn as a fact" in data["legend"]


def test_an_unsure_article_under_a_confirmed_dot_is_marked_uncertain(atlas, empty_corpus):
    """One article places Goris surely, another only unsurely: the dot is drawn as a fact on the
    first one's word, and the panel and `geo show` say the second one's placement is uncertain."""
    start = TEXT.index("Goris")
    for number, outlet, sure in ((1, "Wire", True), (2, "Post", False)):
        day = dt.date(2022, 12, 19 + number)
        article = Article(id=f"goris-{number}", outlet=outlet, date=day, title="G", text=TEXT)
        Corpus().save(article, [Confirmed(GORIS, ((start, start + 5),), confirmed=sure)], seed=atlas)
    at = map_page(place=GORIS.id)
    assert not at.exception
    html = next(m.value for m in at.markdown if 'class="place-panel"' in m.value)
    assert html.count('class="place-article unsure"') == 1 and html.count('class="place-article"') == 1
    assert html.index("2022-12-21") < html.index("Uncertain placement") < html.index("2022-12-20")
    whole = load_corpus_atlas(str(ROOT / "data"), corpus_path=default_target())
    assert [p.confirmed for p in whole.passages(GORIS.id)] == [True, False]
