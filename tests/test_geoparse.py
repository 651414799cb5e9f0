"""The geoparser on short texts: which place a name means, and when a name is no place at all."""

from __future__ import annotations

import random
import re

import pytest

from geo.parsing import traps
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import _COUNTY_LIST, Geoparser, county_lists, to_geojson
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def parser(atlas) -> Geoparser:
    return Geoparser(atlas.places.values(), load_gazetteer())


def resolved(parser: Geoparser, text: str) -> dict[str, tuple[str, str]]:
    """Towns and sites found, by name, with their country and first-level area."""
    found = {}
    for place in parser.parse(text).sites:
        row = parser.gazetteer.lookup(place.name)
        admin1 = next((r.admin1 for r, _ in row if r.place_id == place.id), "")
        found[place.name] = (place.country, admin1)
    return found


@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        ("Lawmakers met in Springfield, Ill., on Tuesday.", "Springfield", ("US", "IL")),
        ("Springfield, Massachusetts, opened a rail link to Boston and Worcester.", "Springfield", ("US", "MA")),
        ("Tourists filled Córdoba, the Andalusian city, and went on to Seville and Granada.", "Córdoba", ("ES", "51")),
        ("Farmers around Cordoba, Argentina, and in Rosario and Mendoza lost crops.", "Córdoba", ("AR", "05")),
        ("The ferry from Portland, Maine, sails to Nova Scotia.", "Portland", ("US", "ME")),
        ("Rain flooded Portland as the river rose in Salem and Eugene, Oregon.", "Portland", ("US", "OR")),
        ("PARIS, Texas — The town north-east of Dallas has a small Eiffel Tower.", "Paris", ("US", "TX")),
        ("Crowds lined the streets of Paris before trains left for Lyon and Marseille.", "Paris", ("FR", "11")),
        ("LONDON, Ontario — The university will work with hospitals in Toronto.", "London", ("CA", "08")),
        ("Firefighters went from Sydney north to Newcastle, New South Wales.", "Newcastle", ("AU", "02")),
        # A list of places, not Washington, New York (an alternate name of Watervliet, N.Y.).
        ("After stops in Washington, New York and Boston, the delegation flew home.", "Washington", ("US", "DC")),
        # Ingersoll and Tillsonburg are towns of Ontario alone: their votes outweigh the larger
        # Tavistock in England.
        (
            "Buses leave Tavistock, Ingersoll and Tillsonburg for London at dawn. In London the riders change "
            "for Toronto.",
            "Tavistock",
            ("CA", "08"),
        ),
    ],
)
def test_a_namesake_is_resolved_by_the_places_and_areas_around_it(parser, text, name, where):
    assert resolved(parser, text)[name] == where


def test_a_qualifier_sets_one_occurrence_apart_from_the_rest(parser):
    text = "PARIS, Texas — Paris is 100 miles from Dallas; visitors come from as far as Paris in France."
    places = {p.id: p for p in parser.parse(text).sites}
    second, last = text.index("Paris"), text.rindex("Paris")
    assert places["geonames-4717560"].spans == [[0, 5], [second, second + 5]]  # Paris, Texas
    assert places["geonames-2988507"].spans == [[last, last + 5]]  # Paris in France


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Florence Pugh arrived in Paris for the premiere.", "Florence"),
        ("Actor Austin Butler was cheered in Austin, Texas.", "Butler"),
        ("Sydney Sweeney drew crowds in Melbourne and Canberra.", "Sydney"),
        ("A statue of Abraham Lincoln stands in Omaha, Nebraska.", "Lincoln"),
        ("I grew up watching Michael Jordan. Jordan, a student from Houston, drove three hours.", "Jordan"),
        ("Hotels were full in Dallas and Houston. Austin said he would return.", "Austin"),
        ("The award went to Milton J. Little, who chairs the board of the charity in Atlanta.", "Milton"),
        ("Brunch was hosted by Victoria R. Hale at the museum in Richmond.", "Victoria"),
        ("Supporters of the cleric Muqtada al-Sadr marched in Baghdad.", "Sadr"),
    ],
)
def test_people_who_share_a_name_with_a_place_are_not_places(parser, text, person):
    assert person not in {m for p in parser.parse(text).places for m in p.matched}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Traffic stopped on Montana Avenue on Tuesday, and snow closed roads across Montana.", "Montana"),
        ("Reporters from The Washington Post waited outside the court in Washington.", "Washington"),
        # A word that qualifies a place is no first name either.
        ("Commuters in Metropolitan Atlanta waited an hour as buses from Atlanta ran late.", "Atlanta"),
        ("Homes in Historic Dublin sold fast; Dublin has few lots left.", "Dublin"),
        (
            "Voters in historically Republican Orange County lined up early; Orange County counts ballots by hand.",
            "Orange County",
        ),
    ],
)
def test_a_street_an_outlet_or_a_place_s_qualifier_names_no_person(parser, text, name):
    """A street ("Montana Avenue"), an outlet ("Washington Post") or a place with its qualifier
    ("Metropolitan Atlanta") names no person, so the place the text names elsewhere is not taken
    for one either."""
    assert name in {p.name for p in parser.parse(text).places}


