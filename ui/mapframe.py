"""The map component with its HTML and scripts cached: a click reruns no folium rendering.

``st_folium`` renders the whole folium map on every run, tens of milliseconds of Python that
hold the GIL while Streamlit is still sending the passage panel drawn just before — so the
panel waited for the map. Here the same arguments are built once per (data, visible places,
ringed place) and handed to streamlit-folium's own component, so the browser side is unchanged.
This follows ``st_folium`` of streamlit-folium 0.27.4 (pinned) line for line, minus what the
app does not use (drawings, hover, layer control, dual maps).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
import streamlit_folium as sf

from geo.atlas.atlas import Atlas
from geo.view.mapview import RETURNED, base_map, places_layer


@st.cache_data(show_spinner=False, max_entries=256)
def _component_args(_atlas: Atlas, data_key: str, visible: tuple[str, ...], ringed: str | None) -> dict:
    """Everything the component needs that depends on the data, the filter and the ringed place."""
    fmap = base_map(_atlas)
    fmap.get_root().render()
    fmap.render()
    html, header = sf._get_html(fmap), sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    layer = sf._get_feature_group_string(places_layer(_atlas, visible, ringed), map=fmap)
    return {
        "script": script,
        "header": header,
        "html": html,
        "id": sf.get_full_id(fmap),
        "feature_group": layer,
        "css_links": [href for _, href in fmap.default_css],
        "js_links": [src for _, src in fmap.default_js],
    }


def atlas_map(
    atlas: Atlas,
    data_key: str,
    visible: tuple[str, ...],
    ringed: str | None,
    *,
    key: str,
    height: int,
    center: list[float] | None,
    zoom: int | None,
    on_click: Callable[[], None],
) -> None:
    """Draw the map; after a click, ``st.session_state[key]`` holds what was clicked."""
    args = _component_args(atlas, data_key, visible, ringed)
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
        zoom=zoom,
        center=center,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        on_change=changed,
        wrap_longitude=False,
    )
