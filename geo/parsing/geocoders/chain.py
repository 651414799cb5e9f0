"""Asking several sources in turn, the first that knows a name answering."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.model.errors import GeocoderError
from geo.model.fields import nfc
from geo.parsing.geocoders.base import Candidate, Geocoder


@dataclass
class Lookup:
    """What the chain found for one name, and which sources could not answer and why."""

    query: str
    candidates: list[Candidate] = field(default_factory=list)
    answered_by: str = ""
    failures: dict[str, str] = field(default_factory=dict)


class ResolverChain:
    """Curated data first, then the offline gazetteer, then (if given) the online geocoder.

    A source that fails is noted and skipped, so a lost network degrades the answer
    instead of breaking it.
    """

    def __init__(self, geocoders: list[Geocoder]):
        self.geocoders = list(geocoders)

    def lookup(self, query: str, *, limit: int = 5) -> Lookup:
        """What the sources know of ``query``, in NFC as every source spells its names; a blank one
        is no name, and none is asked."""
        query = nfc(query)
        result = Lookup(query)
        for geocoder in self.geocoders if query.strip() else ():
            try:
                found = geocoder.geocode(query, limit=limit)
            except GeocoderError as exc:
                result.failures[geocoder.name] = str(exc) or type(exc).__name__
                continue
            if found:
                result.candidates, result.answered_by = found, geocoder.name
                break
        return result


def online_geocoder(url: str | None = None, *, timeout: float | None = None) -> Geocoder:
    """Nominatim behind a one-a-second limiter behind an on-disk cache; the limiter keeps its turns
    in the cache's database, so every process using this ``ATLAS_VAR`` shares the one second.
    ``timeout`` bounds each request whole (default ``ATLAS_LOOKUP_SECONDS``)."""
    from geo.model.settings import nominatim_url, var_dir
    from geo.parsing.geocoders.cache import CachedGeocoder
    from geo.parsing.geocoders.nominatim import NominatimGeocoder
    from geo.parsing.geocoders.ratelimit import RateLimiter

    database = var_dir() / "cache" / "geocode.sqlite"
    limited = RateLimiter(NominatimGeocoder(url or nominatim_url(), timeout=timeout), database, min_delay_seconds=1.0)
    return CachedGeocoder(limited, database)


def build_chain(places, *, gazetteer: Geocoder | None = None, online: bool | None = None) -> ResolverChain:
    """The standard chain: curated places, then the gazetteer if given, then Nominatim if enabled."""
    from geo.model.settings import online_enabled
    from geo.parsing.geocoders.curated import CuratedGeocoder

    geocoders: list[Geocoder] = [CuratedGeocoder(list(places))]
    if gazetteer is not None:
        geocoders.append(gazetteer)
    if online_enabled() if online is None else online:
        geocoders.append(online_geocoder())
    return ResolverChain(geocoders)


def resolver_chain(places, *, online: bool | None = None) -> ResolverChain:
    """The chain the app and the CLI look names up through: curated places, the offline
    gazetteer, then Nominatim if ``online`` (None: as ATLAS_ONLINE says). Built here only, so a
    name resolves the same on the Add article page as with ``geo resolve`` and ``geo review``."""
    from geo.parsing.geocoders.gazetteer import GazetteerGeocoder

    return build_chain(places, gazetteer=GazetteerGeocoder(), online=online)
