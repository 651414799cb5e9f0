"""The map as folium objects: a fixed base map, and a layer of places that follows the filter.

Split in two because streamlit-folium remounts the whole map whenever the base map's script
changes, but swaps a ``feature_group_to_add`` in place. So the base map depends on nothing at
all; the filter and the selection only ever change the places layer. Nothing here imports
Streamlit, so the map can also be built and checked without a browser.

The places layer is data plus one script, not a folium object per place: at a thousand
articles folium's 8,000 separate markers took seconds to render and megabytes to send. The
script draws points as Leaflet.markercluster markers (clusters with counts that open on zoom,
coinciding places spread apart), lines and areas in a pane under them, and precision circles
under those, so no line ever covers a town's dot. All the map's styles live in the base map's
header: streamlit-folium sends a swapped layer's script, never its header.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.atlas.atlas import Atlas
from geo.atlas.export import place_geometry
from geo.model.distance import km
from geo.model.models import Place
from geo.model.settings import online_enabled
from geo.view.areas import outline_of
from geo.view.assets import (
    AREAS_URL,
    BASEMAP_LABELS,
    BASEMAP_LAYERS,
    BASEMAP_URL,
    MAP_CSS,
    MAP_JS,
    OSM_ATTRIBUTION,
    OSM_TILES,
)
from geo.view.palette import colour_in

SELECTED_COLOUR = "#e0115f"
SEVERAL_ARTICLES = "#222222"
# What st_folium reports back: a click's count and what was clicked. The places layer's own
# click handler puts the place's id where streamlit-folium puts a tooltip, so a click is
# known by id, not by a label that may repeat. The order is streamlit-folium's own.
# What the map reports back: the place clicked (with a count, so a pan is told from a click) and
# the view's bounds, which the story feed follows.
RETURNED = ("last_object_clicked_count", "last_object_clicked_tooltip", "bounds")
# The legend lists articles by colour only while that can be told apart.
LEGEND_ARTICLES = 10
# An area's shade by how many shown articles name it: the lowest count of each class, and its
# colour (ColorBrewer's Purples: apart from the dots' blues and the basemap's beige).
AREA_SHADES = (
    (1, "#dadaeb"),
    (2, "#bcbddc"),
    (5, "#9e9ac8"),
    (10, "#807dba"),
    (25, "#6a51a3"),
    (50, "#4a1486"),
)
# A point selected from elsewhere is shown at this zoom at most, precision allowing.
MAX_SELECT_ZOOM = 11
MIN_SELECT_ZOOM = 5


@dataclass(frozen=True)
class KindStyle:
    """How one kind of place is drawn, and what the legend calls it."""

    colour: str
    radius: int
    label: str


KIND_STYLES = {
    "city": KindStyle("#1f4e99", 9, "City"),
    "town": KindStyle("#3b82c4", 7, "Town"),
    "village": KindStyle("#74a9cf", 6, "Village"),
    "building": KindStyle("#6a3d9a", 6, "Building"),
    "deposit": KindStyle("#c98a00", 9, "Mineral deposit"),
    "site": KindStyle("#d95f02", 7, "Site"),
    "road": KindStyle("#8c2d04", 5, "Road"),
    "lake": KindStyle("#2b8cbe", 7, "Lake"),
    "river": KindStyle("#2b8cbe", 6, "River"),
    "region": KindStyle("#4d4d4d", 7, "Region"),
    "county": KindStyle("#4d4d4d", 6, "County"),
    "admin": KindStyle("#4d4d4d", 7, "Administrative area"),
    "country": KindStyle("#4d4d4d", 8, "Country"),
    "continent": KindStyle("#4d4d4d", 8, "Continent"),
}
_OTHER = KindStyle("#4d4d4d", 7, "Other")


class OfflineMap(folium.Map):
    """A folium map whose Leaflet and clustering come from the app, not from a CDN."""

    default_js = MAP_JS
    default_css = MAP_CSS


def text(value: str) -> str:
    """Escape text for HTML that folium places inside JavaScript template literals.

    Beyond ``<>&"'``, backticks, ``$`` and backslashes would end or interpolate the
    literal, so they become character references too.
    """
    return html.escape(value).replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def is_approximate(place: Place) -> bool:
    """Whether the coordinates are an estimate, so the map shows the circle they lie in."""
    return place.coord_source.lower().startswith("estimate")


def kind_label(kind: str) -> str:
    """A kind as readers see it in the legend, the panel and the table ("Mineral deposit")."""
    style = KIND_STYLES.get(kind)
    return style.label if style else kind


def tooltip_labels(atlas: Atlas) -> dict[str, str]:
    """Each place's tooltip: its name, with its id where two places share the name."""
    return _labels_of(list(atlas.places.values()))


def _labels_of(places: list[Place]) -> dict[str, str]:
    counts = Counter(p.name for p in places)
    return {p.id: p.name if counts[p.name] == 1 else f"{p.name} ({p.id})" for p in places}


