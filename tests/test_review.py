"""From what the geoparser found to what is saved: confirm, reject, correct, and the events that follow."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.atlas.corpus import Corpus
from geo.atlas.intake import read_form, to_article
from geo.atlas.review import Choice, confirmed_of, initial_choices, place_from_candidate, save, suggested_events, where
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geocoders.gazetteer import GazetteerGeocoder
from geo.parsing.geoparse import Geoparser
from tests.whole import merged_with

TEXT = (
    "Officials met in Stepanakert on December 5, 2022.\n\n"
    "Protesters have blocked the road near Shusha since December 12, 2022. Talks in Portland, Maine followed."
)


@pytest.fixture(scope="module")
def parsed(atlas):
    parser = Geoparser(atlas.places.values(), load_gazetteer())
    return parser.parse(TEXT, article_date=dt.date(2022, 12, 20))


def by_name(choices):
    return {c.found.name: c for c in choices}


def test_towns_and_states_start_kept(parsed):
    choices = by_name(initial_choices(parsed.places))
    assert choices["Khankendi"].place.id == "khankendi"  # the curated place, found by its other name
    assert choices["Portland"].place.country == "US"
    assert (choices["Maine"].place.kind, choices["Maine"].place.country) == ("admin", "US")


def test_countries_and_provinces_are_kept_counties_are_not():
    """An area found is kept, unconfirmed when the parser is unsure of it, never dropped."""
    parser = Geoparser([], load_gazetteer())
    text = "Floods hit KwaZulu-Natal, South Africa, and Spain changed its time zone. Suffolk County voted."
    found = parser.parse(text).places
    choices = {c.found.name: c for c in initial_choices(found)}
    assert choices["KwaZulu-Natal"].place.id == "admin-za-02-kwazulu-natal"
    assert {choices[n].place.kind for n in ("South Africa", "Spain")} == {"country"}
    assert all(c.confirmed.confirmed == c.found.confirmed for c in choices.values() if c.place)
    assert not [c for c in choices.values() if c.found.kind == "county" and c.place is not None]
    assert all(c.place is not None for c in choices.values() if c.found.kind != "county")


def test_events_come_from_dated_paragraphs_that_name_a_confirmed_place(parsed):
    events = suggested_events(TEXT, parsed.dates, confirmed_of(initial_choices(parsed.places)))
    by_date = {e.date_start.isoformat(): e for e in events}
    assert by_date["2022-12-05"].places == ("khankendi",)
    protest = by_date["2022-12-12"]
    assert protest.ongoing  # "since December 12"
    assert protest.summary == "Protesters have blocked the road near Shusha since December 12, 2022."
    assert "geonames-147105" in protest.places  # Shusha


def test_a_correction_replaces_the_place_for_the_same_words(parsed):
    choices = initial_choices(parsed.places)
    portland = by_name(choices)["Portland"]
    (oregon, *_) = GazetteerGeocoder(load_gazetteer()).geocode("Portland")
    portland.place = place_from_candidate(oregon)
    (item,) = [c for c in confirmed_of(choices) if c.place.id == portland.place.id]
    assert item.spans == tuple(tuple(s) for s in portland.found.spans)


def test_two_names_for_one_place_merge_their_spans(parsed):
    khankendi = by_name(initial_choices(parsed.places))["Khankendi"]
    twice = [khankendi, Choice(khankendi.found, khankendi.place)]
    (merged,) = confirmed_of(twice)
    assert merged.spans == tuple(tuple(s) for s in khankendi.found.spans)


def test_saving_a_review_puts_the_article_on_the_map(parsed, atlas, database):
    corpus = Corpus(database)
    article = to_article(read_form({"text": TEXT, "outlet": "Example Times", "date": "2022-12-20"}))
    choices = initial_choices(parsed.places)
    events = suggested_events(TEXT, parsed.dates, confirmed_of(choices))
    saved = save(corpus, article, choices, events, seed=atlas)
    merged = merged_with(corpus, atlas)
    assert [p.article for p in merged.passages("khankendi")][-1] == saved
    shusha = merged.places["geonames-147105"]
    assert merged.passages(shusha.id)[0].text.startswith("Protesters")
    assert [e.ongoing for e in merged.events_of(shusha.id)] == [True]


def test_where_tells_namesakes_apart_by_their_region(parsed):
    gazetteer = load_gazetteer()
    (portland,) = [p for p in parsed.places if p.name == "Portland"]
    assert where(portland, gazetteer) == "Maine, US"
    assert "Oregon, US" in {where(c, gazetteer) for c in portland.candidates}
    maine_by_nominatim = GazetteerGeocoder(gazetteer).geocode("Bangor")[0]._replace(admin1="Maine", country="US")
    assert where(maine_by_nominatim) == "Maine, US"  # a source that names its regions needs no gazetteer
    assert where(maine_by_nominatim._replace(admin1="99", country="AM"), gazetteer) == "AM"  # unnamed code: left out


FLOODS = (
    "ISLAMABAD, Aug 29 (Reuters) - Floodwaters rose again in Dadu after the Indus burst its banks last week, "
    "officials said. Rescue teams worked through the night.\n\n"
    "In Sukkur, the barrage was opened on August 27, 2022, while shops in Karachi stayed shut."
)


def test_an_event_takes_the_places_of_its_own_sentence_not_the_dateline(atlas):
    parser = Geoparser(atlas.places.values(), load_gazetteer())
    result = parser.parse(FLOODS, article_date=dt.date(2022, 8, 29))
    confirmed = confirmed_of(initial_choices(result.places))
    names = {c.place.id: c.place.name for c in confirmed}
    assert "Islamabad" in names.values(), "the dateline's city is found, and left out of the events below"
    events = {e.date_start.isoformat(): e for e in suggested_events(FLOODS, result.dates, confirmed)}
    flood = events["2022-08-22"]
    assert flood.date_end == dt.date(2022, 8, 28)  # last week: a range, Monday to Sunday
    assert [names[p] for p in flood.places] == ["Dadu"]
    assert flood.summary == "Floodwaters rose again in Dadu after the Indus burst its banks last week, officials said."
    barrage = events["2022-08-27"]
    assert [names[p] for p in barrage.places] == ["Sukkur", "Karachi"] and barrage.date_end is None


def test_a_long_sentence_is_cut_to_one_line_at_a_word():
    from geo.atlas.review import one_line

    line = one_line("word " * 60)
    assert len(line) <= 140 and line.endswith("word…")


@pytest.mark.parametrize(("name", "kind"), [("Laurel County", "county"), ("Africa", "continent")])
def test_a_county_or_a_continent_can_be_picked_as_a_place(name, kind):
    """The gazetteer offers counties and continents too; the review offers every candidate as a place."""
    candidate = next(c for c in GazetteerGeocoder(load_gazetteer()).geocode(name) if c.kind == kind)
    place = place_from_candidate(candidate)
    assert place.kind == kind and place.coord_source  # before, the place model refused both kinds


def test_a_region_of_the_projects_table_starts_kept_the_uns_regions_do_not():
    """Nagorno-Karabakh (``data/regions``) is drawn at its cited point with its radius, as a site
    is; "Central Asia" has no outline and no point a reader could use."""
    parser = Geoparser([], load_gazetteer())
    found = parser.parse("Армяне Нагорного Карабаха уехали в Центральную Азию.", language="ru").places
    choices = {c.found.id: c for c in initial_choices(found)}
    assert choices["region-nagorno-karabakh"].place is not None
    assert choices["cldr-region-143"].place is None
