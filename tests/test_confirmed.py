"""Which found places the map draws as fact (``confirmed``), and the calibrated confidence it
rests on: a dateline's capital is sure, a province is found as a province, and an outlet, a
company or an office is no confirmed town."""

from __future__ import annotations

import pytest

from geo.parsing import traps
from geo.parsing.disambiguation import AREA_WEIGHTS, WEIGHTS, Evidence, Weights, calibrated, terms
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser, spelling_of, to_geojson


@pytest.fixture(scope="module")
def parser(atlas) -> Geoparser:
    return Geoparser(atlas.places.values(), load_gazetteer())


def test_a_dateline_in_capitals_finds_the_capital_confirmed(parser):
    found = parser.parse("WASHINGTON (Reuters) - The Senate voted.").places
    assert [(p.name, p.kind, p.country, p.admin1) for p in found] == [("Washington", "city", "US", "DC")]
    assert found[0].confirmed and found[0].confidence >= WEIGHTS.confirmed


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Floods hit KwaZulu-Natal on Monday.", ["KwaZulu-Natal"]),
        ("Farmers in Nueva Ecija and Pangasinan lost their rice.", ["Nueva Ecija", "Pangasinan"]),
    ],
)
def test_provinces_that_share_a_geonames_code_are_found_as_provinces(parser, text, names):
    found = parser.parse(text).places
    assert [p.name for p in found] == names
    assert all(p.kind == "admin" and p.is_area for p in found)
    assert len({p.id for p in found}) == len(found)  # each its own place, though they share a code


def test_regions_natural_earth_files_only_by_their_provinces_are_found_by_their_geonames_names(parser):
    """Natural Earth's points for Spain, Italy or Belgium are provinces filed under their region's
    code, and it names Bavaria "Bayern": the regions are GeoNames' (``data/geonames/admin1.csv``),
    each with its GeoNames id, placed at its towns' centre and saying so."""
    text = "Protests spread from Catalonia and Lombardy to Flanders, Bavaria and Brittany."
    found = parser.parse(text).places
    assert [(p.name, p.kind, p.country, p.admin1) for p in found] == [
        ("Catalonia", "admin", "ES", "56"),
        ("Lombardy", "admin", "IT", "09"),
        ("Flanders", "admin", "BE", "VLG"),
        ("Bavaria", "admin", "DE", "02"),
        ("Brittany", "admin", "FR", "53"),
    ]
    catalonia = found[0]
    assert catalonia.id == "geonames-3336901" and 40.5 < catalonia.lat < 42.9 and 0.1 < catalonia.lon < 3.4
    assert catalonia.coord_source == "estimate: population-weighted centre of the GeoNames towns of geonames:3336901"
    # An Armenian text names it by sound, with its case ending.
    assert [p.name for p in parser.parse("Կատալոնիայում ուտում են բանջարեղեն։").places] == ["Catalonia"]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Valencia", "ES"),  # the region's name is its capital's: the town stands for it
        ("Sofia", "MG"),  # Madagascar's region, smaller than Bulgaria's capital
        ("Savannah", "GH"),  # Ghana's region, smaller than the city in Georgia
        ("Smith's", "BM"),  # a Bermuda parish by a possessive, a shop's name in any other text
        ("Red Sea", "EG"),  # the governorates of Egypt and Sudan share it
        ("Federal District", "BR"),  # common words only
    ],
)
def test_a_geonames_region_never_takes_a_towns_name_a_possessive_or_a_shared_one(name, country):
    """(Natural Earth's own areas keep their rules: Barbados's "Saint James" and Bermuda's "Smith's"
    are some of its parishes, each an area of its country's code.)"""
    rows = [row for row, _ in load_gazetteer().lookup(name) if row.kind == "admin" and row.country == country]
    assert not [row for row in rows if row.place_id.startswith("geonames-")]


@pytest.mark.parametrize(
    "text",
    [
        "White House chief of staff John Kelly met them.",
        "Google cars drove through the test track.",
        "Xinhua said the talks had ended.",
    ],
)
def test_an_office_a_company_or_an_agency_puts_no_confirmed_dot(parser, text):
    assert not [p for p in parser.parse(text).sites if p.confirmed]


def test_confirmed_is_a_geojson_property_and_follows_the_confidence(parser):
    result = parser.parse("Flooding hit Paris, Texas, and Lyon in France.")
    for feature in to_geojson(result)["features"]:
        props = feature["properties"]
        assert props["confirmed"] is (props["confidence"] >= WEIGHTS.confirmed)


