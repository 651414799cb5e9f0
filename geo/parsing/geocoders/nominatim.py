"""OpenStreetMap's Nominatim through geopy: the optional online source, last in the chain.

geopy asks, through ``bounded.BoundedAdapter`` (one deadline for the whole request, a size
cap, no redirects); what comes back is checked here, with pydantic as every record of the atlas
is. The server is not trusted: a place whose latitude is not a number, NaN or infinite, out of
range (its bounding box too), or without a name is dropped, and an answer with no sound place
means the server "could not answer", like a refused connection. Only the first ``MAX_RESULTS``
places are read, and text from the server is shown only cleaned (``bounded.excerpt``).
"""

from __future__ import annotations

import math
import re
from typing import Annotated
from urllib.parse import urlsplit

from geopy import exc as geopy_exc
from geopy.geocoders import Nominatim
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from geo.model.errors import AtlasError, GeocoderQueryError, GeocoderTimedOut, GeocoderUnavailable
from geo.model.fetch import excerpt
from geo.model.settings import USER_AGENT, lookup_seconds
from geo.parsing.geocoders.base import Candidate, Geocoder
from geo.parsing.geocoders.bounded import BoundedAdapter

KINDS = {"city": "city", "town": "town", "village": "village", "hamlet": "village", "country": "country"}
#: However many places a caller asks for or the server sends, no more are read.
MAX_RESULTS = 10
#: Longer names are no place's: refused before asking.
MAX_NAME = 255

Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=180)]
Short = Annotated[str, Field(max_length=64)]
_COUNTRY = re.compile(r"[a-z]{2}")


class Answer(BaseModel):
    """One place in Nominatim's ``format=json`` answer: the fields used, each checked."""

    model_config = ConfigDict(extra="ignore", allow_inf_nan=False)

    lat: Lat
    lon: Lon
    display_name: str = Field(min_length=1, max_length=2000)
    name: str = Field("", max_length=500)
    osm_type: Short = "?"
    osm_id: Annotated[int, Field(ge=0, lt=1 << 63)] | Short = "?"
    addresstype: Short = ""
    type: Short = ""
    boundingbox: tuple[Lat, Lat, Lon, Lon] | None = None  # south, north, west, east
    address: dict[str, str] = Field(default_factory=dict)


class _Unparsed(Nominatim):
    """geopy's Nominatim handing back the decoded JSON as it came, for ``Answer`` to check:
    geopy's own parsing trusts it (``float("abc")`` would escape as a ValueError)."""

    def _parse_json(self, places, exactly_one):
        return places


class NominatimGeocoder(Geocoder):
    """Asks a Nominatim server; every failure becomes one of our GeocoderError kinds.

    ``timeout`` is the deadline of each request, whole; by default ``ATLAS_LOOKUP_SECONDS``,
    read at each look-up, so a bad setting is this source's "could not answer", not a page's
    traceback."""

    name = "nominatim"

    def __init__(self, url: str, *, timeout: float | None = None, user_agent: str = USER_AGENT):
        parts = urlsplit(url)
        self.timeout = timeout
        self._geopy = _Unparsed(
            user_agent=user_agent,
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            # one attempt per call (requests' adapter retries behind the rate limiter's back), bounded
            adapter_factory=BoundedAdapter,
        )

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        name = query.strip()
        if not name:
            raise GeocoderQueryError("an empty name is not looked up")
        if len(name) > MAX_NAME:
            raise GeocoderQueryError(f"a name of more than {MAX_NAME} characters is not looked up")
        limit = max(1, min(limit, MAX_RESULTS))
        try:
            timeout = self.timeout or lookup_seconds()
        except AtlasError as exc:
            raise GeocoderUnavailable(f"Nominatim is not asked: {exc}") from None
        try:
            found = self._geopy.geocode(
                name, exactly_one=False, limit=limit, addressdetails=True, language="en", timeout=timeout
            )
        except GeocoderTimedOut as exc:
            raise GeocoderTimedOut(f"Nominatim did not answer in time: {exc}") from None
        except GeocoderUnavailable as exc:
            raise type(exc)(f"Nominatim could not answer: {exc}") from None
        except geopy_exc.GeopyError as exc:
            raise GeocoderUnavailable(f"Nominatim could not answer: {excerpt(str(exc), 200)}") from None
        return [_candidate(answer) for answer in _checked(found, limit)]


def _checked(found: object, limit: int) -> list[Answer]:
    """The sound places among the first ``limit`` of the decoded answer; if there were places
    but none is sound, or the answer is no list of places, a GeocoderUnavailable in one line."""
    if isinstance(found, dict) and "error" in found:
        raise GeocoderUnavailable(f"Nominatim could not answer: {excerpt(str(found['error']))}")
    if not isinstance(found, list):
        raise GeocoderUnavailable("Nominatim could not answer: malformed answer, not a list of places")
    places, problems = [], []
    for i, item in enumerate(found[:limit]):
        try:
            place = Answer.model_validate(item)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            problems.append(f"{'.'.join(map(str, (i, *err['loc'])))}: {excerpt(err['msg'])}")
            continue
        if _name(place):
            places.append(place)
        else:
            problems.append(f"{i}: no name to show")
    if problems and not places:
        raise GeocoderUnavailable(f"Nominatim could not answer: malformed answer, {problems[0]}")
    return places


def _name(answer: Answer) -> str:
    return excerpt(answer.name or answer.display_name.split(",")[0], 200)


def _candidate(answer: Answer) -> Candidate:
    country = answer.address.get("country_code", "")
    return Candidate(
        name=_name(answer),
        lat=answer.lat,
        lon=answer.lon,
        kind=KINDS.get(answer.addresstype or answer.type, "site"),
        coord_source=excerpt(f"nominatim:{answer.osm_type}/{answer.osm_id}", 200),
        precision_m=_radius(answer.boundingbox, answer.lat),
        source="nominatim",
        country=country.upper() if _COUNTRY.fullmatch(country) else "",
        admin1=excerpt(answer.address.get("state", ""), 200),
    )


def _radius(bbox: tuple[float, float, float, float] | None, lat: float) -> float:
    """Half the diagonal of the bounding box, in metres: how far the place may reach from its point.
    (The box is on the globe, checked: the radius is finite.)"""
    if bbox is None:
        return 1000.0
    south, north, west, east = bbox
    dy = (north - south) * 111_320
    dx = (east - west) * 111_320 * math.cos(math.radians(lat))
    return max(50.0, round(math.hypot(dx, dy) / 2))
