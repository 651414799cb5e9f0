"""The atlas's own places: researched, cited, and always asked first."""

from __future__ import annotations

from geo.model.models import Place
from geo.model.names import fold
from geo.parsing.geocoders.base import Candidate, Geocoder


def candidate_from_place(place: Place) -> Candidate:
    """A curated place as a candidate, carrying its id so a match links to it."""
    return Candidate(
        name=place.name,
        lat=place.lat,
        lon=place.lon,
        kind=place.kind,
        coord_source=place.coord_source,
        precision_m=place.precision_m,
        source="curated",
        country=place.country,
        place_id=place.id,
        alt_names=place.alt_names,
    )


class CuratedGeocoder(Geocoder):
    """Exact name look-up (spelling and accents aside) over the curated places."""

    name = "curated"

    def __init__(self, places: list[Place]):
        self._by_name: dict[str, list[Place]] = {}
        for place in places:
            for name in dict.fromkeys(fold(n) for n in place.names):
                self._by_name.setdefault(name, []).append(place)

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        return [candidate_from_place(p) for p in self._by_name.get(fold(query.strip()), [])[:limit]]
