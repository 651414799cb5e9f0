"""The map, drawn by streamlit-folium's ``st_folium`` with the places as its ``feature_group_to_add``.

The base map depends on no data, so its script, and with it the component's identity, stays the
same: a new filter or selection swaps the places layer in the browser without remounting the map.
The places layer's data is serialised once per (data, filter, ringed place) and cached, so a run
only renders two small templates around it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit_folium import st_folium

from geo.store.store import Store
from geo.view.mapview import RETURNED, base_map, layer_json, places_group


@st.cache_data(show_spinner=False, max_entries=32)
def _layer(_atlas: Store, view_key: str, _visible: tuple[str, ...], ringed: str | None, _areas: dict[str, int]) -> str:
    """The places layer's data for one view, as JSON; ``view_key`` names the data and filter it
    shows (and so the areas' counts, which follow from them)."""
    return layer_json(_atlas, _visible, ringed, _areas)


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
) -> None:
    """Draw the map, ``areas`` shaded by their counts; after a click, ``st.session_state[key]``
    holds what was clicked."""
    st_folium(
        base_map(),
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=list(RETURNED),
        feature_group_to_add=places_group(_layer(atlas, view_key, visible, ringed, areas or {})),
        on_change=on_click,
    )
