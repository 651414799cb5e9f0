"""The map, drawn by streamlit-folium's ``st_folium`` with the places as its ``feature_group_to_add``.

The base map depends on no data, so its script, and with it the component's identity, stays the
same: a new filter or selection swaps the places layer in the browser without remounting the map.
The places layer's data is serialised once per (data, filter, ringed place, grid) and cached, so a
run only renders two small templates around it.

What the layer holds is asked of the store for the map's view (``geo.store.grid``): every place
the filter shows while they are few, so moving the map changes nothing; past that the view's own
places or its grid cells, asked again as the map reports a new view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection

import streamlit as st
from streamlit_folium import st_folium

from geo.store.grid import Box, Grid, map_grid
from geo.store.store import Store
from geo.view.mapview import RETURNED, base_map, layer_json, places_group


@st.cache_resource(show_spinner=False, max_entries=64)
def view_grid(
    _atlas: Store,
    view_key: str,
    start: dt.date | None,
    end: dt.date | None,
    bounds: Box | None,
    zoom: int | None,
    sure_only: bool,
    kinds_apart: frozenset[str],
    _apart: Collection[str],
) -> Grid:
    """``map_grid`` for one view; ``view_key`` names the data and filter (and so ``_apart``, the
    areas drawn as shades, which follow from them)."""
    return map_grid(_atlas, start, end, bounds, zoom, sure_only=sure_only, kinds_apart=kinds_apart, apart=_apart)


@st.cache_data(show_spinner=False, max_entries=32)
def _layer(
    _atlas: Store,
    view_key: str,
    _visible: tuple[str, ...],
    ringed: str | None,
    _areas: dict[str, int],
    grid: Grid | None,
) -> str:
    """The places layer's data for one view, as JSON; ``view_key`` names the data and filter it
    shows (and so the areas' counts, which follow from them); ``grid`` is None when the layer
    holds every place the filter shows, else what the view holds."""
    return layer_json(_atlas, _visible, ringed, _areas, grid)


def atlas_map(
    atlas: Store,
    view_key: str,
    visible: tuple[str, ...],
    ringed: str | None,
    *,
    key: str,
    height: int,
    on_click: Callable[[], None],
    areas: dict[str, int] | None = None,
    grid: Grid | None = None,
) -> None:
    """Draw the map, ``areas`` shaded by their counts; after a click, ``st.session_state[key]``
    holds what was clicked."""
    st_folium(
        base_map(),
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=list(RETURNED),
        feature_group_to_add=places_group(_layer(atlas, view_key, visible, ringed, areas or {}, grid)),
        on_change=on_click,
    )