def test_the_same_name_can_be_a_person_and_a_place_in_one_text(parser):
    text = "Austin Butler was cheered at the festival in Austin, Texas."
    (austin,) = [p for p in parser.parse(text).sites if p.name == "Austin"]
    assert austin.spans == [[45, 51]]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose in March and May, and again in August.",
        "It was a nice afternoon; reading the fine print took a while.",
        "The deal was struck at Union Station near the Pearl District.",
        "Fishermen on the Paraná river and visitors to the Alhambra.",
    ],
)
def test_months_common_words_and_parts_of_longer_names_are_not_places(parser, text):
    assert parser.parse(text).sites == []


def test_a_common_word_is_a_place_when_its_capital_is_not_just_the_sentence_s(parser):
    assert [p.country for p in parser.parse("I went to Nice.").sites] == ["FR"]
    assert parser.parse("Nice weather today. Reading is fun.").sites == []


def test_washington_dc_is_the_city_not_the_state(parser):
    assert [(p.name, p.kind) for p in parser.parse("Talks in Washington, D.C., ended.").sites] == [
        ("Washington", "city")
    ]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The envoy flew to Washington for talks on the treaty.", "US"),
        ("Officials in Moscow denied the report.", "RU"),
    ],
)
def test_a_capital_alone_is_the_city_not_the_area_of_its_name(parser, text, country):
    (place,) = parser.parse(text).sites
    assert (place.kind, place.country) == ("city", country)


def test_a_state_named_with_its_towns_is_still_the_state(parser):
    found = {p.name: p.kind for p in parser.parse("Seattle, Spokane and Tacoma, Washington, got snow.").places}
    assert found.get("Washington") == "admin"


def test_capitalised_common_words_are_places_when_the_text_supports_them(parser):
    text = "Reading will host the campus, a short ride from Oxford and London. The firm also considered Bath."
    assert {p.name for p in parser.parse(text).sites} == {"Reading", "Oxford", "London", "Bath"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Barges are stuck in Düsseldorf and in Duesseldorf's port.", "Düsseldorf"),
        ("A night train links Kraków with Krakow's twin, Gothenburg.", "Kraków"),
        ("The train arrives in Göteborg from Malmö.", "Gothenburg"),
        ("Leaders met in Kuala Lumpur and flew on to Ho Chi Minh City.", "Ho Chi Minh City"),
        ("KUALA LUMPUR — Leaders gathered on Wednesday.", "Kuala Lumpur"),
    ],
)
def test_spellings_transliterations_and_multi_word_names(parser, text, name):
    assert name in {p.name for p in parser.parse(text).sites}


def test_hyphenated_compounds_possessives_and_quotes(parser):
    text = "Azerbaijan's oil flows via the Baku-Tbilisi-Ceyhan pipeline to Turkey; flights to 'Shusha' resumed."
    result = parser.parse(text)
    assert {"Baku", "Tbilisi", "Ceyhan", "Shusha"} <= {p.name for p in result.sites}
    assert "Azerbaijan" in {p.name for p in result.areas}


