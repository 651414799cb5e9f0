"""Derive ``physical/features.csv`` — named lakes, rivers and regions — from a local copy of Natural Earth.

    python data/naturalearth/derive_physical.py NE_DIR

``NE_DIR`` holds four Natural Earth 4.1 physical layers as GeoJSON, extracted (nothing is
fetched): ``ne_10m_lakes.json``, ``ne_10m_rivers_lake_centerlines.json``,
``ne_10m_geography_regions_polys.json`` and ``ne_10m_geography_regions_points.json``. Why: the
GeoNames gazetteer holds towns, not water or landforms, so a reviewer adding "the Indus" or
"Lake Sevan" that the geoparser missed needs another offline source.

Each named feature becomes one row: a representative point (for a lake or a region the
area-weighted centroid of its largest polygon; for a river the point halfway along its
longest part), a radius within which it lies (half its bounding box's diagonal, two
significant figures) and the layer it came from. A river's parts (its "Lake Centerline"
stretches too) are one river while they lie within 300 km of each other.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "physical" / "features.csv"
VERSION = "Natural Earth 4.1 (GeoJSON by martynafford/natural-earth-geojson)"
COLUMNS = ("id", "name", "alt_names", "kind", "feature", "lat", "lon", "precision_m", "layer")
#: Natural Earth's classes of regions, as the atlas's kinds; continents and oceans are left out.
REGION_CLASSES = {"continent", "ocean", "sea", "pole"}
SAME_RIVER_KM = 300


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = (map(math.radians, p) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def rounded_radius(bbox: tuple[float, float, float, float]) -> int:
    """Half the diagonal of a (lon, lat, lon, lat) box in metres, to two significant figures, at least 1 km."""
    west, south, east, north = bbox
    metres = km((south, west), (north, east)) * 500
    digits = max(0, len(str(int(metres))) - 2)
    return max(1000, int(round(metres, -digits)))


def bbox_of(points: list) -> tuple[float, float, float, float]:
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def polygons(geometry: dict) -> list[list]:
    """The outer rings of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def lines(geometry: dict) -> list[list]:
    return [geometry["coordinates"]] if geometry["type"] == "LineString" else list(geometry["coordinates"])


def ring_centroid(ring: list) -> tuple[float, float, float]:
    """(|area|, lon, lat) of a ring by the shoelace formula; the vertex mean for a degenerate one."""
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area, cx, cy = area + cross, cx + (x1 + x2) * cross, cy + (y1 + y2) * cross
    if abs(area) < 1e-12:
        return 0.0, sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def halfway(line: list) -> tuple[float, float]:
    """The (lon, lat) halfway along a line."""
    steps = [km((a[1], a[0]), (b[1], b[0])) for a, b in itertools.pairwise(line)]
    target, walked = sum(steps) / 2, 0.0
    for (a, b), step in zip(itertools.pairwise(line), steps, strict=True):
        if walked + step >= target and step > 0:
            t = (target - walked) / step
            return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
        walked += step
    return line[0][0], line[0][1]


def length_km(line: list) -> float:
    return sum(km((a[1], a[0]), (b[1], b[0])) for a, b in itertools.pairwise(line))


def names_of(props: dict) -> tuple[str, list[str]]:
    name = (props.get("name") or "").strip()
    name = name.title() if name.isupper() else name  # "GREAT RIFT VALLEY"
    others = [(props.get(k) or "").strip() for k in ("name_en", "name_alt")]
    return name, [o for o in dict.fromkeys(others) if o and o != name]


def area_rows(features: list[dict], kind_of, layer: str) -> list[dict]:
    rows = []
    for feature in features:
        props = feature["properties"]
        name, alt = names_of(props)
        kind = kind_of(props)
        if not name or kind is None or not feature.get("geometry"):
            continue
        rings = polygons(feature["geometry"])
        _, lon, lat = max((ring_centroid(r) for r in rings), key=lambda c: c[0])
        everything = [p for ring in rings for p in ring]
        rows.append(
            _row(name, alt, kind, props.get("featurecla", ""), lat, lon, rounded_radius(bbox_of(everything)), layer)
        )
    return rows


def river_rows(features: list[dict], layer: str) -> list[dict]:
    """One row per river: parts of one name joined while they lie near each other."""
    groups: list[dict] = []
    for feature in features:
        props = feature["properties"]
        name, alt = names_of(props)
        if not name or not feature.get("geometry"):
            continue
        parts = lines(feature["geometry"])
        points = [p for part in parts for p in part]
        near = next((g for g in groups if g["name"] == name and _apart_km(g["points"], points) < SAME_RIVER_KM), None)
        if near is None:
            groups.append({"name": name, "alt": alt, "parts": parts, "points": points})
        else:
            near["parts"] += parts
            near["points"] += points
            near["alt"] = list(dict.fromkeys([*near["alt"], *alt]))
    rows = []
    for group in groups:
        longest = max(group["parts"], key=length_km)
        lon, lat = halfway(longest)
        radius = rounded_radius(bbox_of(group["points"]))
        rows.append(_row(group["name"], group["alt"], "river", "River", lat, lon, radius, layer))
    return rows


def _apart_km(these: list, those: list) -> float:
    """About how far apart two lines come: the nearest of some 40 points along each."""
    return min(
        km((a[1], a[0]), (b[1], b[0]))
        for a in these[:: max(1, len(these) // 40)]
        for b in those[:: max(1, len(those) // 40)]
    )


def point_rows(features: list[dict], layer: str) -> list[dict]:
    rows = []
    for feature in features:
        props = feature["properties"]
        name, alt = names_of(props)
        if not name or props.get("featurecla", "").lower() in REGION_CLASSES:
            continue
        lon, lat = feature["geometry"]["coordinates"][:2]
        rows.append(_row(name, alt, "region", props.get("featurecla", ""), lat, lon, 5000, layer))
    return rows


def _row(name, alt, kind, feature, lat, lon, radius, layer) -> dict:
    return {
        "id": f"ne-{kind}-{slug(name)}",
        "name": name,
        "alt_names": ";".join(alt),
        "kind": kind,
        "feature": feature.lower(),
        "lat": round(lat, 4),
        "lon": round(lon, 4),
        "precision_m": radius,
        "layer": layer,
    }


def region_kind(props: dict) -> str | None:
    return None if (props.get("featurecla") or "").lower() in REGION_CLASSES else "region"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source = Path(argv[0])

    def read(name: str) -> list[dict]:
        return json.loads((source / name).read_text(encoding="utf-8"))["features"]

    rows = (
        area_rows(read("ne_10m_lakes.json"), lambda p: "lake", "ne_10m_lakes")
        + river_rows(read("ne_10m_rivers_lake_centerlines.json"), "ne_10m_rivers_lake_centerlines")
        + area_rows(read("ne_10m_geography_regions_polys.json"), region_kind, "ne_10m_geography_regions_polys")
        + point_rows(read("ne_10m_geography_regions_points.json"), "ne_10m_geography_regions_points")
    )
    seen: set[str] = set()
    for row in rows:  # namesakes (two Lake Victorias) keep apart by where they lie
        if row["id"] in seen:
            row["id"] += "-" + slug(f"{row['lat']:.0f} {row['lon']:.0f}")
        seen.add(row["id"])
    rows = list({row["id"]: row for row in rows}.values())
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# {VERSION}: ne_10m_lakes, ne_10m_rivers_lake_centerlines, ne_10m_geography_regions_polys, ")
        f.write("ne_10m_geography_regions_points; derived by derive_physical.py\n")
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["id"]))
    print(f"{len(rows)} features -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
