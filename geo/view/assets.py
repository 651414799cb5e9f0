"""The map's scripts, styles and basemap, served by the app itself.

folium points at CDNs by default; with no network the map would stay blank, and every
visit would tell third parties who reads what. Everything here lives under ``static/``,
which Streamlit serves at ``/app/static/``. The one thing ever fetched from elsewhere is an
online layer's tiles, when the reader chooses one (or with ATLAS_ONLINE, OpenStreetMap's from
the start): the map falls back to the basemap below on the first tile that fails while none
has loaded.
"""

from __future__ import annotations

from dataclasses import dataclass

STATIC_URL = "/app/static"

LEAFLET_JS = f"{STATIC_URL}/vendor/leaflet-1.9.4/leaflet.js"
LEAFLET_CSS = f"{STATIC_URL}/vendor/leaflet-1.9.4/leaflet.css"
CLUSTER_JS = f"{STATIC_URL}/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js"
CLUSTER_CSS = f"{STATIC_URL}/vendor/leaflet.markercluster-1.5.3/MarkerCluster.css"
CLUSTER_DEFAULT_CSS = f"{STATIC_URL}/vendor/leaflet.markercluster-1.5.3/MarkerCluster.Default.css"
BASEMAP_URL = f"{STATIC_URL}/basemap"
BASEMAP_GEOJSON = f"{BASEMAP_URL}/countries-50m.geojson"

# The offline basemap's layers, each drawn from the zoom given (Natural Earth's own min_zoom
# then decides feature by feature). The "-z5" halves load only once the reader zooms in.
BASEMAP_LAYERS = (
    ("countries-50m.geojson", 0, "countries"),
    ("admin1-50m.geojson", 3, "admin1"),
    ("lakes-10m-z0.geojson", 0, "lakes"),
    ("lakes-10m-z5.geojson", 5, "lakes"),
    ("rivers-10m-z0.geojson", 0, "rivers"),
    ("rivers-10m-z5.geojson", 5, "rivers"),
)
BASEMAP_LABELS = f"{BASEMAP_URL}/labels-10m.json"
# The outlines of countries and first-level areas the map shades (geo.view.areas).
AREAS_URL = f"{BASEMAP_URL}/areas-50m.geojson"

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
# Hosts of the online tile layers: the only requests the map makes off the machine.
TILE_HOSTS = ("tile.openstreetmap.org", "basemaps.cartocdn.com", "server.arcgisonline.com")

# The map's own scripts: what the basemap and the places layer do in the browser.
BASEMAP_JS = f"{STATIC_URL}/map/basemap.js"
PLACES_JS = f"{STATIC_URL}/map/places.js"

# folium's own popups need jQuery; the map has no popups (the side panel is for reading), so
# Leaflet, its clustering plugin and the map's own scripts are all. streamlit-folium loads them
# in this order, each before the next and all before the map's script runs.
MAP_JS = [
    ("leaflet", LEAFLET_JS),
    ("markercluster", CLUSTER_JS),
    ("atlas_basemap", BASEMAP_JS),
    ("atlas_places", PLACES_JS),
]
MAP_CSS = [
    ("leaflet_css", LEAFLET_CSS),
    ("markercluster_css", CLUSTER_CSS),
    ("markercluster_default", CLUSTER_DEFAULT_CSS),
]


def is_tile_request(url: str) -> bool:
    """Whether a request is for an online map tile (expected to fail offline, and harmless)."""
    from urllib.parse import urlparse

    host = urlparse(url).hostname or ""
    return any(host == h or host.endswith("." + h) for h in TILE_HOSTS)


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
        "Leaflet.markercluster",
        "1.5.3",
        "MIT",
        "npm: leaflet.markercluster",
        "static/vendor/leaflet.markercluster-1.5.3/MIT-LICENCE.txt",
    ),
    Vendored(
        "Natural Earth countries, first-level borders, rivers, lakes, populated places, first-level areas (trimmed)",
        "4.0.0",
        "Public domain",
        "naturalearthdata.com, via static/basemap/derive.py",
        "static/README.md",
    ),
)
