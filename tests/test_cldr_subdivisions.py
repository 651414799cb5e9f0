"""The CLDR subdivision names: the derived table is what ``data/cldr/derive.py`` makes of the saved
excerpts, and the excerpts are CLDR's files as read."""

from __future__ import annotations

import csv
import importlib.util
import xml.etree.ElementTree as ET

from geo.parsing.gazetteer import load_gazetteer
from tests.conftest import DATA

CLDR = DATA / "cldr"


def _derive():
    spec = importlib.util.spec_from_file_location("cldr_derive", CLDR / "derive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


derive = _derive()


def test_the_derived_table_is_reproduced_from_the_saved_excerpts():
    with (CLDR / "subdivisions.csv").open(encoding="utf-8") as f:
        saved = [row for row in csv.reader(line for line in f if not line.startswith("#"))]
    assert saved[0] == ["country", "code", "name", "iso_name", "language", "translated", "form"]
    assert saved[1:] == derive.subdivision_rows()


def test_each_excerpt_is_ldml_of_its_language_with_iso_3166_2_types():
    for language in derive.SUBDIVISION_FILES:
        root = ET.parse(CLDR / "subdivisions" / f"{language}.xml").getroot()
        assert root.find("identity/language").get("type") == language
        types = [e.get("type") for e in root.iter("subdivision")]
        assert len(types) == len(set(types)) > 80


def test_the_armenian_file_is_whole_every_country_of_it():
    """Every country's areas, not those of a few a text was seen to name: CLDR 48's file as it is."""
    root = ET.parse(CLDR / "subdivisions" / "hy.xml").getroot()
    types = [e.get("type") for e in root.iter("subdivision")]
    assert len(types) == 2447 and len({t[:2] for t in types}) > 150
    assert {"gbeng", "esct", "debw", "frbre"} <= set(types)  # England, Catalonia, Baden-Württemberg, Brittany


def test_a_code_is_joined_to_the_natural_earth_area_of_its_iso_name():
    rows = {(r[1], r[4]): r for r in derive.subdivision_rows()}
    assert rows[("RU-IVA", "ru")][2:4] == ["Ivanovo", "Ivanovskaya oblast'"]  # a shared start
    assert rows[("RU-OMS", "ru")][2] == "Omsk"  # all of Natural Earth's name
    assert rows[("TR-04", "hy")][2] == "Agri"  # "Ağrı" without its accents
    assert rows[("RU-KO", "ru")][3] == "Respublika Komi"  # ISO's "Komi, Respublika" in news order
    # the republic and the krai both begin "Altay": Natural Earth's one "Altay" goes to neither
    assert not any(code in ("RU-AL", "RU-ALT") for code, _ in rows)


def test_an_armenian_name_with_a_generic_tail_gives_its_bare_form_too():
    assert derive._forms("Շիրակի մարզ", "hy") == ["Շիրակի մարզ", "Շիրակ"]
    assert derive._forms("Մոսկվայի մարզ", "hy") == ["Մոսկվայի մարզ", "Մոսկվա"]
    assert derive._forms("Իվանովոյի մարզ", "hy") == ["Իվանովոյի մարզ", "Իվանովո"]
    assert derive._forms("Տեխաս", "hy") == ["Տեխաս"]
    assert derive._forms("Московская область", "ru") == ["Московская область"]


def test_the_figure_cldr_sets_after_a_shared_display_name_is_dropped():
    """CLDR writes "Վալենսիա²" for the community beside the province "Վալենսիա": texts write neither figure."""
    assert derive._forms("Վալենսիա²", "hy") == ["Վալենսիա"]
    assert derive._forms("Ղոմի նահանգ²", "hy") == ["Ղոմի նահանգ", "Ղոմ"]
    assert not any("²" in row[5] for row in derive.subdivision_rows())


def test_a_countrys_other_names_are_read_but_abbreviations_and_bracketed_ones():
    hy = {(r[1], r[3]) for r in derive.alt_rows("hy")}
    assert ("PS", "Պաղեստին") in hy and ("TL", "Արևելյան Թիմոր") in hy
    assert not any(name in ("ՄԹ", "ԱՄՆ") or "(" in name for _, name in hy)  # abbreviations, "Կոնգո (ԿԺՀ)"
    with (CLDR / "territories.csv").open(encoding="utf-8") as f:
        saved = [row for row in csv.reader(line for line in f if not line.startswith("#"))]
    assert saved[1:] == derive.rows()


def test_an_area_named_apart_is_not_named_by_a_common_word():
    """Ghana's "Western" region, named apart from its town in Armenian, would be every "Western"."""
    assert all(row.kind != "admin" for row, _ in load_gazetteer().lookup("Western"))
