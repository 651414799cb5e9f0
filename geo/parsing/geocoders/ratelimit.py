"""Spacing out calls to any geocoder, wrapped from outside as geopy's RateLimiter does."""

from __future__ import annotations

import time
from collections.abc import Callable

from geo.parsing.geocoders.base import Candidate, Geocoder


class RateLimiter(Geocoder):
    """At most one call per ``min_delay_seconds`` to the wrapped geocoder.

    ``_clock`` and ``_sleep`` are seams so tests can run time without waiting for it.
    """

    _clock: Callable[[], float] = staticmethod(time.monotonic)
    _sleep: Callable[[float], None] = staticmethod(time.sleep)

    def __init__(self, geocoder: Geocoder, min_delay_seconds: float = 1.0):
        self.geocoder = geocoder
        self.name = geocoder.name
        self.min_delay_seconds = min_delay_seconds
        self._last_call: float | None = None

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        if self._last_call is not None:
            wait = self._last_call + self.min_delay_seconds - self._clock()
            if wait > 0:
                self._sleep(wait)
        try:
            return self.geocoder.geocode(query, limit=limit)
        finally:
            self._last_call = self._clock()
