"""The map's HTML and data without a browser: local assets only, escaping, stable layers, the reading index."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import streamlit_folium

from bench.loopback import ROOT
from geo.atlas.atlas import Atlas, load_atlas
from geo.model.models import Article, Place
from geo.store.grid import Cell, Grid
from geo.store.store import Store
from geo.view.assets import BASEMAP_LABELS, BASEMAP_LAYERS, STATIC_URL, is_tile_request
from geo.view.feed import Bounds
from geo.view.mapview import (
    SEVERAL_ARTICLES,
    START_CENTER,
    START_ZOOM,
    base_map,
    find_place,
    layer_data,
    places_layer,
    reported_view,
    reported_zoom,
    select_zoom,
    text,
)
from geo.view.palette import article_colour
from geo.view.reading import PAGE_SIZE, ReadingIndex


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(ROOT / "data")


def test_scripts_and_styles_come_from_the_app(atlas):
    fmap = base_map()
    places_layer(atlas, list(atlas.places), "lachin").add_to(fmap)
    page = fmap.get_root().render()
    assets = re.findall(r'<script[^>]+src="([^"]+)"', page) + re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert any("markercluster" in url for url in assets), "clustering is vendored"
    assert all(url.startswith("/app/static/") for url in assets), assets


def test_the_offline_basemap_files_exist_and_are_small():
    static = ROOT / "static"
    files = [static / "basemap" / name for name, _, _ in BASEMAP_LAYERS]
    files.append(static / BASEMAP_LABELS.removeprefix(STATIC_URL + "/"))
    assert all(f.is_file() for f in files), [f for f in files if not f.is_file()]
    assert sum(f.stat().st_size for f in files) < 6_000_000
    labels = json.loads(files[-1].read_text())
    assert any(row[0] == "Stepanakert" for row in labels["rows"])


def test_online_tiles_are_the_only_requests_off_the_machine():
    assert is_tile_request("https://tile.openstreetmap.org/4/9/5.png")
    assert is_tile_request("https://a.basemaps.cartocdn.com/light_all/1/1/1.png")
    assert not is_tile_request("https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js")


def test_text_escapes_html_and_template_literals():
    assert text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert "`" not in text("a`b") and "${" not in text("${x}") and "\\" not in text("a\\b")


def test_places_layer_is_the_same_script_for_the_same_view(atlas):
    """streamlit-folium rebuilds the layer whenever its script changes."""

    def script(ringed):
        fmap = base_map()
        streamlit_folium._get_map_string(fmap)
        return streamlit_folium._get_feature_group_string(places_layer(atlas, list(atlas.places), ringed), fmap)

    assert script("geneva") == script("geneva")
    assert script("geneva") != script("lachin")


def test_the_base_map_depends_on_no_data(atlas):
    """A new article or filter must never remount the map: only the places layer changes."""

    def script(data):
        fmap = base_map(data)
        fmap.get_root().render()
        return re.sub(r"map_[0-9a-f]{32}", "map", streamlit_folium._get_map_string(fmap))

    assert script(atlas) == script(None)


def test_layer_data_draws_points_lines_and_circles_apart(atlas):
    data = layer_data(atlas, list(atlas.places), "khankendi")
    assert {p[0] for p in data["points"]} == set(atlas.places) - {"lachin-khankendi-road"}
    assert [line["id"] for line in data["lines"]] == ["lachin-khankendi-road"]
    approximate = [p for p in atlas.places.values() if p.coord_source.startswith("estimate")]
    assert len(data["circles"]) == len(approximate) > 0
    assert data["ringed"] == "khankendi"
    # One article: every dot wears its colour.
    assert data["colours"] == [article_colour(next(iter(atlas.articles)))]


def test_layer_data_lists_only_the_kinds_shown_and_escapes_labels(atlas):
    deposits = ["gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit"]
    data = layer_data(atlas, deposits)
    assert "Mineral deposit" in data["legend"] and "City" not in data["legend"]
    hostile = Place(id="evil", name="<b>Evil</b>", kind="town", lat=1, lon=2, coord_source="geonames:1", precision_m=10)
    evil = Atlas(places={"evil": hostile}, articles={})
    assert layer_data(evil, ["evil"])["points"][0][1].startswith("&lt;b&gt;Evil&lt;/b&gt;")
    assert layer_data(atlas, deposits, "geneva")["ringed"] is None, "a hidden place is not ringed"


def test_a_place_two_articles_name_wears_the_several_colour(atlas):
    second = Article(
        id="second", outlet="Wire", date=dt.date(2023, 3, 1), title="Geneva again", text="Talks in Geneva."
    )
    both = Atlas(places=atlas.places, articles={**atlas.articles, "second": second}, events=atlas.events)
    data = layer_data(both, list(both.places))
    geneva = next(p for p in data["points"] if p[0] == "geneva")
    deposit = next(p for p in data["points"] if p[0] == "gizilbulagh-gold-deposit")
    assert data["colours"][geneva[5]] == SEVERAL_ARTICLES
    assert data["colours"][deposit[5]] == article_colour(next(iter(atlas.articles)))
    assert "Geneva again" in data["legend"]


def test_selection_zoom_follows_precision(atlas):
    assert select_zoom(atlas.places["icrc-headquarters"]) > select_zoom(atlas.places["gizilbulagh-gold-deposit"]) - 1
    wide = atlas.places["geneva"].model_copy(update={"precision_m": 200_000})
    assert select_zoom(wide) < select_zoom(atlas.places["geneva"])


def test_a_click_is_reported_by_id(atlas):
    assert find_place(atlas, "geneva").id == "geneva"
    assert find_place(atlas, " geneva ").id == "geneva"
    # What streamlit-folium reports of a click on a bubble or an area is its tooltip: no place.
    for tooltip in ("Geneva", "Geneva · city", "Dunedin and 82 more places · 83 articles", "Atlantis", None):
        assert find_place(atlas, tooltip) is None


def test_lachin_road_mentions_are_kept_apart_from_the_town(atlas):
    index = ReadingIndex(Store.of(atlas))
    lachin = index.reading("lachin")
    assert len(lachin.named) == 0 and not lachin.named
    assert sum(len(a.passages) for a in lachin.parts) == 4
    assert "Lachin road" in lachin.within
    road = index.reading("lachin-khankendi-road")
    assert sum(len(a.passages) for a in road.named) == len(atlas.passages("lachin-khankendi-road"))


def test_the_reading_lists_articles_newest_first_in_pages(atlas):
    articles = {
        f"a{n}": Article(id=f"a{n}", outlet="Wire", date=dt.date(2023, 1, 1 + n), title=f"Day {n}", text="In Geneva.")
        for n in range(PAGE_SIZE + 3)
    }
    many = Atlas(places={"geneva": atlas.places["geneva"]}, articles=articles)
    reading = ReadingIndex(Store.of(many)).reading("geneva")
    assert reading.pages == 2
    dates = [entry.article.date for entry in reading.named]
    assert dates == sorted(dates, reverse=True)
    assert len(reading.page(0)) == PAGE_SIZE and len(reading.page(1)) == 3


def test_any_name_finds_its_place_through_the_name_index(atlas):
    index = ReadingIndex(Store.of(atlas))
    assert [p.id for p in index.find("Stepanakert")] == ["khankendi"]
    assert [p.id for p in index.find("berdzor")] == ["lachin"]
    assert index.find("Atlantis") == []


def test_a_deposit_is_shown_with_the_town_beside_it(atlas):
    from geo.view.mapview import nearest_towns

    near = nearest_towns(list(atlas.places.values()))
    khankendi = atlas.places["khankendi"]
    assert near["gizilbulagh-gold-deposit"] == [round(khankendi.lat, 5), round(khankendi.lon, 5)]
    assert "khankendi" not in near and "lachin-khankendi-road" not in near  # towns and roads need none
    alone = [p for p in atlas.places.values() if p.id != "khankendi" and p.kind not in ("city", "town")]
    assert "gizilbulagh-gold-deposit" not in nearest_towns(alone)  # no town near: none offered


def test_a_name_like_a_template_is_shown_as_written():
    """The layer's data is placed as text, never parsed as a template: in folium's own page and
    in the script st_folium sends (which renders the group as st_folium does)."""
    name = "{{ 7*7 }} {% if 1 %}"
    odd = Place(id="odd", name=name, kind="town", lat=1, lon=2, coord_source="geonames:1", precision_m=10)
    atlas = Atlas(places={"odd": odd}, articles={})
    fmap = base_map()
    places_layer(atlas, ["odd"]).add_to(fmap)
    page = fmap.get_root().render()
    assert name in page
    fmap = base_map()
    streamlit_folium.generate_leaflet_string(fmap)
    group = places_layer(atlas, ["odd"])
    group.add_to(fmap)
    group.render()
    assert name in streamlit_folium.generate_leaflet_string(group)


def test_a_view_of_many_places_sends_its_cells_and_keeps_the_whole_extent(atlas):
    """Past the places sent one by one, the layer holds the view's cells (names escaped) and opens
    on the extent of every place shown, whatever the view: moving the map never refits it."""
    extent = (10.0, 20.0, 50.0, 60.0)
    one = Cell(40.1, 46.2, 12, 30, 41, "<b>Baku</b>", (39.0, 45.0, 41.0, 47.0))
    other = Cell(45.0, 50.0, 3, 4, 5, "Aktau", (44.0, 49.0, 46.0, 51.0))
    here = layer_data(atlas, ["khankendi"], grid=Grid(("khankendi",), (one,), False, extent))
    there = layer_data(atlas, [], grid=Grid((), (one, other), False, extent))
    assert here["cells"] == [[40.1, 46.2, 12, 30, "&lt;b&gt;Baku&lt;/b&gt;", [[39.0, 45.0], [41.0, 47.0]]]]
    assert len(there["cells"]) == 2 and [p[0] for p in here["points"]] == ["khankendi"]
    assert here["bounds"] == there["bounds"] == [[10.0, 20.0], [50.0, 60.0]]
    assert here["key"] == there["key"] != layer_data(atlas, ["khankendi"])["key"]
    assert layer_data(atlas, list(atlas.places))["cells"] == []


def test_the_view_the_map_starts_in_is_no_view_a_reader_chose():
    # The map reports where it starts before the places layer fits it to its places; a layer
    # built for that view would flash over the fitted map until the fitted view's report arrives.
    corners = {"_southWest": {"lat": 9.6, "lng": -22.0}, "_northEast": {"lat": 63.5, "lng": 71.9}}
    start = {"bounds": corners, "zoom": START_ZOOM, "center": {"lat": START_CENTER[0], "lng": START_CENTER[1]}}
    assert reported_view(start) == (None, None)
    assert base_map().location == list(START_CENTER)
    # Within a pixel of it (the frame resized, the centre kept to the half pixel) it still is.
    assert reported_view({**start, "center": {"lat": 42.03, "lng": 24.97}}) == (None, None)
    # The same bounds and zoom with a centre a pixel or more away (the map panned), or at another
    # zoom, are a reader's view.
    panned = {**start, "center": {"lat": 42.1, "lng": 25.0}}
    assert reported_view(panned) == (Bounds(9.6, -22.0, 63.5, 71.9), START_ZOOM)
    assert reported_view({**start, "zoom": START_ZOOM + 1}) == (Bounds(9.6, -22.0, 63.5, 71.9), START_ZOOM + 1)
    # Whatever else arrives is no view.
    assert reported_view({}) == (None, None)
    assert reported_view({"bounds": "x", "zoom": "4", "center": [42, 25]}) == (None, None)


def test_only_a_zoom_leaflet_can_show_is_taken_from_the_map():
    assert [reported_zoom(z) for z in (0, 5, 5.0, 18, 30)] == [0, 5, 5, 18, 30]
    assert {reported_zoom(z) for z in (None, -1, 31, 4.5, float("nan"), float("inf"), True, "5", [5])} == {None}