def test_countries_and_admin_areas_are_reported_apart(parser):
    result = parser.parse("Repairs in Georgia delayed oil from Baku to Tbilisi and on to Turkey.")
    assert {(p.name, p.kind, p.country) for p in result.areas} == {
        ("Georgia", "country", "GE"),
        ("Turkey", "country", "TR"),
    }
    assert all(p.kind not in ("country", "admin") for p in result.sites)


def test_the_seed_article_read_as_new_text(parser, atlas):
    text = atlas.articles["azernews-2023-02-28-icrc-lachin-road"].text
    found = {p.id for p in parser.parse(text).sites}
    assert {
        "geneva",
        "lachin",
        "khankendi",
        "gizilbulagh-gold-deposit",
        "damirli-copper-molybdenum-deposit",
    } <= found


def test_without_curated_places_geneva_is_still_the_swiss_one():
    parser = Geoparser([], load_gazetteer())
    (geneva,) = [p for p in parser.parse("The meeting took place during his visit to Geneva.").sites]
    assert (geneva.country, geneva.coord_source) == ("CH", "geonames:2660646")


def test_geojson_carries_the_contract_properties_and_alternatives(parser):
    text = "Springfield, Ill., and Chicago."
    collection = to_geojson(parser.parse(text))
    feature = next(f for f in collection["features"] if f["properties"]["name"] == "Springfield")
    assert feature["geometry"]["type"] == "Point"
    lon, lat = feature["geometry"]["coordinates"]
    assert (round(lat), round(lon)) == (40, -90)
    props = feature["properties"]
    for key in ("id", "name", "alt_names", "kind", "coord_source", "precision_m", "matched", "spans", "confidence"):
        assert key in props
    assert props["id"] == feature["id"] == "geonames-4250542"
    assert props["matched"] == ["Springfield"] and props["spans"] == [[0, 11]]
    assert 0 < props["confidence"] <= 1
    assert "geonames-4951788" in {c["id"] for c in props["candidates"]}  # Springfield, Massachusetts


@pytest.mark.parametrize("before", ["went to ", "said, ", "the ", "mayor ", 'said "', "end.\n\n", "Dr. ", "(", "so. "])
@pytest.mark.parametrize("after", [" said today", " river, then", "'s fans", ", Texas", "\n\nNext", ""])
def test_a_run_in_plain_surroundings_gets_the_verdicts_of_the_real_ones(before, after):
    """The geoparser reuses verdicts for runs whose surroundings say the same (``traps.before_context``)."""
    run = "Austin Butler"
    text = "It was noted that we " + before + run + after + " and more words follow here"
    start = text.index(run, len("It was noted that we " + before))
    stop = start + len(run)
    lead = traps.before_context(text[max(0, start - traps.BEFORE) : start])
    around = lead + run + traps.after_context(text[stop : stop + traps.AFTER])
    for lstart, lend in ((0, 6), (7, 13)):
        name = run[lstart:lend].lower()
        real = traps.assess(text, start + lstart, start + lend, name)
        alike = traps.assess(around, len(lead) + lstart, len(lead) + lend, name)
        assert alike == real


@pytest.mark.parametrize(
    "before",
    ["It was noted that we went to ", "the talks, said, ", "ahead of the ", "end.\n\n", "met the mayor ", "so. ", "x"],
)
def test_the_last_word_before_a_run_settles_its_context_or_says_it_cannot(before):
    """``traps.plain_before`` of the last word alone agrees with ``before_context`` of all it reads."""
    lead = before[-traps.BEFORE :]
    word = lead[lead.rfind(" ", 0, -1) + 1 :]
    settled = traps.plain_before(word)
    assert settled is None or settled == traps.before_context(lead)