def find_place(atlas: Atlas, reported: str | None) -> Place | None:
    """The place a click reported: by id (the places layer's own report), else by tooltip."""
    if not reported:
        return None
    wanted = reported.strip()
    if wanted in atlas.places:
        return atlas.places[wanted]
    return next((atlas.places[pid] for pid, label in tooltip_labels(atlas).items() if label == wanted), None)


def select_zoom(place: Place) -> int:
    """The zoom at which a selected point shows with its surroundings: its precision circle
    about a third of the map's height, within MIN_SELECT_ZOOM..MAX_SELECT_ZOOM."""
    metres_per_px = max(place.precision_m, 1.0) / 100
    zoom = math.log2(156_543 * math.cos(math.radians(place.lat)) / metres_per_px)
    return max(MIN_SELECT_ZOOM, min(MAX_SELECT_ZOOM, math.floor(zoom)))


# The offline basemap: countries on a blue sea, first-level borders, lakes, rivers and town
# labels, each from its zoom on; data fetched from the app only when the layer is shown. It is
# the default; OpenStreetMap's tiles are, when ATLAS_ONLINE is on. On the first tile of an online
# layer that fails while none has loaded, the map switches to this basemap by itself, and says
# so in a corner.
_BASEMAP = """
{% macro header(this, kwargs) %}
<style>
/* The frame follows the window's height (pages/0_Map.py); streamlit-folium's frontend fixes the
   map's element (#map_div) at the height first asked for, with no option to follow its frame. */
#map_div { height: 100vh !important; }
.leaflet-container { background: #dce9f2; font: 12px/1.4 system-ui, sans-serif; }
.leaflet-container path.leaflet-interactive:focus, .leaflet-container svg:focus,
.leaflet-container .leaflet-marker-icon:focus:not(:focus-visible) { outline: none; }
.atlas-label { color: #555; font: 11px/1.1 system-ui, sans-serif; white-space: nowrap;
    text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }
.atlas-label.area { color: #8a7a9a; font-style: italic; letter-spacing: .04em; }
.atlas-name { color: #1f2328; font: 600 11px/15px system-ui, sans-serif; white-space: nowrap;
    text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; pointer-events: none; }
.atlas-note { background: rgba(255,255,255,.85); padding: 2px 6px; border-radius: 3px; font-size: 11px; }
.atlas-dot { display: flex; align-items: center; justify-content: center; }
.atlas-dot i { display: block; border-radius: 50%; box-sizing: border-box; border: 3px solid;
    box-shadow: 0 0 0 1.5px #fff, 0 1px 3px rgba(0,0,0,.5); }
.atlas-ring { border: 4px solid {{ this.selected }}; border-radius: 50%; box-sizing: border-box;
    pointer-events: none; }
.atlas-legend { background: #fff; padding: 4px 8px; font: 12px/1.5 system-ui, sans-serif; border-radius: 4px;
    box-shadow: 0 1px 4px rgba(0,0,0,.3); max-width: 240px; }
.atlas-legend summary { cursor: pointer; font-weight: 600; }
.atlas-legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px;
    vertical-align: -1px; box-sizing: border-box; }
.atlas-legend i.line { border-radius: 0; height: 4px; vertical-align: 2px; }
/* Kinds told apart by shape as well as colour: towns round, deposits diamonds, buildings and
   sites squares (the legend's marks wear the same classes). */
/* An uncertain placement is drawn hollow and dashed, never like a fact. */
.atlas-uncertain i, .atlas-legend i.uncertain { background: #fff !important; border-style: dashed; }
.atlas-kind-deposit i, .atlas-legend i.shape-deposit { border-radius: 2px; transform: rotate(45deg) scale(.85); }
.atlas-kind-building i, .atlas-kind-site i, .atlas-legend i.shape-building, .atlas-legend i.shape-site {
    border-radius: 2px; }
.atlas-legend i.area { border-radius: 2px; border: 1px solid #54278f; }
.atlas-legend i.ring { background: none; border: 3px solid {{ this.selected }}; }
.atlas-legend i.approx { background: none; border: 1px dashed #555; }
.atlas-legend i.article { background: #fff; border: 3px solid; }
.atlas-legend .title { display: inline-block; max-width: 190px; overflow: hidden; text-overflow: ellipsis;
    white-space: nowrap; vertical-align: bottom; }
.atlas-all { background: #fff; border: 2px solid rgba(0,0,0,.2); border-radius: 4px; padding: 3px 8px;
    font: 12px system-ui, sans-serif; cursor: pointer; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
    var map = {{ this._parent.get_name() }};
    function pane(name, z) {
        if (!map.getPane(name)) { map.createPane(name).style.zIndex = z; }
        return name;
    }
    // The basemap never takes a click: a canvas would otherwise catch those meant for the map.
    map.getPane(pane("atlasBase", 150)).style.pointerEvents = "none";
    map.getPane(pane("atlasBaseLines", 160)).style.pointerEvents = "none";
    map.getPane(pane("atlasLabels", 390)).style.pointerEvents = "none";
    var renderer = L.canvas({pane: "atlasBaseLines"});
    var styles = {
        countries: {pane: "atlasBase", color: "#9a9a9a", weight: 0.8, fillColor: "#f7f4ec", fillOpacity: 1},
        admin1: {renderer: renderer, color: "#b9a8c9", weight: 0.8, dashArray: "4 3"},
        lakes: {renderer: renderer, color: "#8fb5d0", weight: 0.6, fillColor: "#cfe2f0", fillOpacity: 1},
        rivers: {renderer: renderer, color: "#8fb5d0", weight: 1}
    };
    var offline = L.layerGroup();
    var parts = {{ this.layers|tojson }}.map(function (spec) {
        return {url: {{ this.base|tojson }} + "/" + spec[0], from: spec[1], style: styles[spec[2]],
            layer: null, loading: false};
    });
    var labels = null, shown = L.layerGroup().addTo(offline);
    function load(part) {
        part.loading = true;
        fetch(part.url).then(function (r) { return r.json(); }).then(function (data) {
            part.layer = L.geoJSON(data, {interactive: false, style: function () { return part.style; },
                filter: function (f) { return (f.properties.z || 0) <= 12; }});
            part.layer.eachLayer(function (l) { l.atlasFrom = l.feature.properties.z || 0; });
            refresh();
        });
    }
    function refresh() {
        if (!map.hasLayer(offline)) { return; }
        var zoom = map.getZoom();
        parts.forEach(function (part) {
            if (zoom < part.from) { if (part.layer) { offline.removeLayer(part.layer); } return; }
            if (!part.layer) { if (!part.loading) { load(part); } return; }
            if (!offline.hasLayer(part.layer)) { offline.addLayer(part.layer); }
            part.layer.eachLayer(function (l) {
                var want = l.atlasFrom <= zoom + 1;
                if (want && !part.layer._map.hasLayer(l)) { l.addTo(part.layer._map); }
                if (!want && part.layer._map.hasLayer(l)) { part.layer._map.removeLayer(l); }
            });
        });
        shown.clearLayers();
        if (!labels) {
            if (labels === null) {
                labels = false;
                fetch({{ this.labels|tojson }}).then(function (r) { return r.json(); })
                    .then(function (data) { labels = data.rows; refresh(); });
            }
            return;
        }
        // Towns first, then area names, each most prominent first (the rows are sorted by
        // Natural Earth's min_zoom); a label that would touch one already placed is left out,
        // so every name shown can be read.
        var bounds = map.getBounds().pad(0.1), count = 0, boxes = [];
        [0, 1].forEach(function (area) {
            if (area && zoom < 6) { return; }
            for (var i = 0; i < labels.length && count < 150; i++) {
                var row = labels[i];
                if (row[3] > zoom) { break; }
                if (row[4] !== area || !bounds.contains([row[1], row[2]])) { continue; }
                var at = map.latLngToContainerPoint([row[1], row[2]]);
                var box = [at.x + 2, at.y - 8, at.x + 8 + textWidth(row[0], area), at.y + 8];
                if (covers(box) || boxes.some(function (b) {
                    return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
                })) { continue; }
                boxes.push(box);
                count++;
                var el = document.createElement("span");
                el.textContent = row[0];
                L.marker([row[1], row[2]], {pane: "atlasLabels", interactive: false, keyboard: false,
                    icon: L.divIcon({className: "atlas-label" + (area ? " area" : ""), html: el.outerHTML,
                        iconSize: null, iconAnchor: [-4, 6]})}).addTo(shown);
            }
        });
    }
    // A label's width in pixels, as its style draws it (italic and spaced for an area).
    var measure = document.createElement("canvas").getContext("2d");
    function textWidth(name, area) {
        measure.font = (area ? "italic " : "") + "11px system-ui, sans-serif";
        return measure.measureText(name).width + (area ? 0.44 * name.length : 0);
    }
    // The article's places name themselves (the places script); the basemap's names keep clear.
    function covers(box) {
        return (window.atlasNameBoxes || []).some(function (b) {
            return box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3];
        });
    }
    offline.on("add", refresh);
    map.on("zoomend moveend atlasnames", refresh);
    var osm = L.tileLayer({{ this.osm|tojson }}, {attribution: {{ this.attribution|tojson }}, maxZoom: 19});
    var carto = L.tileLayer("https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        {attribution: "&copy; OpenStreetMap contributors &copy; CARTO", maxZoom: 19});
    var esri = L.tileLayer(
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        {attribution: "Tiles &copy; Esri, Maxar, Earthstar Geographics, and the GIS User Community", maxZoom: 19});
    // An online layer that fails before any of its tiles loaded gives way to the offline basemap,
    // whichever it was, and a corner says so once.
    var noted = false;
    [osm, carto, esri].forEach(function (layer) {
        var loaded = 0;
        layer.on("tileload", function () { loaded++; });
        layer.on("tileerror", function () {
            if (loaded || !map.hasLayer(layer)) { return; }
            map.removeLayer(layer);
            map.addLayer(offline);
            window.atlasOffline = true;
            if (noted) { return; }
            noted = true;
            var note = L.control({position: "bottomleft"});
            note.onAdd = function () {
                var div = L.DomUtil.create("div", "atlas-note");
                div.textContent = "Offline basemap: the map tiles could not be loaded";
                return div;
            };
            note.addTo(map);
        });
    });
    // Online tiles are an extra: asked for by default only with ATLAS_ONLINE, else when chosen.
    ({{ this.online|tojson }} ? osm : offline).addTo(map);
    L.control.layers({"OpenStreetMap (online)": osm, "Offline (Natural Earth)": offline,
        "CartoDB light (online)": carto, "Satellite, Esri (online)": esri}, {},
        {collapsed: true, position: "topleft"}).addTo(map);  // the right side is the reading drawer's
    window.atlasBasemap = {osm: osm, offline: offline};
})();
{% endmacro %}
"""


