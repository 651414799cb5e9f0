"""Asking several sources in turn, the first that knows a name answering."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.errors import GeocoderError
from geo.geocoders.base import Candidate, Geocoder


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
        result = Lookup(query)
        for geocoder in self.geocoders:
            try:
                found = geocoder.geocode(query, limit=limit)
            except GeocoderError as exc:
                result.failures[geocoder.name] = str(exc) or type(exc).__name__
                continue
            if found:
                result.candidates, result.answered_by = found, geocoder.name
                break
        return result