def test_spans_of_a_name_in_different_surroundings_stay_in_text_order(parser):
    text = "Talks in Geneva ended. The mayor of Geneva said so. Geneva, again, and then Geneva."
    (geneva,) = [p for p in parser.parse(text).places if p.name == "Geneva"]
    starts = [m.start() for m in re.finditer("Geneva", text)]
    assert geneva.spans == [[s, s + 6] for s in starts]


def test_runs_after_any_words_get_the_verdicts_of_the_real_ones():
    """``traps.before_context`` keeps all ``assess`` reads, whatever the words before a run."""
    rng = random.Random(0)
    words = ["the", "a", "mayor", "Dr.", "said", "in", "2022,", "so.", '"', "(", "\n", "U.S.", "x", "Mr", "of", "on"]
    words += ["A.", "“"]
    for _ in range(1000):
        lead = "".join(rng.choice(words) + rng.choice([" ", " ", "", "\n", ", "]) for _ in range(rng.randint(1, 6)))
        run = rng.choice(["Austin Butler", "Paris", "Mr Lincoln", "Sydney-Paris"])
        after = [" said", "-Khan road", " River", ", Texas", "", " Said", " state,", " Oblast", "-based", "\n\nThe"]
        text = lead + run + rng.choice(after) + rng.choice(["", " second-largest", " 2022", " told", " x"])
        start, stop = len(lead), len(lead) + len(run)
        context = traps.before_context(text[max(0, start - traps.BEFORE) : start])
        around = context + run + traps.after_context(text[stop : stop + traps.AFTER])
        for m in re.finditer(r"[A-Z]\w+", run):
            name = m.group(0).lower()
            real = traps.assess(text, start + m.start(), start + m.end(), name)
            assert traps.assess(around, len(context) + m.start(), len(context) + m.end(), name) == real, text


def test_a_name_at_the_very_start_or_after_a_bracket_is_read(parser):
    names = [p.name for p in parser.parse('(Geneva) talks; "Geneva" again, then Geneva.').places]
    assert names == ["Geneva"]
    assert [p.name for p in parser.parse("Geneva").places] == ["Geneva"]


def test_what_a_parser_remembers_between_texts_never_changes_a_result(atlas, monkeypatch):
    """Runs read for one text are reused for the next, and forgotten past a limit, also while
    other threads parse: every result is the one a fresh parser gives."""
    from concurrent.futures import ThreadPoolExecutor

    import geo.parsing.geoparse

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "evaluation").rglob("*.txt"))][:8]
    gazetteer = load_gazetteer()
    fresh = [to_geojson(Geoparser(atlas.places.values(), gazetteer).parse(t)) for t in texts]
    monkeypatch.setattr(geo.parsing.geoparse, "REMEMBERED_RUNS", 40)  # forgets every few texts
    shared = Geoparser(atlas.places.values(), gazetteer)
    assert [to_geojson(shared.parse(t)) for t in texts] == fresh
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(lambda t: to_geojson(shared.parse(t)), texts * 2)) == fresh * 2


@pytest.mark.parametrize(
    "text",
    [
        "Can anyone help? Nobody knew.",
        "For now the road stays shut.",
        "She left early on the last bus.",
        "The DAC board met on Tuesday.",
        "Flights from SKZ were cancelled.",
    ],
)
def test_codes_are_never_names_of_a_town(parser, text):
    """Airport and other codes (CAN, FOR, SHE, DAC, SKZ) are no names, in capitals or as words."""
    assert [p.name for p in parser.parse(text).places] == []


def test_each_mention_says_how_it_names_the_place(parser):
    """Literal, associative (part of an institution's name) or demonym: review and the map decide on it."""
    text = "Russian envoys met in Alexandria, Virginia. The Alexandria Police said Russia had asked."
    found = {p.name: p for p in parser.parse(text).places}
    assert found["Russia"].named_as == ["demonym", "literal"] and not found["Russia"].only_demonym
    assert found["Alexandria"].named_as == ["literal", "associative"]
    assert found["Alexandria"].admin1 == "VA"
    (alone,) = parser.parse("Two Palestinian engineers arrived.").places
    assert alone.country == "PS" and alone.only_demonym and alone.is_area
    assert "named_as" in to_geojson(parser.parse(text))["features"][0]["properties"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Georgia Department of Revenue staff arrived in Atlanta on Monday.", "Georgia"),
        ("Alexandria Police Department officers patrolled a fair in Alexandria, Louisiana.", "Alexandria"),
        ("Paris Junior College in Paris, Texas, opened a new hall.", "Paris"),
    ],
)
def test_a_name_before_an_institution_word_is_the_place_it_is_of(parser, text, place):
    assert place in [p.name for p in parser.parse(text).places]


