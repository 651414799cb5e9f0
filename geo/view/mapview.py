"""The map as folium objects: a fixed base map, and a layer of places that follows the filter.

Split in two because streamlit-folium remounts the whole map whenever the base map's script
changes, but swaps a ``feature_group_to_add`` in place. So the base map depends on nothing at
all; the filter and the selection only ever change the places layer. Nothing here imports
Streamlit, so the map can also be built and checked without a browser.

The places layer is data plus one call to the app's own script (``static/map/places.js``, as
the basemap's is ``static/map/basemap.js``; both load once with Leaflet), not a folium object
per place: at a thousand articles folium's 8,000 separate markers took seconds to render and
megabytes to send. The script draws points as Leaflet.markercluster markers (clusters with counts that open on zoom,
coinciding places spread apart), lines and areas in a pane under them, and precision circles
under those, so no line ever covers a town's dot. All the map's styles live in the base map's
header: streamlit-folium sends a swapped layer's script, never its header.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import folium
from branca.element import Element, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from geo.atlas.export import place_geometry
from geo.model.distance import km
from geo.model.models import Place
from geo.model.settings import online_enabled
from geo.store.grid import Cell, Grid
from geo.store.store import Store
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
from geo.view.feed import Bounds
from geo.view.palette import colour_in

SELECTED_COLOUR = "#e0115f"
SEVERAL_ARTICLES = "#222222"
# What the map reports back: the place clicked (with a count, so a pan is told from a click; the
# places layer's own click handler puts the place's id where streamlit-folium puts a tooltip, so
# a click is known by id, not by a label that may repeat), the view's bounds, which the story feed
# follows, its zoom: with its bounds, what the map is sent when it has too many places to send
# them all (``geo.store.grid``), and its centre, which tells the start view (below) from a
# reader's. The order is streamlit-folium's own.
RETURNED = ("last_object_clicked_count", "last_object_clicked_tooltip", "bounds", "zoom", "center")
# Where the base map starts. The places layer fits the map to its places as soon as it is drawn,
# so a report of this view comes from the map's creation, not from a reader. Leaflet reports the
# centre it was given, or, once the frame has been resized, that centre to within the half pixel
# it rounds the shift to: a report at the start zoom within a pixel of it is the start view.
START_CENTER = (42.0, 25.0)
START_ZOOM = 4
START_WITHIN = 360 / 256 / 2**START_ZOOM  # a pixel's width at the start zoom, in degrees
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
# A place whose own zoom is this or shallower (known to within some 50 km or more: a region, a sea)
# is shown at that zoom when selected, its precision circle in view, however deep the map is.
WIDE_SELECT_ZOOM = 7


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
    "sea": KindStyle("#2b8cbe", 8, "Sea or ocean"),
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


def _labels_of(places: list[Place]) -> dict[str, str]:
    counts = Counter(p.name for p in places)
    return {p.id: p.name if counts[p.name] == 1 else f"{p.name} ({p.id})" for p in places}


def reported_view(value: Mapping[str, object]) -> tuple[Bounds | None, int | None]:
    """The view the map reported (``RETURNED``): its bounds and zoom, each None unless valid, and
    both None for the start view. A layer built for the start view would be drawn over the map
    just fitted to the places, then replaced when the fitted view's report arrives."""
    centre, zoom = value.get("center"), reported_zoom(value.get("zoom"))
    if zoom == START_ZOOM and isinstance(centre, Mapping):
        try:
            near = [abs(float(centre[k]) - v) for k, v in zip(("lat", "lng"), START_CENTER, strict=True)]
            start = max(near) < START_WITHIN
        except (KeyError, TypeError, ValueError):
            start = False
        if start:
            return None, None
    return Bounds.from_map(value.get("bounds")), zoom


def reported_zoom(zoom: object) -> int | None:
    """The zoom the map reported (``RETURNED``), if it is one: a whole number Leaflet can show."""
    if isinstance(zoom, bool) or not isinstance(zoom, int | float) or not 0 <= zoom <= 30 or zoom != int(zoom):
        return None
    return int(zoom)


def find_place(atlas: Store, reported: str | None) -> Place | None:
    """The place a click reported, by id: the places layer's own report. streamlit-folium's report
    of a click on a bubble, an area or a cluster names what was clicked by its tooltip, which is
    no place's id: no place, and nothing read to find one."""
    if not reported:
        return None
    wanted = reported.strip()
    return atlas.places.get(wanted)


