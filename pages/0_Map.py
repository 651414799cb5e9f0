"""The map: every place, by kind, clustered. Click a place, or find it by any of its names, to read about it."""

import time
from functools import partial

import streamlit as st

from geo.store.grid import Grid
from geo.store.store import Store
from geo.view.areas import AREA_KINDS
from geo.view.mapview import find_place, reported_view
from geo.view.palette import colour_in
from geo.view.reading import ReadingIndex
from ui.data import atlas_key
from ui.feed import story_feed
from ui.filters import date_filter
from ui.mapframe import atlas_map, view_grid
from ui.markup import md
from ui.page import header, setup
from ui.panel import place_panel
from ui.state import PLACE_KEY, View, select_place

MAP_KEY = "atlas.map"
LAYER_KEY = "atlas.layer"  # (view key, ringed place) the map's places layer was built with
RING_KEY = "atlas.ring"  # the place the browser shows ringed, after its own click
CLICKED_KEY = "atlas.clicked"  # this run answers a click on the map
SEARCH_KEY = "atlas.search"
FOUND_KEY = "atlas.found"  # places a search matched, when more than one did
PAGE_KEY = "atlas.panel_page"  # (place, page) of the panel's article list
BOUNDS_KEY = "atlas.bounds"  # the map's view as it last reported it, which the feed follows
ZOOM_KEY = "atlas.zoom"  # the map's zoom as it last reported it: with its bounds, what the layer holds
UNCERTAIN_KEY = "atlas.uncertain"  # the reader's toggle: draw the uncertain places too, hollow
AREAS_KEY = "atlas.areas"  # the reader's toggle: countries and first-level areas, shaded (on by default)
LAST_CLICK_KEY = "atlas.last_click"  # (count, place) of the last click answered
PANEL_HEAD_START_S = 0.03
MAP_HEIGHT = 620

# The map takes the page's whole width and the window's height; the panel is a drawer over its
# right side (a sheet over its foot on a phone), so reading never shrinks the map. Streamlit's
# columns have no such layout: the CSS below restyles the columns of the map's row, found by the
# map's frame and the drawer's mark.
LAYOUT = """<style>
[data-testid="stMainBlockContainer"] { padding: .5rem 1rem 1rem 1rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 1.3rem; padding: 0; margin: 0; }
[data-testid="stMainBlockContainer"] > div > [data-testid="stVerticalBlock"] { gap: .45rem; }
[data-testid="stHorizontalBlock"]:has(iframe[title="streamlit_folium.st_folium"]) { position: relative; }
[data-testid="stColumn"]:has(iframe[title="streamlit_folium.st_folium"]) {
  width: 100% !important; flex: 1 1 100% !important; }
iframe[title="streamlit_folium.st_folium"] { height: calc(100vh - 10.4rem) !important; min-height: 320px; }
[data-testid="stColumn"]:has(.atlas-drawer) {
  position: absolute; top: 3.6rem; right: .6rem; width: min(390px, 42%) !important; flex: none !important;
  max-height: calc(100vh - 15rem); overflow-y: auto; background: #fff; border-radius: 6px;
  box-shadow: 0 2px 12px rgba(0,0,0,.28); padding: .5rem .9rem; z-index: 5; }
.atlas-drawer { display: none; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 2.6rem; }  /* under the sidebar's button */
  iframe[title="streamlit_folium.st_folium"] { height: 54vh !important; }
  [data-testid="stColumn"]:has(.atlas-drawer) {
    position: fixed; top: auto; bottom: 0; left: 0; right: 0; width: 100% !important; max-height: 44vh;
    border-radius: 12px 12px 0 0; z-index: 1000; }
  [data-testid="stColumn"]:has(.atlas-feed) {
    position: static; width: 100% !important; max-height: none; box-shadow: none; padding: 0; }
}

</style>"""


@st.cache_resource(show_spinner=False, max_entries=8)
def reading_index(_atlas: Store, key: str) -> ReadingIndex:
    """Mentions by place for one version of the data and article filter, built once."""
    return ReadingIndex(_atlas)


