"""The map as folium objects: a fixed base map, and a layer of places that follows the filter.

Split in two because streamlit-folium remounts the whole map whenever the base map's script
changes, but swaps a ``feature_group_to_add`` in place. So the base map depends on the data
alone; the date range and the selection only ever change the places layer. Nothing here
imports Streamlit, so the map can also be built and checked without a browser.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import folium
from branca.element import MacroElement
from folium.template import Template as FoliumTemplate
from jinja2 import Template

from geo.atlas.atlas import Atlas
from geo.atlas.export import place_geometry
from geo.model.models import Place
from geo.view.assets import BASEMAP_GEOJSON, MAP_CSS, MAP_JS

SELECTED_COLOUR = "#e0115f"
# What st_folium reports back: a click's count and the clicked marker's tooltip (its name).
# The order is streamlit-folium's own, which _REPORT_NOW below must reproduce exactly.
RETURNED = ("last_object_clicked_count", "last_object_clicked_tooltip")
EXCERPT_CHARS = 110


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
    "region": KindStyle("#4d4d4d", 7, "Region"),
    "admin": KindStyle("#4d4d4d", 7, "Administrative area"),
    "country": KindStyle("#4d4d4d", 8, "Country"),
}


class OfflineMap(folium.Map):
    """A folium map whose Leaflet comes from the app, not from a CDN."""

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


def tooltip_labels(atlas: Atlas) -> dict[str, str]:
    """Each place's tooltip: its name, with its id where two places share the name.

    A click is reported by its marker's tooltip, so every tooltip must be unique.
    """
    counts = Counter(p.name for p in atlas.places.values())
    return {p.id: p.name if counts[p.name] == 1 else f"{p.name} ({p.id})" for p in atlas.places.values()}


def find_place(atlas: Atlas, tooltip: str | None) -> Place | None:
    """The place whose marker was clicked, known by its tooltip."""
    if not tooltip:
        return None
    wanted = tooltip.strip()
    return next((atlas.places[pid] for pid, label in tooltip_labels(atlas).items() if label == wanted), None)


def excerpt(atlas: Atlas, place: Place) -> str:
    """A short escaped piece of the first passage, the mention marked, for the popup."""
    # Prefer a passage that names the place outright over a curated indirect one.
    named = sorted((m for m in atlas.mentions if m.place == place.id), key=lambda m: m.how != "name")
    if not named:
        return ""
    first = named[0]
    passage = next(p for p in atlas.passages(place.id, [first.article]) if p.paragraph == first.paragraph)
    start, end = first.start, first.end
    lo = max(0, start - EXCERPT_CHARS // 2)
    hi = min(len(passage.text), end + EXCERPT_CHARS // 2)
    # Cut at spaces, not mid-word.
    if lo > 0 and " " in passage.text[lo:start]:
        lo = passage.text.index(" ", lo, start) + 1
    if hi < len(passage.text) and " " in passage.text[end:hi]:
        hi = passage.text.rindex(" ", end, hi)
    source = atlas.articles[passage.article].source_line
    return (
        f"{'…' if lo else ''}{text(passage.text[lo:start])}<mark>{text(passage.text[start:end])}</mark>"
        f"{text(passage.text[end:hi])}{'…' if hi < len(passage.text) else ''}"
        f"<br><small>{text(source)}, ¶{passage.paragraph}</small>"
    )


def kind_label(kind: str) -> str:
    """A kind as readers see it in the legend, the panel and the table ("Mineral deposit")."""
    style = KIND_STYLES.get(kind)
    return style.label if style else kind


def popup_html(atlas: Atlas, place: Place) -> str:
    """Name, kind and excerpt: what the popup shows at once, with no server round trip."""
    return (
        f'<div class="atlas-popup"><b>{text(place.name)}</b> <small>({text(kind_label(place.kind))})</small>'
        f"<br>{excerpt(atlas, place)}</div>"
    )


class Popup(folium.Popup):
    """folium's popup without jQuery: one script fewer before the map can draw.

    The content goes through a ``<template>``, whose parsing runs no script and loads
    nothing; it is escaped before it gets here anyway.
    """

    _template = FoliumTemplate(
        """
        var {{ this.get_name() }} = L.popup({{ this.options|tojavascript }});
        {% for name, element in this.html._children.items() %}
            var {{ name }} = document.createElement("template");
            {{ name }}.innerHTML = `{{ element.render(**kwargs).replace('\\n', ' ') }}`;
            {{ this.get_name() }}.setContent({{ name }}.content.firstChild);
        {% endfor %}
        {{ this._parent.get_name() }}.bindPopup({{ this.get_name() }});
        """
    )


class _Script(MacroElement):
    """A piece of JavaScript rendered with the element it belongs to."""

    def __init__(self, template: str, **values):
        super().__init__()
        self._name = "AtlasScript"
        self._template = Template("{% macro script(this, kwargs) %}" + template + "{% endmacro %}")
        self.values = values


# The selection ring lives on the map, outside the places layer, so a click can move it in
# the browser without the server swapping the layer (which would close the click's popup).
_SELECT = """
window.atlasSelect = function (layer) {
    if (window.atlasRing) { window.atlasRing.remove(); window.atlasRing = null; }
    if (!layer || !layer._map) { return; }
    var style = {color: {{ this.values.colour|tojson }}, weight: 4, fill: false, interactive: false};
    window.atlasRing = layer.getLatLng
        ? L.circleMarker(layer.getLatLng(), Object.assign(style, {radius: layer.getRadius() + 6}))
        : L.polyline(layer.getLatLngs(), Object.assign(style, {weight: 14, opacity: 0.45}));
    window.atlasRing.addTo(layer._map).bringToBack();
};
{{ this._parent.get_name() }}.on("click", function (e) { window.atlasSelect(e.propagatedFrom || e.sourceTarget); });
{% if this.values.ringed %}
setTimeout(function () { window.atlasSelect({{ this.values.ringed.get_name() }}); }, 0);
{% else %}
window.atlasSelect(null);
{% endif %}
"""

# streamlit-folium 0.27 reports a click only after a 250 ms debounce, longer than a whole
# Streamlit round trip. Once its own handlers for this click have run (a microtask runs
# right after them, before the browser paints), send the same value at once and record it
# as sent, so the debounced report finds nothing new and does not rerun again.
_REPORT_NOW = """
{{ this._parent.get_name() }}.on("click", function () {
    queueMicrotask(function () {
        var state = window.__GLOBAL_DATA__;
        if (!state || !window.Streamlit) { return; }
        var value = {};
        {{ this.values.returned|tojson }}.forEach(function (key) { value[key] = state[key]; });
        state.previous_data = value;
        window.Streamlit.setComponentValue(value);
    });
});
"""


class OfflineBasemap(folium.map.Layer):
    """Country borders from Natural Earth, fetched from the app and drawn on a blank sea.

    Loaded after the map is up, so the places show first; not interactive, so a click on a
    country never counts as a click on a place.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        // Its own pane, under the places: drawn later, it would otherwise cover them.
        if (!{{ this._parent.get_name() }}.getPane("atlasBasemap")) {
            {{ this._parent.get_name() }}.createPane("atlasBasemap").style.zIndex = 250;
        }
        var {{ this.get_name() }} = L.layerGroup();
        fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(function (data) {
            L.geoJSON(data, {pane: "atlasBasemap", interactive: false, style: {color: "#9a9a9a", weight: 0.8,
                fillColor: "#f7f4ec", fillOpacity: 1}}).addTo({{ this.get_name() }});
        });
        {% endmacro %}
        """
    )

    def __init__(self, url: str = BASEMAP_GEOJSON, name: str = "Borders (offline, Natural Earth)"):
        super().__init__(name=name, overlay=False, control=True, show=True)
        self._name = "OfflineBasemap"
        self.url = url


class Legend(MacroElement):
    """A fixed legend of the kinds on the map, the selection ring and the precision circle."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-container { background: #dce9f2; }
        .atlas-legend { background: #fff; padding: 6px 8px; font: 12px/1.5 sans-serif;
            border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
        .atlas-legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%;
            margin-right: 6px; vertical-align: -1px; }
        .atlas-legend i.line { border-radius: 0; height: 4px; vertical-align: 2px; }
        .atlas-legend i.ring { background: none; border: 3px solid {{ this.selected }}; width: 7px; height: 7px; }
        .atlas-legend i.approx { background: none; border: 1px dashed #555; }
        .atlas-popup mark { background: #ffe58a; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create("div", "atlas-legend");
            div.innerHTML = {{ this.html|tojson }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, kinds: Iterable[str]):
        super().__init__()
        self._name = "Legend"
        self.selected = SELECTED_COLOUR
        rows = []
        for kind in kinds:
            style = KIND_STYLES.get(kind, KindStyle("#4d4d4d", 7, kind))
            shape = ' class="line"' if kind == "road" else ""
            rows.append(f'<i{shape} style="background:{style.colour}"></i>{text(style.label)}')
        rows.append('<i class="approx"></i>Approximate: lies within the circle')
        rows.append('<i class="ring"></i>Selected')
        self.html = "<br>".join(rows)


def base_map(atlas: Atlas) -> OfflineMap:
    """The part of the map that never changes: basemaps, layer control and legend."""
    fmap = OfflineMap(location=[42.0, 25.0], zoom_start=4, tiles=None, control_scale=True, prefer_canvas=False)
    OfflineBasemap().add_to(fmap)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", show=False).add_to(fmap)
    folium.TileLayer(
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        attr="&copy; OpenStreetMap contributors &copy; CARTO",
        name="CartoDB light (online)",
        show=False,
    ).add_to(fmap)
    folium.TileLayer(
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        attr="Tiles &copy; Esri, Maxar, Earthstar Geographics, and the GIS User Community",
        name="Satellite, Esri World Imagery (online)",
        show=False,
    ).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    kinds = dict.fromkeys(p.kind for p in atlas.places.values())
    order = list(KIND_STYLES)
    Legend(sorted(kinds, key=lambda k: order.index(k) if k in order else len(order))).add_to(fmap)
    return fmap


def places_layer(atlas: Atlas, visible: Iterable[str], ringed: str | None = None) -> folium.FeatureGroup:
    """The visible places, each in its kind's style, one ringed as selected, the view fitted.

    A click rings its place in the browser at once (see _SELECT); ``ringed`` is for a
    selection made elsewhere — a shared link, the Places page — drawn when the layer loads.
    """
    group = folium.FeatureGroup(name="Places")
    shown = [atlas.places[pid] for pid in visible]
    for place in shown:
        if is_approximate(place):
            circle = folium.Circle(
                location=[place.lat, place.lon],
                radius=place.precision_m,
                color="#555",
                weight=1,
                dash_array="4 4",
                fill=True,
                fill_opacity=0.05,
            )
            _inert(circle).add_to(group)
    markers = {}
    labels = tooltip_labels(atlas)
    for place in shown:
        markers[place.id] = _marker(atlas, place, labels[place.id])
        markers[place.id].add_to(group)
    _Script(_SELECT, colour=SELECTED_COLOUR, ringed=markers.get(ringed)).add_to(group)
    _Script(_REPORT_NOW, returned=list(RETURNED)).add_to(group)
    bounds = bounds_of(atlas, shown)
    if bounds:
        _Script(
            """
            if (window.atlasFitKey !== {{ this.values.key|tojson }}) {
                window.atlasFitKey = {{ this.values.key|tojson }};
                {{ this._parent._parent.get_name() }}.fitBounds({{ this.values.bounds|tojson }},
                    {padding: [40, 40], maxZoom: 9});
            }
            """,
            key=",".join(p.id for p in shown),
            bounds=bounds,
        ).add_to(group)
    _stable_ids(group)
    return group


def _stable_ids(group: folium.FeatureGroup) -> None:
    """Name every element by its position, so the same places give the same script.

    streamlit-folium renames layers itself but not a popup's inner HTML element, whose
    random id would make the layer look new on every rerun and be rebuilt, closing popups.
    """
    count = 0

    def walk(element) -> None:
        nonlocal count
        element._id = f"atlas{count}"
        count += 1
        for child in element._children.values():
            walk(child)
        # Templates also use the keys children were added under, so re-key them too.
        element._children = type(element._children)((c.get_name(), c) for c in element._children.values())
        if isinstance(element, folium.Popup):
            walk(element.html)
            walk(element.script)

    walk(group)


def _marker(atlas: Atlas, place: Place, label: str) -> folium.Element:
    style = KIND_STYLES.get(place.kind, KindStyle("#4d4d4d", 7, place.kind))
    popup = Popup(popup_html(atlas, place), max_width=320)
    tooltip = folium.Tooltip(text(label))
    # A class per place lets the page's tests, and anyone styling the map, find its shape.
    css = f"atlas-place atlas-place-{place.id}"
    geometry = place_geometry(atlas, place)
    if geometry["type"] in ("LineString", "MultiLineString"):
        return folium.PolyLine(
            _latlon(geometry["coordinates"]),
            color=style.colour,
            weight=6,
            opacity=0.9,
            popup=popup,
            tooltip=tooltip,
            class_name=css,
        )
    if geometry["type"] == "Polygon":
        return folium.Polygon(
            _latlon(geometry["coordinates"]),
            color=style.colour,
            fill_opacity=0.2,
            popup=popup,
            tooltip=tooltip,
            class_name=css,
        )
    return folium.CircleMarker(
        location=[place.lat, place.lon],
        radius=style.radius,
        color="#ffffff",
        weight=1.5,
        fill=True,
        fill_color=style.colour,
        fill_opacity=0.95,
        popup=popup,
        tooltip=tooltip,
        class_name=css,
    )


def _inert(element: folium.Element) -> folium.Element:
    """Let clicks pass through: only a place's own marker may select it.

    folium drops ``interactive`` from path options, so it is set on the options directly.
    """
    element.options["interactive"] = False
    return element


def _latlon(coords):
    """GeoJSON's [lon, lat], at any nesting depth, as Leaflet's [lat, lon]."""
    if coords and isinstance(coords[0], (int, float)):
        return [coords[1], coords[0]]
    return [_latlon(c) for c in coords]


def _points(atlas: Atlas, place: Place) -> list[tuple[float, float]]:
    geometry = place_geometry(atlas, place)
    flat: list[tuple[float, float]] = []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            flat.append((c[1], c[0]))
        else:
            for item in c:
                walk(item)

    walk(geometry["coordinates"])
    return flat


def bounds_of(atlas: Atlas, places: Iterable[Place]) -> list[list[float]] | None:
    """South-west and north-east corners around the places' shapes, or None for none."""
    points = [pt for p in places for pt in _points(atlas, p)]
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


@dataclass(frozen=True)
class Group:
    """Places near one another, so one button can bring them all into view."""

    label: str
    place_ids: tuple[str, ...]


GROUP_DISTANCE_KM = 500
_KIND_RANK = ("city", "town", "village", "deposit", "site", "road", "building", "region", "admin", "country")


def groups(atlas: Atlas, places: Iterable[Place]) -> list[Group]:
    """Far-apart clusters (Geneva and the Caucasus), each named for its most prominent place.

    Single linkage: a place joins a group when it lies within GROUP_DISTANCE_KM of any member.
    """
    clusters: list[list[Place]] = []
    for place in places:
        near = [c for c in clusters if any(_km(place, other) <= GROUP_DISTANCE_KM for other in c)]
        merged = [place, *(p for c in near for p in c)]
        clusters = [c for c in clusters if c not in near] + [merged]
    result = []
    for cluster in clusters:
        ranked = sorted(cluster, key=lambda p: _KIND_RANK.index(p.kind) if p.kind in _KIND_RANK else len(_KIND_RANK))
        more = f" +{len(cluster) - 1}" if len(cluster) > 1 else ""
        members = {p.id for p in cluster}
        result.append(Group(f"{ranked[0].name}{more}", tuple(pid for pid in atlas.places if pid in members)))
    return sorted(result, key=lambda g: g.label)


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def view_of(bounds: list[list[float]], width_px: int = 700, height_px: int = 560) -> tuple[list[float], int]:
    """Centre and zoom that show the bounds in a map of the given size (Web Mercator)."""
    (south, west), (north, east) = bounds
    centre = [(south + north) / 2, (west + east) / 2]

    def mercator_y(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = max(east - west, 1e-6) / 360
    span_y = max(mercator_y(north) - mercator_y(south), 1e-6) / (2 * math.pi)
    zoom = min(math.log2(width_px * 0.8 / 256 / span_x), math.log2(height_px * 0.8 / 256 / span_y))
    return centre, max(1, min(12, math.floor(zoom)))
