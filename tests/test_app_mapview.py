"""The map's HTML without a browser: local assets only, escaping, stable layers, groups."""

from __future__ import annotations

import re

import pytest
import streamlit_folium

from bench.loopback import ROOT
from geo.atlas.atlas import load_atlas
from geo.view.mapview import base_map, find_place, groups, places_layer, text, view_of


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(ROOT / "data")


def test_scripts_and_styles_come_from_the_app(atlas):
    fmap = base_map(atlas)
    places_layer(atlas, list(atlas.places), "lachin").add_to(fmap)
    page = fmap.get_root().render()
    assets = re.findall(r'<script[^>]+src="([^"]+)"', page) + re.findall(r'<link[^>]+href="([^"]+)"', page)
    assert assets, "the map loads Leaflet from somewhere"
    assert all(url.startswith("/app/static/") for url in assets), assets


def test_text_escapes_html_and_template_literals():
    assert text("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert "`" not in text("a`b") and "${" not in text("${x}") and "\\" not in text("a\\b")


def test_places_layer_is_the_same_script_for_the_same_view(atlas):
    """streamlit-folium rebuilds the layer (closing popups) whenever its script changes."""

    def script():
        fmap = base_map(atlas)
        streamlit_folium._get_map_string(fmap)
        return streamlit_folium._get_feature_group_string(places_layer(atlas, list(atlas.places), "geneva"), fmap)

    assert script() == script()


def test_far_apart_places_form_two_groups(atlas):
    found = {frozenset(g.place_ids) for g in groups(atlas, atlas.places.values())}
    assert len(found) == 2
    assert any({"geneva", "icrc-headquarters"} <= g for g in found)
    assert any({"lachin", "khankendi", "gizilbulagh-gold-deposit"} <= g for g in found)


def test_view_of_a_small_area_zooms_in_more_than_a_large_one():
    _, near = view_of([[39.6, 46.5], [40.2, 46.8]])
    _, far = view_of([[39.6, 6.1], [46.3, 46.8]])
    assert near > far


def test_a_clicked_tooltip_finds_its_place(atlas):
    assert find_place(atlas, "  Geneva ").id == "geneva"
    assert find_place(atlas, None) is None
    assert find_place(atlas, "Atlantis") is None
