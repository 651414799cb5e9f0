"""The one interface every place source implements, and what it answers with."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import NamedTuple


class Candidate(NamedTuple):
    """A place a name may refer to, with where its coordinates come from (a tuple: a parse
    makes one for every place it finds and for each of their other candidates)."""

    name: str
    lat: float
    lon: float
    kind: str
    coord_source: str
    precision_m: float
    source: str
    country: str = ""
    admin1: str = ""
    population: int = 0
    place_id: str = ""
    alt_names: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """A stable identity across sources: the curated id, else the coordinate source."""
        return self.place_id or self.coord_source


class Geocoder(ABC):
    """Turns a name into candidate places, best first; an empty list means "not known here"."""

    #: Short name shown to users next to what this source found.
    name: str = "geocoder"

    @abstractmethod
    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        """Candidates for ``query``; raises a ``GeocoderError`` when the source cannot answer."""
