"""Seas and oceans and towns' Armenian names (``data/whosonfirst``), and the UN's regions
(``data/cldr/regions.csv``): the tables load and say where they are from, the parser finds seas
and regions in any case, as areas, not dots, and a town by its Armenian name."""

from __future__ import annotations

import csv
import importlib.util

import pytest

from geo.parsing import gazetteer as gazetteer_module
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser
from tests.conftest import DATA

WOF = DATA / "whosonfirst"


def _derive(name: str):
    spec = importlib.util.spec_from_file_location(f"wof_{name}", WOF / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive, towns = _derive("derive"), _derive("derive_towns")


@pytest.fixture(scope="module")
def parser(atlas) -> Geoparser:
    return Geoparser(atlas.places.values(), load_gazetteer())


def test_the_table_loads_and_cites_its_source_and_licence():
    with (WOF / "seas.csv").open(encoding="utf-8") as f:
        header = f.readline()
        rows = list(csv.DictReader(f))
    assert "Who's On First" in header and "Wikidata (CC0)" in header and "CC BY 4.0" in header
    assert list(rows[0]) == list(derive.COLUMNS)
    assert {r["language"] for r in rows} == {"hy", "ru"} and {r["kind"] for r in rows} == {"sea"}
    assert len([r for r in rows if r["language"] == "hy"]) > 100
    for r in rows:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        assert int(r["precision_m"]) >= 1000  # a radius, never a point
    readme = (WOF / "README.md").read_text(encoding="utf-8")
    assert "fc3f0a0c9f75d4dc4f226bee6e1ddbd8609325e6" in readme and "CC BY 4.0" in readme


def test_names_shared_by_records_are_one_row_spanning_them_all():
    north = {
        "wof:id": 1, "wof:name": "North Pacific Ocean", "wof:placetype": "ocean", "geom:area_square_m": 2.0,
        "geom:latitude": 24.0, "geom:longitude": -140.0, "geom:bbox": "-180,0,-100,60",
        "name:hye_x_preferred": ["Խաղաղ օվկիանոս"],
    }  # fmt: skip
    south = north | {"wof:id": 2, "wof:name": "South Pacific Ocean", "geom:area_square_m": 3.0}
    south |= {"geom:latitude": -30.0, "geom:bbox": "-180,-60,-70,0", "lbl:latitude": -31.0, "lbl:longitude": -120.0}
    [row] = derive.rows([north, south, north | {"wof:placetype": "campus", "name:hye_x_preferred": ["Կամպուս"]}])
    assert (row["name"], row["lat"], row["lon"]) == ("South Pacific Ocean", -31.0, -120.0)  # the larger's label point
    assert row["precision_m"] == derive.radius_m("-180,-60,-70,60")


def test_a_sea_is_found_in_any_case_as_an_area(parser):
    for text, written, name in (
        ("Նավը խորտակվել է Սև ծովում։", "Սև ծովում", "Black Sea"),
        ("Միջերկրական ծովի ափին տոթ է։", "Միջերկրական ծովի", "Mediterranean Sea"),
        ("Նավերը մտել են Պարսից ծոց։", "Պարսից ծոց", "Persian Gulf"),
        ("Կղզին գտնվում է Հնդկական օվկիանոսում։", "Հնդկական օվկիանոսում", "Indian Ocean"),
    ):
        places = {p.name: p for p in parser.parse(text, language="hy").places}
        assert [text[s:e] for s, e in places[name].spans] == [written]
        assert places[name].kind == "sea" and places[name].is_area and places[name].precision_m >= 100_000
        assert places[name].id.startswith("wof-")


def test_a_label_that_is_a_lands_name_stays_the_lands():
    """WOF calls the Gulf of Alaska "Ալյասկա" too: that is the state's name, not the gulf's."""
    rows = load_gazetteer().lookup("Ալյասկա")
    assert rows and all(row.kind != "sea" for row, _ in rows)
    assert "Ալյասկա" in {r["translated"] for r in gazetteer_module.derived_rows(gazetteer_module.WOF_SEAS)}


def test_an_english_sea_name_is_not_searched():
    assert all(row.kind != "sea" for row, _ in load_gazetteer().lookup("Black Sea"))


def test_a_un_region_is_an_estimated_area_that_says_so(parser):
    """CLDR names the UN's regions and lists their countries; none has a point of its own."""
    text = "Նախարարը մեկնել է Կենտրոնական Ասիա, իսկ հետո՝ Լատինական Ամերիկա։"
    places = {p.name: p for p in parser.parse(text, language="hy").places}
    for name in ("Central Asia", "Latin America"):
        place = places[name]
        assert place.kind == "region" and place.is_area and place.id.startswith("cldr-region-")
        assert place.coord_source.startswith("estimate: the area-weighted centre") and place.precision_m > 500_000
    assert 35 < places["Central Asia"].lat < 50 and 55 < places["Central Asia"].lon < 75  # Kazakhstan weighs most
    header = (DATA / "cldr" / "regions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "Unicode CLDR" in header and "containment.xml" in header
    assert "Unicode-3.0" in (DATA / "cldr" / "README.md").read_text(encoding="utf-8")


def test_america_alone_stays_the_united_states():
    """The UN's "Americas" is left out: "Ամերիկա" in news is mostly the United States."""
    assert all(row.kind != "region" for row, _ in load_gazetteer().lookup("Ամերիկա"))


def test_a_neighbours_town_has_its_armenian_name_by_its_geonames_id():
    """GeoNames has no Armenian name for Gori or Hınıs; Who's On First's records say theirs and their GeoNames ids."""
    with (WOF / "towns.csv").open(encoding="utf-8") as f:
        header = f.readline()
        rows = list(csv.DictReader(f))
    assert "Who's On First" in header and "CC BY 4.0" in header
    assert {r["country"] for r in rows} >= {"AM", "AZ", "GE", "IR", "TR"}
    assert all(towns.ARMENIAN.match(r["translated"]) for r in rows)
    gazetteer = load_gazetteer()
    for name, geonameid in (("Գորի", 614455), ("Խնուս", 312114)):
        assert [row.geonameid for row, _ in gazetteer.lookup(name)] == [geonameid]


def test_a_record_without_a_geonames_id_or_armenian_letters_gives_no_name():
    record = {"wof:id": 1, "wof:placetype": "locality", "wof:name": "Goris", "wof:country": "AM"}
    record |= {"wof:concordances": {"gn:id": 174895}, "name:hye_x_preferred": ["Goris", "Գորիս"]}
    assert [r["translated"] for r in towns.rows([record])] == ["Գորիս"]
    assert towns.rows([record | {"wof:concordances": {}}]) == []


def test_a_sea_is_found_in_russian_in_any_case(parser):
    for text, written, name in (
        ("Суда стоят в Чёрном море.", "Чёрном море", "Black Sea"),
        ("Танкер вошёл в Персидский залив.", "Персидский залив", "Persian Gulf"),
    ):
        places = {p.name: p for p in parser.parse(text, language="ru").places}
        assert [text[s:e] for s, e in places[name].spans] == [written] and places[name].kind == "sea"
