"""geopy's adapter interface over ``http.client``, bounded: one deadline for the whole request,
a cap on the answer's size, no redirects, and errors that quote a short, cleaned excerpt.

Why not geopy's ``URLLibAdapter``: its timeout is per read, so a server trickling a byte every
few seconds held a look-up for half a minute; it reads a body whole however large, follows
redirects to any host, and copies a body that is not JSON whole into its error, escape codes
and all, onto the terminal and into the page. (Proxies are not used: Nominatim is asked directly.)
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket
import threading
from urllib.parse import urlsplit

from geopy.adapters import BaseSyncAdapter

from geo.model.errors import AnswerTooLarge, GeocoderTimedOut, GeocoderUnavailable

#: Nominatim's answer to a look-up of ten places is a few kilobytes.
MAX_BYTES = 1 << 20
#: Escape sequences a terminal would act on: CSI, OSC (a title, a link) and two-character ones.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-_])")


def excerpt(text: str, limit: int = 80) -> str:
    """At most ``limit`` characters of ``text`` fit to show: escape sequences and control
    characters removed, runs of white space made one space."""
    text = _ESCAPES.sub("", text[: limit * 4])
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BoundedAdapter(BaseSyncAdapter):
    """Each request whole within ``timeout`` seconds (a watchdog shuts the socket down when it
    is up), its answer at most ``max_bytes``; anything else is a ``GeocoderError``."""

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
        parts = urlsplit(url)
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(parts.netloc, timeout=timeout, context=self.ssl_context)
        else:
            conn = http.client.HTTPConnection(parts.netloc, timeout=timeout)
        late, held, response = threading.Event(), [], None
        watchdog = threading.Timer(timeout, _cut, (held, late))
        watchdog.start()
        try:
            conn.connect()
            held.append(conn.sock)  # the response keeps reading it after ``conn`` lets go of it
            if late.is_set():
                raise TimeoutError
            conn.request("GET", parts._replace(scheme="", netloc="").geturl() or "/", headers=headers)
            response = conn.getresponse()
            status = response.status
            body = _read(response, self.max_bytes if status == 200 else 1024)
        except (OSError, http.client.HTTPException) as exc:
            if late.is_set():
                raise GeocoderTimedOut(f"no whole answer within {timeout:g} s") from None
            raise GeocoderUnavailable(excerpt(str(exc) or type(exc).__name__, 200)) from None
        finally:
            watchdog.cancel()
            if response is not None:
                response.close()
            conn.close()
        if late.is_set():  # the socket was shut down as the answer was read: it is cut short
            raise GeocoderTimedOut(f"no whole answer within {timeout:g} s")
        if 300 <= status < 400:
            raise GeocoderUnavailable(f"HTTP {status}: a redirect, not followed")
        if status != 200:
            raise GeocoderUnavailable(f"HTTP {status}: {excerpt(body.decode('utf-8', 'replace'))!r}")
        if len(body) > self.max_bytes:
            raise AnswerTooLarge(f"an answer of more than {self.max_bytes // 1024} kB, not read further")
        return body.decode("utf-8", errors="replace")


def _read(response: http.client.HTTPResponse, cap: int) -> bytes:
    """The body, or its first ``cap`` bytes and a little more: enough to know it is too long."""
    body = bytearray()
    while len(body) <= cap:
        chunk = response.read1(1 << 16)
        if not chunk:
            break
        body += chunk
    return bytes(body)


def _cut(held: list[socket.socket], late: threading.Event) -> None:
    """The deadline: whatever the connection waits for ends now. (``socket.socket``'s own
    shutdown: an SSL socket's would pull its SSL state from under the thread reading it.)"""
    late.set()
    for sock in held:
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
