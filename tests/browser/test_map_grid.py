"""The map over more places than it sends one by one: count bubbles from the store's grid that
zoom in on a click, down to the places themselves; deep links still reach a place."""

from __future__ import annotations

import json
import re

import pytest

from bench import loopback
from bench.articles import generate
from bench.loopback import ROOT
from geo.atlas import bulk
from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Corpus
from geo.store.grid import MOST, map_grid
from geo.store.store import Store, seed_key
from geo.view.areas import AreaIndex
from tests.browser.conftest import start_server_over
from tests.browser.test_map import MAP_FRAME, open_map, zoom

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def many_places(chromium_path, tmp_path_factory, own_corpus):
    """A server over the seed and 130 generated articles (some 800 places), and its store."""
    var = tmp_path_factory.mktemp("var")
    seed = load_atlas(DATA)
    home = own_corpus(var)
    corpus = Corpus(home.target)
    lines = [(n, json.dumps(r).encode()) for n, r in enumerate(generate(130, seed=3), start=1)]
    assert not bulk.run([("many.jsonl", lines)], corpus, seed, str(DATA), workers=1).problems
    server = start_server_over(home, var)
    yield server, Store(corpus.target, seed, seed_key(DATA))
    loopback.stop(server.process)


def drawn_as_dots(store: Store) -> tuple[str, ...]:
    """Every place the opening map draws as a dot: sure, visible, not shaded as an area."""
    sure = [p for p in store.visible_places(None, None) if store.is_confirmed(p)]
    areas = AreaIndex(store).counts(sure, None, None)
    return map_grid(store, None, None, None, None, apart=tuple(areas), most=len(sure)).points


def test_the_opening_map_counts_every_place_in_bubbles(many_places, offline_page):
    server, store = many_places
    dots = drawn_as_dots(store)
    assert len(dots) > MOST, "the corpus must hold more places than are sent one by one"
    frame = open_map(offline_page, server.url)
    # The opening layer, read at once as it is drawn: the map then reports its own view, and a
    # view holding fewer places may be sent them one by one.
    opening = frame.wait_for_function(
        """() => { const p = window.atlasPlaces;
                   if (!p.cells.length) { return null; }
                   return {places: p.cluster.getLayers().length,
                           cells: p.cells.map(c => ({count: c.atlasCount, name: c.atlasName}))}; }"""
    ).json_value()
    assert opening["places"] == 0
    assert sum(c["count"] for c in opening["cells"]) == len(dots)
    # Each bubble is named by a place it holds.
    names = {p.name for p in store.place_records(dots)}
    assert all(c["name"] in names for c in opening["cells"])


# What a reader can click: a mark drawn on screen, not under the feed panel.
_TOPMOST = """const topmost = (icon) => {
    if (!icon || !icon.isConnected) { return false; }
    const r = icon.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && icon.contains(hit); };"""


# Every places layer the map draws, in order: "cells" (bubbles) or "places".
_LAYERS = """(() => { let now; window.atlasLayers = [];
    Object.defineProperty(window, "atlasPlaces", {configurable: true, get() { return now; },
        set(p) { now = p; window.atlasLayers.push(p.cells.length ? "cells" : "places"); }}); })();"""


def test_clicking_bubbles_zooms_in_down_to_the_places_and_a_place_opens(many_places, offline_page):
    server, store = many_places
    offline_page.add_init_script(_LAYERS)
    frame = open_map(offline_page, server.url)
    frame.wait_for_function("() => window.atlasPlaces.cells.length > 0")
    offset = offline_page.locator(MAP_FRAME).bounding_box()
    # Click what a reader would click next: a place's own mark once one shows, else the biggest
    # bubble on screen, else a cluster of places. Asked afresh each time, as each click may zoom
    # the map and a new view's layer (bubbles or places) may be swapped in meanwhile. The layer
    # holds the places of whole grid cells, so some lie past the map's edge or under the feed
    # panel: only what is topmost on screen counts.
    bubbles, opening = 0, None
    for _ in range(16):
        target = frame.wait_for_function(
            """() => { const p = window.atlasPlaces; """
            + _TOPMOST
            + """
                       const centre = (icon) => { const r = icon.getBoundingClientRect();
                                                  return {x: r.left + r.width / 2, y: r.top + r.height / 2}; };
                       const marks = p.cluster.getLayers();
                       const own = marks.find(m => p.cluster.getVisibleParent(m) === m && topmost(m._icon));
                       if (own) { return {what: "place", place: own.atlasId, ...centre(own._icon)}; }
                       const cells = p.cells.filter(c => topmost(c._icon)).sort((a, b) => b.atlasCount - a.atlasCount);
                       if (cells.length) { return {what: "bubble", ...centre(cells[0]._icon)}; }
                       const cluster = marks.map(m => p.cluster.getVisibleParent(m)).find(c => c && topmost(c._icon));
                       return cluster ? {what: "cluster", ...centre(cluster._icon)} : null; }"""
        ).json_value()
        before = zoom(frame)
        if opening is None:
            # The map opens fitted to all its places, too many to send: it draws bubbles, and no
            # layer for the view the base map starts in before the fit.
            offline_page.wait_for_timeout(1500)
            opening = frame.evaluate("() => window.atlasLayers")
            assert set(opening) == {"cells"}, opening
        if target["what"] == "place":
            drawn = frame.evaluate("() => window.atlasLayers.length")
        offline_page.mouse.click(offset["x"] + target["x"], offset["y"] + target["y"])
        if target["what"] == "place":
            break
        if target["what"] == "bubble":
            # A bubble zooms the map in at once; the server then sends the finer layer. (A layer
            # swapped in between finding the bubble and clicking it leaves the zoom as it was.)
            zoomed = frame.evaluate("(z) => window.atlasPlaces.map.getZoom() > z", before)
            bubbles += zoomed
        offline_page.wait_for_timeout(450)  # clusters open with an animation
    else:
        raise AssertionError("clicking bubbles and clusters never reached a place's own mark")
    assert bubbles, "the opening map shows bubbles, and clicking them zooms in"
    place = target["place"]
    offline_page.wait_for_url(re.compile(rf"place={re.escape(place)}(&|$)"))
    name = store.places[place].name
    offline_page.locator("h3.place-name").filter(has_text=re.compile(rf"^{re.escape(name)}$")).wait_for()
    # The click reports the view it zoomed to, so the map keeps the places it shows: no bubbles
    # for a map with no view.
    offline_page.wait_for_timeout(1000)
    assert "cells" not in frame.evaluate("(n) => window.atlasLayers.slice(n)", drawn)


def test_a_deep_link_reaches_a_place_inside_a_bubble(many_places, offline_page):
    server, store = many_places
    dots = drawn_as_dots(store)
    place = store.place_records(dots)[len(dots) // 2]
    frame = open_map(offline_page, server.url)
    frame.wait_for_function("() => window.atlasPlaces.cells.length > 0")
    opening = zoom(frame)
    frame = open_map(offline_page, f"{server.url}/?place={place.id}")
    offline_page.locator("h3.place-name").filter(has_text=re.compile(rf"^{re.escape(place.name)}$")).wait_for()
    frame.wait_for_function(
        "(id) => { const m = window.atlasPlaces.byId[id]; return !!(m && m._icon && m._icon.isConnected); }",
        arg=place.id,
    )
    assert zoom(frame) > opening
    assert frame.evaluate("() => !!(window.atlasRing && window.atlasRing._map)")
