"""OpenStreetMap's Nominatim through geopy: the optional online source, last in the chain.

geopy asks; what comes back is checked here, with pydantic as every record of the atlas is:
a latitude that is not a number, NaN or infinite, a place without a name, or an object where
a list belongs means the server "could not answer", like a refused connection.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from geopy import exc as geopy_exc
from geopy.adapters import URLLibAdapter
from geopy.geocoders import Nominatim
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from geo.model.errors import GeocoderTimedOut, GeocoderUnavailable
from geo.model.settings import USER_AGENT
from geo.parsing.geocoders.base import Candidate, Geocoder

KINDS = {"city": "city", "town": "town", "village": "village", "hamlet": "village", "country": "country"}


class Answer(BaseModel):
    """One place in Nominatim's ``format=json`` answer: the fields used, each checked."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    display_name: str = Field(min_length=1)
    name: str = ""
    osm_type: str = "?"
    osm_id: int | str = "?"
    addresstype: str = ""
    type: str = ""
    boundingbox: tuple[float, float, float, float] | None = None
    address: dict[str, str] = Field(default_factory=dict)


ANSWERS = TypeAdapter(list[Answer])


class _Unparsed(Nominatim):
    """geopy's Nominatim handing back the decoded JSON as it came, for ``ANSWERS`` to check:
    geopy's own parsing trusts it (``float("abc")`` would escape as a ValueError)."""

    def _parse_json(self, places, exactly_one):
        return places


class NominatimGeocoder(Geocoder):
    """Asks a Nominatim server; every failure becomes one of our GeocoderError kinds."""

    name = "nominatim"

    def __init__(self, url: str, *, timeout: float = 5.0, user_agent: str = USER_AGENT):
        parts = urlsplit(url)
        self._geopy = _Unparsed(
            user_agent=user_agent,
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            timeout=timeout,
            # urllib makes one attempt per call; requests' adapter retries behind the rate limiter's back
            adapter_factory=URLLibAdapter,
        )

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        try:
            found = self._geopy.geocode(query, exactly_one=False, limit=limit, addressdetails=True, language="en")
        except geopy_exc.GeocoderTimedOut as exc:
            raise GeocoderTimedOut(f"Nominatim did not answer in time: {exc}") from None
        except geopy_exc.GeopyError as exc:
            raise GeocoderUnavailable(f"Nominatim could not answer: {exc}") from None
        return [_candidate(answer) for answer in _checked(found)]


def _checked(found: object) -> list[Answer]:
    """The decoded answer as checked places; anything else is a GeocoderUnavailable in one line."""
    if isinstance(found, dict) and "error" in found:
        raise GeocoderUnavailable(f"Nominatim could not answer: {str(found['error'])[:200]}")
    try:
        return ANSWERS.validate_python(found)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(map(str, err["loc"])) or "answer"
        raise GeocoderUnavailable(f"Nominatim could not answer: malformed answer, {where}: {err['msg']}") from None


def _candidate(answer: Answer) -> Candidate:
    return Candidate(
        name=answer.name or answer.display_name.split(",")[0],
        lat=answer.lat,
        lon=answer.lon,
        kind=KINDS.get(answer.addresstype or answer.type, "site"),
        coord_source=f"nominatim:{answer.osm_type}/{answer.osm_id}",
        precision_m=_radius(answer.boundingbox, answer.lat),
        source="nominatim",
        country=answer.address.get("country_code", "").upper(),
        admin1=answer.address.get("state", ""),
    )


def _radius(bbox: tuple[float, float, float, float] | None, lat: float) -> float:
    """Half the diagonal of the bounding box, in metres: how far the place may reach from its point."""
    if bbox is None:
        return 1000.0
    south, north, west, east = bbox
    dy = (north - south) * 111_320
    dx = (east - west) * 111_320 * math.cos(math.radians(lat))
    return max(50.0, round(math.hypot(dx, dy) / 2))
