"""geopy's adapter interface over ``geo.model.fetch``, bounded: one deadline for the whole request,
a cap on the answer's size, no redirects, and errors that quote a short, cleaned excerpt.

Why not geopy's ``URLLibAdapter``: its timeout is per read, so a server trickling a byte every
few seconds held a look-up for half a minute; it reads a body whole however large, follows
redirects to any host, and copies a body that is not JSON whole into its error, escape codes
and all, onto the terminal and into the page. (Proxies are not used: Nominatim is asked directly.)
"""

from __future__ import annotations

import json

from geopy.adapters import BaseSyncAdapter

from geo.model.errors import (
    AnswerTooLarge,
    FetchError,
    FetchTimedOut,
    FetchTooLarge,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geo.model.fetch import excerpt, get

#: Nominatim's answer to a look-up of ten places is a few kilobytes.
MAX_BYTES = 1 << 20


class BoundedAdapter(BaseSyncAdapter):
    """Each request whole within ``timeout`` seconds, its answer at most ``max_bytes``; anything
    else is a ``GeocoderError``, as the resolver chain expects of a source."""

    max_bytes = MAX_BYTES

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.ssl_context = ssl_context

    def get_json(self, url, *, timeout, headers):
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            raise GeocoderUnavailable(f"not JSON: {excerpt(text)!r}") from None

    def get_text(self, url, *, timeout, headers):
        try:
            answer = get(url, timeout=timeout, max_bytes=self.max_bytes, headers=headers, ssl_context=self.ssl_context)
        except FetchTimedOut as exc:
            raise GeocoderTimedOut(str(exc)) from None
        except FetchTooLarge as exc:
            raise AnswerTooLarge(str(exc)) from None
        except FetchError as exc:
            raise GeocoderUnavailable(str(exc)) from None
        return answer.body.decode("utf-8", errors="replace")