def test_weights_name_every_term_and_the_confidence_grows_with_the_evidence():
    weak = Evidence(
        curated=False, margin=0.2, gap=0.5, risk=2.5, person=True, main=False, population=2.0, area=False,
        country=0.0, admin=0.0, share=0.0, near=0.0, alone=True, mentions=0.0, multiword=False,
        qualified=False, rival=6.0, senses=5.0, written_as_town=False, dateline=False, inside=0.5,
        organisation=0.0, capital=False,
    )  # fmt: skip
    strong = weak._replace(margin=6.0, gap=3.0, risk=0.0, person=False, main=True, population=5.5, country=1.0,
                           admin=1.0, near=2.0, alone=False, qualified=True, rival=0.0)  # fmt: skip
    assert len(terms(weak)) == len(Weights._fields) - 6  # every term has its weight; bias and 5 limits apart
    assert calibrated(weak) < 0.5 < WEIGHTS.confirmed <= calibrated(strong) <= 1.0
    assert calibrated(strong, WEIGHTS._replace(bias=WEIGHTS.bias - 20, qualified_floor=0.0)) < 0.01  # sweepable


@pytest.mark.parametrize(
    ("name", "main", "spelling"),
    [
        ("st. petersburg", "saint petersburg", True),
        ("gaza", "gaza city", True),
        ("sainte-foy", "ste foy", True),
        ("motown", "detroit", False),
        ("molotov", "perm", False),
    ],
)
def test_a_spelling_of_the_main_name_stands_alone_a_nickname_does_not(name, main, spelling):
    assert spelling_of(name, main) is spelling


def test_a_name_before_state_is_the_state(parser):
    found = parser.parse("Fires burned across Washington state and Oregon.").places
    assert (found[0].name, found[0].kind, found[0].admin1) == ("Washington", "admin", "WA")


def test_a_place_named_only_inside_an_outlet_is_found_but_not_confirmed(parser):
    found = {p.name: p for p in parser.parse("A reporter for the Los Angeles Times covered the fire.").places}
    assert not found["Los Angeles"].confirmed  # the outlet's town, not where the story is
    elsewhere = parser.parse("The fire in Los Angeles spread, the Los Angeles Times said.").places
    assert elsewhere[0].name == "Los Angeles" and elsewhere[0].evidence.organisation == 0.5


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON—President Donald Trump spoke on Monday.",
        "The Guard stood by. WASHINGTON (AP) - President Donald Trump spoke.",
    ],
)
def test_a_dateline_without_spaces_or_after_joined_lines_is_a_dateline(parser, text):
    found = parser.parse(text).places
    assert [(p.name, p.admin1, p.confirmed) for p in found] == [("Washington", "DC", True)]


def test_a_town_among_the_texts_towns_of_its_own_state_gains(parser):
    """A local story: every other town lies in the same state, so the small town named there is
    that state's, and surer than the same evidence with the text's towns elsewhere."""
    text = "Fire crews from Torrington, Litchfield, Winsted and Waterbury, Connecticut, fought the blaze in Torrington."
    found = {p.name: p for p in parser.parse(text).places}
    torrington = found["Torrington"]
    assert (torrington.admin1, torrington.evidence.area_share, torrington.evidence.here) == ("CT", 1.0, True)
    assert torrington.confirmed
    assert calibrated(torrington.evidence._replace(area_share=0.0)) < torrington.confidence


@pytest.mark.parametrize(
    ("text", "name", "lives_there"),
    [
        ("Police arrested Jane Doe, 24, of Mansfield on Monday.", "Mansfield", True),
        ("Tom Poe, 61, from Mansfield, won.", "Mansfield", True),
        ("The author, Rep. Jo Roe, R-Lakeville, spoke.", "Lakeville", True),
        ("Sen. Al Bee (D-Lakeville) spoke.", "Lakeville", True),
        ("Mansfield residents voted.", "Mansfield", True),
        ("The Mansfield area resident voted.", "Mansfield", True),
        ("The mayor of Mansfield spoke.", "Mansfield", False),
        ("Traffic slowed on I-Mansfield.", "Mansfield", False),  # an interstate's letter, no party's
        ("Trucks from Mansfield arrived on Monday.", "Mansfield", False),
    ],
)
def test_a_name_written_as_where_someone_lives(text, name, lives_there):
    start = text.index(name)
    assert traps.resident(text, start, start + len(name)) is lives_there


