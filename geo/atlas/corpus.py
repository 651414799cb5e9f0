"""Saved articles, the places kept for them (confirmed or not), mentions and events, in a database.

The seed stays in its CSV files; what readers add lives here: an SQLite file under ATLAS_VAR,
or a team's PostgreSQL server named by ATLAS_DATABASE_URL (``geo.atlas.database``, one code
path for both). SQLite runs in WAL mode so readers never wait for a writer, and every save is
one transaction on either: two people saving at once both land, and a save cut short leaves
nothing.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import hashlib
import os
import re
import resource
import sqlite3
from collections.abc import Callable, Container, Iterable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, NoReturn

from geo.atlas.atlas import Atlas
from geo.atlas.database import Database, Target, connect, is_url
from geo.atlas.saved_ids import stored_ids
from geo.model.errors import AtlasError, DatabaseUnavailable, DataError, Problem, StorageFull
from geo.model.models import Article, Event, Mention, Place, paragraph_bounds
from geo.parsing.language import detect_language
from geo.store.rows import EVENT_COLUMNS, PLACE_COLUMNS, event_row, place_row

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
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id), record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_by_place ON mentions(place, article, paragraph, start, "end");
CREATE INDEX IF NOT EXISTS events_by_article ON events(article);
CREATE TABLE IF NOT EXISTS event_places (
    place TEXT NOT NULL, day TEXT NOT NULL, event TEXT NOT NULL REFERENCES events(id), PRIMARY KEY (place, day, event)
) WITHOUT ROWID;
INSERT OR IGNORE INTO event_places (place, day, event)
    SELECT DISTINCT p.value, json_extract(e.record, '$.date_start'), e.id
    FROM events e, json_each(e.record, '$.places') p WHERE NOT EXISTS (SELECT 1 FROM event_places);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('id', lower(hex(randomblob(8)))), ('version', 0);
CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
"""
# The corpus's version: ``meta.id`` tells one database from another (a deleted and recreated
# file starts counting again), ``meta.version`` counts the write transactions that committed.
# Its schema: SCHEMA as first released, then each of MIGRATIONS (below) that ``migrations``
# does not list yet; a new database takes the same steps as an old one.

# SCHEMA on PostgreSQL (with PostGIS, which the places' locations need: see ``_places_location``).
# Only what must differ does: each table SQLite numbers by its implicit rowid has a ``rowid``
# column the server numbers, in the order writers commit (they take turns: database.WRITER_LOCK),
# so the same queries page and mark by it; BLOB is a domain over bytea; ids sort by their bytes
# (COLLATE "C"), as SQLite and Python sort them, which the export's merge with the seed relies on;
# meta's value is text (SQLite's column has no type); and event_places needs no filling from the
# events' records, as no PostgreSQL corpus is older than it.
SCHEMA_POSTGRES = """
CREATE EXTENSION IF NOT EXISTS postgis;
DO $$ BEGIN CREATE DOMAIN blob AS bytea; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
CREATE TABLE IF NOT EXISTS articles (
    id TEXT COLLATE "C" PRIMARY KEY, outlet TEXT NOT NULL, author TEXT, date TEXT NOT NULL, title TEXT NOT NULL,
    title_is_ours INTEGER NOT NULL, url TEXT, text TEXT NOT NULL, saved_at TEXT NOT NULL,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE TABLE IF NOT EXISTS places (
    id TEXT COLLATE "C" PRIMARY KEY, record TEXT NOT NULL, rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE TABLE IF NOT EXISTS mentions (
    article TEXT COLLATE "C" NOT NULL REFERENCES articles(id), place TEXT COLLATE "C" NOT NULL,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT COLLATE "C" PRIMARY KEY, article TEXT COLLATE "C" NOT NULL REFERENCES articles(id),
    record TEXT NOT NULL, rowid BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
);
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_by_place ON mentions(place, article, paragraph, start, "end");
CREATE INDEX IF NOT EXISTS events_by_article ON events(article);
CREATE TABLE IF NOT EXISTS event_places (
    place TEXT COLLATE "C" NOT NULL, day TEXT NOT NULL, event TEXT COLLATE "C" NOT NULL REFERENCES events(id),
    PRIMARY KEY (place, day, event)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('id', substr(md5(random()::text || clock_timestamp()::text), 1, 16)), ('version', '0')
    ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Confirmed:
    """A place kept for a text, with the character spans that name it.

    ``confirmed`` is whether the map may draw it as a fact: the geoparser was sure of it, or a
    reader confirmed or picked it. An unsure one is kept all the same, to be drawn apart.
    """

    place: Place
    spans: tuple[tuple[int, int], ...]
    confirmed: bool = True


class DuplicateArticle(AtlasError):
    """The corpus already holds an article from this outlet with this text."""

    def __init__(self, existing: str):
        self.existing = existing
        super().__init__(f"already in the corpus as {existing} (same outlet and text); nothing saved")


def default_path() -> Path:
    from geo.model.settings import var_dir

    return var_dir() / "corpus.sqlite"


def default_target() -> Target:
    """Where the corpus lives: the PostgreSQL server ``ATLAS_DATABASE_URL`` names, else the SQLite
    file under ATLAS_VAR (``default_path``)."""
    url = os.environ.get("ATLAS_DATABASE_URL", "").strip()
    if not url:
        return default_path()
    if not is_url(url):
        scheme = url.split(":", 1)[0][:20]
        raise DatabaseUnavailable(
            f"ATLAS_DATABASE_URL: '{scheme}:…' is not a postgresql:// URL"
            " (postgresql://USER:PASSWORD@HOST:PORT/DATABASE)"
        )
    return url


def saved_corpus() -> Corpus | None:
    """The default corpus to read, or None while there is none yet (no SQLite file): reading
    creates nothing. A server's corpus is always there to ask."""
    target = default_target()
    return Corpus(target, read_only=True) if is_url(target) or Path(target).exists() else None