class Basemap(MacroElement):
    """The vendored Natural Earth basemap; OpenStreetMap's tiles first when ATLAS_ONLINE is on."""

    _template = Template(_BASEMAP)

    def __init__(self):
        super().__init__()
        self._name = "AtlasBasemap"
        self.selected = SELECTED_COLOUR
        self.layers = [list(layer) for layer in BASEMAP_LAYERS]
        self.base = BASEMAP_URL
        self.labels = BASEMAP_LABELS
        self.osm = OSM_TILES
        self.attribution = OSM_ATTRIBUTION
        self.online = online_enabled()


def base_map(atlas: Atlas | None = None) -> OfflineMap:
    """The part of the map that never changes: basemaps and layer control.

    It depends on no data (``atlas`` is accepted and ignored), so no filter, selection or new
    article ever remounts the map in the browser.
    """
    # A fixed maxZoom: the clustering needs one, and the offline basemap (no tiles) sets none.
    fmap = OfflineMap(location=[42.0, 25.0], zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False)
    fmap.options["maxZoom"] = 18
    Basemap().add_to(fmap)
    return fmap


# One script builds every visible place from the data the layer carries. Clicks select the
# place in the browser at once (ring, zoom) and report its id; a selection made elsewhere (a
# shared link, the search box, another page) arrives as ``ringed`` and zooms there on load.
_PLACES = """
{% macro script(this, kwargs) %}
(function () {
    var group = {{ this._parent.get_name() }}, map = {{ this._parent._parent.get_name() }};
    var data = {{ this.data|tojson }};
    function pane(name, z) {
        if (!map.getPane(name)) { map.createPane(name).style.zIndex = z; }
        return name;
    }
    pane("atlasAreas", 350); pane("atlasCircles", 380); pane("atlasLines", 420); pane("atlasRing", 640);
    var ringPane = map.getPane("atlasRing"); ringPane.style.pointerEvents = "none";
    var colours = data.colours, kinds = data.kinds, byId = {};
    data.circles.forEach(function (c) {
        L.circle([c[0], c[1]], {radius: c[2], pane: "atlasCircles", interactive: false, color: "#555", weight: 1,
            dashArray: "4 4", fillOpacity: 0.05}).addTo(group);
    });
    data.lines.forEach(function (s) {
        var kind = kinds[s.kind], css = "atlas-place atlas-place-" + s.id;
        var options = {pane: "atlasLines", color: kind[0], weight: 6, opacity: 0.9, className: css};
        var shape = s.area ? L.polygon(s.coords, Object.assign(options, {fillOpacity: 0.2}))
            : L.polyline(s.coords, options);
        // An invisible wider line under the drawn one: a finger can hit a 6 px road.
        var hit = L.polyline(s.coords, {pane: "atlasLines", weight: 22, opacity: 0, className: css + " atlas-hit"});
        [hit, shape].forEach(function (l) {
            l.atlasId = s.id;
            l.bindTooltip(s.label + " · " + kind[2], {sticky: true});
            l.on("click", function (e) { L.DomEvent.stop(e); select(shape, true); });
            l.addTo(group);
        });
        byId[s.id] = shape;
    });
    // A cluster opens to its bounds with room around them, so no member lands at the map's edge
    // or under a control; coinciding places (the plugin's own test) spread apart instead.
    // Unanimated: a deep link changes the view twice in one tick (fit, then zoom to the place), and
    // an animated split still running when the second change comes leaves the plugin drawing nothing.
    var cluster = L.markerClusterGroup({maxClusterRadius: 40, showCoverageOnHover: false, animate: false,
        spiderfyDistanceMultiplier: 1.6, zoomToBoundsOnClick: false});
    cluster.on("clusterclick", function (e) {
        var bottom = e.layer;
        while (bottom._childClusters.length === 1) { bottom = bottom._childClusters[0]; }
        if (bottom._zoom === cluster._maxZoom && bottom._childCount === e.layer._childCount) { return; }
        var before = map.getZoom();
        map.fitBounds(e.layer.getBounds(), {padding: [80, 80], animate: false});
        if (map.getZoom() <= before) { map.setView(e.layer.getLatLng(), before + 1, {animate: false}); }
    });
    var markers = data.points.map(function (p) {
        var kind = kinds[p[4]], size = 2 * kind[1];
        var icon = L.divIcon({className: "atlas-dot atlas-place atlas-place-" + p[0] + " atlas-kind-" + p[4] +
                (p[9] ? "" : " atlas-uncertain"),
            iconSize: [30, 30],
            html: '<i style="width:' + size + 'px;height:' + size + 'px;background:' + kind[0] +
                ";border-color:" + colours[p[5]] + '"></i>'});
        var marker = L.marker([p[2], p[3]], {icon: icon, riseOnHover: true});
        marker.atlasId = p[0];
        marker.atlasZoom = p[6];
        marker.atlasName = p[7];
        marker.atlasRadius = kind[1];
        marker.atlasRank = kind[3];
        marker.atlasNamed = p[8];
        marker.atlasNear = p[10];
        marker.bindTooltip(p[1] + " · " + kind[2], {direction: "top", offset: [0, -12]});
        byId[p[0]] = marker;
        return marker;
    });
    cluster.addLayers(markers);
    cluster.on("click", function (e) { select(e.layer, !e.layer._spiderLeg); });
    group.addLayer(cluster);

    function ring(layer) {
        if (window.atlasRing) { window.atlasRing.remove(); window.atlasRing = null; }
        if (!layer) { return; }
        window.atlasRing = layer.atlasArea
            ? L.polygon(layer.getLatLngs(), {pane: "atlasCircles", interactive: false, fill: false,
                color: {{ this.selected|tojson }}, weight: 4, opacity: 0.9})
            : layer.getLatLng
            ? L.marker(layer.getLatLng(), {pane: "atlasRing", interactive: false, keyboard: false,
                icon: L.divIcon({className: "atlas-ring", iconSize: [34, 34]})})
            : L.polyline(layer.getLatLngs(), {pane: "atlasCircles", interactive: false,
                color: {{ this.selected|tojson }}, weight: 16, opacity: 0.45});
        window.atlasRing.addTo(map);
    }
    function zoomTo(layer, done) {
        if (layer.getBounds) {
            map.fitBounds(layer.getBounds(),
                {paddingTopLeft: [40, 40], paddingBottomRight: [drawer(), 40], maxZoom: 12, animate: false});
            done();
            return;
        }
        // Deep enough for the place's own precision and for its cluster to have split (a cluster's
        // zoom is the last at which it holds the place); places that coincide even at the deepest
        // zoom spread apart there instead.
        // Never deeper than a town's scale for the split alone: past it, its cluster spreads apart.
        var split = layer.__parent ? layer.__parent._zoom + 1 : 0;
        var wanted = Math.min(Math.max(layer.atlasZoom, split), {{ this.deepest }});
        var target = Math.min(Math.max(wanted, map.getZoom()), cluster._maxZoom);
        if (layer.atlasNear) {  // a deposit or a site: with the town beside it
            map.fitBounds(L.latLngBounds([layer.getLatLng(), layer.atlasNear]), {paddingTopLeft: [80, 80],
                paddingBottomRight: [drawer() + 40, 80], maxZoom: {{ this.deepest }}, animate: false});
        } else {
            map.setView(layer.getLatLng(), target, {animate: false});
            map.panBy([(drawer() - 40) / 2, 0], {animate: false});  // the middle of what the drawer leaves
        }
        var shown = cluster.getVisibleParent(layer);
        if (shown && shown !== layer) {
            cluster.once("spiderfied", done);
            shown.spiderfy();
        } else {
            done();
        }
    }
    function report(id) {
        queueMicrotask(function () {
            var state = window.__GLOBAL_DATA__;
            if (!state || !window.Streamlit) { return; }
            state.last_object_clicked_tooltip = id;
            state.last_object_clicked_count = (state.last_object_clicked_count || 0) + 1;
            var value = {};
            {{ this.returned|tojson }}.forEach(function (key) { value[key] = state[key]; });
            state.previous_data = value;
            window.Streamlit.setComponentValue(value);
        });
    }
    function select(layer, zoom) {
        ring(layer);
        if (zoom) { zoomTo(layer, function () { ring(layer); }); }
        report(layer.atlasId);
    }
    // Names beside what is drawn, dots and clusters (by the member most articles name, a city
    // before a deposit among equals): the largest first, each at the first of four
    // spots (right, left, above, below) that overlaps no dot and no name placed before it; a name
    // that finds none is left to its tooltip. Rebuilt whenever the view or the clusters change.
    pane("atlasNames", 630);
    map.getPane("atlasNames").style.pointerEvents = "none";
    if (window.atlasNamesOff) { window.atlasNamesOff(); }
    var names = L.layerGroup().addTo(map), measure = document.createElement("canvas").getContext("2d");
    measure.font = "600 11px system-ui, sans-serif";
    function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
    function placeNames() {
        names.clearLayers();
        var size = map.getSize(), placed = [];
        var boxes = drawer() > 40 ? [[size.x - drawer(), 0, size.x, size.y]] : [];  // under the drawer
        // What is drawn: a dot on its own, or a cluster, named by its largest member and a count.
        var drawn = [], seen = new Set();
        markers.forEach(function (m) {
            var shown = cluster.getVisibleParent(m);
            if (!shown || seen.has(shown)) { return; }
            seen.add(shown);
            if (shown === m) {
                if (m._icon) {
                    drawn.push({at: m.getLatLng(), name: m.atlasName, radius: m.atlasRadius, rank: m.atlasRadius});
                }
                return;
            }
            var members = shown.getAllChildMarkers().slice().sort(function (a, b) {
                return (b.atlasNamed - a.atlasNamed) || (a.atlasRank - b.atlasRank);
            });
            drawn.push({at: shown.getLatLng(), name: members[0].atlasName + " +" + (members.length - 1), radius: 20,
                rank: members[0].atlasRadius + members.length});
        });
        drawn.sort(function (a, b) { return b.rank - a.rank; });
        var at = drawn.map(function (d) {
            var p = map.latLngToContainerPoint(d.at), r = d.radius + 2;
            boxes.push([p.x - r, p.y - r, p.x + r, p.y + r]);
            return p;
        });
        drawn.forEach(function (m, i) {
            var p = at[i], text = document.createElement("span");
            text.innerHTML = m.name;  // escaped by the server: this only decodes it
            var w = Math.ceil(measure.measureText(text.textContent).width) + 4, h = 15, gap = m.radius + 4;
            var spots = [[gap, -h / 2], [-gap - w, -h / 2], [-w / 2, -gap - h], [-w / 2, gap]];
            for (var k = 0; k < spots.length; k++) {
                var box = [p.x + spots[k][0], p.y + spots[k][1], p.x + spots[k][0] + w, p.y + spots[k][1] + h];
                if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) { continue; }
                if (boxes.some(function (b) { return overlaps(box, b); })) { continue; }
                boxes.push(box);
                placed.push(box);
                L.marker(m.at, {pane: "atlasNames", interactive: false, keyboard: false,
                    icon: L.divIcon({className: "atlas-name", html: text.outerHTML, iconSize: [w, h],
                        iconAnchor: [-spots[k][0], -spots[k][1]]})}).addTo(names);
                break;
            }
        });
        window.atlasNameBoxes = placed;
        map.fire("atlasnames");
    }
    // Deferred: the clustering redraws on the same events, and the names follow what it drew.
    function later() { setTimeout(placeNames, 0); }
    map.on("zoomend moveend resize", later);
    cluster.on("animationend spiderfied unspiderfied", later);
    window.atlasNamesOff = function () {
        map.off("zoomend moveend resize", later);
        names.remove();
    };

    window.atlasPlaces = {map: map, cluster: cluster, byId: byId, select: select, names: names};

    if (window.atlasLegend) { window.atlasLegend.remove(); }
    window.atlasLegend = L.control({position: "bottomleft"});
    window.atlasLegend.onAdd = function () {
        var box = L.DomUtil.create("details", "atlas-legend");
        box.innerHTML = data.legend;
        box.open = false;  // folded: open, it would cover places
        L.DomEvent.disableClickPropagation(box);
        return box;
    };
    window.atlasLegend.addTo(map);
    if (window.atlasAll) { window.atlasAll.remove(); }
    window.atlasAll = L.control({position: "topleft"});
    window.atlasAll.onAdd = function () {
        var button = L.DomUtil.create("button", "atlas-all");
        button.type = "button";
        button.textContent = "All places";
        button.title = "Show all places";
        L.DomEvent.disableClickPropagation(button);
        L.DomEvent.on(button, "click", function () { if (data.bounds) { fit(); } });
        return button;
    };
    window.atlasAll.addTo(map);
    // Room on the right for the reading drawer over a wide map (pages/0_Map.py's layout).
    function drawer() { return map.getSize().x > 700 ? Math.min(440, map.getSize().x * 0.45) : 40; }
    function fit() {
        map.fitBounds(data.bounds,
            {paddingTopLeft: [60, 40], paddingBottomRight: [drawer(), 40], maxZoom: 9, animate: false});
    }

    // Areas, shaded by how many shown articles name them, under everything else. Their outlines
    // ship with the basemap and are fetched once a page; the layer names each by its key. A
    // selection of an area from elsewhere waits for its outline.
    function drawAreas(outlines) {
        data.areas.forEach(function (a) {
            var geometry = outlines[a[2]];
            if (!geometry) { return; }
            var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
            var shape = L.polygon(polygons.map(function (polygon) {
                return polygon.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); });
            }), {pane: "atlasAreas", color: "#54278f", weight: 1, fillColor: a[3], fillOpacity: a[5] ? 0.55 : 0.2,
                dashArray: a[5] ? null : "4 4", className: "atlas-place atlas-area atlas-place-" + a[0]});
            shape.atlasId = a[0];
            shape.atlasArea = true;
            shape.bindTooltip(a[1] + " · " + a[4] + (a[4] === 1 ? " article" : " articles"), {sticky: true});
            shape.on("click", function (e) { L.DomEvent.stop(e); select(shape, true); });
            shape.addTo(group);
            byId[a[0]] = shape;
        });
        if (data.ringed && byId[data.ringed] && byId[data.ringed].atlasArea
                && window.atlasZoomedFor !== data.key + "/" + data.ringed) {
            window.atlasZoomedFor = data.key + "/" + data.ringed;
            var chosen = byId[data.ringed];
            ring(chosen);
            zoomTo(chosen, function () { ring(chosen); });
        }
    }
    if (data.areas.length) {
        if (!window.atlasOutlines) {
            window.atlasOutlines = fetch(data.areasUrl).then(function (r) { return r.json(); }).then(function (d) {
                var byKey = {};
                d.features.forEach(function (f) { byKey[f.properties.k] = f.geometry; });
                return byKey;
            });
        }
        // After the opening fit below, even when the outlines are loaded already.
        window.atlasOutlines.then(function (outlines) { setTimeout(function () { drawAreas(outlines); }, 0); });
    }

    // The group joins the map after this script: act once it has.
    setTimeout(function () {
        var chosen = data.ringed && byId[data.ringed];
        var fresh = window.atlasFitKey !== data.key;
        window.atlasFitKey = data.key;
        if (chosen && window.atlasZoomedFor !== data.key + "/" + data.ringed) {
            window.atlasZoomedFor = data.key + "/" + data.ringed;
            if (fresh && data.bounds) { fit(); }
            ring(chosen);
            zoomTo(chosen, function () { ring(chosen); });
        } else {
            if (fresh && data.bounds) { fit(); }
            ring(chosen || null);
        }
        later();
    }, 0);
})();
{% endmacro %}
"""