def test_a_town_written_as_where_someone_lives_is_surer(parser):
    """ "Jane Doe, 24, of Mansfield": news writes a person's home town so, and the readers know it."""
    home = {p.name: p for p in parser.parse("Ohio police arrested Jane Doe, 24, of Mansfield on Monday.").places}
    there = {p.name: p for p in parser.parse("Ohio police arrested Jane Doe on Monday in Mansfield.").places}
    mansfield = home["Mansfield"]
    assert (mansfield.admin1, mansfield.evidence.resident, there["Mansfield"].evidence.resident) == ("OH", True, False)
    assert mansfield.confidence > there["Mansfield"].confidence
    assert calibrated(mansfield.evidence._replace(resident=False)) < mansfield.confidence


def test_a_city_far_larger_than_its_namesakes_counts_as_dominant(parser):
    """Chicago dwarfs every other Chicago; Springfield has namesakes as large as itself."""
    dominant = Weights._fields.index("dominant") - 1  # ``terms`` start after ``bias``
    chicago = parser.parse("The flight to Chicago left late.").places[0]
    springfield = parser.parse("The flight to Springfield left late.").places[0]
    assert terms(chicago.evidence)[dominant] == 1.0
    assert terms(springfield.evidence)[dominant] == 0.0
    assert calibrated(chicago.evidence, WEIGHTS._replace(dominant=0.0)) < chicago.confidence


def test_a_name_no_other_place_has_asks_for_more_than_its_margin():
    """A town whose name the gazetteer has once: the resolver's margin and gap look sure, as they
    would of a venue's or a firm's name, so the name's being unique takes some of that back."""
    unique = Weights._fields.index("unique") - 1
    sole = Evidence(
        curated=False, margin=3.0, gap=3.0, risk=0.0, person=False, main=True, population=4.5, area=False,
        country=0.0, admin=0.0, share=0.0, near=0.0, alone=True, mentions=0.0, multiword=False,
        qualified=False, rival=0.0, senses=0.0, written_as_town=False, dateline=False, inside=0.0,
        organisation=0.0, capital=False,
    )  # fmt: skip
    assert terms(sole)[unique] == 1.0 and terms(sole._replace(senses=1.0))[unique] == 0.0
    assert terms(sole._replace(population=3.5))[unique] == 0.0  # a village: ``village`` weighs it
    assert calibrated(sole) < calibrated(sole, WEIGHTS._replace(unique=0.0))


def test_a_town_written_with_its_area_is_confirmed_however_little_else_vouches():
    """ "Harrisburg, Pa.": the writer has said which Harrisburg, whatever the rest of the text names;
    an area so written ("Washington state") is no dot, and keeps its fitted confidence."""
    town = Evidence(
        curated=False, margin=0.5, gap=0.5, risk=0.0, person=False, main=True, population=3.5, area=False,
        country=0.0, admin=0.0, share=1.0, near=0.0, alone=False, mentions=0.0, multiword=False,
        qualified=True, rival=5.0, senses=4.0, written_as_town=False, dateline=False, inside=0.0,
        organisation=0.0, capital=False,
    )  # fmt: skip
    assert calibrated(town, WEIGHTS._replace(qualified_floor=0.0)) < WEIGHTS.confirmed
    assert calibrated(town) == WEIGHTS.qualified_floor >= WEIGHTS.confirmed
    assert calibrated(town._replace(qualified=False)) < WEIGHTS.confirmed
    area = town._replace(area=True)
    assert calibrated(area) == calibrated(area, towns=WEIGHTS, areas=AREA_WEIGHTS._replace(qualified_floor=0.0))


def test_only_a_places_first_occurrences_are_read_for_whose_home_it_is(parser):
    """A place named again and again is read for the cue where a story introduces people, its
    first ``traps.RESIDENT_READS`` occurrences: the rest of a long text costs nothing more."""
    again = " ".join(["Ohio crews cleared Mansfield."] * traps.RESIDENT_READS)
    cue = "Police arrested Jane Doe, 24, of Mansfield on Monday."
    first = {p.name: p for p in parser.parse(f"{cue} {again}").places}["Mansfield"]
    late = {p.name: p for p in parser.parse(f"{again} {cue}").places}["Mansfield"]
    assert (first.admin1, first.evidence.resident, late.evidence.resident) == ("OH", True, False)
