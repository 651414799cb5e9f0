"""The resolver chain: curated data first, then the gazetteer, then Nominatim (only when enabled).

Nominatim is a fake on 127.0.0.1: no test reaches the internet.
"""

from __future__ import annotations

import socket

import pytest

from geo.model.errors import GeocoderTimedOut, GeocoderUnavailable
from geo.parsing.geocoders.base import Candidate, Geocoder
from geo.parsing.geocoders.cache import CachedGeocoder
from geo.parsing.geocoders.chain import ResolverChain, build_chain, online_geocoder
from geo.parsing.geocoders.curated import CuratedGeocoder
from geo.parsing.geocoders.nominatim import NominatimGeocoder
from geo.parsing.geocoders.ratelimit import RateLimiter
from tests.fake_nominatim import FakeNominatim


@pytest.fixture
def nominatim():
    with FakeNominatim() as fake:
        yield fake


@pytest.fixture
def var(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_VAR", str(tmp_path))
    return tmp_path


def test_curated_places_answer_by_any_of_their_names(atlas):
    curated = CuratedGeocoder(list(atlas.places.values()))
    (hit,) = curated.geocode("stepanakert")
    assert (hit.place_id, hit.coord_source, hit.source) == ("khankendi", "geonames:146970", "curated")
    assert curated.geocode("Atlantis") == []


def test_nominatim_answers_with_provenance_and_precision(nominatim):
    (geneva,) = NominatimGeocoder(nominatim.url).geocode("Geneva")
    assert (geneva.name, geneva.country, geneva.kind) == ("Geneva", "CH", "city")
    assert geneva.coord_source == "nominatim:relation/1685488"
    assert 3000 < geneva.precision_m < 5000
    (request,) = nominatim.requests
    assert request["path"] == "/search"
    assert request["agent"].startswith("ArticleAtlas/")


def test_a_slow_server_is_a_timeout(nominatim):
    nominatim.mode = "slow"
    with pytest.raises(GeocoderTimedOut):
        NominatimGeocoder(nominatim.url, timeout=0.3).geocode("Geneva")


@pytest.mark.parametrize("status", [403, 429, 500, 502])
def test_http_errors_mean_unavailable_or_timed_out(nominatim, status):
    nominatim.mode = status
    with pytest.raises((GeocoderUnavailable, GeocoderTimedOut)):
        NominatimGeocoder(nominatim.url).geocode("Geneva")


def test_no_network_means_unavailable():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(GeocoderUnavailable):
        NominatimGeocoder(closed, timeout=1).geocode("Geneva")


class Clock:
    """Time that moves only when slept through."""

    def __init__(self):
        self.now, self.slept = 100.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 3))
        self.now += seconds


class Counting(Geocoder):
    name = "counting"

    def __init__(self):
        self.calls = 0

    def geocode(self, query, *, limit=5):
        self.calls += 1
        return [Candidate(query, 1.0, 2.0, "town", "test:1", 100, "counting")]


def test_the_rate_limiter_spaces_calls_one_second_apart(tmp_path):
    clock = Clock()
    limiter = RateLimiter(Counting(), tmp_path / "geocode.sqlite", min_delay_seconds=1.0)
    limiter._clock, limiter._sleep = clock, clock.sleep
    limiter.geocode("a")
    clock.now += 0.25
    limiter.geocode("b")
    limiter.geocode("c")
    assert clock.slept == [0.75, 1.0]


def test_the_cache_asks_once_and_remembers_across_instances(tmp_path):
    inner = Counting()
    first = CachedGeocoder(inner, tmp_path / "geocode.sqlite").geocode("Somewhere")
    again = CachedGeocoder(inner, tmp_path / "geocode.sqlite").geocode("somewhere ")
    assert first == again and inner.calls == 1


def test_the_online_geocoder_is_cached_and_rate_limited(nominatim, var):
    geocoder = online_geocoder(nominatim.url)
    assert geocoder.geocode("Geneva") == geocoder.geocode("Geneva")
    assert len(nominatim.requests) == 1
    assert (var / "cache" / "geocode.sqlite").is_file()


def test_the_chain_asks_online_only_when_enabled(atlas, var, monkeypatch):
    monkeypatch.delenv("ATLAS_ONLINE", raising=False)
    assert [g.name for g in build_chain(atlas.places.values()).geocoders] == ["curated"]
    monkeypatch.setenv("ATLAS_ONLINE", "1")
    assert [g.name for g in build_chain(atlas.places.values()).geocoders] == ["curated", "nominatim"]


def test_the_chain_prefers_curated_and_degrades_when_offline(atlas, nominatim):
    nominatim.mode = 500
    chain = ResolverChain([CuratedGeocoder(list(atlas.places.values())), NominatimGeocoder(nominatim.url)])
    berdzor = chain.lookup("Berdzor")
    assert (berdzor.answered_by, berdzor.candidates[0].place_id) == ("curated", "lachin")
    assert nominatim.requests == []
    lost = chain.lookup("Geneva, Ohio")
    assert lost.candidates == [] and "nominatim" in lost.failures


def test_the_app_and_the_cli_resolve_a_name_through_the_same_chain(atlas, var, nominatim, monkeypatch):
    """The Add article page and ``geo resolve`` / ``geo review`` once each built their own chain."""
    from geo import cli
    from tests.conftest import ROOT
    from ui import data

    monkeypatch.setenv("NOMINATIM_URL", nominatim.url)
    for online in (False, True):
        app = data._chain(str(ROOT / "data"), 0.0, online, nominatim.url, str(var))
        command = cli._chain(atlas, online=online)
        assert [g.name for g in app.geocoders] == [g.name for g in command.geocoders]
        assert app.lookup("Stepanakert").candidates == command.lookup("Stepanakert").candidates
    assert [g.name for g in command.geocoders] == ["curated", "gazetteer", "nominatim"]