def test_a_name_after_an_initial_is_a_surname(parser):
    text = "Marcus J. Bell, 31, was fined on Friday. Bell paid later."
    assert [p.name for p in parser.parse(text).places] == []


def test_counties_written_as_such_are_areas_of_their_state(parser):
    found = {p.name: p for p in parser.parse("Rangers in Pulaski County, Kentucky, counted the deer.").places}
    assert found["Pulaski County"].kind == "county" and found["Pulaski County"].admin1 == "KY"
    assert found["Pulaski County"].is_area and found["Pulaski County"].coord_source.startswith("census:")


@pytest.mark.parametrize(
    ("text", "town", "county", "state"),
    [
        (
            "Franklin police and the Williamson County sheriff searched the creek.",
            "Franklin",
            "Williamson County",
            "TN",
        ),
        ("Lockhart police and the Caldwell County sheriff met.", "Lockhart", "Caldwell County", "TX"),
    ],
)
def test_a_town_inside_a_county_the_text_names_settles_both(parser, text, town, county, state):
    found = {p.name: p for p in parser.parse(text).places}
    assert (found[town].country, found[town].admin1) == ("US", state)
    assert found[county].admin1 == state


def test_the_state_most_of_the_text_s_towns_lie_in_settles_a_namesake(parser):
    text = (
        "Storms hit Amarillo, Lubbock, Midland and El Paso, Texas. A Springfield, Ill., crew helped. "
        "Buses from Paris ran late."
    )
    assert resolved(parser, text)["Paris"] == ("US", "TX")


def test_names_listed_before_counties_are_counties(parser):
    found = {p.name: p for p in parser.parse("Schools closed in Sussex and Kent counties, Delaware.").places}
    assert {"Sussex County", "Kent County"} <= set(found)
    assert found["Kent County"].kind == "county" and found["Kent County"].admin1 == "DE"
    assert found["Kent County"].spans == [[29, 33]]


def test_a_street_address_before_a_name_makes_it_a_town(parser):
    text = "Visitation is at the Kepler Funeral Chapel, 41 Orchard Ave., Lebanon, on Friday."
    (found,) = parser.parse(text).places
    assert found.kind in ("city", "town", "village") and found.country == "US"


def test_the_state_a_text_names_settles_which_namesake_it_means(parser):
    text = "The Paris Public Library in Illinois will host a tax clinic. Paris residents may sign up."
    found = {p.name: p for p in parser.parse(text).places}
    assert found["Paris"].admin1 == "IL"


def test_names_that_are_also_minor_areas_state_no_area_together(parser):
    """Manchester and Portland are parishes of Jamaica as well as cities: named together, they are
    not a story set in Jamaica. Its parishes named as parishes still are."""
    found = {p.name: p for p in parser.parse("She flew from Manchester to Portland on Tuesday.").places}
    assert {p.country for p in found.values()} != {"JM"}
    parishes = parser.parse("Officials in Clarendon, Manchester and Saint Andrew said the storm passed.").places
    assert {p.country for p in parishes} == {"JM"}


@pytest.mark.parametrize(
    "text",
    ["The White House says the talks will go on.", "Central and Western districts voted.", "The Centre said no."],
)
def test_names_made_of_common_words_are_no_translated_or_generic_places(parser, text):
    """ "White House" is Casablanca's name translated; "Central" an area of Ghana: in English, just words."""
    assert [p.name for p in parser.parse(text).places] == []