def select_zoom(place: Place) -> int:
    """The zoom at which a selected point shows with its surroundings: its precision circle
    about a third of the map's height, within MIN_SELECT_ZOOM..MAX_SELECT_ZOOM."""
    metres_per_px = max(place.precision_m, 1.0) / 100
    zoom = math.log2(156_543 * math.cos(math.radians(place.lat)) / metres_per_px)
    return max(MIN_SELECT_ZOOM, min(MAX_SELECT_ZOOM, math.floor(zoom)))


# The map's styles, and a call to static/map/basemap.js, which draws the offline basemap (the
# default) and the online tile layers (OpenStreetMap's the default when ATLAS_ONLINE is on).
# ``this._parent`` in a template is folium's own way to name the element an element is added to
# (every folium template does so); branca has no public accessor for it.
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
.atlas-cell { display: flex; align-items: center; justify-content: center; }
.atlas-cell span { display: flex; align-items: center; justify-content: center; width: 100%; height: 100%;
    border-radius: 50%; background: rgba(31,78,153,.82); color: #fff; font: 600 11px/1 system-ui, sans-serif;
    box-shadow: 0 0 0 2px #fff, 0 1px 4px rgba(0,0,0,.5); }
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
atlasDrawBasemap({{ this._parent.get_name() }}, {{ this.options|tojson }});
{% endmacro %}
"""


class Basemap(MacroElement):
    """The vendored Natural Earth basemap; OpenStreetMap's tiles first when ATLAS_ONLINE is on."""

    _template = Template(_BASEMAP)

    def __init__(self):
        super().__init__()
        self.selected = SELECTED_COLOUR
        self.options = {
            "layers": [list(layer) for layer in BASEMAP_LAYERS],
            "base": BASEMAP_URL,
            "labels": BASEMAP_LABELS,
            "osm": OSM_TILES,
            "attribution": OSM_ATTRIBUTION,
            "online": online_enabled(),
        }


def base_map(atlas: Store | None = None) -> OfflineMap:
    """The part of the map that never changes: basemaps and layer control.

    It depends on no data (``atlas`` is accepted and ignored), so no filter, selection or new
    article ever remounts the map in the browser.
    """
    # A fixed maxZoom: the clustering needs one, and the offline basemap (no tiles) sets none.
    fmap = OfflineMap(
        location=list(START_CENTER), zoom_start=START_ZOOM, tiles=None, control_scale=True, prefer_canvas=False
    )
    fmap.options["maxZoom"] = 18
    Basemap().add_to(fmap)
    return fmap


# A call to static/map/atlasDrawPlaces (static/map/places.js), which builds every visible place
# from the data the layer carries: the feature group, the map, the data, fixed options.
_PLACES = """
{% macro script(this, kwargs) %}
atlasDrawPlaces({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }}, {{ this.data }},
    {{ this.options|tojson }});
{% endmacro %}
"""
_PLACES_TEMPLATE = Template(_PLACES)


class Verbatim(Element):
    """Text a figure shows as it is: branca's own ``Element(text)`` would read it as a template."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str):
        super().__init__()
        self.text = text


class PlacesScript(MacroElement):
    """The places layer's data, already JSON (``layer_json``), and the call that draws it.

    The data comes serialised so that it can be cached: rendering the element then only places
    a string, however many places the layer holds.
    """

    _template = _PLACES_TEMPLATE

    def __init__(self, data_json: str):
        super().__init__()
        self.data = data_json
        self.options = {
            "selected": SELECTED_COLOUR,
            "returned": list(RETURNED),
            "deepest": MAX_SELECT_ZOOM + 1,
            "widest": WIDE_SELECT_ZOOM,
        }

    def render(self, **kwargs) -> None:
        """Add the call to the figure as text. ``MacroElement.render`` would parse the rendered
        call, data and all, as a template once more: a quarter of a second for 20,000 places, and
        a place name holding ``{{`` would be read as Jinja."""
        self.get_root().script.add_child(Verbatim(_PLACES_TEMPLATE.module.script(self, kwargs)), name=self.get_name())


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
    atlas: Store,
    visible: Iterable[str],
    ringed: str | None = None,
    areas: dict[str, int] | None = None,
    grid: Grid | None = None,
) -> dict:
    """What the places script needs, as plain JSON: one short row per point, shapes for lines,
    and for each area in ``areas`` (place id to the number of shown articles naming it,
    ``geo.view.areas.AreaIndex.counts``) the key of its outline and its shade.

    With a ``grid`` that holds only the view (``Grid.whole`` false: the filter shows too many
    places to send), ``visible`` is what it sends one by one, its cells come as count bubbles,
    and the map opens on (and refits only to a change of) the extent of every place shown.

    Labels are escaped here (the tooltip takes HTML). The article colour rings each dot: one
    article's colour, or near-black for a place several articles name.
    """
    areas = areas or {}
    shown = atlas.place_records(visible)
    stats = atlas.stats(p.id for p in shown)
    labels = _labels_of(shown)
    colours: list[str] = []
    colour_index: dict[str, int] = {}

    def colour_of(place_id: str) -> int:
        counted = stats.get(place_id)
        colour = colour_in(atlas, counted.first) if counted and counted.articles == 1 else SEVERAL_ARTICLES
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
                stats[place.id].articles if place.id in stats else 0,
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
    extent = [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None
    if grid is not None and not grid.whole:
        extent = [list(grid.extent[:2]), list(grid.extent[2:])] if grid.extent else None
        key = hashlib.sha1(repr(grid.extent).encode()).hexdigest()[:16]
    return {
        "points": points,
        "cells": [cell_row(cell) for cell in grid.cells] if grid else [],
        "lines": lines,
        "circles": circles,
        "areas": shaded,
        "areasUrl": AREAS_URL,
        "colours": colours,
        "kinds": kinds,
        "bounds": extent,
        "key": key,
        "ringed": ringed if ringed in atlas.places and ringed in {p.id for p in shown} else None,
        "legend": legend_html(atlas, [p for p in shown if p.id not in drawn_as_area], shaded),
    }


def cell_row(cell: Cell) -> list:
    """A grid cell as the places script draws it: where, how many places and articles, the name
    of its most named place (escaped), and the box a click zooms to."""
    south, west, north, east = cell.box
    return [round(cell.lat, 5), round(cell.lon, 5), cell.places, cell.articles, text(cell.name),
            [[south, west], [north, east]]]  # fmt: skip


def legend_html(atlas: Store, shown: list[Place], areas: Sequence[list] = ()) -> str:
    """The legend's rows: only the kinds shown as dots, then the articles' colours while they are
    few, then the shades of the ``areas`` drawn (``layer_data``'s rows) up to their highest count."""
    order = list(KIND_STYLES)
    kinds = sorted({p.kind for p in shown}, key=lambda k: order.index(k) if k in order else len(order))
    rows = ["<summary>Legend</summary>"]
    for kind in kinds:
        style = KIND_STYLES.get(kind, _OTHER)
        shape = ' class="line"' if kind == "road" else f' class="shape-{text(kind)}"'
        rows.append(f'<i{shape} style="background:{style.colour}"></i>{text(kind_label(kind))}')
    few = atlas.oldest_first(LEGEND_ARTICLES)
    ids = {p.id for p in shown}
    named = [] if few is None else [a for a in few if atlas.places_named_by(a) & ids]
    if few is not None and len(named) > 1:
        for article_id in named:
            title = atlas.articles[article_id].title
            rows.append(
                f'<i class="article" style="border-color:{colour_in(atlas, article_id)}"></i>'
                f'<span class="title" title="{text(title)}">{text(title)}</span>'
            )
        rows.append(f'<i class="article" style="border-color:{SEVERAL_ARTICLES}"></i>Named by several articles')
    elif few is None:
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


def layer_json(
    atlas: Store,
    visible: Iterable[str],
    ringed: str | None = None,
    areas: dict[str, int] | None = None,
    grid: Grid | None = None,
) -> str:
    """``layer_data`` as JSON safe inside a ``<script>`` (as Jinja's ``tojson`` writes it)."""
    return str(htmlsafe_json_dumps(layer_data(atlas, visible, ringed, areas, grid), sort_keys=True))


def places_group(data_json: str) -> folium.FeatureGroup:
    """The places layer for ``layer_json``'s data. streamlit-folium names the group and its
    children by position, so the same view gives the same script and the browser keeps its layer."""
    group = folium.FeatureGroup(name="Places")
    PlacesScript(data_json).add_to(group)
    return group


def places_layer(
    atlas: Store, visible: Iterable[str], ringed: str | None = None, areas: dict[str, int] | None = None
) -> folium.FeatureGroup:
    """The visible places, each in its kind's style (areas shaded), one ringed as selected, the view fitted."""
    return places_group(layer_json(atlas, visible, ringed, areas))


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
