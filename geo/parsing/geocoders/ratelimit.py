"""Spacing out calls to a geocoder for the whole application, not one process or one page.

Nominatim's policy is one request a second from the whole application. The app's sessions,
its threads and every ``python -m geo resolve --online`` share that second, so the next free
turn is kept in SQLite (the geocoder cache's database): each call takes a turn in one short
transaction, then waits outside it until the turn comes.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from geo.model.errors import GeocoderUnavailable
from geo.parsing.geocoders.base import Candidate, Geocoder
from geo.parsing.geocoders.store import using

#: A turn further ahead than this is taken for a clock set back, not for a queue, and reset.
MAX_QUEUE_SECONDS = 600.0


class RateLimiter(Geocoder):
    """At most one call per ``min_delay_seconds`` to the wrapped geocoder, across processes
    sharing ``ledger``.

    ``_clock`` and ``_sleep`` are seams so tests can run time without waiting for it; the clock
    is wall time, the one every process reads alike.
    """

    _clock: Callable[[], float] = staticmethod(time.time)
    _sleep: Callable[[float], None] = staticmethod(time.sleep)

    def __init__(self, geocoder: Geocoder, ledger: Path, min_delay_seconds: float = 1.0):
        self.geocoder = geocoder
        self.name = geocoder.name
        self.ledger = Path(ledger)
        self.min_delay_seconds = min_delay_seconds

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        wait = self._take_turn()
        if wait > 0:
            self._sleep(wait)
        return self.geocoder.geocode(query, limit=limit)

    def _take_turn(self) -> float:
        """Reserve the next free turn for this source; how many seconds until it comes."""
        return take_turn(self.ledger, self.name, self.min_delay_seconds, self._clock)


def take_turn(ledger: Path, source: str, min_delay_seconds: float, clock: Callable[[], float] = time.time) -> float:
    """Reserve the next free turn of ``source`` in ``ledger``; how many seconds until it comes.
    The web page fetcher keeps its turns (one a site) the same way."""

    def take(db: sqlite3.Connection) -> float:
        db.execute("BEGIN IMMEDIATE")
        db.execute("CREATE TABLE IF NOT EXISTS turns (source TEXT PRIMARY KEY, next_at REAL NOT NULL)")
        row = db.execute("SELECT next_at FROM turns WHERE source = ?", (source,)).fetchone()
        now = clock()
        # a turn that is no number, or too far ahead (a clock set back), is reset
        queued = row is not None and isinstance(row[0], int | float) and now <= row[0] <= now + MAX_QUEUE_SECONDS
        turn = row[0] if queued else now
        db.execute("INSERT OR REPLACE INTO turns VALUES (?, ?)", (source, turn + min_delay_seconds))
        db.execute("COMMIT")
        return turn - now

    try:
        return using(ledger, take, timeout=30, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise GeocoderUnavailable(f"cannot keep to one request a second: {ledger} cannot be written ({exc})") from None
