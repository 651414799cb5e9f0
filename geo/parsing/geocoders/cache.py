"""An on-disk cache in front of a geocoder, so a name is asked online at most once."""

from __future__ import annotations

import json
import math
import sqlite3
import time
from pathlib import Path

from pydantic import ConfigDict, TypeAdapter, ValidationError

from geo.model.errors import GeocoderUnavailable
from geo.parsing.geocoders.base import Candidate, Geocoder
from geo.parsing.geocoders.store import using

#: A stored answer, checked as it is read back: the file is data anyone may have written.
STORED = TypeAdapter(list[Candidate], config=ConfigDict(allow_inf_nan=False))


class CachedGeocoder(Geocoder):
    """Answers from SQLite when it can; asks the wrapped geocoder and stores the answer otherwise.

    Empty answers are stored too: a name nobody knows is not asked again. Failures are not.
    The database is opened on the first look-up, so building a chain never fails; a cache that
    cannot be written (a read-only ``ATLAS_VAR``) makes this source "could not answer", in one line.
    A stored answer that is not what this class writes is a miss, asked again and overwritten;
    a damaged file is started afresh (``store.using``).
    """

    def __init__(self, geocoder: Geocoder, path: Path, max_age_seconds: float = 90 * 24 * 3600):
        self.geocoder = geocoder
        self.name = geocoder.name
        self.path = Path(path)
        self.max_age_seconds = max_age_seconds

    def _execute(self, sql: str, values: tuple) -> tuple | None:
        def run(db: sqlite3.Connection) -> tuple | None:
            with db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answers (source TEXT, query TEXT, lim INTEGER, answer TEXT,"
                    " fetched REAL, PRIMARY KEY (source, query, lim))"
                )
                return db.execute(sql, values).fetchone()

        try:
            return using(self.path, run, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise GeocoderUnavailable(f"the geocoder cache {self.path} cannot be used ({exc})") from None

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        key = (self.name, query.strip().casefold(), limit)
        row = self._execute("SELECT answer, fetched FROM answers WHERE source=? AND query=? AND lim=?", key)
        stored = self._stored(row)
        if stored is not None:
            return stored
        found = self.geocoder.geocode(query, limit=limit)
        answer = json.dumps([c._asdict() for c in found], ensure_ascii=False)
        self._execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", (*key, answer, time.time()))
        return found

    def _stored(self, row: tuple | None) -> list[Candidate] | None:
        """The candidates of a fresh, sound row; None for a miss (none, stale, or not sound)."""
        if row is None:
            return None
        answer, fetched = row
        if not (isinstance(fetched, int | float) and math.isfinite(fetched)):
            return None
        if time.time() - fetched >= self.max_age_seconds or not isinstance(answer, str | bytes):
            return None
        try:
            found = STORED.validate_json(answer)
        except ValidationError:
            return None
        on_globe = all(-90 <= c.lat <= 90 and -180 <= c.lon <= 180 and c.precision_m >= 0 for c in found)
        return found if on_globe else None