def slug(text: str) -> str:
    """A readable id fragment: lowercase words joined by hyphens."""
    from geo.model.names import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-") or "article"


class Corpus:
    """One SQLite file or one PostgreSQL database; each call opens its own connection, so threads
    and processes may share it.

    ``target`` is a path or a ``postgresql://`` URL (``default_target`` when not given).
    ``read_only`` opens an existing database without creating or changing anything.
    """

    def __init__(self, target: Target | None = None, *, read_only: bool = False):
        target = target or default_target()
        #: The SQLite file; None for a server.
        self.path = None if is_url(target) else Path(target)
        self.target: Target = self.path or target
        self.read_only = read_only
        self._held: Database | None = None
        self._undone = False
        if not read_only:
            open_corpus(self.target, create=True).close()

    def _connect(self) -> Database:
        return open_corpus(self.target, read_only=self.read_only)

    @contextmanager
    def held(self) -> Iterator[Callable[[], bool]]:
        """One connection for a run of saves and duplicate checks in this thread (``geo import``),
        the saves committed together: yields ``commit``, which commits those made since it was last
        called and says whether they are in the corpus (False: the database undid them).

        Each save is a savepoint in the open transaction, undone alone if it fails, so a commit
        holds whole articles only; leaving commits nothing (the caller commits what it will report
        saved). One transaction an article cost 3 ms of a 3.5 ms save: the pages of every index it
        touches written again each time, and a checkpoint as each connection closed. With SQLite's
        ``synchronous=NORMAL`` a process killed loses nothing committed; only a power cut may take
        back the last commits (the database stays whole, and an import run again saves them again).
        A savepoint keeps a copy of each page it changes, to undo it: in memory (``temp_store``), as
        in a temporary file they were some 440 system calls an article.
        """
        db = self._connect()
        if not db.postgres:  # SQLite's own settings for a long run of writes
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA temp_store=MEMORY")
            db.execute(f"PRAGMA cache_size=-{HELD_CACHE_KB}")
            db.execute(f"PRAGMA wal_autocheckpoint={HELD_CHECKPOINT_PAGES}")
            db.execute(f"PRAGMA journal_size_limit={HELD_CHECKPOINT_PAGES << 12}")
        self._held, self._undone = db, False

        def commit() -> bool:
            undone, self._undone = self._undone, False
            if db.in_transaction:
                try:
                    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
                    db.commit()
                except BaseException as exc:
                    self._failed(db, exc, ("ROLLBACK",))
            return not undone

        try:
            yield commit
        finally:
            self._held = None
            db.rollback()
            db.close()

    def reader(self) -> Corpus:
        """This corpus read through one connection, kept open while the corpus returned lives (an
        import's worker asks it about every line it is given): opening one a question cost more
        than the question."""
        reader = Corpus(self.target, read_only=True)
        reader._held = reader._connect()  # read only: nothing is ever saved through it
        return reader

    def _reading(self) -> AbstractContextManager[Database]:
        return nullcontext(self._held) if self._held else closing(self._connect())

    @contextmanager
    def _writing(self) -> Iterator[Database]:
        """One write transaction, taken at once (writers queue rather than fail): committed at
        the end with the corpus version bumped, rolled back on any error, the connection closed.
        Inside ``held``, a savepoint in its transaction instead."""
        held = self._held
        db = held or self._connect()
        try:
            if not db.in_transaction:
                db.begin(write=True)
            if held:
                db.execute("SAVEPOINT one")
            yield db
            if held:
                db.execute("RELEASE SAVEPOINT one")
            else:
                db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")
                db.commit()
        except BaseException as exc:
            self._failed(db, exc, ("ROLLBACK TO SAVEPOINT one", "RELEASE SAVEPOINT one") if held else ("ROLLBACK",))
        finally:
            if not held:
                db.close()

    def _failed(self, db: Database, exc: BaseException, undo: tuple[str, ...]) -> NoReturn:
        """A write that failed, undone (``undo``) and raised again; a full disk as StorageFull. A held
        transaction the database undid whole is noted, for ``held``'s commit to say so."""
        if db.in_transaction:
            with suppress(sqlite3.Error, AtlasError):  # a write that failed may have rolled back already
                for statement in undo:
                    db.execute(statement)
        if db is self._held and not db.in_transaction:
            self._undone = True
        full = out_of_space(exc, self.path) if self.path else None
        if full:
            raise StorageFull(self.path, full) from None
        raise exc

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
        seed's places are linked but not stored again. An article whose outlet and text are
        saved already raises DuplicateArticle and nothing is saved, whoever saves it: the check
        is inside the transaction, so two tabs, a review and an import, or two imports of one
        file cannot both save it.
        """
        return self.store(prepare(article, confirmed, events), seed=seed)

    def store(self, rows: Prepared, *, seed: Atlas | None = None) -> str:
        """``save`` of an article's rows made beforehand (``prepare``, in an import's worker): all
        this process does is look for a duplicate, pick the id and insert them."""
        with self._writing() as db:
            existing = _duplicate_of(db, rows.article[-2])
            if existing is not None:
                raise DuplicateArticle(existing)
            article_id = _free_id(db, rows.id, seed.articles if seed else {})
            if article_id != rows.id:
                rows = rows.renamed(article_id)
            now = dt.datetime.now(dt.UTC).isoformat()
            db.execute(
                f"INSERT INTO articles ({ARTICLE_FIELDS}, fingerprint, words, saved_at) VALUES ({', '.join('?' * 12)})",
                (article_id, *rows.article, now),
            )
            # Each table's rows in one call: PostgreSQL then takes them in one round trip (a pipeline).
            places = [row for row in rows.places if row[0] not in seed.places] if seed else rows.places
            db.executemany(
                f"INSERT INTO places ({PLACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", places
            )
            db.executemany(
                f"INSERT INTO mentions ({MENTION_FIELDS}, confirmed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(article_id, *mention) for mention in rows.mentions],
            )
            db.executemany(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows.events)
            db.executemany(
                "INSERT INTO event_places (place, day, event, stop) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                rows.event_places,
            )
            db.executemany(
                "INSERT INTO place_stats (place, articles, passages, events, sure, first) VALUES (?, 1, ?, ?, ?, ?)"
                " ON CONFLICT (place) DO UPDATE SET articles = place_stats.articles + 1,"
                " passages = place_stats.passages + excluded.passages, events = place_stats.events + excluded.events,"
                " sure = place_stats.sure + excluded.sure",
                [(*count, article_id) for count in rows.counts],
            )
            from geo.atlas.decisions import apply  # the readers' decisions, which import this module

            apply(db, [article_id])  # what readers decided for this outlet or this text, decided again
        return article_id

    def remove(self, article_id: str) -> tuple[int, int] | None:
        """Take a saved article out with its mentions and events, in one transaction; places
        that no saved article names any more go too. Returns (mentions, events) removed, or
        None if no saved article has this id (seed articles live in the data folder's files).

        An id shown as ``<id>-saved`` (the seed took the id later, see ``geo.atlas.saved_ids``) is
        found under ``<id>``.
        """
        with self._writing() as db:
            is_saved = "SELECT 1 FROM articles WHERE id = ?"
            stored = (i for i in stored_ids(article_id) if db.execute(is_saved, (i,)).fetchone())
            found = next(stored, None)
            if found is None:
                return None
            named = [row[0] for row in db.execute("SELECT DISTINCT place FROM mentions WHERE article = ?", (found,))]
            mentions = db.execute("DELETE FROM mentions WHERE article = ?", (found,)).rowcount
            db.execute("DELETE FROM event_places WHERE event IN (SELECT id FROM events WHERE article = ?)", (found,))
            events = db.execute("DELETE FROM events WHERE article = ?", (found,)).rowcount
            db.execute("DELETE FROM articles WHERE id = ?", (found,))
            db.execute("DELETE FROM places WHERE id NOT IN (SELECT place FROM mentions)")
            restat(db, named)
        return mentions, events

    @contextmanager
    def writing(self) -> Iterator[Database]:
        """One write transaction for a change the core makes elsewhere (a reader's decision)."""
        with self._writing() as db:
            yield db

    @contextmanager
    def _damage_named(self) -> Iterator[None]:
        """Damage past the first page shows only when it is read: one line naming the file, as on loading."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise damaged(exc, self.path) from None

    def find_duplicate(self, outlet: str, text: str) -> str | None:
        """The id of a saved article from this outlet with this text (surrounding blanks aside), if any.

        Asked before the work of a parse is spent on it (the Add article page, ``geo add`` and
        ``geo import``); ``save`` asks again as it writes.
        """
        with self._damage_named(), self._reading() as db:
            return _duplicate(db, outlet.strip(), text.strip())

    def version(self) -> str:
        """Which state the corpus is in: a key for caches that changes with every committed write,
        here or in any other process."""
        if self.path and (not self.path.exists() or self.path.stat().st_size == 0):
            return "empty"  # read as an empty corpus, with no id of its own
        with closing(self._connect()) as db:
            try:
                meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('id', 'version')"))
            except sqlite3.OperationalError:  # a database from before versions: only its files tell
                meta = {}
        if len(meta) < 2:
            files = sorted(self.path.parent.glob(f"{self.path.name}*"))
            return "files:" + ",".join(f"{p.stat().st_mtime_ns}:{p.stat().st_size}" for p in files)
        return f"{meta['id']}:{meta['version']}"

    def place(self, place_id: str) -> Place | None:
        """One saved place by its id."""
        with closing(self._connect()) as db:
            row = db.execute("SELECT record FROM places WHERE id = ?", (place_id,)).fetchone()
        return Place.model_validate_json(row[0]) if row else None

    def article_rows(self) -> list[tuple[str, str, str, str]]:
        """(id, date, outlet, title) of every saved article in the order saved, texts left unread."""
        with self._damage_named(), closing(self._connect()) as db:
            return db.execute("SELECT id, date, outlet, title FROM articles ORDER BY rowid").fetchall()

    def articles(self) -> list[Article]:
        with closing(self._connect()) as db:
            rows = db.execute(f"SELECT {_article_fields(db)} FROM articles ORDER BY date, id").fetchall()
        return [_article(row) for row in rows]

    def places(self) -> list[Place]:
        with closing(self._connect()) as db:
            return [Place.model_validate_json(r[0]) for r in db.execute("SELECT record FROM places ORDER BY id")]

    def mentions(self) -> list[Mention]:
        with closing(self._connect()) as db:
            rows = db.execute(f"SELECT {MENTION_FIELDS}, {_confirmed(db)} FROM mentions ORDER BY rowid").fetchall()
        return [_mention(row) for row in rows]

    def events(self) -> list[Event]:
        with closing(self._connect()) as db:
            return [Event.model_validate_json(r[0]) for r in db.execute("SELECT record FROM events ORDER BY id")]

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        """One read transaction (a snapshot: a save landing meanwhile is wholly in or out) for streaming."""
        with self._damage_named(), closing(self._connect()) as db:
            db.begin()
            yield Reading(db)


@dataclass(eq=False)
class Reading:
    """The corpus in one read transaction (a snapshot), for the review queue's reads."""

    db: Database


ARTICLE_FIELDS = "id, outlet, author, date, title, title_is_ours, url, text, language"
# ``end`` is quoted: PostgreSQL reserves the word (SQLite reads the quoted name the same).
MENTION_FIELDS = 'article, place, paragraph, start, "end", text'


def _confirmed(db: Database) -> str:
    """What to select for a mention's ``confirmed``: a database read-only since before the column
    (a write adds it) is read as it was then, every mention confirmed."""
    return "confirmed" if db.has_column("mentions", "confirmed") else "1"


def _article_fields(db: Database) -> str:
    """What to select for an article: a database read-only since before the language column (a
    write adds it) gives none, and ``_article`` detects it as the migration would have."""
    return ARTICLE_FIELDS if db.has_column("articles", "language") else ARTICLE_FIELDS.replace("language", "NULL")


def _article(row: tuple) -> Article:
    fields = dict(zip(ARTICLE_FIELDS.split(", "), row, strict=True))
    if fields["language"] is None:
        fields["language"] = detect_language(fields["text"])
    return Article(**fields)


def _mention(row: tuple) -> Mention:
    article, place, paragraph, start, end, text, confirmed = row
    return Mention(
        article=article, place=place, paragraph=paragraph, start=start, end=end, text=text, how="name",
        confirmed=bool(confirmed),
    )  # fmt: skip


def fingerprint(outlet: str, text: str) -> bytes:
    """What tells one saved article from another for the duplicate check: outlet and text, hashed."""
    return hashlib.sha256(f"{outlet}\0{text}".encode()).digest()


def _duplicate_of(db: Database, print_: bytes) -> str | None:
    """The saved article with this fingerprint (``fingerprint``): one look-up in its index,
    whatever the corpus's size."""
    row = db.execute("SELECT id FROM articles WHERE fingerprint = ? ORDER BY rowid LIMIT 1", (print_,)).fetchone()
    return row[0] if row else None


def _duplicate(db: Database, outlet: str, text: str) -> str | None:
    """The saved article with this outlet and text. A database read-only since before fingerprints
    (a write adds them) is read through, as it was then."""
    if db.has_column("articles", "fingerprint"):
        return _duplicate_of(db, fingerprint(outlet, text))
    row = db.execute(
        "SELECT id FROM articles WHERE outlet = ? AND text = ? ORDER BY rowid LIMIT 1", (outlet, text)
    ).fetchone()
    return row[0] if row else None


def _fingerprints(db: Database) -> None:
    """Every article's fingerprint, indexed: before, the duplicate check compared the texts of every
    article of the outlet with the same length, which grew with the corpus (9.5 ms at 67,000)."""
    db.execute("ALTER TABLE articles ADD COLUMN fingerprint BLOB")
    _fill(db, "fingerprint", fingerprint, "outlet, text")
    db.execute("DROP INDEX IF EXISTS articles_by_fingerprint")  # the old (outlet, length(text)) one
    db.execute("CREATE INDEX articles_by_fingerprint ON articles(fingerprint)")


def _fill(db: Database, column: str, compute: Callable, of: str, unless: object = None) -> None:
    """Set an article column to ``compute`` of other columns (``of``), leaving the rows where it
    comes to ``unless`` (the column's default) unwritten. SQLite calls ``compute`` inside the
    UPDATE; PostgreSQL cannot call Python, so there the rows come here and go back."""
    if db.postgres:
        rows = db.execute(f"SELECT id, {of} FROM articles").fetchall()
        values = [(value, row[0]) for row in rows if (value := compute(*row[1:])) != unless or unless is None]
        db.executemany(f"UPDATE articles SET {column} = ? WHERE id = ?", values)
        return
    db.conn.create_function(compute.__name__, of.count(",") + 1, compute, deterministic=True)
    call = f"{compute.__name__}({of})"
    kept = "" if unless is None else f" WHERE {call} != ?"
    db.execute(f"UPDATE articles SET {column} = {call}{kept}", () if unless is None else (unless,))


def _mentions_confirmed(db: Database) -> None:
    """Whether each saved mention was confirmed: a place the geoparser was unsure of is kept, to be
    drawn apart, where before it was drawn as a fact. What was saved before was kept as a fact,
    so it counts as confirmed."""
    db.execute("ALTER TABLE mentions ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1")


def _decisions(db: Database) -> None:
    """Readers' decisions on found places (``geo.atlas.decisions``): one row per scope, what it
    covers and name, the later replacing the earlier; found by outlet and by fingerprint as an
    article is saved, so a re-import is decided as before. ``decided`` logs the articles each
    decision changed: a reader that has the others in memory reads only those again."""
    # Numbered in the order decided: SQLite's INTEGER PRIMARY KEY, PostgreSQL's identity column;
    # and no bytes written as each spells them.
    key, no_bytes = (
        ("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "'\\x'::bytea")
        if db.postgres
        else ("INTEGER PRIMARY KEY", "x''")
    )
    db.execute(
        f"CREATE TABLE decisions (id {key}, scope TEXT NOT NULL, outlet TEXT NOT NULL,"
        ' fingerprint BLOB, paragraph INTEGER, start INTEGER, "end" INTEGER, name TEXT NOT NULL,'
        " verdict TEXT NOT NULL, place TEXT, record TEXT, decided_at TEXT NOT NULL)"
    )
    db.execute(f"CREATE TABLE decided (id {key}, article TEXT NOT NULL)")
    db.execute(
        f"CREATE UNIQUE INDEX decisions_by_what ON decisions(scope, outlet, coalesce(fingerprint, {no_bytes}),"
        ' coalesce(paragraph, -1), coalesce(start, -1), coalesce("end", -1), name)'
    )
    db.execute("CREATE INDEX decisions_by_fingerprint ON decisions(fingerprint) WHERE fingerprint IS NOT NULL")


def _review_indexes(db: Database) -> None:
    """What lets the review queue count and page the unsure places without reading every mention:
    the unsure mentions by place (covering the counts), the sure ones by place (whether one
    vouches for it), and the articles by outlet (what an outlet-wide decision covers)."""
    db.execute("CREATE INDEX mentions_unsure ON mentions(place, article) WHERE confirmed = 0")
    db.execute("CREATE INDEX mentions_sure ON mentions(place) WHERE confirmed = 1")
    db.execute("CREATE INDEX articles_by_outlet ON articles(outlet)")


def _articles_language(db: Database) -> None:
    """Each saved article's language, to show with its passages: detected from the text for what
    was saved before, when the atlas read English only (``detect_language`` says English when in doubt).
    Only the rows found not English are written again: rewriting every text made the step four times
    slower (20,000 articles: 14 s, against 3.7 s)."""
    db.execute("ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT 'en'")
    _fill(db, "language", detect_language, "text", unless="en")


def _places_location(db: Database) -> None:
    """Each place's point, for the map's bounds: on PostgreSQL a PostGIS point computed from the
    stored record (so no write has to set it) under a GiST index, which answers "the places in
    this view" without reading the others. SQLite has no spatial type; nothing to do there (its
    bounds are ranges of latitude and longitude)."""
    if not db.postgres:
        return
    point = "ST_SetSRID(ST_MakePoint((record::jsonb ->> 'lon')::float8, (record::jsonb ->> 'lat')::float8), 4326)"
    db.execute(f"ALTER TABLE places ADD COLUMN location geometry(Point, 4326) GENERATED ALWAYS AS ({point}) STORED")
    db.execute("CREATE INDEX places_by_location ON places USING gist (location)")


def _store_columns(db: Database) -> None:
    """What the store's queries read without decoding a record (``geo.store.rows``): a place's
    name, kind, position and folded names; an event's first day, the last day the date rule reads
    and the last its article knows; and per place, how many articles name it, how many of its
    mentions are sure, and the first article (its colour when it is the only one). Before, the
    app read every record into memory to answer these (77 KB an article).

    The columns are computed by ``place_row`` and ``event_row``, as a save computes them, so the
    date rule is written once; PostgreSQL cannot call Python inside an UPDATE, so the rows come
    here and go back on both. DOUBLE PRECISION, not REAL, which is 4 bytes on PostgreSQL (SQLite
    reads both as its one REAL)."""
    # Sorted by (``ORDER BY name``), so ordered by their bytes on PostgreSQL too, as in SQLite.
    text = 'TEXT COLLATE "C"' if db.postgres else "TEXT"
    for column, kind in (("name", text), ("kind", "TEXT"), ("lat", "DOUBLE PRECISION"), ("lon", "DOUBLE PRECISION")):
        db.execute(f"ALTER TABLE places ADD COLUMN {column} {kind}")
    db.execute("ALTER TABLE places ADD COLUMN names TEXT")
    rows = [place_row(Place.model_validate_json(r[0])) for r in db.execute("SELECT record FROM places").fetchall()]
    db.executemany(
        "UPDATE places SET name = ?, kind = ?, lat = ?, lon = ?, names = ? WHERE id = ?",
        [(*row[2:], row[0]) for row in rows],
    )
    for column in ("day", "stop", "last"):
        db.execute(f"ALTER TABLE events ADD COLUMN {column} TEXT")
    records = db.execute("SELECT e.record, a.date FROM events e JOIN articles a ON a.id = e.article").fetchall()
    rows = [event_row(Event.model_validate_json(record), dt.date.fromisoformat(date)) for record, date in records]
    db.executemany("UPDATE events SET day = ?, stop = ?, last = ? WHERE id = ?", [(*row[3:], row[0]) for row in rows])
    db.execute("ALTER TABLE event_places ADD COLUMN stop TEXT")
    db.execute("UPDATE event_places SET stop = (SELECT stop FROM events e WHERE e.id = event_places.event)")
    db.execute(
        f"CREATE TABLE place_stats (place {text} PRIMARY KEY, articles INTEGER NOT NULL, passages INTEGER NOT NULL,"
        f" events INTEGER NOT NULL, sure INTEGER NOT NULL, first {text} NOT NULL)"
    )
    db.execute("ALTER TABLE articles ADD COLUMN words TEXT")
    _fill(db, "words", article_words, "title, outlet, author, date")
    db.execute("CREATE INDEX articles_by_date ON articles(date, id)")
    restat(db)
    db.execute("CREATE INDEX events_by_last ON events(last, day)")
    db.execute("CREATE INDEX events_by_day ON events(day, stop, article)")
    db.execute("CREATE INDEX event_places_by_stop ON event_places(place, stop, day)")
    db.execute("CREATE INDEX event_places_by_event ON event_places(event)")
    db.execute("CREATE INDEX places_by_position ON places(lat, lon)")


#: Ids a statement names at most, in an ``IN`` list of placeholders (SQLite allows 32,766).
IN_CHUNK = 500


def chunks(ids: Iterable[str]) -> Iterator[tuple[list[str], str]]:
    """``ids`` a few hundred at a time, sorted, each with its ``IN (?, ?, …)`` list: what SQLite's
    ``json_each`` gave, on both databases."""
    ordered = sorted(set(ids))
    for first in range(0, len(ordered), IN_CHUNK):
        chunk = ordered[first : first + IN_CHUNK]
        yield chunk, f"({', '.join('?' * len(chunk))})"


def restat(db: Database, places: Iterable[str] | None = None) -> None:
    """Count ``place_stats`` again from the mentions and events, for ``places`` or all: after a
    removal or a reader's decision (a save adds to the counts instead, ``Prepared.counts``).

    A passage is an (article, paragraph) pair, counted as one string: the paragraph is digits,
    so the last ``:`` tells where the article's id ends, whatever the id holds."""
    for args, where in [((), "")] if places is None else ((c, f"WHERE place IN {q}") for c, q in chunks(places)):
        db.execute(f"DELETE FROM place_stats {where}", args)
        db.execute(
            "INSERT INTO place_stats (place, articles, passages, events, sure, first) SELECT place,"
            " count(DISTINCT article), count(DISTINCT article || ':' || paragraph), 0, sum(confirmed), min(article)"
            f" FROM mentions {where} GROUP BY place",
            args,
        )
        db.execute(
            "UPDATE place_stats SET events = (SELECT count(*) FROM event_places e WHERE e.place = place_stats.place)"
            f" {where}",
            args,
        )


class Prepared(NamedTuple):
    """An article's rows as a save writes them, for the id it asks for (``id``): made apart from
    the database (``prepare``, in an import's worker process), so the one writer only inserts
    them. Plain tuples, which a worker sends back far quicker than the models they are made of."""

    id: str
    #: The article's columns after its id: ARTICLE_FIELDS' others, then fingerprint and words.
    article: tuple
    places: tuple[tuple, ...]
    #: MENTION_FIELDS and confirmed, but the article's id.
    mentions: tuple[tuple, ...]
    events: tuple[tuple, ...]
    #: (place, day, event, stop)
    event_places: tuple[tuple, ...]
    #: What the article adds to ``place_stats`` for each place it names: (place, passages, events,
    #: sure mentions); it counts one article more for each, and is the first if none was before.
    counts: tuple[tuple, ...]

    def renamed(self, article_id: str) -> Prepared:
        """The rows for another id (``id`` was taken): its events' ids and records say whose they are."""
        day = dt.date.fromisoformat(self.article[2])
        events = [Event.model_validate_json(row[2]) for row in self.events]
        stored = [e.model_copy(update={"id": article_id + e.id[len(self.id) :], "article": article_id}) for e in events]
        return self._replace(
            id=article_id,
            events=tuple(event_row(e, day) for e in stored),
            event_places=tuple((p, d, article_id + e[len(self.id) :], s) for p, d, e, s in self.event_places),
        )


def prepare(article: Article, confirmed: Iterable[Confirmed], events: Iterable[Event] = ()) -> Prepared:
    """The rows ``Corpus.store`` writes for an article: each place kept for it, one mention per span
    (its paragraph, and offsets in that paragraph, sure or not), its events (ids made the article's
    own) and what it adds to each place's counts."""
    bounds = paragraph_bounds(article.text)
    date = article.date.isoformat()
    places, mentions = [], []
    found: dict[str, list[int]] = {}  # the paragraph of each mention of a place, negative when unsure
    for item in confirmed:
        places.append(_place_row(item.place))
        for start, end in item.spans:
            paragraph, offset = _locate(bounds, start)
            found.setdefault(item.place.id, []).append(paragraph if item.confirmed else -paragraph)
            mentions.append(
                (item.place.id, paragraph, start - offset, end - offset, article.text[start:end], int(item.confirmed))
            )
    stored = [e.model_copy(update={"id": f"{article.id}-{e.id}", "article": article.id}) for e in events]
    rows = [event_row(e, article.date) for e in stored]
    named = dict.fromkeys(found, 0)  # the events naming each place the article names
    for event in stored:
        for place in dict.fromkeys(event.places):
            if place in named:
                named[place] += 1
    columns = (
        article.outlet, article.author, date, article.title, int(article.title_is_ours), article.url, article.text,
        article.language, fingerprint(article.outlet, article.text),
        article_words(article.title, article.outlet, article.author, date),
    )  # fmt: skip
    return Prepared(
        id=article.id,
        article=columns,
        places=tuple(places),
        mentions=tuple(mentions),
        events=tuple(rows),
        event_places=tuple(
            (place, row[3], e.id, row[4]) for e, row in zip(stored, rows, strict=True) for place in e.places
        ),
        counts=tuple(
            (place, len({abs(p) for p in paragraphs}), named[place], sum(p > 0 for p in paragraphs))
            for place, paragraphs in found.items()
        ),
    )


#: ``place_row`` of the places an import's articles name, kept for the next article naming the same
#: place (as equal in every field: places are frozen, so hashable): folding every name of a place
#: was a fifth of a save.
_place_row = functools.lru_cache(maxsize=8192)(place_row)


def article_words(title: str, outlet: str, author: str | None, date: str) -> str:
    """What a search for an article reads: its title, outlet, author and date, folded."""
    from geo.model.names import fold

    return fold(f"{title} {outlet} {author or ''} {date}")


def _event_days(db: Database) -> None:
    """How many events start on each day and end on each last day (the date rule's ``stop``), kept
    by triggers as events come and go: the Timeline counts a range from these few thousand rows.
    Counting the events themselves walked every one that starts before the range's end (twenty
    million at a million articles)."""
    _keep_event_days(db, ("day", "stop"))


def _event_days_last(db: Database) -> None:
    """``event_days`` told apart by the last day each event's article knows too (``last``, what the
    feed sorts by), under a key that starts with it: the feed of a past range starts at the range's
    end, walking these rows newest first to the events' own, where it walked every newer event one
    by one (5 s at a million articles). The date rule's days alone cannot say which events that
    started before the range's end are still reported after it (an ongoing one's ``stop`` is open)."""
    if db.postgres:
        db.execute("DROP FUNCTION event_days_kept() CASCADE")
    else:
        for trigger in ("added", "removed", "moved"):
            db.execute(f"DROP TRIGGER event_days_{trigger}")
    db.execute("DROP TABLE event_days")
    _keep_event_days(db, ("last", "day", "stop"))


def _keep_event_days(db: Database, key: tuple[str, ...]) -> None:
    """``event_days`` counting the events by ``key`` (its primary key, in that order), filled from
    the events and kept by triggers as they come and go."""
    text = 'TEXT COLLATE "C"' if db.postgres else "TEXT"
    columns = ", ".join(key)
    db.execute(
        f"CREATE TABLE event_days ({', '.join(f'{c} {text} NOT NULL' for c in key)}, events INTEGER NOT NULL,"
        f" PRIMARY KEY ({columns}))" + ("" if db.postgres else " WITHOUT ROWID")
    )
    db.execute(f"INSERT INTO event_days SELECT {columns}, count(*) FROM events GROUP BY {columns}")
    news = ", ".join(f"NEW.{c}" for c in key)
    add = (
        f"INSERT INTO event_days VALUES ({news}, 1)"
        f" ON CONFLICT ({columns}) DO UPDATE SET events = event_days.events + 1;"
    )
    old = " AND ".join(f"{c} = OLD.{c}" for c in key)
    take = f"UPDATE event_days SET events = events - 1 WHERE {old}; DELETE FROM event_days WHERE {old} AND events <= 0;"
    if db.postgres:  # a trigger runs a function there
        db.execute(
            "CREATE FUNCTION event_days_kept() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            f" IF TG_OP IN ('DELETE', 'UPDATE') THEN {take} END IF;"
            f" IF TG_OP IN ('INSERT', 'UPDATE') THEN {add} END IF; RETURN NULL; END $$"
        )
        db.execute(
            f"CREATE TRIGGER event_days_kept AFTER INSERT OR DELETE OR UPDATE OF {columns} ON events"
            " FOR EACH ROW EXECUTE FUNCTION event_days_kept()"
        )
        return
    db.execute(f"CREATE TRIGGER event_days_added AFTER INSERT ON events BEGIN {add} END")
    db.execute(f"CREATE TRIGGER event_days_removed AFTER DELETE ON events BEGIN {take} END")
    db.execute(f"CREATE TRIGGER event_days_moved AFTER UPDATE OF {columns} ON events BEGIN {take} {add} END")


#: The schema's steps since SCHEMA, in order, each applied once and named in ``migrations``.
MIGRATIONS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("articles-fingerprint", _fingerprints),
    ("mentions-confirmed", _mentions_confirmed),
    ("review-decisions", _decisions),
    ("review-indexes", _review_indexes),
    ("articles-language", _articles_language),
    ("places-location", _places_location),
    ("store-columns", _store_columns),
    ("event-days", _event_days),
    ("event-days-last", _event_days_last),
)


def migrated(db: Database) -> bool:
    """Whether a database has every step of ``MIGRATIONS``: a reader that finds one missing has it
    written once (``geo.store.store.Store``), as a writer opening it would."""
    if "migrations" not in db.tables():
        return False
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    return all(name in done for name, _ in MIGRATIONS)


def _migrate(db: Database) -> None:
    """Take a database to the current schema: the steps it lacks, with their names, in one transaction
    (two processes opening an old database at once apply them once; a step cut short leaves none)."""

    def due() -> list[tuple[str, Callable[[Database], None]]]:
        done = {row[0] for row in db.execute("SELECT name FROM migrations")}
        return [(name, step) for name, step in MIGRATIONS if name not in done]

    if not due():
        return
    db.begin(write=True)
    try:
        for name, step in due():
            step(db)
            db.execute("INSERT INTO migrations VALUES (?, ?)", (name, dt.datetime.now(dt.UTC).isoformat()))
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.forget_columns()


def open_corpus(target: Target, *, read_only: bool = False, create: bool = False) -> Database:
    """The one way into a corpus, for every reader and writer; what is wrong is one line naming it.

    A ``postgresql://`` URL is a server's database (``_open_server``). A path is an SQLite file.
    Reading works on anything sound: an absent, zero-byte or never-written file reads as an
    empty corpus (a database with the schema and nothing in it), and a database on read-only
    storage is read as immutable, since SQLite cannot make the ``-shm`` file WAL readers need
    there. ``create`` makes the folder, the WAL journal and the tables; a folder or file that
    cannot be written says which. Random bytes, or a database of something else, are named as
    not a corpus.
    """
    if is_url(target):
        return _open_server(str(target), read_only=read_only, create=create)
    path = Path(target)
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
        db = connect(path, read_only=read_only)
        tables = db.tables()
        if tables and "articles" not in tables:  # someone else's database: neither read nor written
            db.close()
            raise DataError([Problem(str(path), 0, "-", "not a corpus database: it has no articles table")])
        if create or not (tables or read_only):
            db.execute("PRAGMA journal_mode=WAL")
            db.script(SCHEMA)
            _migrate(db)
    except (OSError, sqlite3.DatabaseError) as exc:
        full = out_of_space(exc, path)
        if full:
            raise StorageFull(path, full) from None
        raise DataError([Problem(str(path), 0, "-", f"not a readable corpus database: {exc}")]) from None
    if not tables and read_only:
        db.close()
        return _empty()
    return db


#: What PostGIS puts in a database it is enabled in: not someone else's tables.
POSTGIS_TABLES = frozenset({"spatial_ref_sys"})


def _open_server(url: str, *, read_only: bool, create: bool) -> Database:
    """A corpus on a PostgreSQL server: ``create`` makes the tables and applies the migrations,
    one writer at a time; reading a database with no tables yet reads an empty corpus."""
    db = connect(url, read_only=read_only)
    try:
        tables = db.tables() - POSTGIS_TABLES
        if tables and "articles" not in tables:  # someone else's database: neither read nor written
            raise DataError([Problem(db.name, 0, "-", "not a corpus database: it has no articles table")])
        if create:
            db.begin(write=True)
            try:
                db.script(SCHEMA_POSTGRES)
                db.commit()
            except BaseException:
                db.rollback()
                raise
            _migrate(db)
    except BaseException:
        db.close()
        raise
    if not tables and read_only:
        db.close()
        return _empty()
    return db


class ReadOnlyStorage(AtlasError):
    """The corpus is to be written where nothing can be: a read-only folder, mount or file."""


def _empty() -> Database:
    db = connect(":memory:")
    db.script(SCHEMA)
    _migrate(db)
    return db


def _unwritable(path: Path) -> Path | None:
    """The file, or the nearest existing folder on its way, that cannot be written; None if all can."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        return folder
    return path if path.exists() and not os.access(path, os.W_OK) else None


def _free_id(db: Database, wanted: str, taken: Container[str]) -> str:
    """``wanted``, or ``wanted-N`` with the first free N (saves fill -2, -3, … in order): found by
    doubling N, then halving the gap, so a title that thousands of articles share costs a few
    look-ups, not one per article that has it."""

    def free(n: int) -> bool:
        candidate = f"{wanted}-{n}" if n > 1 else wanted
        return candidate not in taken and not db.execute("SELECT 1 FROM articles WHERE id=?", (candidate,)).fetchone()

    if free(1):
        return wanted
    low, high = 1, 2  # low is taken, high is tried
    while not free(high):
        low, high = high, high * 2
    while high - low > 1:  # low taken, high free
        middle = (low + high) // 2
        low, high = (low, middle) if free(middle) else (middle, high)
    return f"{wanted}-{high}"


def _locate(bounds: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The paragraph (from 1) holding a text offset, and where that paragraph starts."""
    for number, (first, last) in enumerate(bounds, start=1):
        if first <= start < last:
            return number, first
    raise ValueError(f"offset {start} is in no paragraph")


def damaged(exc: sqlite3.DatabaseError, path: Path | None = None) -> DataError:
    """Damage past the pages ``open_corpus`` reads shows only when a query reaches it: the one
    line naming the corpus file, for every reader (the CLI and the app catch it too). A full disk
    is not damage, and is named as what it is."""
    path = path or default_path()
    full = out_of_space(exc, path)
    return DataError(
        [Problem(str(path), 0, "-", f"no space left: {full}" if full else f"the corpus database is damaged: {exc}")]
    )


#: The page cache of a connection held for an import, in KB: the indexes' pages that saves touch
#: stay in memory (the default, 2 MB, holds a sliver of them at 100,000 articles), and a commit's
#: changed pages all fit, so none is written out and read back before the commit (a commit of
#: 200 articles changes about 100 MB of pages in a corpus of 90,000: a page an index entry).
HELD_CACHE_KB = 512 << 10
#: Pages the journal (WAL) of a held connection grows to before they are copied into the database
#: (a checkpoint), and the size, in pages of 4 KB, it is cut back to after: SQLite's 1,000 made every
#: commit of an import a checkpoint, writing each page twice and waiting for the disk each time; a
#: page changed by several commits in between is copied once.
HELD_CHECKPOINT_PAGES = 64 << 10

#: Less room than this left for the corpus is too little for the largest save (a 2 MB text, its
#: mentions, and the journal's copy of the pages they touch).
ROOM = 8 << 20


def out_of_space(exc: BaseException, path: Path) -> str | None:
    """Why a failed write to the corpus at ``path`` is a full disk (or a quota, or a file size
    limit) rather than damage; None if it is not.

    SQLite says "database or disk is full" only when a write finds no space at all; a write that
    falls short (a file at this process's size limit, a disk filling meanwhile) is a "disk I/O
    error", so then the storage is asked how much room it has left.
    """
    if isinstance(exc, OSError):
        return exc.strerror if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG) else None
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return str(exc)
    if code != sqlite3.SQLITE_IOERR:
        return None
    with suppress(OSError):  # storage that cannot say how much room it has is not known to be full
        disk = os.statvfs(path.parent)
        if disk.f_bavail * disk.f_frsize < ROOM:
            return f"{exc}, with less than {ROOM >> 20} MB free"
        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        files = path.parent.glob(f"{path.name}*")
        if limit != resource.RLIM_INFINITY and any(f.stat().st_size > limit - ROOM for f in files):
            return f"{exc}: a file of the corpus is at the size this process may write (ulimit -f)"
    return None