class _PlacesScript(MacroElement):
    """The places layer's data and the script that draws it."""

    _template = Template(_PLACES)

    def __init__(self, data: dict):
        super().__init__()
        self._name = "AtlasPlaces"
        self.data = data
        self.selected = SELECTED_COLOUR
        self.returned = list(RETURNED)
        self.deepest = MAX_SELECT_ZOOM + 1


#: Kinds a reader places by the town beside them, and how far that town may be.
BESIDE_A_TOWN = frozenset({"deposit", "site", "building"})
TOWN_KINDS = frozenset({"city", "town", "village"})
NEAR_TOWN_KM = 50.0


def nearest_towns(shown: list[Place]) -> dict[str, list[float]]:
    """For each deposit, site or building, the nearest shown town within ``NEAR_TOWN_KM``, so a
    selection shows both. Towns are bucketed by degree, so each site looks at its own cell and the
    eight around it, not at every town."""
    cells: dict[tuple[int, int], list[Place]] = {}
    for place in shown:
        if place.kind in TOWN_KINDS:
            cells.setdefault((math.floor(place.lat), math.floor(place.lon)), []).append(place)
    found = {}
    for place in shown:
        if place.kind not in BESIDE_A_TOWN:
            continue
        row, column = math.floor(place.lat), math.floor(place.lon)
        around = [t for dr in (-1, 0, 1) for dc in (-1, 0, 1) for t in cells.get((row + dr, column + dc), ())]
        best = min(around, key=lambda t: km((place.lat, place.lon), (t.lat, t.lon)), default=None)
        if best is not None and km((place.lat, place.lon), (best.lat, best.lon)) <= NEAR_TOWN_KM:
            found[place.id] = [round(best.lat, 5), round(best.lon, 5)]
    return found


