"""Derive the offline basemap's layers from Natural Earth GeoJSON files already on this machine.

Run once by hand, never by the app: ``python static/basemap/derive.py NATURAL_EARTH_DIR``, where
the folder holds the extracted Natural Earth files named below. It reads nothing from the network.
Coordinates are rounded to three decimals (about 100 m, finer than the sources' scale), points
that rounding makes repeat are dropped, and properties are cut to a name and the zoom from which
Natural Earth draws the feature, so the whole basemap stays a few megabytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIGITS = 3
# Douglas–Peucker tolerance in degrees (about 600 m): finer detail than a reader needs to place
# a town by its river, and it halves the files.
TOLERANCE = 0.006
# Rivers and lakes Natural Earth draws from this zoom on go in a second file, loaded on zooming in.
SPLIT_ZOOM = 5


def _simplify(points: list[list[float]]) -> list[list[float]]:
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
        if far > TOLERANCE:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _round(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], DIGITS), round(coords[1], DIGITS)]
    if coords and isinstance(coords[0][0], (int, float)):
        simple = [[round(x, DIGITS), round(y, DIGITS)] for x, y in _simplify(coords)]
        return [p for i, p in enumerate(simple) if i == 0 or p != simple[i - 1]]
    return [_round(c) for c in coords]


def _lines(source: Path, out: str, *, names: bool, split: float | None = None) -> None:
    """One file, or two split at Natural Earth's ``min_zoom`` ``split``: the map loads the second on zooming in."""
    features = []
    for feature in json.loads(source.read_text())["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        if geometry is None:
            continue
        kept = {"z": props.get("min_zoom") or 0}
        if names and props.get("name"):
            kept["n"] = props["name"]
        features.append(
            {
                "type": "Feature",
                "properties": kept,
                "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
            }
        )
    parts = {out: features} if split is None else {
        f"{out}-z0": [f for f in features if f["properties"]["z"] < split],
        f"{out}-z{split:g}": [f for f in features if f["properties"]["z"] >= split],
    }
    for name, part in parts.items():
        collection = {"type": "FeatureCollection", "source": source.name, "features": part}
        (HERE / f"{name}.geojson").write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False))


def _labels(towns: Path, areas: Path, out: Path) -> None:
    """Town names with the zoom they appear from, then first-level area names (from zoom 5)."""
    rows = []
    for feature in json.loads(towns.read_text())["features"]:
        p = feature["properties"]
        rows.append([p["name"], round(p["latitude"], DIGITS), round(p["longitude"], DIGITS), p.get("min_zoom") or 0, 0])
    for feature in json.loads(areas.read_text())["features"]:
        p = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"]
        if p.get("name"):
            rows.append([p["name"], round(lat, DIGITS), round(lon, DIGITS), 5, 1])
    rows.sort(key=lambda r: r[3])
    labels = {"sources": [towns.name, areas.name], "columns": ["name", "lat", "lon", "min_zoom", "is_area"], "rows": rows}
    out.write_text(json.dumps(labels, separators=(",", ":"), ensure_ascii=False))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: derive.py NATURAL_EARTH_DIR", file=sys.stderr)
        return 2
    source = Path(argv[0])
    _lines(source / "ne_10m_rivers_lake_centerlines.json", "rivers-10m", names=True, split=SPLIT_ZOOM)
    _lines(source / "ne_10m_lakes.json", "lakes-10m", names=True, split=SPLIT_ZOOM)
    _lines(source / "ne_50m_admin_1_states_provinces_lines.json", "admin1-50m", names=False)
    _labels(
        source / "ne_10m_populated_places_simple.json",
        source / "ne_10m_admin_1_label_points.json",
        HERE / "labels-10m.json",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
