"""The map: every place, by kind. Click a place to read every passage that names it."""

import time

import streamlit as st

from geo.atlas.atlas import Atlas
from geo.view.mapview import bounds_of, find_place, groups, view_of
from ui.data import data_key
from ui.filters import date_filter
from ui.mapframe import atlas_map
from ui.page import header, setup
from ui.panel import place_panel
from ui.state import PLACE_KEY, View, select_place

MAP_KEY = "atlas.map"
ZOOM_KEY = "atlas.zoom_to"
LAYER_KEY = "atlas.layer"  # (visible places, ringed place) the map's places layer was built with
RING_KEY = "atlas.ring"  # the place the browser shows ringed, after its own click
CLICKED_KEY = "atlas.clicked"  # this run answers a click on the map
PANEL_HEAD_START_S = 0.03


def on_map_click(atlas: Atlas) -> None:
    """A click on a marker selects its place before the fragment reruns, so ring and panel agree."""
    clicked = (st.session_state.get(MAP_KEY) or {}).get("last_object_clicked_tooltip")
    place = find_place(atlas, clicked)
    if place is not None:
        select_place(place.id)
        st.session_state[RING_KEY] = place.id
        st.session_state[CLICKED_KEY] = True


def places_layer_for(visible: list[str], place: str | None) -> tuple[tuple[str, ...], str | None]:
    """Keep the places layer as it is when the browser already shows this view.

    After a click the browser rings the place itself; sending a new layer would only redraw
    the same thing and close the popup the click opened. Any other change — the filter, a
    selection from another page, clearing it — sends a layer with the right ring.
    """
    layer = st.session_state.get(LAYER_KEY)
    if layer is None or layer[0] != tuple(visible) or place != st.session_state.get(RING_KEY):
        layer = (tuple(visible), place)
        st.session_state[LAYER_KEY] = layer
        st.session_state[RING_KEY] = place
    return layer


def zoom_to(atlas: Atlas, place_ids: tuple[str, ...]) -> None:
    """Move the map to a group of places through st_folium's centre and zoom: no rebuild.

    The map only moves when the centre it is given changes, so each press nudges the centre
    by a hair; otherwise a second press after panning away would do nothing.
    """
    centre, zoom = view_of(bounds_of(atlas, [atlas.places[p] for p in place_ids]))
    presses = st.session_state.get(ZOOM_KEY, (None, None, 0))[2] + 1
    st.session_state[ZOOM_KEY] = ([centre[0] + presses * 1e-9, centre[1]], zoom, presses)


def panel(atlas: Atlas, place: str | None, visible: list[str]) -> None:
    """The selected place's panel, or a word on what clicking does."""
    if place in atlas.places:
        if place not in visible:
            st.info("This place is outside the date range, so the map does not show it.")
        place_panel(atlas, place)
        st.button("Clear selection", on_click=select_place, args=(None,))
    else:
        st.markdown("#### Click a place on the map")
        st.caption(
            "Its passages appear here with the mention marked, the source of each (outlet, author, date), "
            "all the names the place goes by, and where its coordinates come from."
        )


def map_view(atlas: Atlas, place: str | None, visible: list[str]) -> None:
    """Zoom buttons for far-apart groups above the map; the map is sent first, being slower to load."""
    above = st.container()
    centre, zoom, _ = st.session_state.get(ZOOM_KEY, (None, None, 0))
    shown, ringed = places_layer_for(visible, place)
    atlas_map(
        atlas,
        data_key(),
        shown,
        ringed,
        key=MAP_KEY,
        height=560,
        center=centre,
        zoom=zoom,
        on_click=lambda: on_map_click(atlas),
    )
    clusters = groups(atlas, [atlas.places[p] for p in visible])
    buttons = above.columns(len(clusters) + 1)
    for column, group in zip(buttons, clusters, strict=False):
        column.button(f"Zoom to {group.label}", on_click=zoom_to, args=(atlas, group.place_ids), key=group.label)
    if visible:
        buttons[-1].button("Show all", on_click=zoom_to, args=(atlas, tuple(visible)), key="zoom-all")


@st.fragment
def map_and_panel(atlas: Atlas, view: View) -> None:
    """Map and panel rerun alone on a click; the rest of the page stays as it is.

    What the reader waits for is sent first: after a click the panel, with a head start
    (the browser takes a while over the map component's update, even an unchanged one, and
    the panel would wait behind it); otherwise the map, whose frame takes longest to load.
    """
    # A fragment rerun keeps the arguments of the last full run; the selection may be newer.
    place = st.session_state.get(PLACE_KEY, view.place)
    visible = view.visible(atlas)
    left, right = st.columns([3, 2], gap="medium")
    if st.session_state.pop(CLICKED_KEY, False):
        with right:
            panel(atlas, place, visible)
        time.sleep(PANEL_HEAD_START_S)
        with left:
            map_view(atlas, place, visible)
    else:
        with left:
            map_view(atlas, place, visible)
        with right:
            panel(atlas, place, visible)


atlas, view = setup("Map", date_filter_now=False)
st.title("Article Atlas")
header(atlas)
# A full run may mean a fresh map in the browser (back from another page): build its layer.
st.session_state.pop(LAYER_KEY, None)
map_and_panel(atlas, view)
date_filter(atlas, view)
