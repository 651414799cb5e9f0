"""The map's view asked of the store (``geo.store.grid``): the places themselves when few, else
counts per grid cell, each held to the places the store's other queries show, on both backends."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from bench.articles import generate
from geo.atlas.corpus import Corpus
from geo.store.grid import cell_size, map_grid, snapped
from geo.store.store import Store
from tests.conftest import module_database
from tests.test_store import imported

WORLD = (-90.0, -180.0, 90.0, 180.0)


@pytest.fixture(scope="module")
def store(backend, request, atlas, tmp_path_factory) -> Store:
    """Forty generated articles saved beside the seed, read through the store."""
    corpus = Corpus(module_database(request, tmp_path_factory, "grid"))
    imported(corpus, atlas, list(generate(40, seed=11)))
    return Store(corpus.target, atlas, f"test:{corpus.target}")


def drawn(store: Store, start=None, end=None, *, sure_only=True, box=None) -> list[str]:
    """The places the page draws, by the store's other queries: visible, sure, in ``box``."""
    places = store.place_records(store.visible_places(start, end))
    return [
        p.id
        for p in places
        if (not sure_only or store.is_confirmed(p.id))
        and (box is None or (box[0] <= p.lat <= box[2] and box[1] <= p.lon <= box[3]))
    ]


def test_few_places_are_sent_whole_wherever_the_view_is(store):
    every = drawn(store)
    grid = map_grid(store, None, None, (10.0, 10.0, 11.0, 11.0), 9, most=len(every))
    assert grid.whole and not grid.cells
    assert list(grid.points) == every
    places = store.place_records(every)
    lats, lons = [p.lat for p in places], [p.lon for p in places]
    assert grid.extent == (min(lats), min(lons), max(lats), max(lons))


def test_uncertain_places_come_only_when_asked(store):
    every = drawn(store, sure_only=False)
    sure = drawn(store)
    assert len(sure) < len(every), "the generated corpus has uncertain places"
    assert list(map_grid(store, None, None, None, None, sure_only=False, most=10_000).points) == every
    assert list(map_grid(store, None, None, None, None, most=10_000).points) == sure


def test_many_places_are_counted_per_cell_adding_up_to_the_view(store):
    zoom = 3
    grid = map_grid(store, None, None, WORLD, zoom, most=5)
    assert not grid.whole and not grid.points and grid.cells
    every = drawn(store)
    assert sum(c.places for c in grid.cells) == len(every)
    stats = store.stats(every)
    assert sum(c.articles for c in grid.cells) == sum(s.articles for s in stats.values())
    assert sum(c.passages for c in grid.cells) == sum(s.passages for s in stats.values())
    size = cell_size(zoom)
    places = {p.id: p for p in store.place_records(every)}
    for cell in grid.cells:
        row, column = math.floor((cell.lat + 90) / size), math.floor((cell.lon + 180) / size)
        members = [
            p
            for p in places.values()
            if math.floor((p.lat + 90) / size) == row and math.floor((p.lon + 180) / size) == column
        ]
        assert len(members) == cell.places
        top = min(members, key=lambda p: (-stats[p.id].articles, p.id))
        assert cell.name == top.name
        assert cell.box == (
            min(p.lat for p in members),
            min(p.lon for p in members),
            max(p.lat for p in members),
            max(p.lon for p in members),
        )
        assert cell.box[0] <= cell.lat <= cell.box[2] and cell.box[1] <= cell.lon <= cell.box[3]


def test_a_view_holding_few_places_gets_them_and_a_busy_one_cells_of_its_own(store):
    every = drawn(store)
    south, west, north, east = map_grid(store, None, None, None, None, most=5).extent
    half = (south, west, (south + north) / 2, (west + east) / 2)
    zoom = 4
    view = snapped(half, cell_size(zoom))
    inside = drawn(store, box=view)
    assert 0 < len(inside) < len(every)
    points = map_grid(store, None, None, half, zoom, most=len(inside))
    assert not points.whole and list(points.points) == inside and not points.cells
    cells = map_grid(store, None, None, half, zoom, most=len(inside) - 1)
    assert sum(c.places for c in cells.cells) == len(inside)


def test_the_date_rule_applies_to_points_and_cells(store):
    start, end = dt.date(2022, 12, 1), dt.date(2022, 12, 8)
    narrow = drawn(store, start, end)
    assert 0 < len(narrow) < len(drawn(store))
    assert list(map_grid(store, start, end, None, None, most=10_000).points) == narrow
    assert sum(c.places for c in map_grid(store, start, end, WORLD, 2, most=1).cells) == len(narrow)
    future = map_grid(store, dt.date(2030, 1, 1), dt.date(2030, 12, 31), WORLD, 2, most=10_000)
    assert list(future.points) == drawn(store, dt.date(2030, 1, 1), dt.date(2030, 12, 31))


def test_places_drawn_otherwise_are_left_out(store):
    every = drawn(store)
    kinds = store.kinds(every)
    some_kind = kinds[every[0]]
    grid = map_grid(store, None, None, None, None, kinds_apart={some_kind}, apart={every[-1]}, most=10_000)
    assert list(grid.points) == [p for p in every if kinds[p] != some_kind and p != every[-1]]


def test_the_chosen_articles_narrow_the_view(store):
    article = next(a for a in store.article_ids() if store.places_named_by(a))
    narrow = store.narrowed(articles=[article])
    grid = map_grid(narrow, None, None, None, None, sure_only=False)
    assert set(grid.points) == set(narrow.visible_places(None, None))
