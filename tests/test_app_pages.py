"""Page logic through Streamlit's AppTest: every page renders, bad addresses warn politely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

#: Every page reads the store.
pytestmark = pytest.mark.store

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    "app.py",
    "pages/1_Timeline.py",
    "pages/2_Places.py",
    "pages/3_Article.py",
    "pages/5_About.py",
    "pages/6_Review.py",
]


def run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / page), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def text_of(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(str(m.value) for m in at.caption)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    at = run(page)
    assert not at.exception, at.exception
    assert at.title, f"{page} has no title"


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"place": "atlantis"}, "no place with the id"),
        ({"from": "2022-12-11", "to": "2022-12-09"}, "starts"),
        ({"from": "yesterday"}, "YYYY-MM-DD"),
        ({"from": "2022-13-45", "to": "2022-12-11"}, "YYYY-MM-DD"),
        ({"from": "1990-01-01", "to": "1990-02-01"}, "No event falls"),
    ],
)
@pytest.mark.parametrize("page", ["app.py", "pages/2_Places.py"])
def test_bad_address_warns_and_shows_default_view(page, params, says):
    at = run(page, **params)
    assert not at.exception, at.exception
    assert any(says in w.value for w in at.warning), [w.value for w in at.warning]
    assert "place" not in at.query_params or at.query_params["place"] != "atlantis"
    if page == "app.py":
        assert any("In view, newest first" in m.value for m in at.markdown)  # the story feed, not a place


def test_place_in_address_opens_its_passages():
    at = run("app.py", place="gizilbulagh-gold-deposit")
    assert not at.exception
    shown = text_of(at)
    assert "Gizilbulagh gold deposit" in shown
    assert "<mark>" in shown and "Gizilbulagh" in shown
    assert "Azernews, Sabina Mammadli, 2023-02-28" in shown
    assert "Drmbon" in shown, "all names in use are shown"


def test_date_range_in_address_sets_the_slider_and_hides_places():
    at = run("app.py", **{"from": "2022-12-09", "to": "2022-12-11"})
    assert not at.exception
    assert not at.warning
    assert at.slider[0].value == (dt.date(2022, 12, 9), dt.date(2022, 12, 11))
    assert any("2 of" in str(c.value) and "places shown" in str(c.value) for c in at.sidebar.caption)


def test_moving_the_slider_puts_the_range_in_the_address():
    at = run("app.py")
    at.slider[0].set_value((dt.date(2022, 12, 9), dt.date(2022, 12, 11))).run()
    assert not at.exception
    assert at.query_params["from"] in ("2022-12-09", ["2022-12-09"])
    assert at.query_params["to"] in ("2022-12-11", ["2022-12-11"])


@pytest.mark.parametrize(
    ("query", "place"),
    [("Stepanakert", "Khankendi"), ("Berdzor", "Lachin"), ("Drmbon", "Gizilbulagh"), ("Kashen", "Damirli")],
)
def test_search_finds_a_place_by_any_name(query, place):
    at = run("pages/2_Places.py")
    at.text_input[0].input(query).run()
    assert not at.exception
    names = list(at.dataframe[0].value["name"])
    assert names and all(place in n for n in names), names


def test_places_offers_both_downloads():
    at = run("pages/2_Places.py")
    labels = " ".join(str(b.proto.label) for b in at.get("download_button"))
    assert "GeoJSON" in labels and "CSV" in labels


def test_article_links_every_mention_to_the_map():
    at = run("pages/3_Article.py", **{"from": "2022-12-09", "to": "2022-12-11"})
    assert not at.exception
    body = "\n".join(m.value for m in at.markdown if "article-paragraph" in m.value)
    assert 'href="./?place=geneva&amp;from=2022-12-09&amp;to=2022-12-11"' in body
    assert 'target="_self"' in body
    assert body.count('class="mention') >= 10


def test_timeline_lists_the_events_with_their_places():
    at = run("pages/1_Timeline.py")
    assert not at.exception
    labels = [b.label for b in at.button]
    assert "Gizilbulagh gold deposit" in labels and "Geneva" in labels, labels


def test_about_names_sources_and_licences():
    at = run("pages/5_About.py")
    shown = text_of(at)
    assert "Azernews" in shown
    assert "Names in use" in [h.value for h in at.header]
    radii = list(at.table[0].value["within"])
    assert "3,000 m" in radii and not any(".0000" in r for r in radii), radii
    frames = [f.value for f in at.dataframe]
    assert any("Leaflet" in " ".join(map(str, f.get("asset", []))) for f in frames)


def test_date_range_and_place_follow_the_reader_to_another_page():
    at = run("app.py", place="lachin", **{"from": "2022-12-09", "to": "2022-12-11"})
    at.query_params.clear()  # switching pages from the sidebar drops the query string
    at.switch_page("pages/2_Places.py").run()
    assert not at.exception
    listed = set(at.dataframe[0].value["id"])
    assert "gizilbulagh-gold-deposit" in listed and "geneva" not in listed
    assert at.query_params["from"] in ("2022-12-09", ["2022-12-09"])
    assert at.query_params["place"] in ("lachin", ["lachin"])
    at.checkbox[0].check().run()  # the places the range hides, listed as such
    shown = dict(zip(at.dataframe[0].value["id"], at.dataframe[0].value["on the map now"], strict=True))
    assert shown["gizilbulagh-gold-deposit"] and not shown["geneva"]


@pytest.mark.parametrize("page", ["app.py", "pages/1_Timeline.py", "pages/2_Places.py", "pages/3_Article.py"])
def test_every_page_counts_the_same_places_for_the_same_filters(page):
    at = run(page, **{"from": "2022-12-04", "to": "2022-12-09"})
    assert not at.exception and not at.warning
    counts = [str(c.value) for c in [*at.caption, *at.sidebar.caption] if "places shown" in str(c.value)]
    assert counts and all(c.startswith("2 of 7 places shown") for c in counts), counts


def test_an_alternate_name_in_the_address_opens_the_place():
    at = run("app.py", place="stepanakert")
    assert not at.exception and not at.warning
    assert at.query_params["place"] in ("khankendi", ["khankendi"])
    assert "Khankendi" in text_of(at)


def test_every_unusable_parameter_is_named_in_one_line():
    at = run("pages/2_Places.py", place="atlantis", zoom="5", **{"from": "yesterday"})
    assert not at.exception
    [warning] = at.warning
    assert "“atlantis”" in warning.value and "“zoom”" in warning.value and "from=yesterday" in warning.value
    assert "zoom" not in at.query_params


def test_broken_data_folder_is_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_DATA", str(tmp_path / "missing"))
    at = run("app.py")
    assert not at.exception
    assert any("has problems" in e.value for e in at.error)
    assert "no such data folder" in at.code[0].value
