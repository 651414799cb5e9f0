"""The offline basemap's files as a reader would see them drawn: no line across the world, every
label readable, English, and given once. Read from the shipped files, so a re-derivation that
brings a defect back fails here before anyone opens the map."""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
from collections import Counter, defaultdict

import pytest

from bench.loopback import ROOT

BASEMAP = ROOT / "static" / "basemap"


def _derive():
    spec = importlib.util.spec_from_file_location("basemap_derive", BASEMAP / "derive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive = _derive()


@pytest.fixture(scope="module")
def labels() -> list[list]:
    return json.loads((BASEMAP / "labels-10m.json").read_text())["rows"]


def _paths(geometry: dict):
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        yield coords
    elif kind in ("MultiLineString", "Polygon"):
        yield from coords
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from polygon


@pytest.mark.parametrize("path", sorted(BASEMAP.glob("*.geojson")), ids=lambda p: p.name)
def test_no_ring_or_line_steps_across_the_antimeridian(path):
    """Leaflet joins two vertices with a straight line on the flat map: a step from 179.9 to
    -180 is a band across the whole world (Russia's at 65-71°N, Fiji's at 16°S once did)."""
    crossing = [
        (feature["properties"].get("n"), a, b)
        for feature in json.loads(path.read_text())["features"]
        for line in _paths(feature["geometry"])
        for a, b in itertools.pairwise(line)
        if abs(a[0] - b[0]) > 180
    ]
    assert crossing == []


def test_derive_cuts_a_line_at_the_antimeridian_and_refuses_a_polygon_across_it():
    line = [[179.0, 60.0], [-179.0, 62.0], [-178.0, 62.0]]
    pieces = derive._cut(line)
    assert pieces == [[[179.0, 60.0], [180.0, 61.0]], [[-180.0, 61.0], [-179.0, 62.0], [-178.0, 62.0]]]
    assert not any(derive.crosses(p) for p in pieces)
    ring = [[179.0, 60.0], [-179.0, 60.0], [-179.0, 61.0], [179.0, 61.0], [179.0, 60.0]]
    with pytest.raises(ValueError, match="antimeridian"):
        derive._geometry({"type": "Polygon", "coordinates": [ring]}, "test")


def test_derive_keeps_a_run_along_the_edge_of_the_map_from_jumping():
    """Simplified, Antarctica's run along -90 from 180 to -180 would join its two ends."""
    run = [[180.0, -89.999]] + [[x, -89.999] for x in range(170, -180, -10)] + [[-180.0, -89.999]]
    assert not derive.crosses(derive._path(run))


def test_every_label_is_readable(labels):
    """No encoding loss ("L?nk?ran") and no Natural Earth code for a name ("PHL-99 (…)")."""
    garbled = [r[0] for r in labels if re.search("[?\ufffd]", r[0])]
    codes = [r[0] for r in labels if re.match(r"[A-Z]{2,3}-\d+", r[0])]
    invisible = [r[0] for r in labels if r[0] != r[0].strip() or re.search("[\u200b-\u200f\u202a-\u202e]", r[0])]
    assert (garbled, codes, invisible) == ([], [], [])
    assert derive.readable("L?nk?ran") is None
    assert derive.readable("PHL-99 (Philippines minor islands)") is None
    assert derive.readable("Granada\u200e") == "Granada"


def test_each_place_is_labelled_once(labels):
    """Two labels of one name within SAME_PLACE_KM are one place named twice (a town and its
    district, or one area's two label points: two "Stepanakert", two "Şuşa")."""
    by_name = defaultdict(list)
    for name, lat, lon, *_ in labels:
        by_name[derive.same_name(name)].append((lat, lon))
    twice = [
        (name, a, b)
        for name, points in by_name.items()
        for i, a in enumerate(points)
        for b in points[i + 1 :]
        if derive.km(*a, *b) < derive.SAME_PLACE_KM
    ]
    assert twice == []
    assert [r[0] for r in labels].count("Stepanakert") == 1
    assert derive.same_name("Şəki") == derive.same_name("Shaki")
    assert derive.same_name("Yevlax") == derive.same_name("Yevlakh")


def test_town_names_are_natural_earths_english(labels):
    """One source for every town: Natural Earth's NAME_EN, not its NAME's mix of endonyms and
    exonyms (and its "Sevastapol")."""
    towns = {r[0] for r in labels if not r[4]}
    assert {"Copenhagen", "Sevastopol", "Munich", "Warsaw", "Lankaran", "Ganja", "Nakhchivan"} <= towns
    assert not {"København", "Sevastapol", "München", "Warszawa", "Lənkəran", "Gəncə"} & towns
    meta = json.loads((BASEMAP / "labels-10m.json").read_text())
    assert meta["names"].startswith("towns: NAME_EN")


def test_labels_are_in_the_order_the_map_reads_them(labels):
    """The map stops at the first row beyond its zoom, so the rows must rise by min_zoom."""
    zooms = [r[3] for r in labels]
    assert zooms == sorted(zooms)


def _rows(path) -> list[dict]:
    import csv

    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def test_every_country_and_first_level_area_the_gazetteer_knows_has_one_outline():
    """The map shades a found country or state in its outline: each key once, none lost to
    simplifying (the Vatican is smaller than the areas' tolerance), and all but a few of the
    gazetteer's first-level areas outlined, in every country that has them."""
    features = json.loads((BASEMAP / "areas-50m.geojson").read_text())["features"]
    keys = [f["properties"]["k"] for f in features]
    assert len(keys) == len(set(keys))
    countries = {r["country"] for r in _rows(ROOT / "data" / "naturalearth" / "countries.csv")}
    states = {
        f"{r['country']}.{r['admin1']}"
        for r in _rows(ROOT / "data" / "naturalearth" / "admin1.csv")
        if r["country"] in ("US", "CA", "AU", "BR")
    }
    assert len(states) == 100 and countries | states <= set(keys)
    areas = derive.gazetteer_areas()
    outlined = [a for a in areas if a["key"] in set(keys)]
    # The rest are Natural Earth's aggregations and the few the older 1:10m release draws otherwise.
    assert len(outlined) >= 4400 and len(areas) - len(outlined) < 50
    by_country = Counter(a["country"] for a in outlined)
    assert by_country["ZA"] == 9 and by_country["PH"] >= 80 and by_country["IN"] >= 30 and len(by_country) > 190


def test_a_first_level_polygon_is_keyed_as_the_area_whose_point_it_holds(tmp_path):
    """By where it is, not by the old release's own code: the Philippines' ``gn_a1_code`` there
    is a province's, the gazetteer's its region's."""
    square = {"type": "Polygon", "coordinates": [[[120, 15], [122, 15], [122, 17], [120, 17], [120, 15]]]}
    assert derive.contains(square, 121, 16) and not derive.contains(square, 123, 16)
    hole = [[120.5, 15.5], [121.5, 15.5], [121.5, 16.5], [120.5, 15.5]]
    holed = {"type": "Polygon", "coordinates": [*square["coordinates"], hole]}
    assert not derive.contains(holed, 121.2, 15.8)
    by_name = {a["name"]: a["key"] for a in derive.gazetteer_areas()}
    # A code one area has is its key; one the gazetteer gives several (ZA.02: the Eastern Cape and
    # KwaZulu-Natal) is keyed with each area's name.
    assert by_name["Gauteng"] == "ZA.06" and by_name["KwaZulu-Natal"] == "ZA.02/KwaZulu-Natal"
    assert by_name["Nueva Ecija"] == "PH.03/Nueva Ecija"
    folder = tmp_path / "data"
    folder.mkdir()
    ring = [[120.6, 15.2], [121.4, 15.2], [121.4, 16.2], [120.6, 16.2], [120.6, 15.2]]  # holds its point
    props = {"featurecla": "Admin-1 scale rank", "iso_a2": "PH", "gn_a1_code": "PH.C5", "name": "Nueva Ecija"}
    feature = {"properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    island = {**feature, "properties": {**feature["properties"], "featurecla": "Admin-1 minor island"}}
    (folder / "phl.json").write_text(json.dumps({"type": "FeatureCollection", "features": [island, feature]}))
    (folder / "world.json").write_text(json.dumps({"type": "Topology"}))  # not a country's file: not read
    (shipped,) = derive._admin1_10m(folder, skip=set())
    assert shipped["properties"] == {"k": "PH.03/Nueva Ecija", "n": "Nueva Ecija"}
    assert derive._admin1_10m(folder, skip={"PH"}) == []


def test_a_country_code_natural_earth_leaves_out_is_taken_from_elsewhere():
    assert derive.country_code({"ISO_A2": "-99", "WB_A2": "FR", "ADM0_A3": "FRA"}) == "FR"
    assert derive.country_code({"ISO_A2": "-99", "WB_A2": "-99", "ADM0_A3": "NOR"}) == "NO"
    assert derive.country_code({"ISO_A2": "-99", "WB_A2": "-99", "ADM0_A3": "SOL"}) is None
