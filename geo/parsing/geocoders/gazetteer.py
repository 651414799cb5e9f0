"""The offline GeoNames gazetteer as a resolver-chain source, asked after the curated places."""

from __future__ import annotations

from functools import lru_cache

from geo.parsing.gazetteer import Gazetteer, Row, load_gazetteer
from geo.parsing.geocoders.base import Candidate, Geocoder


@lru_cache(maxsize=1 << 14)
def candidate_from_row(row: Row) -> Candidate:
    """A gazetteer row as a candidate; its id (``geonames-<id>``) links a match to it."""
    return Candidate(
        name=row.name,
        lat=row.lat,
        lon=row.lon,
        kind=row.kind,
        coord_source=row.coord_source,
        precision_m=row.precision_m,
        source="gazetteer",
        country=row.country,
        admin1=row.admin1,
        population=row.population,
        place_id=row.place_id,
        alt_names=row.alt_names,
    )


class GazetteerGeocoder(Geocoder):
    """Exact name look-up (spelling and accents aside): main names before alternate ones,
    then the most populous first, so "Portland" gives Oregon's before Maine's."""

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        """Loaded on first use, so building a chain costs nothing until a name is looked up."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        found = self.gazetteer.lookup(query)
        found.sort(key=lambda item: (not item[1], item[0].kind == "county", -item[0].population))
        return [candidate_from_row(row) for row, _ in found[:limit]]
