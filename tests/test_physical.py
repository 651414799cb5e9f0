"""Natural Earth's lakes, rivers and regions as a look-up source, and a missed place added from one."""

from __future__ import annotations

import csv

from geo.atlas.corpus import Corpus
from geo.atlas.intake import read_form, to_article
from geo.atlas.review import Choice, missed, place_from_candidate, save
from geo.model.models import Place
from geo.parsing.physical import FEATURES, PhysicalGeocoder, spellings
from tests.whole import merged_with

TEXT = "Floods followed along the Indus near Sukkur.\n\nThe indus rose again; Industry stopped."


def test_the_data_file_names_its_layer_and_every_row_is_a_valid_place():
    with FEATURES.open(encoding="utf-8") as f:
        header = f.readline()
        rows = list(csv.DictReader(f))
    assert header.startswith("# Natural Earth 4.1") and "ne_10m_lakes" in header
    assert len(rows) > 2000
    assert {r["kind"] for r in rows} == {"lake", "river", "region"}
    assert len({r["id"] for r in rows}) == len(rows)
    for candidate in PhysicalGeocoder().geocode("Indus") + PhysicalGeocoder().geocode("Lake Sevan"):
        Place.model_validate(place_from_candidate(candidate).model_dump())


def test_a_river_a_lake_and_a_valley_are_found_as_writers_name_them():
    geocoder = PhysicalGeocoder()
    (indus,) = geocoder.geocode("the Indus river")
    assert (indus.name, indus.kind, indus.place_id) == ("Indus", "river", "ne-river-indus")
    assert 24 < indus.lat < 36 and 66 < indus.lon < 76 and indus.precision_m >= 500_000
    assert geocoder.geocode("Sevan")[0].name == "Lake Sevan"
    assert geocoder.geocode("Lac Léman")[0].name == "Lake Geneva"  # any of its names
    assert geocoder.geocode("Fergana Valley")[0].kind == "region"
    assert geocoder.geocode("Atlantis") == []
    assert spellings("the Kabul river") == ["the Kabul river", "Kabul", "Lake Kabul", "Kabul Valley"]


def test_a_missed_river_is_added_wherever_its_name_stands_and_saved(atlas, tmp_path):
    (indus,) = PhysicalGeocoder().geocode("Indus")
    start = TEXT.index("Indus")
    found = missed(TEXT, "Indus", indus, [indus], (start, start + 5))
    assert found.spans == [[start, start + 5], [TEXT.index("indus"), TEXT.index("indus") + 5]]  # not "Industry"
    assert found.confidence == 1.0 and found.candidates == []
    assert missed(TEXT, "Ganges", indus) is None, "a place is saved through its mentions"
    corpus = Corpus(tmp_path / "corpus.sqlite")
    article = to_article(read_form({"text": TEXT, "outlet": "Example Times", "date": "2022-08-29"}))
    saved = save(corpus, article, [Choice(found, place_from_candidate(indus))], [], seed=atlas)
    merged = merged_with(corpus, atlas)
    assert [p.article for p in merged.passages("ne-river-indus")] == [saved, saved]
    assert merged.places["ne-river-indus"].kind == "river"
