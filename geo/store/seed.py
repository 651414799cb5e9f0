"""The seed (the curated files of the data folder) written as a small database of the corpus's shape.

The store reads the seed and the saved corpus with the same queries. Beside an SQLite corpus the
seed's database is attached (``seed.articles`` beside ``main.articles``), built once per version
of the data files in a file of its own, so the corpus file is never written for it and a corpus on
read-only storage is read with its seed all the same. Beside a PostgreSQL corpus the seed is a
schema ``seed`` of the same database (``seed.articles`` beside ``public.articles``), written again
when the version kept in its ``meta`` row differs. Its mentions are the ones the atlas finds in
the seed's texts (by every name of every place, and the curated references), counted once here.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import closing
from pathlib import Path

from geo.atlas.atlas import Atlas
from geo.atlas.database import Database, connect
from geo.store.rows import EVENT_COLUMNS, PLACE_COLUMNS, event_row, place_row

#: Changes whenever what is written here changes, so a seed file from older code is built again.
SEED_FORMAT = 1

# One schema for both: ``{id}`` is an id's type (on PostgreSQL sorted by its bytes, as SQLite and
# the corpus's tables sort them), ``{rowid}`` the column PostgreSQL numbers rows by in the order
# written (SQLite has its own), which the store lists the seed's places in.
SCHEMA = """
CREATE TABLE articles (
    id {id} PRIMARY KEY, outlet TEXT NOT NULL, author TEXT, date TEXT NOT NULL, title TEXT NOT NULL,
    title_is_ours INTEGER NOT NULL, url TEXT, text TEXT NOT NULL, language TEXT NOT NULL, words TEXT NOT NULL{rowid}
);
CREATE TABLE places (
    id {id} PRIMARY KEY, record TEXT NOT NULL, name TEXT, kind TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    names TEXT{rowid}
);
CREATE TABLE mentions (
    article {id} NOT NULL, place {id} NOT NULL, paragraph INTEGER NOT NULL, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, confirmed INTEGER NOT NULL, how TEXT NOT NULL,
    reason TEXT NOT NULL{rowid}
);
CREATE INDEX mentions_by_place ON mentions(place, article, paragraph, start, "end");
CREATE INDEX mentions_by_article ON mentions(article, paragraph);
CREATE TABLE events (
    id {id} PRIMARY KEY, article {id} NOT NULL, record TEXT NOT NULL, day TEXT, stop TEXT, last TEXT{rowid}
);
CREATE INDEX events_by_article ON events(article);
CREATE TABLE event_places (place {id} NOT NULL, day TEXT NOT NULL, event {id} NOT NULL, stop TEXT{rowid});
CREATE INDEX event_places_by_stop ON event_places(place, stop, day);
CREATE TABLE place_stats (
    place {id} PRIMARY KEY, articles INTEGER NOT NULL, passages INTEGER NOT NULL, events INTEGER NOT NULL,
    sure INTEGER NOT NULL, first {id} NOT NULL
);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _schema(db: Database) -> str:
    if db.postgres:
        return SCHEMA.format(id='TEXT COLLATE "C"', rowid=", rowid BIGINT GENERATED ALWAYS AS IDENTITY")
    return SCHEMA.format(id="TEXT", rowid="")


def _digest(key: str) -> str:
    return hashlib.sha256(f"{SEED_FORMAT}\0{key}".encode()).hexdigest()[:20]


def seed_file(seed: Atlas, key: str) -> Path:
    """The seed's database beside an SQLite corpus, for this version of the data (``key``): built
    once, then reused.

    Written to a temporary name and moved into place, so a reader never attaches half of one and
    two processes building it at once each leave a whole file.
    """
    digest = _digest(key)
    folder = Path(tempfile.gettempdir()) / "article-atlas-seed"
    folder.mkdir(exist_ok=True)
    path = folder / f"{digest}.sqlite"
    if path.exists():
        return path
    partial = folder / f"{digest}.{os.getpid()}.partial"
    partial.unlink(missing_ok=True)
    with closing(connect(partial)) as db:
        db.script(_schema(db))
        db.begin()
        _write(db, seed, digest)
        db.commit()
    os.replace(partial, path)
    return path


#: (server URL, digest) of the seed schemas this process has seen current: asked once each.
_current: set[tuple[str, str]] = set()


def write_seed_schema(url: str, seed: Atlas, key: str) -> None:
    """The seed's schema ``seed`` beside a PostgreSQL corpus, for this version of the data
    (``key``): written when its ``meta`` row names another version (or there is none), in one
    transaction, so a reader sees the old seed or the new one whole; a writer at a time (the
    corpus's writer lock), the second finding it written."""
    digest = _digest(key)
    if (url, digest) in _current:
        return
    with closing(connect(url)) as db:
        if _written(db) != digest:
            db.begin(write=True)
            try:
                if _written(db) != digest:
                    db.script("DROP SCHEMA IF EXISTS seed CASCADE; CREATE SCHEMA seed; SET LOCAL search_path TO seed")
                    db.script(_schema(db))
                    _write(db, seed, digest)
                db.commit()
            except BaseException:
                db.rollback()
                raise
    _current.add((url, digest))


def _written(db: Database) -> str | None:
    """The version of the data the server's seed schema was written from, if any."""
    if not db.has("seed.meta"):
        return None
    row = db.execute("SELECT value FROM seed.meta WHERE key = 'key'").fetchone()
    return row[0] if row else None


def _write(db: Database, seed: Atlas, digest: str) -> None:
    """The seed's rows, into the tables the connection names unqualified."""
    from geo.atlas.corpus import article_words

    db.execute("INSERT INTO meta VALUES ('key', ?)", (digest,))

    db.executemany(
        "INSERT INTO articles (id, outlet, author, date, title, title_is_ours, url, text, language, words)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        'INSERT INTO mentions (article, place, paragraph, start, "end", text, confirmed, how, reason)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (m.article, m.place, m.paragraph, m.start, m.end, m.text, int(m.confirmed), m.how, m.reason)
            for m in seed.mentions
        ],
    )
    rows = [event_row(e, seed.articles[e.article].date) for e in seed.events.values()]
    db.executemany(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.executemany(
        "INSERT INTO event_places (place, day, event, stop) VALUES (?, ?, ?, ?)",
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
