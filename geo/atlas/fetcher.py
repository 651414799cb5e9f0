"""Web pages and feeds fetched for the reader, politely, and only when online is on.

Every fetch goes through ``geo.model.fetch`` (a deadline for the whole request, a size cap, no
redirect followed), says who asks (``USER_AGENT``), waits its turn (one request a second a site,
for every process: the geocoder's ``take_turn``, its turns kept in this cache's database), and is
kept in SQLite as plain data (address, media type, charset, bytes): a page is fetched once in
``PAGE_MAX_AGE`` seconds, and a feed at most once in ``FEED_MAX_AGE``. A cached row is checked as
it is read back, like any file.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from geo.model.errors import FetchError, GeocoderError, OnlineOff
from geo.model.fetch import Answer, excerpt, get
from geo.model.settings import USER_AGENT, fetch_seconds, online_enabled, var_dir
from geo.parsing.geocoders.ratelimit import take_turn
from geo.parsing.geocoders.store import using

#: A news page with its scripts and styles inline is rarely over 2 MB; a feed of full texts, a few.
MAX_BYTES = 5 << 20
HTML = ("text/html", "application/xhtml+xml")
FEED = (
    "application/rss+xml",
    "application/atom+xml",
    "application/x-rss+xml",
    "application/xml",
    "text/xml",
    "text/x-opml",
)
PAGE_MAX_AGE = 30 * 24 * 3600.0
FEED_MAX_AGE = 3600.0
#: Seconds between two requests to one site.
MIN_DELAY_SECONDS = 1.0

_sleep: Callable[[float], None] = time.sleep


#: What to do with a page's link while online is off.
SAVE_THE_PAGE = "save the page in your browser and add the .html file instead"


def offline_line(url: str, instead: str = SAVE_THE_PAGE) -> str:
    """The one line for a link while fetching is off, and what to do ``instead``."""
    return f"{excerpt(url, 120)} is not fetched: online is off (ATLAS_ONLINE=1 turns it on); {instead}"


def fetch(url: str, accept: tuple[str, ...], *, max_age: float = PAGE_MAX_AGE, instead: str = SAVE_THE_PAGE) -> Answer:
    """``url``'s answer, from the cache when it is there and fresh; its media type must be one
    of ``accept``. Online off (the line says what to do ``instead``), a failure, or another kind
    of answer is a FetchError in one line."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{excerpt(url, 120)!r} is not a web address (http:// or https://)")
    if not online_enabled():
        raise OnlineOff(offline_line(url, instead))
    answer = _cached(url, max_age)
    if answer is None:
        try:
            wait = take_turn(_cache_path(), f"web:{parts.hostname.lower()}", MIN_DELAY_SECONDS)
        except GeocoderError as exc:
            raise FetchError(str(exc)) from None
        if wait > 0:
            _sleep(wait)
        headers = {"User-Agent": USER_AGENT, "Accept": ", ".join(accept)}
        try:
            answer = get(url, timeout=fetch_seconds(), max_bytes=MAX_BYTES, headers=headers)
        except FetchError as exc:
            raise type(exc)(f"{excerpt(url, 120)}: {exc}") from None
        if answer.media_type not in accept:
            kind = excerpt(answer.media_type, 60) or "no content type"
            raise FetchError(f"{excerpt(url, 120)}: the server sent {kind}, not {accept[0]}")
        _keep(url, answer)
    return answer


def _cache_path() -> Path:
    return var_dir() / "cache" / "web.sqlite"


def _execute(sql: str, values: tuple) -> tuple | None:
    def run(db: sqlite3.Connection) -> tuple | None:
        with db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, media_type TEXT, charset TEXT,"
                " body BLOB, fetched REAL)"
            )
            return db.execute(sql, values).fetchone()

    try:
        return using(_cache_path(), run, timeout=10)
    except (OSError, sqlite3.Error) as exc:
        raise FetchError(f"the page cache {_cache_path()} cannot be used ({exc})") from None


def _cached(url: str, max_age: float) -> Answer | None:
    """A fresh, sound cached answer, or None (none, stale, or a row this module did not write:
    only answers of an accepted kind are kept)."""
    row = _execute("SELECT media_type, charset, body, fetched FROM pages WHERE url = ?", (url,))
    if row is None:
        return None
    media_type, charset, body, fetched = row
    sound = (
        isinstance(media_type, str)
        and isinstance(charset, str | None)
        and isinstance(body, bytes)
        and len(body) <= MAX_BYTES
        and isinstance(fetched, int | float)
        and math.isfinite(fetched)
    )
    if not sound or time.time() - fetched >= max_age:
        return None
    return Answer(body, media_type, charset)


def _keep(url: str, answer: Answer) -> None:
    _execute(
        "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
        (url, answer.media_type, answer.charset, answer.body, time.time()),
    )