def on_map_click(atlas: Store) -> None:
    """The map moved or was clicked: keep its view for the feed; a click on a place selects it
    before the fragment reruns, so ring and panel agree."""
    value = st.session_state.get(MAP_KEY) or {}
    st.session_state[BOUNDS_KEY], st.session_state[ZOOM_KEY] = reported_view(value)
    click = (value.get("last_object_clicked_count"), value.get("last_object_clicked_tooltip"))
    if click == st.session_state.get(LAST_CLICK_KEY):  # a pan or a zoom
        return
    st.session_state[LAST_CLICK_KEY] = click
    place = find_place(atlas, click[1])
    if place is not None:
        select_place(place.id)
        st.session_state[RING_KEY] = place.id
        st.session_state[CLICKED_KEY] = True


def places_layer_for(key: str, place: str | None) -> str | None:
    """The ringed place to build the layer with; the one the browser has when it already shows this view.

    After a click the browser rings (and zooms to) the place itself; sending a new layer would
    only redraw the same thing. Any other change — the filter, a search, a selection from another
    page, clearing it — sends a layer that rings the place and zooms to it.
    """
    layer = st.session_state.get(LAYER_KEY)
    if layer is None or layer[0] != key or place != st.session_state.get(RING_KEY):
        layer = (key, place)
        st.session_state[LAYER_KEY] = layer
        st.session_state[RING_KEY] = place
    return layer[1]


def on_search(index: ReadingIndex, visible: tuple[str, ...]) -> None:
    """Select the place a name names; several places by that name are offered to choose from."""
    query = st.session_state.get(SEARCH_KEY, "").strip()
    st.session_state[FOUND_KEY] = None
    if not query:
        return
    shown = set(visible)
    found = [p for p in index.find(query) if p.id in shown]
    if len(found) == 1:
        select_place(found[0].id)
    else:
        st.session_state[FOUND_KEY] = (query, [p.id for p in found])


def search_box(atlas: Store, index: ReadingIndex, visible: tuple[str, ...]) -> None:
    """A box that finds a place by any of its names (Stepanakert finds Khankendi) and zooms to it."""
    st.text_input(
        "Find a place",
        key=SEARCH_KEY,
        placeholder="Find a place by any of its names, then Enter",
        label_visibility="collapsed",
        on_change=on_search,
        args=(index, visible),
    )
    found = st.session_state.get(FOUND_KEY)
    if not found:
        return
    query, ids = found
    if not ids:
        st.caption(f"No place on the map goes by the name “{md(query)}”.")
        return
    st.caption(f"{len(ids)} places go by “{md(query)}”:")
    for pid in ids[:8]:
        place = atlas.places[pid]
        label = f"{place.name}, {place.country}" if place.country else f"{place.name} ({pid})"
        st.button(md(label), key=f"found-{pid}", on_click=select_place, args=(pid,))


def panel(atlas: Store, index: ReadingIndex, place: str | None, visible: tuple[str, ...], view: View) -> None:
    """The selected place's panel, or a word on what clicking does."""
    areas_on = bool(st.session_state.get(AREAS_KEY, True))
    reading = place in atlas.places
    st.markdown(f'<span class="atlas-drawer{"" if reading else " atlas-feed"}"></span>', unsafe_allow_html=True)
    if place in atlas.places:
        if not atlas.is_confirmed(place) and place not in set(visible):
            st.info(
                "Where this place lies is uncertain, so the map does not draw it as a fact: "
                "turn on “Show uncertain places” to see it, drawn hollow."
            )
        elif place not in set(visible) and atlas.places[place].kind in AREA_KINDS and not areas_on:
            st.info("Areas are turned off, so the map does not show this one: turn on “Areas” to see it.")
        elif place not in set(visible):
            st.info("This place is outside the date range, so the map does not show it.")
        reading = index.reading(place)
        page_place, page = st.session_state.get(PAGE_KEY, (None, 0))
        page = page if page_place == place and page < reading.pages else 0
        place_panel(reading, page, partial(colour_in, atlas), view.start, view.end)
        if reading.pages > 1:
            newer, older = st.columns(2)
            newer.button("Newer articles", disabled=page == 0, on_click=_turn, args=(place, page - 1))
            older.button("Older articles", disabled=page + 1 >= reading.pages, on_click=_turn, args=(place, page + 1))
        st.button("Clear selection", on_click=select_place, args=(None,))
    else:
        st.markdown("#### In view, newest first")
        story_feed(
            atlas,
            atlas_key(atlas),
            visible,
            st.session_state.get(BOUNDS_KEY),
            (view.start, view.end),
            select_place,
            empty="Nothing in view in this date range: zoom out, or widen the dates.",
        )
        st.caption("Numbers on the map are groups of places: click one to open it, a place to read its passages.")


