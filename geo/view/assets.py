"""The map's scripts, styles and basemap, served by the app itself.

folium points at CDNs by default; with no network the map would stay blank, and every
visit would tell third parties who reads what. Everything here lives under ``static/``,
which Streamlit serves at ``/app/static/``.
"""

from __future__ import annotations

from dataclasses import dataclass

STATIC_URL = "/app/static"

LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet-1.9.4/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet-1.9.4/leaflet.css"
BASEMAP_GEOJSON = f"{STATIC_URL}/basemap/countries-50m.geojson"

# folium's own popups need jQuery; geo.view.mapview.Popup does without, so Leaflet is all.
MAP_JS = [("leaflet", LEAFLET_JS)]
MAP_CSS = [("leaflet_css", LEAFLET_CSS)]


@dataclass(frozen=True)
class Vendored:
    """One shipped third-party asset, for the About page's licence list."""

    name: str
    version: str
    licence: str
    origin: str
    path: str


VENDORED = (
    Vendored("Leaflet", "1.9.4", "BSD-2-Clause", "npm: leaflet", "static/vendor/leaflet-1.9.4/LICENSE"),
    Vendored(
        "World Atlas TopoJSON (Natural Earth 1:50m countries, converted to GeoJSON)",
        "2.0.2",
        "ISC (packaging); Natural Earth data is in the public domain",
        "npm: world-atlas",
        "static/basemap/LICENSE-world-atlas",
    ),
)
