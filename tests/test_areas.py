"""Countries and first-level areas on the map: matched to their outlines, counted per date range."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.atlas.corpus import Corpus
from geo.atlas.intake import read_form, to_article
from geo.atlas.review import confirmed_of, initial_choices, save, suggested_events
from geo.model.models import Place
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser
from geo.store.store import Store
from geo.view.areas import AREAS_FILE, AreaFileError, AreaIndex, outline_keys, outline_of
from geo.view.mapview import AREA_SHADES, layer_data

SPAIN_MARCH = "Spain changed its clocks on 1 March 2023, the government in Texas noted on 1 March 2023."
SPAIN_JUNE = "Spain held a vote on 5 June 2023, officials said."
ONTARIO = "Ontario and Texas signed a trade deal, officials said."  # no date: shown whatever the range


@pytest.fixture(scope="module")
def merged(atlas, tmp_path_factory):
    """Three articles in a real SQLite corpus, saved as the Add page and import save them."""
    corpus = Corpus(tmp_path_factory.mktemp("areas") / "corpus.sqlite")
    parser = Geoparser(atlas.places.values(), load_gazetteer())
    ids = {}
    for text, day in ((SPAIN_MARCH, "2023-03-02"), (SPAIN_JUNE, "2023-06-06"), (ONTARIO, "2023-07-01")):
        result = parser.parse(text, article_date=dt.date.fromisoformat(day))
        choices = initial_choices(result.places)
        events = suggested_events(text, result.dates, confirmed_of(choices))
        article = to_article(read_form({"text": text, "outlet": "Wire", "date": day}))
        ids[text] = save(corpus, article, choices, events, seed=atlas)
    return Store(corpus.path, atlas, f"areas:{corpus.path}"), ids


def named(atlas, name):
    (place,) = [p for p in atlas.places.values() if p.name == name and p.kind in ("country", "admin")]
    return place


def test_an_area_is_matched_to_its_outline_by_code_then_by_name(merged):
    atlas, _ = merged
    assert outline_of(named(atlas, "Spain")) == "ES"  # a country by its ISO code
    assert outline_of(named(atlas, "Ontario")) == "CA.08"  # the gazetteer's id carries GeoNames' code
    texas = named(atlas, "Texas")
    assert not texas.id.startswith("admin-") and outline_of(texas) == "US.TX"  # by name, within its country
    kzn = Place(id="admin-za-02-kwazulu-natal", name="KwaZulu-Natal", kind="admin", lat=-28.7, lon=30.8, country="ZA",
                coord_source="x", precision_m=1)  # fmt: skip
    # Its code, ZA.02, is the Eastern Cape's too in the gazetteer: its outline goes by its name.
    assert outline_of(kzn) == "ZA.02/KwaZulu-Natal"
    for pid, name, key in (("admin-ph-03-nueva-ecija", "Nueva Ecija", "PH.03/Nueva Ecija"),
                           ("admin-ph-01-pangasinan", "Pangasinan", "PH.01/Pangasinan")):  # fmt: skip
        province = Place(
            id=pid, name=name, kind="admin", lat=15, lon=121, country="PH", coord_source="x", precision_m=1
        )
        assert outline_of(province) == key
    region = Place(id="admin-ph-03", name="Central Luzon", kind="admin", lat=15, lon=121, country="PH",
                   coord_source="x", precision_m=1)  # fmt: skip
    assert outline_of(region) is None  # no one province's outline stands for the region it shares a code with
    town = Place(id="x", name="Spain", kind="town", lat=0, lon=0, country="ES", coord_source="x", precision_m=1)
    assert outline_of(town) is None


def test_areas_are_counted_by_the_articles_the_date_range_shows(merged):
    atlas, _ = merged
    spain, texas, ontario = (named(atlas, n).id for n in ("Spain", "Texas", "Ontario"))
    everything = list(atlas.places)
    index = AreaIndex(atlas)
    counts = index.counts(everything, None, None)
    assert (counts[spain], counts[texas], counts[ontario]) == (2, 2, 1)
    march = index.counts(everything, dt.date(2023, 3, 1), dt.date(2023, 3, 31))
    # June's article has no event in March; the undated Ontario article is shown in any range.
    assert (march[spain], march[texas], march[ontario]) == (1, 2, 1)
    assert index.counts([spain], dt.date(2023, 6, 5), None) == {spain: 1}  # open ends are unbounded
    assert index.counts([texas], dt.date(2023, 3, 2), None) == {texas: 1}  # March's ended: Ontario's undated
    assert spain not in index.counts([texas], None, None)  # only the places shown are counted


def test_the_layer_draws_areas_as_shaded_outlines_not_dots(merged):
    atlas, _ = merged
    spain = named(atlas, "Spain").id
    data = layer_data(atlas, list(atlas.places), areas={spain: 2})
    assert [a[:5] for a in data["areas"]] == [[spain, "Spain", "ES", AREA_SHADES[1][1], 2]]
    assert spain not in {p[0] for p in data["points"]}
    assert "Areas, by articles naming them" in data["legend"] and AREA_SHADES[2][1] not in data["legend"]
    assert data["areasUrl"].endswith("/basemap/areas-50m.geojson")
    texas = named(atlas, "Texas").id
    assert not atlas.is_confirmed(texas)  # the parser was unsure of it: drawn apart, dashed, and said so
    (row,) = layer_data(atlas, [texas], areas={texas: 1})["areas"]
    assert row[5] == 0 and "Uncertain" in layer_data(atlas, [texas], areas={texas: 1})["legend"]
    both = layer_data(atlas, [texas, spain], areas={texas: 1, spain: 2})
    assert [a[0] for a in both["areas"]] == [spain, texas]  # a state is drawn over countries, so it takes clicks
    without = layer_data(atlas, list(atlas.places))
    assert spain in {p[0] for p in without["points"]} and not without["areas"]


#: What the browser loads once for every area's outline: some 4,700 of them.
AREAS_FILE_CAP = 5_000_000


def test_the_shipped_outlines_hold_every_country_and_first_level_areas_worldwide():
    keys, names = outline_keys()
    assert {"ES", "FR", "NO", "ZA", "US", "US.TX", "CA.08", "AU.08", "BR.27", "IN.16"} <= keys
    assert {"ZA.02/KwaZulu-Natal", "PH.03/Nueva Ecija", "PH.01/Pangasinan"} <= keys
    assert "ZA.02" not in keys and "PH.03" not in keys  # codes several areas share key none of them alone
    assert names[("US", "texas")] == "US.TX" and names[("ZA", "kwazulunatal")] == "ZA.02/KwaZulu-Natal"
    assert AREAS_FILE.stat().st_size < AREAS_FILE_CAP


def test_an_unreadable_outline_file_is_one_line(tmp_path):
    bad = tmp_path / "areas.geojson"
    bad.write_text(json.dumps({"features": [{"properties": {}}]}))
    with pytest.raises(AreaFileError, match=r"areas.geojson: the map's area outlines cannot be read"):
        outline_keys(bad)


def test_the_store_reads_each_events_days_as_event_overlaps_does():
    """The store's date rule (SQL over each event's first day and its last, open while it goes
    on) lets through exactly the events ``Event.overlaps`` does, ongoing ones included."""
    from bench.feed_bench import build

    atlas = build(300)
    first = next(iter(atlas.events.values()))
    atlas.events[first.id] = first.model_copy(update={"date_start": dt.date(2020, 6, 1), "ongoing": True})
    store = Store.of(atlas)
    for start, end in [(None, None), (dt.date(2021, 3, 1), dt.date(2021, 3, 31)), (dt.date(2022, 12, 1), None),
                       (None, dt.date(2021, 1, 5)), (dt.date(2030, 1, 1), dt.date(2030, 2, 1))]:  # fmt: skip
        expected = sorted(e.id for e in atlas.events.values() if e.overlaps(start, end))
        assert sorted(e.id for e in store.events_in_range(start, end)) == expected, (start, end)
        per_day, _ = store.event_counts(start, end, 0)
        assert sum(count for _, count in per_day) == len(expected)
    assert first.id in {e.id for e in store.events_in_range(dt.date(2030, 1, 1), dt.date(2030, 2, 1))}