def area_shade(count: int) -> str:
    """The fill of an area that ``count`` shown articles name."""
    return [colour for low, colour in AREA_SHADES if count >= low][-1]


def layer_data(
    atlas: Atlas, visible: Iterable[str], ringed: str | None = None, areas: dict[str, int] | None = None
) -> dict:
    """What the places script needs, as plain JSON: one short row per point, shapes for lines,
    and for each area in ``areas`` (place id to the number of shown articles naming it,
    ``geo.view.areas.AreaIndex.counts``) the key of its outline and its shade.

    Labels are escaped here (the tooltip takes HTML). The article colour rings each dot: one
    article's colour, or near-black for a place several articles name.
    """
    areas = areas or {}
    shown = [atlas.places[pid] for pid in visible if pid in atlas.places]
    articles = atlas.place_articles
    labels = _labels_of(shown)
    colours: list[str] = []
    colour_index: dict[str, int] = {}

    def colour_of(place_id: str) -> int:
        named = articles.get(place_id, [])
        colour = colour_in(atlas, named[0]) if len(named) == 1 else SEVERAL_ARTICLES
        if colour not in colour_index:
            colour_index[colour] = len(colours)
            colours.append(colour)
        return colour_index[colour]

    points, lines, circles, shaded = [], [], [], []
    lats, lons = [], []
    near = nearest_towns(shown)
    for place in shown:
        label = text(labels[place.id])
        outline = outline_of(place) if place.id in areas else None
        if outline is not None:
            lats.append(place.lat)
            lons.append(place.lon)
            count = areas[place.id]
            shaded.append([place.id, label, outline, area_shade(count), count, int(atlas.is_confirmed(place.id))])
            continue
        if is_approximate(place):
            circles.append([place.lat, place.lon, place.precision_m])
        geometry = place_geometry(atlas, place) if place.id in atlas.geometries else None
        if geometry and geometry["type"] in ("LineString", "MultiLineString", "Polygon"):
            coords = _latlon(geometry["coordinates"])
            for lat, lon in _flat(coords):
                lats.append(lat)
                lons.append(lon)
            lines.append(
                {
                    "id": place.id,
                    "label": label,
                    "kind": place.kind,
                    "coords": coords,
                    "area": geometry["type"] == "Polygon",
                }
            )
            continue
        lats.append(place.lat)
        lons.append(place.lon)
        points.append(
            [
                place.id,
                label,
                round(place.lat, 5),
                round(place.lon, 5),
                place.kind,
                colour_of(place.id),
                select_zoom(place),
                text(place.name),
                len(articles.get(place.id, ())),
                int(atlas.is_confirmed(place.id)),
                near.get(place.id),
            ]
        )
    # The last field ranks a kind for naming a cluster: a city before a deposit beside it.
    kinds = {kind: [s.colour, s.radius, text(s.label), rank] for rank, (kind, s) in enumerate(KIND_STYLES.items())}
    for place in shown:
        kinds.setdefault(place.kind, [_OTHER.colour, _OTHER.radius, text(place.kind), len(KIND_STYLES)])
    # Countries first, first-level areas over them: a state inside its shaded country stays clickable.
    shaded.sort(key=lambda a: "." in a[2])
    drawn_as_area = {a[0] for a in shaded}
    key = hashlib.sha1("\n".join(p.id for p in shown).encode()).hexdigest()[:16]
    return {
        "points": points,
        "lines": lines,
        "circles": circles,
        "areas": shaded,
        "areasUrl": AREAS_URL,
        "colours": colours,
        "kinds": kinds,
        "bounds": [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None,
        "key": key,
        "ringed": ringed if ringed in atlas.places and ringed in {p.id for p in shown} else None,
        "legend": legend_html(atlas, [p for p in shown if p.id not in drawn_as_area], articles, shaded),
    }


def legend_html(atlas: Atlas, shown: list[Place], articles: dict[str, list[str]], areas: Sequence[list] = ()) -> str:
    """The legend's rows: only the kinds shown as dots, then the articles' colours while they are
    few, then the shades of the ``areas`` drawn (``layer_data``'s rows) up to their highest count."""
    order = list(KIND_STYLES)
    kinds = sorted({p.kind for p in shown}, key=lambda k: order.index(k) if k in order else len(order))
    rows = ["<summary>Legend</summary>"]
    for kind in kinds:
        style = KIND_STYLES.get(kind, _OTHER)
        shape = ' class="line"' if kind == "road" else f' class="shape-{text(kind)}"'
        rows.append(f'<i{shape} style="background:{style.colour}"></i>{text(kind_label(kind))}')
    named = dict.fromkeys(a for p in shown for a in articles.get(p.id, ()) if a in atlas.articles)
    if 1 < len(named) <= LEGEND_ARTICLES:
        for article_id in named:
            title = atlas.articles[article_id].title
            rows.append(
                f'<i class="article" style="border-color:{colour_in(atlas, article_id)}"></i>'
                f'<span class="title" title="{text(title)}">{text(title)}</span>'
            )
        rows.append(f'<i class="article" style="border-color:{SEVERAL_ARTICLES}"></i>Named by several articles')
    elif len(named) > LEGEND_ARTICLES:
        rows.append(f"Rings: the article's colour; <b style='color:{SEVERAL_ARTICLES}'>black</b>, several articles")
    if any(is_approximate(p) for p in shown):
        rows.append('<i class="approx"></i>Approximate: lies within the circle')
    if any(not atlas.is_confirmed(p.id) for p in shown) or any(not a[5] for a in areas):
        rows.append('<i class="article uncertain" style="border-color:#555"></i>Uncertain: not drawn as a fact')
    highest = max((a[4] for a in areas), default=0)
    if highest:
        rows.append("Areas, by articles naming them:")
        for n, (low, colour) in enumerate(AREA_SHADES):
            if low > highest:
                break
            top = min(AREA_SHADES[n + 1][0] - 1, highest) if n + 1 < len(AREA_SHADES) else highest
            rows.append(f'<i class="area" style="background:{colour}"></i>{low if top == low else f"{low}–{top}"}')
    rows.append('<i class="ring"></i>Selected')
    return rows[0] + "<br>".join(rows[1:])


def places_layer(
    atlas: Atlas, visible: Iterable[str], ringed: str | None = None, areas: dict[str, int] | None = None
) -> folium.FeatureGroup:
    """The visible places, each in its kind's style (areas shaded), one ringed as selected, the view fitted."""
    group = folium.FeatureGroup(name="Places")
    _PlacesScript(layer_data(atlas, visible, ringed, areas)).add_to(group)
    # Fixed names, so the same view gives the same script and the browser keeps its layer.
    group._id = "atlas_places"
    for number, child in enumerate(group._children.values()):
        child._id = f"atlas{number}"
    return group


def _latlon(coords):
    """GeoJSON's [lon, lat], at any nesting depth, as Leaflet's [lat, lon]."""
    if coords and isinstance(coords[0], (int, float)):
        return [coords[1], coords[0]]
    return [_latlon(c) for c in coords]


def _flat(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords
        return
    for item in coords:
        yield from _flat(item)
