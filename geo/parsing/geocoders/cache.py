"""An on-disk cache in front of a geocoder, so a name is asked online at most once."""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from geo.model.errors import GeocoderUnavailable
from geo.parsing.geocoders.base import Candidate, Geocoder


class CachedGeocoder(Geocoder):
    """Answers from SQLite when it can; asks the wrapped geocoder and stores the answer otherwise.

    Empty answers are stored too: a name nobody knows is not asked again. Failures are not.
    The database is opened on the first look-up, so building a chain never fails; a cache that
    cannot be written (a read-only ``ATLAS_VAR``) makes this source "could not answer", in one line.
    """

    def __init__(self, geocoder: Geocoder, path: Path, max_age_seconds: float = 90 * 24 * 3600):
        self.geocoder = geocoder
        self.name = geocoder.name
        self.path = Path(path)
        self.max_age_seconds = max_age_seconds

    def _execute(self, sql: str, values: tuple) -> tuple | None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=10)) as db, db:
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answers (source TEXT, query TEXT, lim INTEGER, answer TEXT,"
                    " fetched REAL, PRIMARY KEY (source, query, lim))"
                )
                return db.execute(sql, values).fetchone()
        except (OSError, sqlite3.Error) as exc:
            raise GeocoderUnavailable(f"the geocoder cache {self.path} cannot be used ({exc})") from None

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        key = (self.name, query.strip().casefold(), limit)
        row = self._execute("SELECT answer, fetched FROM answers WHERE source=? AND query=? AND lim=?", key)
        if row and time.time() - row[1] < self.max_age_seconds:
            return [Candidate(**{**c, "alt_names": tuple(c["alt_names"])}) for c in json.loads(row[0])]
        found = self.geocoder.geocode(query, limit=limit)
        answer = json.dumps([c._asdict() for c in found], ensure_ascii=False)
        self._execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", (*key, answer, time.time()))
        return found
