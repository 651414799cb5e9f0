"""Saved articles, the places kept for them (confirmed or not), mentions and events, in SQLite.

The seed stays in its CSV files; what readers add lives here, under ATLAS_VAR. The
database runs in WAL mode so readers never wait for a writer, and every save is one
transaction: two people saving at once both land, and a save cut short leaves nothing.
"""

from __future__ import annotations

import datetime as dt
import errno
import functools
import hashlib
import json
import os
import re
import resource
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from geo.atlas.atlas import Atlas
from geo.atlas.saved_ids import shown_id, stored_ids
from geo.model.errors import AtlasError, DataError, Problem, StorageFull
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
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id), record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions(article);
CREATE INDEX IF NOT EXISTS mentions_by_place ON mentions(place, article, paragraph, start, end);
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
        than fail): committed at the end with the corpus version bumped, rolled back on any
        error, the connection closed."""
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("UPDATE meta SET value = value + 1 WHERE key = 'version'")
            db.execute("COMMIT")
        except BaseException as exc:
            if db.in_transaction:
                with suppress(sqlite3.Error):  # a write that failed may have rolled back already
                    db.execute("ROLLBACK")
            full = out_of_space(exc, self.path)
            if full:
                raise StorageFull(self.path, full) from None
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
        seed's places are linked but not stored again. An article whose outlet and text are
        saved already raises DuplicateArticle and nothing is saved, whoever saves it: the check
        is inside the transaction, so two tabs, a review and an import, or two imports of one
        file cannot both save it.
        """
        confirmed, events = list(confirmed), list(events)
        known = set(seed.places) if seed else set()
        taken = set(seed.articles) if seed else set()
        bounds = paragraph_bounds(article.text)
        with self._writing() as db:
            existing = _duplicate(db, article.outlet, article.text)
            if existing is not None:
                raise DuplicateArticle(existing)
            article_id = _free_id(db, article.id, taken)
            db.execute(
                f"INSERT INTO articles ({ARTICLE_FIELDS}, saved_at, fingerprint, words) VALUES ({', '.join('?' * 12)})",
                (
                    article_id, article.outlet, article.author, article.date.isoformat(), article.title,
                    int(article.title_is_ours), article.url, article.text, article.language,
                    dt.datetime.now(dt.UTC).isoformat(), fingerprint(article.outlet, article.text),
                    article_words(article.title, article.outlet, article.author, article.date.isoformat()),
                ),
            )  # fmt: skip
            found: dict[str, list[int]] = {}
            for item in confirmed:
                if item.place.id not in known:
                    db.execute(
                        f"INSERT OR IGNORE INTO places ({PLACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        place_row(item.place),
                    )
                for start, end in item.spans:
                    paragraph, offset = _locate(bounds, start)
                    found.setdefault(item.place.id, []).append(paragraph if item.confirmed else -paragraph)
                    db.execute(
                        f"INSERT INTO mentions ({MENTION_FIELDS}, confirmed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            article_id, item.place.id, paragraph, start - offset, end - offset,
                            article.text[start:end], int(item.confirmed),
                        ),
                    )  # fmt: skip
            saved_events = []
            for event in events:
                stored = event.model_copy(update={"id": f"{article_id}-{event.id}", "article": article_id})
                saved_events.append(stored)
                row = event_row(stored, article.date)
                db.execute(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", row)
                db.executemany(
                    "INSERT OR IGNORE INTO event_places (place, day, event, stop) VALUES (?, ?, ?, ?)",
                    [(place, row[3], stored.id, row[4]) for place in stored.places],
                )
            _count(db, article_id, found, saved_events)
            from geo.atlas.decisions import apply  # the readers' decisions, which import this module

            apply(db, [article_id])  # what readers decided for this outlet or this text, decided again
        return article_id

    def remove(self, article_id: str) -> tuple[int, int] | None:
        """Take a saved article out with its mentions and events, in one transaction; places
        that no saved article names any more go too. Returns (mentions, events) removed, or
        None if no saved article has this id (seed articles live in the data folder's files).

        An id shown as ``<id>-saved`` (the seed took the id later, see ``merged_with``) is
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
    def writing(self) -> Iterator[sqlite3.Connection]:
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
        with self._damage_named(), closing(self._connect()) as db:
            return _duplicate(db, outlet.strip(), text.strip())

    def version(self) -> str:
        """Which state the corpus is in: a key for caches that changes with every committed write,
        here or in any other process."""
        if not self.path.exists() or self.path.stat().st_size == 0:
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
            rows = db.execute(f"SELECT {MENTION_FIELDS}, {_confirmed(db)} FROM mentions").fetchall()
        return [_mention(row) for row in rows]

    def events(self) -> list[Event]:
        with closing(self._connect()) as db:
            return [Event.model_validate_json(r[0]) for r in db.execute("SELECT record FROM events ORDER BY id")]

    def merged_with(self, seed: Atlas) -> Atlas:
        """The seed atlas plus everything saved here, read whole into memory; curated places win
        over stored copies. The app reads the corpus by query (``geo.store``); this whole copy is
        what the tests hold the queries to, and what a bench compares against.

        A saved article whose id the seed has since taken is shown under ``<id>-saved``.
        """
        with self._damage_named(), closing(self._connect()) as db:
            db.execute("BEGIN")
            articles = [_article(r) for r in db.execute(f"SELECT {_article_fields(db)} FROM articles ORDER BY rowid")]
            places = [Place.model_validate_json(r[0]) for r in db.execute("SELECT record FROM places ORDER BY rowid")]
            mentions = [_mention(r) for r in db.execute(f"SELECT {MENTION_FIELDS}, {_confirmed(db)} FROM mentions")]
            events = [Event.model_validate_json(r[0]) for r in db.execute("SELECT record FROM events ORDER BY rowid")]
        rename = {a.id: shown for a in articles if (shown := shown_id(a.id, seed.articles)) != a.id}

        def moved(record):
            return record.model_copy(update={"article": rename[record.article]}) if record.article in rename else record

        articles = [a.model_copy(update={"id": rename[a.id]}) if a.id in rename else a for a in articles]
        return seed.extended(articles, places, [moved(e) for e in events], [moved(m) for m in mentions])

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        """One read transaction (a snapshot: a save landing meanwhile is wholly in or out) for streaming."""
        with self._damage_named(), closing(self._connect()) as db:
            db.execute("BEGIN")
            yield Reading(db)


@dataclass(eq=False)
class Reading:
    """The corpus read place by place, in place id order, never all at once: what export streams."""

    db: sqlite3.Connection

    def places(self) -> Iterator[Place]:
        for (record,) in self.db.execute("SELECT record FROM places ORDER BY id"):
            yield Place.model_validate_json(record)

    def mentions(self) -> Iterator[tuple[str, str, int, int, int, int]]:
        """(place, article, paragraph, start, end, confirmed), by place (its index, so nothing is sorted)."""
        yield from self.db.execute(
            f"SELECT place, article, paragraph, start, end, {_confirmed(self.db)}"
            " FROM mentions INDEXED BY mentions_by_place ORDER BY place, article, paragraph, start, end"
        )

    def events(self, *, whole: bool = True) -> Iterator[tuple[str, dict]]:
        """(place, event as the export writes it) for each place an event names, by place, then earliest first.

        The fields come out of the stored records in SQL: the records were checked when saved,
        and an export of thousands of events does not build an Event for each place it names.
        Not ``whole``: only id, article and first day, which is quicker.
        """
        indexed = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'event_places'").fetchone()
        # A database read-only since before event_places (a write adds it) is indexed on the fly.
        pairs = (
            "event_places ep"
            if indexed
            else "(SELECT DISTINCT p.value AS place, json_extract(e.record, '$.date_start') AS day, e.id AS event"
            " FROM events e, json_each(e.record, '$.places') p) ep"
        )
        details = (
            "json_extract(e.record, '$.date_end'), json_extract(e.record, '$.ongoing'),"
            " json_extract(e.record, '$.summary')"
            if whole
            else "NULL, 0, NULL"
        )
        rows = self.db.execute(
            f"SELECT ep.place, e.id, e.article, ep.day, {details}"
            f" FROM {pairs} JOIN events e ON e.id = ep.event ORDER BY ep.place, ep.day, ep.event"
        )
        for place, event_id, article, start, end, ongoing, summary in rows:
            yield place, {
                "id": event_id, "article": article, "date_start": start, "date_end": end, "ongoing": bool(ongoing),
                "summary": summary,
            }  # fmt: skip

    def ids(self) -> list[str]:
        """Every saved article's id, in the order saved."""
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY rowid")]

    @functools.cached_property
    def _fields(self) -> str:
        """What to select for an article, asked of the schema once an export, not once an article."""
        return _article_fields(self.db)

    @functools.lru_cache(maxsize=256)  # noqa: B019 — one Reading lives for one export
    def article(self, article_id: str) -> tuple[Article, tuple[str, ...]]:
        """A saved article and its paragraphs, the last few hundred kept at hand."""
        article = _article(
            self.db.execute(f"SELECT {self._fields} FROM articles WHERE id = ?", (article_id,)).fetchone()
        )
        return article, tuple(article.paragraphs)


ARTICLE_FIELDS = "id, outlet, author, date, title, title_is_ours, url, text, language"
MENTION_FIELDS = "article, place, paragraph, start, end, text"


def _confirmed(db: sqlite3.Connection) -> str:
    """What to select for a mention's ``confirmed``: a database read-only since before the column
    (a write adds it) is read as it was then, every mention confirmed."""
    found = db.execute("SELECT 1 FROM pragma_table_info('mentions') WHERE name = 'confirmed'").fetchone()
    return "confirmed" if found else "1"


def _article_fields(db: sqlite3.Connection) -> str:
    """What to select for an article: a database read-only since before the language column (a
    write adds it) gives none, and ``_article`` detects it as the migration would have."""
    found = db.execute("SELECT 1 FROM pragma_table_info('articles') WHERE name = 'language'").fetchone()
    return ARTICLE_FIELDS if found else ARTICLE_FIELDS.replace("language", "NULL")


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


def _duplicate(db: sqlite3.Connection, outlet: str, text: str) -> str | None:
    """The saved article with this outlet and text: one look-up in the fingerprint index, whatever
    the corpus's size. A database read-only since before fingerprints (a write adds them) is read
    through, as it was then."""
    if db.execute("SELECT 1 FROM pragma_table_info('articles') WHERE name = 'fingerprint'").fetchone():
        found = db.execute(
            "SELECT id FROM articles WHERE fingerprint = ? ORDER BY rowid LIMIT 1", (fingerprint(outlet, text),)
        )
    else:
        found = db.execute(
            "SELECT id FROM articles WHERE outlet = ? AND text = ? ORDER BY rowid LIMIT 1", (outlet, text)
        )
    row = found.fetchone()
    return row[0] if row else None


def _fingerprints(db: sqlite3.Connection) -> None:
    """Every article's fingerprint, indexed: before, the duplicate check compared the texts of every
    article of the outlet with the same length, which grew with the corpus (9.5 ms at 67,000)."""
    db.create_function("fingerprint", 2, fingerprint, deterministic=True)
    db.execute("ALTER TABLE articles ADD COLUMN fingerprint BLOB")
    db.execute("UPDATE articles SET fingerprint = fingerprint(outlet, text)")
    db.execute("DROP INDEX IF EXISTS articles_by_fingerprint")  # the old (outlet, length(text)) one
    db.execute("CREATE INDEX articles_by_fingerprint ON articles(fingerprint)")


def _mentions_confirmed(db: sqlite3.Connection) -> None:
    """Whether each saved mention was confirmed: a place the geoparser was unsure of is kept, to be
    drawn apart, where before it was drawn as a fact. What was saved before was kept as a fact,
    so it counts as confirmed."""
    db.execute("ALTER TABLE mentions ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 1")


def _decisions(db: sqlite3.Connection) -> None:
    """Readers' decisions on found places (``geo.atlas.decisions``): one row per scope, what it
    covers and name, the later replacing the earlier; found by outlet and by fingerprint as an
    article is saved, so a re-import is decided as before. ``decided`` logs the articles each
    decision changed: a reader that has the others in memory reads only those again."""
    db.execute(
        "CREATE TABLE decisions (id INTEGER PRIMARY KEY, scope TEXT NOT NULL, outlet TEXT NOT NULL,"
        " fingerprint BLOB, paragraph INTEGER, start INTEGER, end INTEGER, name TEXT NOT NULL,"
        " verdict TEXT NOT NULL, place TEXT, record TEXT, decided_at TEXT NOT NULL)"
    )
    db.execute("CREATE TABLE decided (id INTEGER PRIMARY KEY, article TEXT NOT NULL)")
    db.execute(
        "CREATE UNIQUE INDEX decisions_by_what ON decisions(scope, outlet, ifnull(fingerprint, x''),"
        " ifnull(paragraph, -1), ifnull(start, -1), ifnull(end, -1), name)"
    )
    db.execute("CREATE INDEX decisions_by_fingerprint ON decisions(fingerprint) WHERE fingerprint IS NOT NULL")


def _review_indexes(db: sqlite3.Connection) -> None:
    """What lets the review queue count and page the unsure places without reading every mention:
    the unsure mentions by place (covering the counts), the sure ones by place (whether one
    vouches for it), and the articles by outlet (what an outlet-wide decision covers)."""
    db.execute("CREATE INDEX mentions_unsure ON mentions(place, article) WHERE confirmed = 0")
    db.execute("CREATE INDEX mentions_sure ON mentions(place) WHERE confirmed = 1")
    db.execute("CREATE INDEX articles_by_outlet ON articles(outlet)")


def _articles_language(db: sqlite3.Connection) -> None:
    """Each saved article's language, to show with its passages: detected from the text for what
    was saved before, when the atlas read English only (``detect_language`` says English when in doubt).
    Only the rows found not English are written again: rewriting every text made the step four times
    slower (20,000 articles: 14 s, against 3.7 s)."""
    db.create_function("detect_language", 1, detect_language, deterministic=True)
    db.execute("ALTER TABLE articles ADD COLUMN language TEXT NOT NULL DEFAULT 'en'")
    db.execute("UPDATE articles SET language = detect_language(text) WHERE detect_language(text) != 'en'")


def _store_columns(db: sqlite3.Connection) -> None:
    """What the store's queries read without decoding a record (``geo.store.rows``): a place's
    name, kind, position and folded names; an event's first day, the last day the date rule reads
    and the last its article knows; and per place, how many articles name it, how many of its
    mentions are sure, and the first article (its colour when it is the only one). Before, the
    app read every record into memory to answer these (77 KB an article)."""
    from geo.store.rows import folded_names

    db.create_function(
        "folded_names", 1, lambda record: folded_names(Place.model_validate_json(record)), deterministic=True
    )
    for column, kind in (("name", "TEXT"), ("kind", "TEXT"), ("lat", "REAL"), ("lon", "REAL"), ("names", "TEXT")):
        db.execute(f"ALTER TABLE places ADD COLUMN {column} {kind}")
    db.execute(
        "UPDATE places SET name = json_extract(record, '$.name'), kind = json_extract(record, '$.kind'),"
        " lat = json_extract(record, '$.lat'), lon = json_extract(record, '$.lon'), names = folded_names(record)"
    )
    for column in ("day", "stop", "last"):
        db.execute(f"ALTER TABLE events ADD COLUMN {column} TEXT")
    db.execute(
        "UPDATE events SET day = json_extract(record, '$.date_start'),"
        " stop = CASE WHEN json_extract(record, '$.ongoing') THEN '9999-12-31'"
        " ELSE coalesce(json_extract(record, '$.date_end'), json_extract(record, '$.date_start')) END,"
        " last = coalesce(json_extract(record, '$.date_end'), CASE WHEN json_extract(record, '$.ongoing')"
        " THEN (SELECT date FROM articles a WHERE a.id = events.article) ELSE json_extract(record, '$.date_start') END)"
    )
    db.execute("ALTER TABLE event_places ADD COLUMN stop TEXT")
    db.execute("UPDATE event_places SET stop = (SELECT stop FROM events e WHERE e.id = event_places.event)")
    db.execute(
        "CREATE TABLE place_stats (place TEXT PRIMARY KEY, articles INTEGER NOT NULL, passages INTEGER NOT NULL,"
        " events INTEGER NOT NULL, sure INTEGER NOT NULL, first TEXT NOT NULL)"
    )
    db.create_function("article_words", 4, article_words, deterministic=True)
    db.execute("ALTER TABLE articles ADD COLUMN words TEXT")
    db.execute("UPDATE articles SET words = article_words(title, outlet, author, date)")
    db.execute("CREATE INDEX articles_by_date ON articles(date, id)")
    restat(db)
    db.execute("CREATE INDEX events_by_last ON events(last, day)")
    db.execute("CREATE INDEX events_by_day ON events(day, stop, article)")
    db.execute("CREATE INDEX event_places_by_stop ON event_places(place, stop, day)")
    db.execute("CREATE INDEX event_places_by_event ON event_places(event)")
    db.execute("CREATE INDEX places_by_position ON places(lat, lon)")


def restat(db: sqlite3.Connection, places: Iterable[str] | None = None) -> None:
    """Count ``place_stats`` again from the mentions and events, for ``places`` or all: after a
    removal or a reader's decision (a save adds to the counts instead, ``_count``)."""
    where, args = "", ()
    if places is not None:
        where, args = "WHERE place IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(places))),)
    db.execute(f"DELETE FROM place_stats {where}", args)
    db.execute(
        "INSERT INTO place_stats SELECT place, count(DISTINCT article),"
        " count(DISTINCT article || char(31) || paragraph), 0, sum(confirmed), min(article)"
        f" FROM mentions {where} GROUP BY place",
        args,
    )
    db.execute(
        "UPDATE place_stats SET events = (SELECT count(*) FROM event_places e WHERE e.place = place_stats.place)"
        + where.replace("WHERE", " WHERE"),
        args,
    )


def _count(db: sqlite3.Connection, article_id: str, found: dict[str, list[int]], events: list[Event]) -> None:
    """Add one saved article to ``place_stats``: for each place it names (``found``: the paragraph
    of each mention, negative when unsure), one more article, its passages, events and sure mentions."""
    named = {place: 0 for event in events for place in event.places if place in found}
    for event in events:
        for place in dict.fromkeys(event.places):
            if place in named:
                named[place] += 1
    db.executemany(
        "INSERT INTO place_stats VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT(place) DO UPDATE SET articles = articles + 1,"
        " passages = passages + excluded.passages, events = events + excluded.events, sure = sure + excluded.sure",
        [
            (place, len({abs(p) for p in paragraphs}), named.get(place, 0), sum(p > 0 for p in paragraphs), article_id)
            for place, paragraphs in found.items()
        ],
    )


def article_words(title: str, outlet: str, author: str | None, date: str) -> str:
    """What a search for an article reads: its title, outlet, author and date, folded."""
    from geo.model.names import fold

    return fold(f"{title} {outlet} {author or ''} {date}")


def _event_days(db: sqlite3.Connection) -> None:
    """How many events start on each day and end on each last day (the date rule's ``stop``), kept
    by triggers as events come and go: the Timeline counts a range from these few thousand rows.
    Counting the events themselves walked every one that starts before the range's end (twenty
    million at a million articles, 9 s)."""
    db.execute(
        "CREATE TABLE event_days (day TEXT NOT NULL, stop TEXT NOT NULL, events INTEGER NOT NULL,"
        " PRIMARY KEY (day, stop)) WITHOUT ROWID"
    )
    db.execute("INSERT INTO event_days SELECT day, stop, count(*) FROM events GROUP BY day, stop")
    add = (
        "INSERT INTO event_days VALUES (new.day, new.stop, 1)"
        " ON CONFLICT (day, stop) DO UPDATE SET events = events + 1;"
    )
    take = (
        "UPDATE event_days SET events = events - 1 WHERE day = old.day AND stop = old.stop;"
        " DELETE FROM event_days WHERE day = old.day AND stop = old.stop AND events <= 0;"
    )
    db.execute(f"CREATE TRIGGER event_days_added AFTER INSERT ON events BEGIN {add} END")
    db.execute(f"CREATE TRIGGER event_days_removed AFTER DELETE ON events BEGIN {take} END")
    db.execute(f"CREATE TRIGGER event_days_moved AFTER UPDATE OF day, stop ON events BEGIN {take} {add} END")


#: The schema's steps since SCHEMA, in order, each applied once and named in ``migrations``.
MIGRATIONS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("articles-fingerprint", _fingerprints),
    ("mentions-confirmed", _mentions_confirmed),
    ("review-decisions", _decisions),
    ("review-indexes", _review_indexes),
    ("articles-language", _articles_language),
    ("store-columns", _store_columns),
    ("event-days", _event_days),
)


