"""OpenStreetMap's Nominatim through geopy: the optional online source, last in the chain."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from geopy import exc as geopy_exc
from geopy.adapters import URLLibAdapter
from geopy.geocoders import Nominatim

from geo.model.errors import GeocoderTimedOut, GeocoderUnavailable
from geo.model.settings import USER_AGENT
from geo.parsing.geocoders.base import Candidate, Geocoder

KINDS = {"city": "city", "town": "town", "village": "village", "hamlet": "village", "country": "country"}


class NominatimGeocoder(Geocoder):
    """Asks a Nominatim server; every failure becomes one of our GeocoderError kinds."""

    name = "nominatim"

    def __init__(self, url: str, *, timeout: float = 5.0, user_agent: str = USER_AGENT):
        parts = urlsplit(url)
        self._geopy = Nominatim(
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
        return [_candidate(location.raw) for location in found or []]


def _candidate(raw: dict) -> Candidate:
    lat, lon = float(raw["lat"]), float(raw["lon"])
    address = raw.get("address", {})
    return Candidate(
        name=raw.get("name") or raw.get("display_name", "").split(",")[0],
        lat=lat,
        lon=lon,
        kind=KINDS.get(raw.get("addresstype") or raw.get("type", ""), "site"),
        coord_source=f"nominatim:{raw.get('osm_type', '?')}/{raw.get('osm_id', '?')}",
        precision_m=_radius(raw.get("boundingbox"), lat),
        source="nominatim",
        country=address.get("country_code", "").upper(),
        admin1=address.get("state", ""),
    )


def _radius(bbox: list | None, lat: float) -> float:
    """Half the diagonal of the bounding box, in metres: how far the place may reach from its point."""
    try:
        south, north, west, east = (float(v) for v in bbox or [])
    except ValueError:
        return 1000.0
    dy = (north - south) * 111_320
    dx = (east - west) * 111_320 * math.cos(math.radians(lat))
    return max(50.0, round(math.hypot(dx, dy) / 2))
