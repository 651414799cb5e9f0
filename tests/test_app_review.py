"""The Review page in Streamlit's AppTest: the queue with its passages escaped, decisions that make
a place a fact on every page, another place picked from the resolver chain, and nothing to press
when the atlas is served read-only."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from geo.atlas.corpus import Confirmed, Corpus
from geo.model.models import Article
from tests.conftest import ROOT
from tests.test_app_articles import GORIS
from tests.whole import load_corpus_atlas

TEXT = "Officials met in Goris <b>today</b> and *Goris* again on December 5, 2022."


@pytest.fixture
def unsure_goris(atlas, empty_corpus):
    article = Article(id="wire-goris", outlet="Wire <i>", date=dt.date(2022, 12, 20), title="Goris", text=TEXT)
    start = TEXT.index("Goris")
    Corpus().save(article, [Confirmed(GORIS, ((start, start + 5), (41, 46)), confirmed=False)], seed=atlas)
    return "wire-goris"


def review_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "6_Review.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def html_of(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_the_queue_shows_each_place_with_its_passage_marked_and_escaped(unsure_goris):
    at = review_page()
    shown = html_of(at)
    assert "**Goris** — town, AM" in shown and "named 2 time(s) in 1 article(s)" in shown
    assert "Officials met in <mark>Goris</mark> &lt;b&gt;today&lt;/b&gt; and &#42;Goris&#42;" in shown
    assert "Wire &lt;i&gt;, 2022-12-20, paragraph 1" in shown and "<i>" not in shown
    assert "1 uncertain place(s), most-named first; page 1 of 1." in [c.value.split(" Each")[0] for c in at.caption]
    assert [b.label for b in at.button] == ["Confirm", "Reject", "Another place…"]


def test_confirming_makes_the_place_a_fact_and_empties_the_queue(unsure_goris):
    assert not load_corpus_atlas().is_confirmed(GORIS.id)
    at = review_page()
    at.button(key=f"review.confirm.{GORIS.id}").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Confirmed “Goris” for this mention only: 1 mention(s)."]
    assert at.info[0].value.startswith("No uncertain place is waiting")
    assert load_corpus_atlas().is_confirmed(GORIS.id)


def test_rejecting_the_name_in_the_article_takes_it_off_the_map(unsure_goris):
    at = review_page()
    at.radio(key="review.scope").set_value("article").run()
    at.button(key=f"review.reject.{GORIS.id}").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == ["Rejected “Goris” for this name in this article: 2 mention(s)."]
    assert GORIS.id not in load_corpus_atlas().places


def test_another_place_is_picked_from_the_names_candidates(unsure_goris):
    at = review_page()
    at.button(key=f"review.others.{GORIS.id}").click().run()
    assert not at.exception, at.exception
    other = at.selectbox(key=f"review.other.{GORIS.id}")
    assert other.options and GORIS.id not in other.options
    picked = other.value
    at.button(key=f"review.pick.{GORIS.id}").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Picked “Goris” for this mention only: 1 mention(s).")
    atlas = load_corpus_atlas()
    assert atlas.is_confirmed(picked) and not atlas.is_confirmed(GORIS.id)


def test_a_read_only_atlas_shows_the_queue_with_no_buttons(monkeypatch, unsure_goris):
    monkeypatch.setenv("ATLAS_READ_ONLY", "1")
    at = review_page()
    assert "<mark>Goris</mark>" in html_of(at)
    assert [i.value.split(":")[0] for i in at.info] == ["This atlas is served read-only"]
    assert not at.button and not at.radio


def test_an_empty_corpus_says_nothing_is_waiting(empty_corpus):
    at = review_page()
    assert at.info[0].value.startswith("No uncertain place is waiting") and not at.button
