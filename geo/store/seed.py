"""The seed (the curated files of the data folder) written as a small database of the corpus's shape.

The store reads the seed and the saved corpus with the same queries: the seed's database is
attached beside the corpus (``seed.articles`` beside ``main.articles``), built once per version
of the data files in a file of its own, so the corpus file is never written for it and a corpus on
read-only storage is read with its seed all the same. Its mentions are the ones the atlas finds
in the seed's texts (by every name of every place, and the curated references), counted once here.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from geo.atlas.atlas import Atlas
from geo.store.rows import EVENT_COLUMNS, PLACE_COLUMNS, event_row, place_row

#: Changes whenever what is written here changes, so a seed file from older code is built again.
SEED_FORMAT = 1

SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, outlet TEXT NOT NULL, author TEXT, date TEXT NOT NULL, title TEXT NOT NULL,
    title_is_ours INTEGER NOT NULL, url TEXT, text TEXT NOT NULL, language TEXT NOT NULL, words TEXT NOT NULL
);
CREATE TABLE places (id TEXT PRIMARY KEY, record TEXT NOT NULL, name TEXT, kind TEXT, lat REAL, lon REAL, names TEXT);
CREATE TABLE mentions (
    article TEXT NOT NULL, place TEXT NOT NULL, paragraph INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, confirmed INTEGER NOT NULL, how TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE INDEX mentions_by_place ON mentions(place, article, paragraph, start, end);
CREATE INDEX mentions_by_article ON mentions(article, paragraph);
CREATE TABLE events (id TEXT PRIMARY KEY, article TEXT NOT NULL, record TEXT NOT NULL, day TEXT, stop TEXT, last TEXT);
CREATE INDEX events_by_article ON events(article);
CREATE TABLE event_places (place TEXT NOT NULL, day TEXT NOT NULL, event TEXT NOT NULL, stop TEXT);
CREATE INDEX event_places_by_stop ON event_places(place, stop, day);
CREATE TABLE place_stats (
    place TEXT PRIMARY KEY, articles INTEGER NOT NULL, passages INTEGER NOT NULL, events INTEGER NOT NULL,
    sure INTEGER NOT NULL, first TEXT NOT NULL
);
"""


def seed_file(seed: Atlas, key: str) -> Path:
    """The seed's database for this version of the data (``key``): built once, then reused.

    Written to a temporary name and moved into place, so a reader never attaches half of one and
    two processes building it at once each leave a whole file.
    """
    digest = hashlib.sha256(f"{SEED_FORMAT}\0{key}".encode()).hexdigest()[:20]
    folder = Path(tempfile.gettempdir()) / "article-atlas-seed"
    folder.mkdir(exist_ok=True)
    path = folder / f"{digest}.sqlite"
    if path.exists():
        return path
    partial = folder / f"{digest}.{os.getpid()}.partial"
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(partial, isolation_level=None)) as db:
        db.executescript(SCHEMA)
        db.execute("BEGIN")
        _write(db, seed)
        db.execute("COMMIT")
    os.replace(partial, path)
    return path


def _write(db: sqlite3.Connection, seed: Atlas) -> None:
    from geo.atlas.corpus import article_words

    db.executemany(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                a.outlet,
                a.author,
                a.date.isoformat(),
                a.title,
                int(a.title_is_ours),
                a.url,
                a.text,
                a.language,
                article_words(a.title, a.outlet, a.author, a.date.isoformat()),
            )
            for a in seed.articles.values()
        ],
    )
    db.executemany(
        f"INSERT INTO places ({PLACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [place_row(p) for p in seed.places.values()],
    )
    db.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (m.article, m.place, m.paragraph, m.start, m.end, m.text, int(m.confirmed), m.how, m.reason)
            for m in seed.mentions
        ],
    )
    rows = [event_row(e, seed.articles[e.article].date) for e in seed.events.values()]
    db.executemany(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.executemany(
        "INSERT INTO event_places VALUES (?, ?, ?, ?)",
        [(place, row[3], row[0], row[4]) for event, row in zip(seed.events.values(), rows, strict=True)
         for place in dict.fromkeys(event.places)],
    )  # fmt: skip
    passages: dict[str, set[tuple[str, int]]] = {}
    for m in seed.mentions:
        passages.setdefault(m.place, set()).add((m.article, m.paragraph))
    db.executemany(
        "INSERT INTO place_stats VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                place,
                len(articles),
                len(passages.get(place, ())),
                len(seed.events_of(place)),
                len(seed.mentions_of(place)),
                articles[0],
            )
            for place, articles in seed.place_articles.items()
        ],
    )
