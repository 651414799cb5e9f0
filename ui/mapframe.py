"""The map component with its HTML and scripts cached: a click reruns no folium rendering.

``st_folium`` renders the whole folium map on every run, tens of milliseconds of Python that
hold the GIL while Streamlit is still sending the passage panel drawn just before — so the
panel waited for the map. Here the base map is rendered once per process and the places layer
once per (data, filter, ringed place), then handed to streamlit-folium's own component, so the
browser side is unchanged. This follows ``st_folium`` of streamlit-folium 0.27.4 (pinned) line
for line, minus what the app does not use (drawings, hover, layer control, dual maps).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
import streamlit_folium as sf

from geo.atlas.atlas import Atlas
from geo.view.mapview import RETURNED, base_map, places_layer


@st.cache_resource(show_spinner=False)
def _base_args() -> dict:
    """The base map's part of the component's arguments: the same for every page and data."""
    fmap = base_map()
    fmap.get_root().render()
    fmap.render()
    return {
        "script": sf._get_map_string(fmap),
        "header": sf._get_header(fmap),
        "html": sf._get_html(fmap),
        "id": sf.get_full_id(fmap),
        "css_links": [href for _, href in fmap.default_css],
        "js_links": [src for _, src in fmap.default_js],
    }


@st.cache_data(show_spinner=False, max_entries=32)
def _layer(_atlas: Atlas, view_key: str, _visible: tuple[str, ...], ringed: str | None, _areas: dict[str, int]) -> str:
    """The places layer's script for one view; ``view_key`` names the data and filter it shows
    (and so the areas' counts, which follow from them)."""
    fmap = base_map()
    sf._get_map_string(fmap)
    return sf._get_feature_group_string(places_layer(_atlas, _visible, ringed, _areas), map=fmap)


def atlas_map(
    atlas: Atlas,
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
    args = {**_base_args(), "feature_group": _layer(atlas, view_key, visible, ringed, areas or {})}
    # The component's identity follows the base map's script only, as in st_folium, so a
    # new selection or filter swaps the places layer without remounting the map.
    component_key = sf.generate_js_hash(args["script"], key, False)

    def changed() -> None:
        st.session_state[key] = st.session_state.get(component_key, {})
        on_click()

    sf._component_func(
        **args,
        key=component_key,
        height=height,
        width=None,
        returned_objects=list(RETURNED),
        default=dict.fromkeys(RETURNED),
        zoom=None,
        center=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        on_change=changed,
        wrap_longitude=False,
    )