@pytest.mark.parametrize(
    "headline",
    ["Storm Hits Sochi Again. ", "Freemason Bogdanov Joins Sochi Mayor Race. ", "Storm Hits Sochi Again\n\n"],
)
def test_a_headline_in_title_case_makes_no_person_of_a_town(parser, headline):
    """Where every word of a headline has a capital ("Storm Hits Sochi"), the capital before a name
    says nothing of a surname, as a sentence's first word's does not; so the town is found."""
    text = f"{headline}The mayoral election in Sochi is in April."
    assert "Sochi" in [p.name for p in parser.parse(text).places]


def test_a_town_once_guessed_a_surname_is_kept_for_review_not_dropped(parser):
    """ "Old Alton Edwardsville Road" reads Edwardsville as perhaps a surname (a capitalised word
    before it); that guess no longer drops the town the text names plainly, but keeps it from
    the map until a reader confirms it."""
    text = "Officials in Edwardsville and Alton, Illinois, met. Traffic on Old Alton Edwardsville Road slowed."
    found = {p.name: p for p in parser.parse(text).places}
    assert not found["Edwardsville"].confirmed and found["Edwardsville"].confidence <= 0.5
    assert found["Alton"].confirmed


def test_two_small_towns_named_together_vouch_for_each_other(parser):
    """Neither suburb alone is sure enough to be a place, but Schaumburg and Northbrook lie 20 km
    apart, and two names are seldom both namesakes of two other towns as close."""
    found = {p.name: p for p in parser.parse("Shoppers drove from Schaumburg and Northbrook to the sale.").places}
    assert {found["Schaumburg"].admin1, found["Northbrook"].admin1} == {"IL"}


def test_neighbouring_namesakes_abroad_do_not_vouch_in_a_text_set_elsewhere(parser):
    """Kent and Fife are also towns 30 km apart in Washington state; a British story names the
    British ones, whatever the gazetteer holds of them."""
    found = parser.parse("The British championship moves from Kent to Fife in May.").places
    assert "US" not in {p.country for p in found}


def test_capitals_around_a_name_in_the_body_are_no_headline(parser):
    """Only the text's first sentence may be a headline: in the body, a run of capitalised
    organisations' names still makes a name part of a longer one."""
    text = "Candidates spoke on Monday. They met the Inner City Civic Association and the Old Town Civic Association."
    assert [p.name for p in parser.parse(text).places] == []


def test_a_capitalised_word_before_a_country_makes_no_person_of_it(parser):
    text = "The story first ran in Northline Canada, a magazine. Canada has geothermal power."
    assert [p.name for p in parser.parse(text).places] == ["Canada"]


def test_names_listed_before_counties_are_counties_on_whatever_line_they_stand(parser):
    first = "Officials in Sussex and Kent counties closed roads; Kent schools shut."
    for text in (first, "Flooding hit the area.\n\n" + first, first + "\nMore rain is due."):
        places = {p.name: p for p in parser.parse(text).places}
        assert (places["Sussex County"].admin1, places["Kent County"].admin1) == ("DE", "DE"), text
        assert len(places["Kent County"].spans) == 2


def test_county_lists_are_what_the_pattern_finds_over_the_whole_text():
    """Read back from each "counties" alone, the lists are the ones the pattern finds when tried
    at every place of the text: on random texts of the pieces lists are made of."""
    rng = random.Random(3)
    words = ["Kent", "Sussex", "New York", "and", "and", "in", "the", "counties", "parishes", "Counties"]
    words += ["(Kent", "McDonald", "theKent", "Kent’s", "x_", "É", "Ill.", "countiesque", "St. Mary"]
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice([" ", " ", " ", ", ", "  ", "\n", ""]) for _ in range(8))
        whole = [(m.start(), m.end(), m.group(1)) for m in _COUNTY_LIST.finditer(text)]
        assert [(s, e, w) for s, e, w in county_lists(text)] == [
            (s, e, " County" if w == "counties" else " Parish") for s, e, w in whole
        ], repr(text)
