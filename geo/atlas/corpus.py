"""Saved articles, their confirmed places, mentions and events, in SQLite.

The seed stays in its CSV files; what readers add lives here, under ATLAS_VAR. The
database runs in WAL mode so readers never wait for a writer, and every save is one
transaction: two people saving at once both land, and a save cut short leaves nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from geo.atlas.atlas import Atlas
from geo.model.errors import AtlasError, DataError, Problem
from geo.model.models import Article, Event, Mention, Place, paragraph_bounds

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, outlet TEXT NOT NULL, author TEXT, date TEXT NOT NULL, title TEXT NOT NULL,
    title_is_ours INTEGER NOT NULL, url TEXT, text TEXT NOT NULL, saved_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY, record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    article TEXT NOT NULL REFERENCES articles(id), place TEXT NOT NULL,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id), record TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Confirmed:
    """A place a reader confirmed in a text, with the character spans that name it."""

    place: Place
    spans: tuple[tuple[int, int], ...]


def default_path() -> Path:
    from geo.model.settings import var_dir

    return var_dir() / "corpus.sqlite"


def slug(text: str) -> str:
    """A readable id fragment: lowercase words joined by hyphens."""
    from geo.model.names import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-") or "article"


class Corpus:
    """One SQLite file; each call opens its own connection, so threads and processes may share it.

    ``read_only`` opens an existing database without creating or changing anything.
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        self.path = Path(path) if path else default_path()
        self.read_only = read_only
        if not read_only:
            open_corpus(self.path, create=True).close()

    def _connect(self) -> sqlite3.Connection:
        return open_corpus(self.path, read_only=self.read_only)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``, so writers queue rather
        than fail): committed at the end, rolled back on any error, the connection closed."""
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            db.close()

    def save(
        self,
        article: Article,
        confirmed: Iterable[Confirmed],
        events: Iterable[Event] = (),
        *,
        seed: Atlas | None = None,
    ) -> str:
        """Store an article with its places, mentions and events in one transaction; returns its id.

        The article's id gets a numeric suffix if a saved or a ``seed`` article has it. The
        seed's places are linked but not stored again.
        """
        confirmed, events = list(confirmed), list(events)
        known = set(seed.places) if seed else set()
        taken = set(seed.articles) if seed else set()
        bounds = paragraph_bounds(article.text)
        with self._writing() as db:
            article_id = _free_id(db, article.id, taken)
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id, article.outlet, article.author, article.date.isoformat(), article.title,
                    int(article.title_is_ours), article.url, article.text, dt.datetime.now(dt.UTC).isoformat(),
                ),
            )  # fmt: skip
            for item in confirmed:
                if item.place.id not in known:
                    db.execute(
                        "INSERT OR IGNORE INTO places VALUES (?, ?)", (item.place.id, item.place.model_dump_json())
                    )
                for start, end in item.spans:
                    paragraph, offset = _locate(bounds, start)
                    db.execute(
                        "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            article_id, item.place.id, paragraph, start - offset, end - offset,
                            article.text[start:end],
                        ),
                    )  # fmt: skip
            for event in events:
                stored = event.model_copy(update={"id": f"{article_id}-{event.id}", "article": article_id})
                db.execute("INSERT INTO events VALUES (?, ?, ?)", (stored.id, article_id, stored.model_dump_json()))
        return article_id

    def remove(self, article_id: str) -> tuple[int, int] | None:
        """Take a saved article out with its mentions and events, in one transaction; places
        that no saved article names any more go too. Returns (mentions, events) removed, or
        None if no saved article has this id (seed articles live in the data folder's files).

        An id shown as ``<id>-saved`` (the seed took the id later, see ``merged_with``) is
        found under ``<id>``.
        """
        with self._writing() as db:
            ids = [article_id] + ([article_id.removesuffix("-saved")] if article_id.endswith("-saved") else [])
            found = next((i for i in ids if db.execute("SELECT 1 FROM articles WHERE id = ?", (i,)).fetchone()), None)
            if found is None:
                return None
            mentions = db.execute("DELETE FROM mentions WHERE article = ?", (found,)).rowcount
            events = db.execute("DELETE FROM events WHERE article = ?", (found,)).rowcount
            db.execute("DELETE FROM articles WHERE id = ?", (found,))
            db.execute("DELETE FROM places WHERE id NOT IN (SELECT place FROM mentions)")
        return mentions, events

    def articles(self) -> list[Article]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, outlet, author, date, title, title_is_ours, url, text FROM articles ORDER BY date, id"
            ).fetchall()
        fields = ("id", "outlet", "author", "date", "title", "title_is_ours", "url", "text")
        return [Article(**dict(zip(fields, row, strict=True))) for row in rows]

    def places(self) -> list[Place]:
        with self._connect() as db:
            return [Place.model_validate_json(r[0]) for r in db.execute("SELECT record FROM places ORDER BY id")]

    def mentions(self) -> list[Mention]:
        with self._connect() as db:
            rows = db.execute("SELECT article, place, paragraph, start, end, text FROM mentions").fetchall()
        return [
            Mention(article=a, place=p, paragraph=n, start=s, end=e, text=t, how="name") for a, p, n, s, e, t in rows
        ]

    def events(self) -> list[Event]:
        with self._connect() as db:
            return [Event.model_validate_json(r[0]) for r in db.execute("SELECT record FROM events ORDER BY id")]

    def merged_with(self, seed: Atlas) -> Atlas:
        """The seed atlas plus everything saved here; curated places win over stored copies.

        A saved article whose id the seed has since taken is shown under ``<id>-saved``.
        """
        rename = {a.id: f"{a.id}-saved" for a in self.articles() if a.id in seed.articles}

        def moved(record):
            return record.model_copy(update={"article": rename[record.article]}) if record.article in rename else record

        articles = {
            rename.get(a.id, a.id): a.model_copy(update={"id": rename.get(a.id, a.id)}) for a in self.articles()
        }
        events = [moved(e) for e in self.events()]
        return Atlas(
            places={**{p.id: p for p in self.places()}, **seed.places},
            articles={**seed.articles, **articles},
            events={**seed.events, **{e.id: e for e in events}},
            references=seed.references,
            geometries=seed.geometries,
            confirmed=[*seed.confirmed, *(moved(m) for m in self.mentions())],
        )


def open_corpus(path: Path, *, read_only: bool = False, create: bool = False) -> sqlite3.Connection:
    """The one way into a corpus file, for every reader and writer; what is wrong is one line naming it.

    Reading works on anything sound: an absent, zero-byte or never-written file reads as an
    empty corpus (a database with the schema and nothing in it), and a database on read-only
    storage is read as immutable, since SQLite cannot make the ``-shm`` file WAL readers need
    there. ``create`` makes the folder, the WAL journal and the tables; a folder or file that
    cannot be written says which. Random bytes, or a database of something else, are named as
    not a corpus.
    """
    if read_only and (not path.exists() or path.stat().st_size == 0):
        return _empty()
    unwritable = None if read_only else _unwritable(path)
    if unwritable:
        raise ReadOnlyStorage(
            f"{unwritable}: read-only, so saved articles cannot be written there (set ATLAS_VAR to a writable folder)"
        )
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        db = _open(path, read_only)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "articles" not in tables:  # someone else's database: neither read nor written
            db.close()
            raise DataError([Problem(str(path), 0, "-", "not a corpus database: it has no articles table")])
        if create or not (tables or read_only):
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise DataError([Problem(str(path), 0, "-", f"not a readable corpus database: {exc}")]) from None
    if not tables and read_only:
        db.close()
        return _empty()
    return db


class ReadOnlyStorage(AtlasError):
    """The corpus is to be written where nothing can be: a read-only folder, mount or file."""


def _empty() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(SCHEMA)
    return db


def _open(path: Path, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.execute("PRAGMA foreign_keys=ON")
    else:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            if os.access(path.parent, os.W_OK):
                raise
            # Read-only storage without the -shm file WAL readers need: nobody can be writing
            # there, so the file is read as it stands.
            db.close()
            db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    db.execute("PRAGMA busy_timeout=30000")
    return db


def _unwritable(path: Path) -> Path | None:
    """The file, or the nearest existing folder on its way, that cannot be written; None if all can."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        return folder
    return path if path.exists() and not os.access(path, os.W_OK) else None


def _free_id(db: sqlite3.Connection, wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken or db.execute("SELECT 1 FROM articles WHERE id=?", (candidate,)).fetchone():
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def _locate(bounds: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The paragraph (from 1) holding a text offset, and where that paragraph starts."""
    for number, (first, last) in enumerate(bounds, start=1):
        if first <= start < last:
            return number, first
    raise ValueError(f"offset {start} is in no paragraph")


def load_corpus_atlas(
    data_dir: Path | str = "data", corpus_path: Path | str | None = None, *, seed: Atlas | None = None
) -> Atlas:
    """The seed atlas with the saved corpus merged in: what the app and the export show.

    Reading creates nothing: with no database yet, the seed is the whole atlas. Pass ``seed``
    if it is loaded already (from ``data_dir``), so it is not read and checked twice.
    """
    from geo.atlas.atlas import load_atlas

    seed = seed if seed is not None else load_atlas(data_dir)
    path = Path(corpus_path) if corpus_path else default_path()
    if not path.exists():
        return seed
    try:
        return Corpus(path, read_only=True).merged_with(seed)
    except sqlite3.DatabaseError as exc:  # damage past the first page shows only when it is read
        raise DataError([Problem(str(path), 0, "-", f"the corpus database is damaged: {exc}")]) from None
