"""Article Atlas: the map page. Click a place to read every passage that names it."""

import streamlit as st
from streamlit_folium import st_folium

from geo.atlas import Atlas
from geo.mapview import RETURNED, base_map, bounds_of, find_place, groups, places_layer, view_of
from ui.page import setup
from ui.panel import place_panel
from ui.state import PLACE_KEY, View, select_place

MAP_KEY = "atlas.map"
ZOOM_KEY = "atlas.zoom_to"


def on_map_click(atlas: Atlas) -> None:
    """A click on a marker selects its place before the fragment reruns, so ring and panel agree."""
    clicked = (st.session_state.get(MAP_KEY) or {}).get("last_object_clicked_tooltip")
    place = find_place(atlas, clicked)
    if place is not None:
        select_place(place.id)


def zoom_to(atlas: Atlas, place_ids: tuple[str, ...]) -> None:
    """Move the map to a group of places through st_folium's centre and zoom: no rebuild.

    The map only moves when the centre it is given changes, so each press nudges the centre
    by a hair; otherwise a second press after panning away would do nothing.
    """
    centre, zoom = view_of(bounds_of(atlas, [atlas.places[p] for p in place_ids]))
    presses = st.session_state.get(ZOOM_KEY, (None, None, 0))[2] + 1
    st.session_state[ZOOM_KEY] = ([centre[0] + presses * 1e-9, centre[1]], zoom, presses)


@st.fragment
def map_and_panel(atlas: Atlas, view: View) -> None:
    """Map and panel rerun alone on a click; the rest of the page stays as it is."""
    # A fragment rerun keeps the arguments of the last full run; the selection may be newer.
    place = st.session_state.get(PLACE_KEY, view.place)
    visible = view.visible(atlas)
    left, right = st.columns([3, 2], gap="medium")
    # The panel is sent first: it is what the reader waits for after a click.
    with right:
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

    with left:
        clusters = groups(atlas, [atlas.places[p] for p in visible])
        buttons = st.columns(len(clusters) + 1)
        for column, group in zip(buttons, clusters, strict=False):
            column.button(f"Zoom to {group.label}", on_click=zoom_to, args=(atlas, group.place_ids), key=group.label)
        if visible:
            buttons[-1].button("Show all", on_click=zoom_to, args=(atlas, tuple(visible)), key="zoom-all")
        centre, zoom, _ = st.session_state.get(ZOOM_KEY, (None, None, 0))
        st_folium(
            base_map(atlas),
            key=MAP_KEY,
            height=560,
            use_container_width=True,
            returned_objects=list(RETURNED),
            feature_group_to_add=places_layer(atlas, visible, place),
            center=centre,
            zoom=zoom,
            on_change=lambda: on_map_click(atlas),
        )


atlas, view = setup("Map")
st.title("Article Atlas")
articles = ", ".join(f"“{a.title}” ({a.source_line})" for a in atlas.articles.values())
st.caption(f"Every place named in {articles}.")
map_and_panel(atlas, view)
