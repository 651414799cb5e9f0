"""The story feed: what happened in the map's view and date range, newest first, a page at a time."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from geo.atlas.atlas import Atlas
from geo.model.models import Article, Place
from geo.store.store import Store
from geo.view.feed import Bounds, FeedIndex

WORLD = None
GENEVA_ONLY = Bounds(46.0, 6.0, 46.4, 6.3)
CAUCASUS = Bounds(38.5, 44.0, 41.0, 48.0)


@pytest.fixture(scope="module")
def index(atlas) -> FeedIndex:
    return FeedIndex(Store.of(atlas))


def events(page) -> list[str | None]:
    return [item.event for item in page.items]


def test_the_whole_view_lists_every_event_newest_first(index, atlas):
    page = index.page(atlas.places, WORLD, None, None)
    assert events(page) == [
        "meeting-2023-02-28",
        "protest-2022-12-12",
        "inspection-2022-12-10",
        "talks-2022-12-07",
        "talks-2022-12-03",
    ]
    assert not page.more
    first = page.items[0]
    assert (first.first, first.outlet, first.places) == (
        dt.date(2023, 2, 28),
        "Azernews",
        ("geneva", "icrc-headquarters"),
    )
    assert page.items[1].ongoing and page.items[1].last is None


def test_the_view_decides_which_items_and_which_of_their_places(index, atlas):
    assert events(index.page(atlas.places, GENEVA_ONLY, None, None)) == ["meeting-2023-02-28"]
    caucasus = index.page(atlas.places, CAUCASUS, None, None)
    assert "meeting-2023-02-28" not in events(caucasus) and len(caucasus.items) == 4
    assert index.page(atlas.places, Bounds(-10, -10, -5, -5), None, None).items == ()


def test_the_date_range_is_the_maps(index, atlas):
    page = index.page(atlas.places, WORLD, dt.date(2022, 12, 6), dt.date(2022, 12, 11))
    assert events(page) == ["inspection-2022-12-10", "talks-2022-12-07"]
    # An ongoing event stays in every range after its start, as its places stay on the map.
    assert "protest-2022-12-12" in events(index.page(atlas.places, WORLD, dt.date(2023, 1, 1), None))


def test_only_shown_places_count(index):
    assert events(index.page(["geneva"], WORLD, None, None)) == ["meeting-2023-02-28"]


def test_pages_follow_one_another(index, atlas):
    pages = [index.page(atlas.places, WORLD, None, None, number, per_page=2) for number in range(3)]
    assert [events(p) for p in pages] == [
        ["meeting-2023-02-28", "protest-2022-12-12"],
        ["inspection-2022-12-10", "talks-2022-12-07"],
        ["talks-2022-12-03"],
    ]
    assert [p.more for p in pages] == [True, True, False]


def test_an_article_with_no_event_is_an_item_of_its_own(atlas):
    goris = Place(id="goris", name="Goris", kind="town", lat=39.5, lon=46.3, coord_source="t", precision_m=1)
    article = Article(id="wire-goris", outlet="Wire", date=dt.date(2024, 5, 1), title="Goris at dawn", text="Goris.")
    extended = Atlas(
        places={**atlas.places, "goris": goris},
        articles={**atlas.articles, article.id: article},
        events=atlas.events,
        references=atlas.references,
        geometries=atlas.geometries,
        confirmed=[*atlas.confirmed],
    )
    [first, *rest] = FeedIndex(Store.of(extended)).page(extended.places, CAUCASUS, None, None).items
    assert (first.first, first.event, first.article, first.summary) == (
        dt.date(2024, 5, 1),
        None,
        "wire-goris",
        "Goris at dawn",
    )
    assert first.places == ("goris",) and len(rest) == 4
    # Outside the range of its date, it is not listed.
    until = FeedIndex(Store.of(extended)).page(extended.places, CAUCASUS, None, dt.date(2024, 4, 30))
    assert until.items[0].article != "wire-goris"


@pytest.mark.parametrize(
    "answer",
    [
        None,
        {},
        {"_southWest": {"lat": 1, "lng": 2}},
        {"_southWest": {"lat": "x", "lng": 2}, "_northEast": {"lat": 3, "lng": 4}},
        {"_southWest": {"lat": math.nan, "lng": 2}, "_northEast": {"lat": 3, "lng": 4}},
        {"_southWest": {"lat": 1, "lng": 2}, "_northEast": {"lat": math.inf, "lng": 4}},
        ["a", "list"],
        "a string",
    ],
)
def test_a_view_the_map_did_not_report_whole_is_no_view(answer):
    assert Bounds.from_map(answer) is None


def test_a_view_across_the_date_line_holds_both_sides():
    pacific = Bounds.from_map({"_southWest": {"lat": -30, "lng": 170}, "_northEast": {"lat": 10, "lng": 190}})
    assert pacific.contains(-17.7, 178.0) and pacific.contains(-14.3, -170.7) and not pacific.contains(0, 0)
    assert Bounds(-90, -400, 90, 400).contains(10, 100)