def _migrate(db: sqlite3.Connection) -> None:
    """Take a database to the current schema: the steps it lacks, with their names, in one transaction
    (two processes opening an old database at once apply them once; a step cut short leaves none)."""

    def due() -> list[tuple[str, Callable[[sqlite3.Connection], None]]]:
        done = {row[0] for row in db.execute("SELECT name FROM migrations")}
        return [(name, step) for name, step in MIGRATIONS if name not in done]

    if not due():
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        for name, step in due():
            step(db)
            db.execute("INSERT INTO migrations VALUES (?, ?)", (name, dt.datetime.now(dt.UTC).isoformat()))
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise


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


class ReadOnlyStorage(AtlasError):
    """The corpus is to be written where nothing can be: a read-only folder, mount or file."""


def _empty() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(SCHEMA)
    _migrate(db)
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
    except sqlite3.DatabaseError as exc:
        raise damaged(exc, path) from None


def damaged(exc: sqlite3.DatabaseError, path: Path | None = None) -> DataError:
    """Damage past the pages ``open_corpus`` reads shows only when a query reaches it: the one
    line naming the corpus file, for every reader (the CLI and the app catch it too). A full disk
    is not damage, and is named as what it is."""
    path = path or default_path()
    full = out_of_space(exc, path)
    return DataError(
        [Problem(str(path), 0, "-", f"no space left: {full}" if full else f"the corpus database is damaged: {exc}")]
    )


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