def sent(grid: Grid, areas: dict[str, int], ringed: str | None, visible: tuple[str, ...]) -> tuple[str, ...]:
    """The places a view's layer holds when the filter shows too many to send: the view's own
    (``grid.points``), the shaded areas, and the ringed place wherever it is, so a deep link
    still finds it to zoom to."""
    extra = (ringed,) if ringed and ringed not in grid.points and ringed in set(visible) else ()
    return tuple(dict.fromkeys((*grid.points, *areas, *extra)))


def _turn(place: str, page: int) -> None:
    st.session_state[PAGE_KEY] = (place, page)


@st.fragment
def map_and_panel(atlas: Store, view: View) -> None:
    """Map and panel rerun alone on a click; the rest of the page stays as it is.

    What the reader waits for is sent first: after a click the panel, with a head start
    (the browser takes a while over the map component's update, even an unchanged one, and
    the panel would wait behind it); otherwise the map, whose frame takes longest to load.
    """
    # A fragment rerun keeps the arguments of the last full run; the selection may be newer.
    place = st.session_state.get(PLACE_KEY, view.place)
    key = atlas_key(atlas)
    uncertain = bool(st.session_state.get(UNCERTAIN_KEY))
    areas_on = bool(st.session_state.get(AREAS_KEY, True))
    shown = view.visible(atlas)
    kinds = atlas.kinds(shown) if not areas_on else {}
    visible = tuple(
        p for p in shown if (uncertain or atlas.is_confirmed(p)) and (areas_on or kinds.get(p) not in AREA_KINDS)
    )
    areas = view.area_counts(atlas, visible, "all" if uncertain else "confirmed") if areas_on else {}
    key = f"{key}|{'all' if uncertain else 'confirmed'}|{'areas' if areas_on else 'no areas'}"
    grid = view_grid(
        atlas,
        f"{key}|{view.start}|{view.end}",
        view.start,
        view.end,
        st.session_state.get(BOUNDS_KEY),
        st.session_state.get(ZOOM_KEY),
        not uncertain,
        frozenset() if areas_on else AREA_KINDS,
        tuple(areas),
    )
    index = reading_index(atlas, atlas_key(atlas))
    left, right = st.columns([7, 3], gap="medium")

    def draw_map() -> None:
        with left:
            search_box(atlas, index, visible)
            ringed = places_layer_for(f"{key}|{view.start}|{view.end}", place)
            atlas_map(
                atlas,
                f"{key}|{view.start}|{view.end}",
                visible if grid.whole else sent(grid, areas, ringed, visible),
                ringed,
                key=MAP_KEY,
                height=MAP_HEIGHT,
                on_click=lambda: on_map_click(atlas),
                areas=areas,
                grid=None if grid.whole else grid,
            )

    if st.session_state.pop(CLICKED_KEY, False):
        with right:
            panel(atlas, index, place, visible, view)
        time.sleep(PANEL_HEAD_START_S)
        draw_map()
    else:
        draw_map()
        with right:
            panel(atlas, index, place, visible, view)


atlas, view = setup("Map", date_filter_now=False)
st.markdown(LAYOUT, unsafe_allow_html=True)
st.title("Article Atlas", anchor=False)
header(atlas)
# A full run may mean a fresh map in the browser (back from another page): build its layer.
st.session_state.pop(LAYER_KEY, None)
map_and_panel(atlas, view)
date_filter(atlas, view, playback_too=True)
with st.sidebar:
    st.toggle(
        "Show uncertain places",
        key=UNCERTAIN_KEY,
        help="Places the parser found but could not place surely, drawn hollow; confirm them in review.",
    )
    st.toggle(
        "Areas",
        value=True,
        key=AREAS_KEY,
        help="Countries and first-level areas, shaded by how many of the articles shown name them; click one "
        "to read its passages.",
    )
    hidden = sum(not atlas.is_confirmed(p) for p in view.visible(atlas))
    if hidden and not st.session_state.get(UNCERTAIN_KEY):
        st.caption(f"{hidden:,} uncertain place{'s' if hidden != 1 else ''} not drawn.")
