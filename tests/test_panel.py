"""The place panel as a reader meets it: one line of names, events that follow the date range, and
a place named only inside another's name counted and shown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.model.models import Place
from tests.conftest import ROOT
from ui.panel import NAMES_SHOWN, names_html


def panel_html(**params: str) -> str:
    at = AppTest.from_file(str(ROOT / "pages" / "0_Map.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return next(m.value for m in at.markdown if 'class="place-panel"' in m.value)


def test_a_place_with_many_names_shows_a_few_and_folds_the_rest():
    names = [f"Name{n}" for n in range(80)]
    place = Place(
        id="x", name="London", alt_names=names, kind="city", lat=51.5, lon=0.0, coord_source="t", precision_m=1
    )
    html = names_html(place)
    shown, _, folded = html.partition("<details")
    assert shown.count(" · ") == NAMES_SHOWN - 1 and "<b>London</b>" in shown
    assert f"and {80 + 1 - NAMES_SHOWN} more" in folded and "Name79" in folded


def test_a_place_with_few_names_folds_nothing():
    place = Place(
        id="x", name="Goris", alt_names=["Gorus"], kind="town", lat=39.5, lon=46.3, coord_source="t", precision_m=1
    )
    assert names_html(place) == "<b>Goris</b> · Gorus"


def test_events_follow_the_date_range(empty_corpus):
    whole = panel_html(place="gizilbulagh-gold-deposit")
    assert whole.count("<li><b>2022-12-") == 3 and "outside the date range" not in whole
    narrowed = panel_html(place="gizilbulagh-gold-deposit", **{"from": "2022-12-06", "to": "2022-12-31"})
    assert "2022-12-03" not in narrowed and "2022-12-07" in narrowed and "2022-12-10" in narrowed
    assert "1 event outside the date range." in narrowed


def test_a_place_named_only_inside_another_name_counts_that_article(empty_corpus):
    html = panel_html(place="khankendi")
    assert "Named in 0 articles" not in html
    assert "Named in 1 article, as part of “" in html and 'class="passage-text"' in html
