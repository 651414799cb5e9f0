"""One HTTP GET, bounded: a deadline for the whole request, a cap on the answer's size, no
redirects, and errors that quote a short, cleaned excerpt. The geocoder (``bounded``) and the
page and feed fetcher (``geo.atlas.fetcher``) both ask through it, so the rules are kept once.

Why not urllib or requests: their timeout is per read, so a server trickling a byte every few
seconds held a request for half a minute; they read a body whole however large, follow
redirects to any host, and copy what a server says into their errors, escape codes and all,
onto the terminal and into the page. (Proxies are not used.)
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from geo.model.errors import FetchError, FetchTimedOut, FetchTooLarge

#: Escape sequences a terminal would act on: CSI, OSC (a title, a link) and two-character ones.
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-_])")


def excerpt(text: str, limit: int = 80) -> str:
    """At most ``limit`` characters of ``text`` fit to show: escape sequences and control
    characters removed, runs of white space made one space."""
    text = _ESCAPES.sub("", text[: limit * 4])
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Answer:
    """A 200 answer: its body (at most the cap), its media type (lower case, ``text/plain`` when
    the server names none, as HTTP says) and the charset it names, if any."""

    body: bytes
    media_type: str
    charset: str | None


def get(
    url: str, *, timeout: float, max_bytes: int, headers: dict[str, str], ssl_context: ssl.SSLContext | None = None
) -> Answer:
    """``url``'s answer whole within ``timeout`` seconds (a watchdog shuts the socket down when
    it is up), at most ``max_bytes``; anything else is a ``FetchError`` in one line."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{excerpt(url)!r} is not an http or https address")
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.netloc, timeout=timeout, context=ssl_context)
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
        conn.request("GET", parts._replace(scheme="", netloc="", fragment="").geturl() or "/", headers=headers)
        response = conn.getresponse()
        status = response.status
        media_type, charset = response.headers.get_content_type(), response.headers.get_content_charset()
        body = _read(response, max_bytes if status == 200 else 1024)
    except (OSError, http.client.HTTPException) as exc:
        if late.is_set():
            raise FetchTimedOut(f"no whole answer within {timeout:g} s") from None
        raise FetchError(excerpt(str(exc) or type(exc).__name__, 200)) from None
    finally:
        watchdog.cancel()
        if response is not None:
            response.close()
        conn.close()
    if late.is_set():  # the socket was shut down as the answer was read: it is cut short
        raise FetchTimedOut(f"no whole answer within {timeout:g} s")
    if 300 <= status < 400:
        raise FetchError(f"HTTP {status}: a redirect, not followed")
    if status != 200:
        raise FetchError(f"HTTP {status}: {excerpt(body.decode('utf-8', 'replace'))!r}")
    if len(body) > max_bytes:
        raise FetchTooLarge(f"an answer of more than {max_bytes // 1024} kB, not read further")
    return Answer(body, media_type, charset)


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
