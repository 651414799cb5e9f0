"""One query interface over the seed and the saved corpus: what the app's pages ask, each a query.

The app used to read the whole corpus into memory and answer from there (77 KB an article: 7.7 GB
at 100,000). Here every question is a query that reads what its answer needs: the places a date
range shows, one page of a place's articles, the counts a chart draws, the articles a search
matches. The server holds the answers it caches, of a fixed number, not the corpus.

``Store`` speaks the atlas's vocabulary (``places``, ``articles``, ``events`` as read-only
mappings, ``is_confirmed``, ``visible_places``, ``events_of`` …) so the views written for it read
the store unchanged; what the atlas answered by walking everything (``place_articles``, the
Timeline's events, the feed) is asked here as aggregates and pages.

The seed is read beside the corpus (``geo.store.seed``): every query reads ``seed.<table>``
then the corpus's (``main.<table>`` in SQLite, ``public.<table>`` on PostgreSQL), a saved
article whose id the seed took later shown as ``<id>-saved``
(``geo.atlas.saved_ids``). ``chosen`` narrows everything to some articles (the sidebar's filter).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from functools import cached_property, lru_cache
from pathlib import Path

from geo.atlas.atlas import Atlas
from geo.atlas.corpus import ARTICLE_FIELDS, Corpus, chunks, damaged, migrated, open_corpus
from geo.atlas.database import Database, Target, connect, is_url, shown
from geo.atlas.saved_ids import SUFFIX, shown_id
from geo.model.errors import DataError, Problem
from geo.model.fields import nfc
from geo.model.models import Article, Event, Mention, Passage, Place, known_last_day
from geo.model.names import fold
from geo.store.rows import Stats
from geo.store.seed import seed_file, write_seed_schema

#: Where the seed's tables and the corpus's are read: an SQLite corpus has the seed's database
#: attached as ``seed`` beside its own (``main``); on PostgreSQL the seed is a schema ``seed``
#: beside the corpus's tables in ``public``. Every query names them as ``{source}.table``.
SQLITE_SOURCES = ("seed", "main")
POSTGRES_SOURCES = ("seed", "public")
OPEN_START, OPEN_END = "0000-01-01", dt.date.max.isoformat()
#: Places in a view up to which the feed may read the newest events of each place and sort those
#: (``Store._newest_of_places``), and how many times the rows that reads may outnumber the events a
#: walk newest first would pass (``Store._by_place``): a walked event costs about six such rows (its
#: places asked whether they lie in view; 165 µs against 25 at a million articles).
EACH_PLACE_AT_MOST = 200
EACH_PLACE_GAIN = 6.0
#: Records kept at hand per store: a click reads a handful, a map a few thousand places.
CACHED = 8192
#: Articles naming a place past which its newest are found by walking the newest articles, at
#: most ``WALKED`` for each one wanted (``Store._newest_naming``).
BUSY, WALKED = 5_000, 100
#: Articles naming the shown areas past which a narrowed range keeps their whole-corpus counts.
RECOUNT = 50_000
#: SQLite's page cache for each of the store's connections, in KB (its default is 2 MB): a range's
#: places seek every place's events in one index, whose upper pages are then read once, not once
#: a place from the system's cache (0.4 s for 5,000 places at a million articles; 0.1 s with it).
READ_CACHE_KB = 32_768


class Store:
    """The seed and the saved corpus at ``target`` (a file or a server URL), read by query;
    ``chosen`` narrows to some articles."""

    def __init__(self, target: Target, seed: Atlas, seed_key: str, chosen: Iterable[str] | None = None):
        #: The SQLite file; None for a server.
        self.path = None if is_url(target) else Path(target)
        self.target: Target = self.path or str(target)
        self.sources = SQLITE_SOURCES if self.path else POSTGRES_SOURCES
        #: Where the corpus's own tables are read.
        self.main = self.sources[1]
        self.seed = seed
        self.seed_key = seed_key
        self.chosen = tuple(dict.fromkeys(chosen)) if chosen else None
        self.geometries = seed.geometries
        self._local = threading.local()
        # Each store keeps its own records at hand (a fixed number), gone with it at the next version.
        self.place = lru_cache(maxsize=CACHED)(self._place)
        self.article = lru_cache(maxsize=CACHED)(self._article)
        self.places = _Places(self)
        self.articles = _Articles(self)
        self.events = _Events(self)

    @classmethod
    def open(cls, data_dir: Path | str, target: Target | None = None, seed: Atlas | None = None) -> Store:
        """The store of a data folder's seed (``seed`` if loaded already) and the corpus (the
        default one, ``default_target``, unless given): what the CLI reads, as the app does."""
        from geo.atlas.atlas import load_atlas
        from geo.atlas.corpus import default_target

        root = Path(data_dir)
        seed = seed if seed is not None else load_atlas(root)
        return cls(target or default_target(), seed, seed_key(root))

    @classmethod
    def of(cls, atlas: Atlas) -> Store:
        """A store of an atlas alone, with no saved corpus: what the tests read a fixture through.

        Keyed by the atlas's records, so the same fixture reuses its seed database rather than
        leaving one more in the temporary folder at every call."""
        nowhere = Path(tempfile.gettempdir()) / "article-atlas-no-corpus" / "corpus.sqlite"
        records = hashlib.sha256()
        for group in (atlas.places, atlas.articles, atlas.events):
            for record in group.values():
                records.update(record.model_dump_json().encode())
        for record in (*atlas.references, *atlas.confirmed):
            records.update(record.model_dump_json().encode())
        return cls(nowhere, atlas, f"of:{records.hexdigest()}")

    # -- connections ---------------------------------------------------------------------------

    def _db(self) -> Database:
        """This thread's connection, the seed beside the corpus; a new one when the corpus file appears."""
        exists = self.path is None or (self.path.exists() and self.path.stat().st_size > 0)
        held = getattr(self._local, "db", None)
        if held is not None and held[0] == exists:
            return held[1]
        if exists:
            self._migrated()
        if self.path is None:
            write_seed_schema(self.target, self.seed, self.seed_key)
            db = open_corpus(self.target, read_only=True)
        else:
            db = open_corpus(self.path, read_only=True)
            db.execute(f"PRAGMA cache_size=-{READ_CACHE_KB}")
            db.execute("ATTACH DATABASE ? AS seed", (str(seed_file(self.seed, self.seed_key)),))
        self._local.db = (exists, db)
        return db

    def _migrated(self) -> None:
        """A corpus from before the store's columns, or any migration since (or a server's database
        with no corpus yet), is taken to them once, if it may be written."""
        # A file is opened as a corpus, which names one that is no database; a server's database
        # as it is, which may have no corpus tables yet.
        opened = connect(self.target, read_only=True) if self.path is None else open_corpus(self.path, read_only=True)
        with closing(opened) as db:
            ready = migrated(db)
        if ready:
            return
        try:
            Corpus(self.target)
        except DataError:
            raise
        except Exception as exc:  # read-only storage: say what it needs, once
            raise DataError(
                [Problem(str(self._name), 0, "-", f"this corpus needs the store's newest tables, written once: {exc}")]
            ) from None

    @contextmanager
    def snapshot(self) -> Iterator[Database]:
        """The seed and the corpus in one read transaction (a save landing meanwhile is wholly in
        or out), on this thread's connection, for an answer read a batch at a time
        (``Database.stream``): what the export reads."""
        db = self._db()
        db.begin()
        try:
            yield db
        finally:
            db.rollback()

    @property
    def _name(self) -> str:
        return str(self.path) if self.path else shown(str(self.target))

    def rows(self, sql: str, args: Sequence = ()) -> list[tuple]:
        try:
            return self._db().execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise damaged(exc, self.path) from None

    def whole_part(self, expression: str) -> str:
        """SQL for the whole part of a number that is never negative, as this backend writes it."""
        return self._db().whole_part(expression)

    def version(self) -> str:
        """Which state the store is in: the corpus's version and the seed's."""
        return f"{Corpus(self.target, read_only=True).version()}|{self.seed_key}"

    def narrowed(self, *, articles: Iterable[str] | None = None) -> Store:
        """The same store narrowed to some articles (the date range is each query's own), on the
        same connections: a server's are not opened again for each filter the sidebar sets."""
        narrow = Store(self.target, self.seed, self.seed_key, articles)
        narrow._local = self._local
        return narrow

    # -- ids: the seed's as they are, the saved ones shown as ``geo.atlas.saved_ids`` says ---------

    @cached_property
    def _seed_ids(self) -> frozenset[str]:
        return frozenset(self.seed.articles)

    def _shown(self, article_id: str, source: str) -> str:
        return article_id if source == "seed" else shown_id(article_id, self._seed_ids)

    def _stored(self, shown: str) -> tuple[str, str | None]:
        """(source, id as stored) for a shown article id; None when no source can hold it."""
        if shown in self._seed_ids:
            return "seed", shown
        if shown.endswith(SUFFIX) and shown.removesuffix(SUFFIX) in self._seed_ids:
            return self.main, shown.removesuffix(SUFFIX)
        return self.main, shown

    def _chosen_in(self, source: str, column: str) -> tuple[str, list[str]]:
        """A condition narrowing ``column`` (an article id) to the chosen articles of one source."""
        if self.chosen is None:
            return "TRUE", []
        ids = [stored for source_, stored in map(self._stored, self.chosen) if source_ == source and stored]
        if not ids:
            return "FALSE", []
        return f"{column} IN ({', '.join('?' * len(ids))})", ids

    # -- places --------------------------------------------------------------------------------

    def _place(self, place_id: str) -> Place | None:
        """One place by id: the curated record wins over a saved copy."""
        for source in self.sources:
            row = self.rows(f"SELECT record FROM {source}.places WHERE id = ?", (place_id,))
            if row:
                return Place.model_validate_json(row[0][0])
        return None

    @cached_property
    def chosen_places(self) -> frozenset[str] | None:
        """The places the chosen articles name or tie to an event; None when nothing is chosen."""
        if self.chosen is None:
            return None
        found: set[str] = set()
        for source in self.sources:
            where, ids = self._chosen_in(source, "article")
            found.update(r[0] for r in self.rows(f"SELECT place FROM {source}.mentions WHERE {where}", ids))
            found.update(
                r[0]
                for r in self.rows(
                    f"SELECT ep.place FROM {source}.event_places ep JOIN {source}.events e ON e.id = ep.event"
                    f" WHERE {where.replace('article', 'e.article')}",
                    ids,
                )
            )
        return frozenset(found)

    def _place_ids(self) -> Iterator[str]:
        """Every place's id, the seed's first, then the saved ones in the order saved."""
        chosen = self.chosen_places
        for (pid,) in self.rows("SELECT id FROM seed.places ORDER BY rowid"):
            if chosen is None or pid in chosen:
                yield pid
        for (pid,) in self.rows(
            f"SELECT id FROM {self.main}.places WHERE id NOT IN (SELECT id FROM seed.places) ORDER BY rowid"
        ):
            if chosen is None or pid in chosen:
                yield pid

    def _has_place(self, place_id: str) -> bool:
        if self.chosen_places is not None:
            return place_id in self.chosen_places
        return self.place(place_id) is not None

    def place_records(self, ids: Iterable[str]) -> list[Place]:
        """The places of ``ids`` in that order (unknown ones left out), read in batches."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Place] = {}
        for start in range(0, len(wanted), 500):
            batch = [pid for pid in wanted[start : start + 500] if pid not in found]
            marks = ", ".join("?" * len(batch))
            for source in reversed(self.sources):  # the seed's last: it wins
                for pid, record in self.rows(f"SELECT id, record FROM {source}.places WHERE id IN ({marks})", batch):
                    found[pid] = Place.model_validate_json(record)
        return [found[pid] for pid in wanted if pid in found]

    def stats(self, ids: Iterable[str]) -> dict[str, Stats]:
        """``Stats`` of each place (seed and saved counts added), for the chosen articles if any."""
        wanted = list(dict.fromkeys(ids))
        if self.chosen is not None:
            return self._chosen_stats(wanted)
        found: dict[str, Stats] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ", ".join("?" * len(batch))
            for source in self.sources:
                for pid, *counts in self.rows(
                    f"SELECT place, articles, passages, events, sure, first FROM {source}.place_stats"
                    f" WHERE place IN ({marks})",
                    batch,
                ):
                    counts[-1] = self._shown(counts[-1], source)
                    if pid in found:
                        old = found[pid]
                        counts = [a + b for a, b in zip(old[:4], counts[:4], strict=True)] + [old.first]
                    found[pid] = Stats(*counts)
        return found

    def _chosen_stats(self, wanted: list[str]) -> dict[str, Stats]:
        """The counts over the chosen articles alone: few, so counted from their mentions and events."""
        articles: dict[str, dict[str, None]] = {}
        passages: dict[str, set] = {}
        sure: dict[str, int] = {}
        events: dict[str, int] = {}
        keep = set(wanted)
        for source in self.sources:
            where, ids = self._chosen_in(source, "article")
            for article, place, paragraph, confirmed in self.rows(
                f"SELECT article, place, paragraph, confirmed FROM {source}.mentions WHERE {where} ORDER BY rowid", ids
            ):
                if place in keep:
                    articles.setdefault(place, {})[self._shown(article, source)] = None
                    passages.setdefault(place, set()).add((article, paragraph))
                    sure[place] = sure.get(place, 0) + confirmed
            for place, article in self.rows(
                f"SELECT ep.place, e.article FROM {source}.event_places ep JOIN {source}.events e ON e.id = ep.event"
                f" WHERE {where.replace('article', 'e.article')}",
                ids,
            ):
                if place in keep:
                    articles.setdefault(place, {})[self._shown(article, source)] = None
                    events[place] = events.get(place, 0) + 1
        return {
            pid: Stats(len(named), len(passages.get(pid, ())), events.get(pid, 0), sure.get(pid, 0), next(iter(named)))
            for pid, named in articles.items()
        }

    def naming_counts(self, ids: Iterable[str], start: dt.date | None, end: dt.date | None) -> dict[str, int]:
        """How many of the articles the range shows name each place: those with an event in the
        range (``Event.overlaps``) and those with no event at all. Over the whole span that is every
        article, the count kept per place; a narrower range counts each place's articles again,
        unless they are more than ``RECOUNT`` in all, when the kept counts stand (a range over a
        capital's hundred thousand articles would read them all)."""
        stats = self.stats(ids)
        span = self.date_span()
        whole = span is None or ((start is None or start <= span[0]) and (end is None or end >= span[1]))
        if whole or sum(s.articles for s in stats.values()) > RECOUNT:
            return {pid: s.articles for pid, s in stats.items() if s.articles}
        rule, days = overlapping("e", start, end)
        counts: dict[str, int] = {}
        wanted = list(stats)
        for batch, marks in chunks(wanted):
            for source in self.sources:
                where, chosen = self._chosen_in(source, "m.article")
                for pid, count in self.rows(
                    f"SELECT m.place, count(DISTINCT m.article) FROM {source}.mentions m"
                    f" WHERE m.place IN {marks} AND {where} AND"
                    f" (NOT EXISTS (SELECT 1 FROM {source}.events e WHERE e.article = m.article) OR EXISTS"
                    f" (SELECT 1 FROM {source}.events e WHERE e.article = m.article AND {rule}))"
                    " GROUP BY m.place",
                    [*batch, *chosen, *days],
                ):
                    counts[pid] = counts.get(pid, 0) + count
        return {pid: counts[pid] for pid in wanted if counts.get(pid)}

    def place_articles_count(self, place_id: str) -> int:
        stats = self.stats([place_id]).get(place_id)
        return stats.articles if stats else 0

    @cached_property
    def _unconfirmed(self) -> frozenset[str]:
        """The saved places none of whose mentions is sure (the review queue's), read once a version."""
        return frozenset(r[0] for r in self.rows(f"{self.unsure()} AND place NOT IN (SELECT id FROM seed.places)"))

    def unsure(self) -> str:
        """The saved places none of whose mentions is sure, as a query of ids (a curated place
        among them is sure all the same): the one rule ``is_confirmed`` and the map's queries read."""
        return f"SELECT place FROM {self.main}.place_stats WHERE sure = 0"

    def is_confirmed(self, place_id: str) -> bool:
        """Whether the map may draw a place as a fact: curated, or one of its saved mentions is sure."""
        return place_id not in self._unconfirmed

    def kinds(self, ids: Iterable[str]) -> dict[str, str]:
        """Each place's kind, read from its column, not its record."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ", ".join("?" * len(batch))
            for source in reversed(self.sources):
                found.update(self.rows(f"SELECT id, kind FROM {source}.places WHERE id IN ({marks})", batch))
        return found

    def find(self, query: str) -> list[Place]:
        """The places one of whose names is the query, spelling and accents aside."""
        needle = fold(nfc(query.strip()))
        if not needle or "\n" in needle:
            return []
        return self._matching(f"%\n{_like(needle)}\n%")

    def search(self, query: str) -> list[Place]:
        """Places any of whose names contains the query, spelling and accents aside."""
        needle = fold(nfc(query.strip()))
        if "\n" in needle:
            return []
        return self._matching(f"%{_like(needle)}%")

    def _matching(self, pattern: str) -> list[Place]:
        ids: dict[str, None] = {}
        for source in self.sources:
            for (pid,) in self.rows(
                f"SELECT id FROM {source}.places WHERE names LIKE ? ESCAPE '\\' ORDER BY rowid", (pattern,)
            ):
                ids[pid] = None
        chosen = self.chosen_places
        return self.place_records(pid for pid in ids if chosen is None or pid in chosen)

    # -- the date rule ---------------------------------------------------------------------------

    def _events_of_chosen(self, source: str) -> tuple[str, list[str]]:
        where, ids = self._chosen_in(source, "article")
        if self.chosen is None:
            return "", []
        return f" AND ep.event IN (SELECT id FROM {source}.events WHERE {where})", ids

    def visible_rule(self, start: dt.date | None, end: dt.date | None) -> tuple[str, list[str]]:
        """The date rule (``geo.model.models.visible``) as a condition on a place row ``p`` of any
        source, and its arguments: a place is hidden only when events name it and none of them
        overlaps [start, end]. The map's queries (``geo.store.grid``) ask it here too.

        Each place is asked in a few steps down ``event_places_by_stop`` (place, stop, day), one
        for each band an overlapping event's ``stop`` can lie in (``overlapping_bands``): the rule
        as one condition walked every event of a place from the range's start on, all the newer
        ones for a place that had none in the range (0.5 s at a million articles)."""
        dated, overlaps_any, args_dated, args_overlap = [], [], [], []
        for source in self.sources:
            narrow, ids = self._events_of_chosen(source)
            dated.append(f"EXISTS (SELECT 1 FROM {source}.event_places ep WHERE ep.place = p.id{narrow})")
            args_dated += ids
            for band, days in overlapping_bands("ep", start, end, self._reach(source, end)):
                overlaps_any.append(
                    f"EXISTS (SELECT 1 FROM {source}.event_places ep WHERE ep.place = p.id AND {band}{narrow})"
                )
                args_overlap += [*days, *ids]
        return f"({' OR '.join(overlaps_any)} OR NOT ({' OR '.join(dated)}))", args_overlap + args_dated

    def visible_places(self, start: dt.date | None, end: dt.date | None) -> tuple[str, ...]:
        """The places the date rule (``visible_rule``) keeps, in the atlas's order."""
        rule, args = self.visible_rule(start, end)
        kept: set[str] = set()
        for source in self.sources:
            other = " AND p.id NOT IN (SELECT id FROM seed.places)" if source != "seed" else ""
            kept.update(r[0] for r in self.rows(f"SELECT p.id FROM {source}.places p WHERE {rule}{other}", args))
        return tuple(pid for pid in self._place_ids() if pid in kept)

    def _reach(self, source: str, end: dt.date | None) -> str | None:
        """The latest day a closed event of ``source`` that starts by ``end`` and stops after it
        stops on (None: there is none): from ``event_days``, a row per first and last day, for the
        saved corpus; from the few events of the seed."""
        if end is None:
            return None
        table = f"{source}.event_days" if source == self.main else f"{source}.events"
        day = end.isoformat()
        return self.rows(
            f"SELECT max(stop) FROM {table} WHERE day <= ? AND stop > ? AND stop < ?", (day, day, OPEN_END)
        )[0][0]

    def is_visible(self, place_id: str, start: dt.date | None, end: dt.date | None) -> bool:
        return place_id in self.visible_places(start, end) if self._has_place(place_id) else False

    def date_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day any event covers, as far as its article knows."""
        firsts, lasts = [], []
        for source in self.sources:
            where, ids = self._chosen_in(source, "article")
            # Two subqueries, not min() and max() in one: each alone is one step down its index,
            # together they scan every event (20 s at a million articles).
            first, last = self.rows(
                f"SELECT (SELECT min(day) FROM {source}.events WHERE {where}),"
                f" (SELECT max(last) FROM {source}.events WHERE {where})",
                ids + ids,
            )[0]
            if first:
                firsts.append(first)
                lasts.append(last)
        if not firsts:
            return None
        return dt.date.fromisoformat(min(firsts)), dt.date.fromisoformat(max(lasts))

    def last_known_day(self, event: Event) -> dt.date:
        return known_last_day(event, self.articles[event.article].date)

    # -- events ---------------------------------------------------------------------------------

    def _events(self, sql: str, args: Sequence, source: str) -> list[Event]:
        return [self._event(record, source) for (record,) in self.rows(sql, args)]

    def _event(self, record: str, source: str) -> Event:
        event = Event.model_validate_json(record)
        shown = self._shown(event.article, source)
        return event if shown == event.article else event.model_copy(update={"article": shown})

    def events_of(self, place_id: str, limit: int | None = None) -> list[Event]:
        """The events a place is tied to, earliest first, then by id (the latest ``limit`` if given)."""
        found: list[Event] = []
        for source in self.sources:
            where, ids = self._chosen_in(source, "e.article")
            found += self._events(
                f"SELECT e.record FROM {source}.event_places ep JOIN {source}.events e ON e.id = ep.event"
                f" WHERE ep.place = ? AND {where} ORDER BY ep.day DESC, ep.event DESC"
                + (f" LIMIT {int(limit)}" if limit else ""),
                [place_id, *ids],
                source,
            )
        found.sort(key=lambda e: (e.date_start, e.id))
        return found[-limit:] if limit else found

    def event_count(self, place_id: str, start: dt.date | None = None, end: dt.date | None = None) -> int:
        """How many events tie a place to [start, end] (all of them without a range)."""
        rule, days = overlapping("ep", start, end)
        total = 0
        for source in self.sources:
            narrow, ids = self._events_of_chosen(source)
            total += self.rows(
                f"SELECT count(*) FROM {source}.event_places ep WHERE ep.place = ? AND {rule}{narrow}",
                [place_id, *days, *ids],
            )[0][0]
        return total

    def events_in_range(self, start: dt.date | None, end: dt.date | None) -> list[Event]:
        """The events the range lets through (``Event.overlaps``), earliest first. Reads each one:
        for counting, ``event_counts`` answers in the query."""
        rule, days = overlapping("e", start, end)
        found: list[Event] = []
        for source in self.sources:
            where, ids = self._chosen_in(source, "article")
            found += self._events(
                f"SELECT record FROM {source}.events e WHERE {rule} AND {where}",
                [*days, *ids],
                source,
            )
        return sorted(found, key=lambda e: (e.date_start, e.id))

    def event_counts(
        self, start: dt.date | None, end: dt.date | None, detail: int
    ) -> tuple[list[tuple[dt.date, int]], list[tuple[dt.date, str, int]] | None]:
        """The events the range lets through (``Event.overlaps``) counted per first day, and — when
        there are at most ``detail`` of them — per first day and article; None past it. The saved
        corpus's are counted from ``event_days`` (a few rows a day), not its events."""
        rule, bounds = overlapping("e", start, end)
        kept, kept_bounds = overlapping("d", start, end)
        days: dict[str, int] = {}
        for source in self.sources:
            where, ids = self._chosen_in(source, "article")
            if source == self.main and self.chosen is None:
                sql, args = (
                    f"SELECT d.day, sum(d.events) FROM {source}.event_days d WHERE {kept} GROUP BY d.day",
                    kept_bounds,
                )
            else:
                sql = f"SELECT day, count(*) FROM {source}.events e WHERE {rule} AND {where} GROUP BY day"
                args = [*bounds, *ids]
            for day, count in self.rows(sql, args):
                days[day] = days.get(day, 0) + count
        per_day = [(dt.date.fromisoformat(d), n) for d, n in sorted(days.items())]
        if sum(days.values()) > detail:
            return per_day, None
        per_article = []
        marks = ", ".join("?" * len(days))  # the days that have any: one index step each
        for source in self.sources:
            where, ids = self._chosen_in(source, "article")
            per_article += [
                (dt.date.fromisoformat(day), self._shown(article, source), count)
                for day, article, count in self.rows(
                    f"SELECT day, article, count(*) FROM {source}.events e WHERE e.day IN ({marks}) AND {rule}"
                    f" AND {where} GROUP BY day, article",
                    [*days, *bounds, *ids],
                )
            ]
        return per_day, per_article

    # -- articles and passages ------------------------------------------------------------------

    def _article(self, article_id: str) -> Article | None:
        source, stored = self._stored(article_id)
        if stored is None:
            return None
        row = self.rows(f"SELECT {ARTICLE_FIELDS} FROM {source}.articles WHERE id = ?", (stored,))
        if not row:
            return None
        fields = dict(zip(ARTICLE_FIELDS.split(", "), row[0], strict=True))
        fields["id"] = article_id
        return Article(**fields)

    def article_ids(self) -> Iterator[str]:
        if self.chosen is not None:
            yield from (a for a in self.chosen if self.article(a) is not None)
            return
        for source in self.sources:
            for (aid,) in self.rows(f"SELECT id FROM {source}.articles ORDER BY rowid"):
                yield self._shown(aid, source)

    def article_count(self) -> int:
        return self._article_count

    @cached_property
    def _article_count(self) -> int:
        """Counted once a store (one corpus version): every page's header asks, and a million
        articles take a walk of a whole index to count."""
        if self.chosen is not None:
            return sum(1 for _ in self.article_ids())
        return sum(self.rows(f"SELECT count(*) FROM {s}.articles")[0][0] for s in self.sources)

    def _more_than(self, limit: int) -> bool:
        """Whether there are more than ``limit`` articles, reading no more than that many."""
        if self.chosen is not None or "_article_count" in self.__dict__:
            return self.article_count() > limit
        found = sum(
            self.rows(f"SELECT count(*) FROM (SELECT 1 FROM {s}.articles LIMIT ?) AS few", (limit + 1,))[0][0]
            for s in self.sources
        )
        return found > limit

    def newest_articles(self, words: Sequence[str] = (), limit: int = 50) -> list[str]:
        """The articles holding every word (title, outlet, author, date; spelling and accents aside),
        newest first, at most ``limit``: the sidebar's search, answered by an index walk."""
        found: list[tuple[str, str]] = []
        for source in self.sources:
            where = " AND ".join(["TRUE", *("words LIKE ? ESCAPE '\\'" for _ in words)])
            found += [
                (date, self._shown(aid, source))
                for date, aid in self.rows(
                    f"SELECT date, id FROM {source}.articles WHERE {where} ORDER BY date DESC, id DESC LIMIT ?",
                    [*(f"%{_like(w)}%" for w in words), limit],
                )
            ]
        found.sort(reverse=True)
        return [aid for _, aid in found[:limit]]

    def articles_naming(self, place_id: str) -> list[str]:
        """The articles that name a place, newest first (then by id)."""
        return list(self.naming(place_id, "name"))

    def naming(self, place_id: str, how: str) -> _Naming:
        """The articles whose mentions of a place are ``how`` ("name": by its own name, "part":
        inside another place's name), newest first, read a page at a time."""
        return _Naming(self, place_id, how)

    def _naming_rows(self, place_id: str, how: str, offset: int, limit: int) -> list[str]:
        rows: list[tuple[str, str]] = []
        for source in self.sources:
            kind = "how = 'part'" if how == "part" else "how != 'part'" if source == "seed" else "TRUE"
            if source != "seed" and how == "part":
                continue
            where, ids = self._chosen_in(source, "m.article")
            naming = f"SELECT m.article FROM {source}.mentions m WHERE m.place = ? AND {kind} AND {where}"
            found = self._newest_naming(source, place_id, naming, offset + limit) if source == self.main else None
            if found is None:
                found = self.rows(
                    f"SELECT a.date, a.id FROM {source}.articles a WHERE a.id IN ({naming})"
                    " ORDER BY a.date DESC, a.id DESC LIMIT ?",
                    [place_id, *ids, limit + offset],
                )
            rows += [(date, self._shown(aid, source)) for date, aid in found]
        rows.sort(reverse=True)
        return [aid for _, aid in rows[offset : offset + limit]]

    def _newest_naming(self, source: str, place_id: str, naming: str, wanted: int) -> list[tuple] | None:
        """The newest ``wanted`` articles naming a place that many articles name (a country named
        by a hundred thousand of a million), found by walking the newest saved articles (at most
        ``WALKED`` times as many as wanted) instead of sorting all of the place's; None when the
        place is not that busy, or the walk ends short of them."""
        if self.chosen is not None:
            return None
        rows = self.rows(f"SELECT articles FROM {source}.place_stats WHERE place = ?", (place_id,))
        if not rows or rows[0][0] < BUSY:
            return None
        found = self.rows(
            f"SELECT a.date, a.id FROM (SELECT date, id FROM {source}.articles ORDER BY date DESC, id DESC LIMIT ?) a"
            f" WHERE EXISTS ({naming} AND m.article = a.id) ORDER BY a.date DESC, a.id DESC LIMIT ?",
            [wanted * WALKED, place_id, wanted],
        )
        return found if len(found) == wanted else None

    def _naming_count(self, place_id: str, how: str) -> int:
        if self.chosen is None and how == "name":
            rows = self.rows(f"SELECT articles FROM {self.main}.place_stats WHERE place = ?", (place_id,))
            seed = self.rows(
                "SELECT count(DISTINCT article) FROM seed.mentions WHERE place = ? AND how != 'part'", (place_id,)
            )
            return (rows[0][0] if rows else 0) + seed[0][0]
        total = 0
        for source in self.sources:
            if source != "seed" and how == "part":
                continue
            kind = "how = 'part'" if how == "part" else "how != 'part'" if source == "seed" else "TRUE"
            where, ids = self._chosen_in(source, "article")
            total += self.rows(
                f"SELECT count(DISTINCT article) FROM {source}.mentions WHERE place = ? AND {kind} AND {where}",
                [place_id, *ids],
            )[0][0]
        return total

    def mentions(self, place_id: str, article_id: str, how: str | None = "name") -> list[Mention]:
        """One article's mentions of a place: by its own name, inside another's (``how``), or all (None)."""
        source, stored = self._stored(article_id)
        if stored is None:
            return []
        kind = "TRUE" if how is None or source != "seed" else "how = 'part'" if how == "part" else "how != 'part'"
        if source != "seed" and how == "part":
            return []
        return self._mentions(source, article_id, f"place = ? AND article = ? AND {kind}", (place_id, stored))

    def mentions_in(self, article_id: str, paragraph: int) -> list[Mention]:
        """The mentions of one paragraph, in reading order."""
        source, stored = self._stored(article_id)
        return self._mentions(source, article_id, "article = ? AND paragraph = ?", (stored, paragraph))

    def _mentions(self, source: str, article_id: str, where: str, args: Sequence) -> list[Mention]:
        """One article's mentions that ``where`` picks, in reading order (the seed's know how they
        name their place; a saved one names it by its name)."""
        extra = "how, reason" if source == "seed" else "'name', ''"
        return [
            Mention(
                place=place,
                article=article_id,
                paragraph=paragraph,
                start=start,
                end=end,
                text=text,
                how=how,
                reason=reason,
                confirmed=bool(confirmed),
            )
            for place, paragraph, start, end, text, confirmed, how, reason in self.rows(
                f'SELECT place, paragraph, start, "end", text, confirmed, {extra} FROM {source}.mentions'
                f' WHERE {where} ORDER BY paragraph, start, "end" DESC',
                args,
            )
        ]

    def places_named_by(self, article_id: str) -> set[str]:
        """The places an article speaks of, by its mentions and its events."""
        source, stored = self._stored(article_id)
        named = {r[0] for r in self.rows(f"SELECT DISTINCT place FROM {source}.mentions WHERE article = ?", (stored,))}
        named |= {
            r[0]
            for r in self.rows(
                f"SELECT ep.place FROM {source}.event_places ep JOIN {source}.events e ON e.id = ep.event"
                " WHERE e.article = ?",
                (stored,),
            )
        }
        return named

    def places_of(self, article_ids: Iterable[str]) -> list[Place]:
        named: set[str] = set()
        for article in article_ids:
            named |= self.places_named_by(article)
        return [p for p in self.place_records(self._place_ids()) if p.id in named]

    def passages(self, place_id: str, articles: Iterable[str] | None = None) -> list[Passage]:
        """The paragraphs that speak of a place, spans merged, newest article first."""
        if articles is None:
            wanted = list(dict.fromkeys([*self.naming(place_id, "name"), *self.naming(place_id, "part")]))
        else:
            wanted = list(articles)
        found = []
        for article_id in wanted:
            article = self.article(article_id)
            if article is None:
                continue
            by_paragraph: dict[int, set] = {}
            sure: set[int] = set()
            for m in self.mentions(place_id, article_id, None):
                by_paragraph.setdefault(m.paragraph, set()).add((m.start, m.end))
                if m.confirmed:
                    sure.add(m.paragraph)
            texts = article.paragraphs
            found += [
                Passage(article=article_id, paragraph=n, text=texts[n - 1], spans=tuple(sorted(s)), confirmed=n in sure)
                for n, s in sorted(by_paragraph.items())
            ]
        return found

    # -- the corpus in a line, colours, the feed --------------------------------------------------

    def summary(self) -> tuple[int, int, str, dt.date, dt.date] | None:
        """(articles, outlets, the outlet if only one, first date, last date); None with no article."""
        count = self.article_count()
        if not count:
            return None
        if self.chosen is not None:
            articles = [self.articles[a] for a in self.article_ids()]
            outlets = sorted({a.outlet for a in articles})
            days = [a.date for a in articles]
            return count, len(outlets), outlets[0], min(days), max(days)
        outlets = sorted(set(self._outlets("seed")) | set(self._outlets(self.main)))
        spans = [
            self.rows(f"SELECT (SELECT min(date) FROM {s}.articles), (SELECT max(date) FROM {s}.articles)")[0]
            for s in self.sources
        ]
        firsts = [f for f, _ in spans if f]
        lasts = [last for _, last in spans if last]
        return count, len(outlets), outlets[0], dt.date.fromisoformat(min(firsts)), dt.date.fromisoformat(max(lasts))

    def _outlets(self, source: str) -> Iterator[str]:
        """A source's outlets, one step down the outlet index each: a million articles from a few
        outlets are not read to count them."""
        outlet = ""
        while True:
            (outlet,) = self.rows(f"SELECT min(outlet) FROM {source}.articles WHERE outlet > ?", (outlet,))[0]
            if outlet is None:
                return
            yield outlet

    def oldest_first(self, limit: int) -> list[str] | None:
        """Every article's id, oldest first (then by id); None when there are more than ``limit``."""
        if self._more_than(limit):
            return None
        if self.chosen is not None:
            return sorted(self.article_ids(), key=lambda a: (self.articles[a].date, a))
        found = []
        for source in self.sources:
            found += [(d, self._shown(a, source)) for d, a in self.rows(f"SELECT date, id FROM {source}.articles")]
        return [a for _, a in sorted(found)]

    def feed_rows(
        self, bounds: tuple[float, float, float, float] | None, start: dt.date | None, end: dt.date | None, count: int
    ) -> list[tuple[dt.date, dt.date, str, Event | None]]:
        """The newest ``count`` items naming a place in ``bounds`` (south, west, north, east; a view
        across 180° is two) in the range: (last day, first day, article, event or None), newest
        first. An article that reports no dated event is one item on its date."""
        rule, days = overlapping("e", start, end)
        kept, kept_days = overlapping("d", start, end)
        low, high = _days(start, end)
        inside, box = within(bounds)
        items: list[tuple[dt.date, dt.date, str, Event | None]] = []
        places = self._by_place(inside, box, count) if self.chosen is None and bounds is not None else None
        few = places is None and self.chosen is None and bounds is not None and self._few_in_view(inside, box, count)
        for source in self.sources if places is None else ():
            where, ids = self._chosen_in(source, "e.article")
            in_view = " OR ".join(
                f"EXISTS (SELECT 1 FROM {s}.places p WHERE p.id = ep.place AND {inside})" for s in self.sources
            )
            viewed = f"EXISTS (SELECT 1 FROM {source}.event_places ep WHERE ep.event = e.id AND ({in_view}))"
            if source == self.main and few:
                # A view whose places name few events: those events, read by place and sorted.
                sql = (
                    f"SELECT e.last, e.day, e.article, e.record FROM {source}.events e WHERE e.id IN"
                    f" (SELECT ep.event FROM {source}.event_places ep WHERE {overlapping('ep', start, end)[0]}"
                    f" AND ep.place IN ({self._ids_inside(inside)}))"
                    " ORDER BY e.last DESC, e.day DESC, e.article DESC, e.id DESC LIMIT ?"
                )
                args = [*days, *(box * len(self.sources)), count]
            elif source == self.main and self.chosen is None:
                # From the newest (last, first day) pair ``event_days`` has in the range to the
                # events of each, by ``events_by_last``: the pairs after the range are a few rows
                # each, where their events were read one by one (20 million at a million articles).
                # ``|| ''`` keeps SQLite from carrying the range's ends over to ``e.day`` and
                # ``e.stop`` and seeking a whole day's events by them instead of by the pair.
                sql = (
                    f"SELECT e.last, e.day, e.article, e.record FROM {source}.event_days d CROSS JOIN {source}.events e"
                    f" WHERE {kept} AND e.last = d.last AND e.day = d.day || '' AND e.stop = d.stop || ''"
                    f" AND {viewed}"
                    " ORDER BY d.last DESC, d.day DESC, e.article DESC, e.id DESC LIMIT ?"
                )
                args = [*kept_days, *box, *box, count]
            else:
                sql = (
                    f"SELECT e.last, e.day, e.article, e.record FROM {source}.events e WHERE {rule} AND {where}"
                    f" AND {viewed} ORDER BY e.last DESC, e.day DESC, e.article DESC, e.id DESC LIMIT ?"
                )
                args = [*days, *ids, *box, *box, count]
            for last, first, article, record in self.rows(sql, args):
                shown = self._shown(article, source)
                items.append(
                    (dt.date.fromisoformat(last), dt.date.fromisoformat(first), shown, self._event(record, source))
                )
        if places is not None:
            items += self._newest_of_places(places, start, end, count)
        items.sort(key=_newest, reverse=True)
        # An article with no event comes in on its date: once ``count`` events are found, only the
        # articles from the last one's day on can be among the newest, so only those are walked
        # (a million articles' every date otherwise, each asked whether it has an event).
        since = max(low, items[count - 1][0].isoformat()) if len(items) >= count else low
        for source in self.sources:
            where, ids = self._chosen_in(source, "a.id")
            in_view = " OR ".join(
                f"EXISTS (SELECT 1 FROM {s}.places p WHERE p.id = m.place AND {inside})" for s in self.sources
            )
            for day, article in self.rows(
                f"SELECT a.date, a.id FROM {source}.articles a WHERE a.date >= ? AND a.date <= ? AND {where}"
                f" AND NOT EXISTS (SELECT 1 FROM {source}.events e WHERE e.article = a.id)"
                f" AND EXISTS (SELECT 1 FROM {source}.mentions m WHERE m.article = a.id AND ({in_view}))"
                " ORDER BY a.date DESC, a.id DESC LIMIT ?",
                [since, high, *ids, *box, *box, count],
            ):
                date = dt.date.fromisoformat(day)
                items.append((date, date, self._shown(article, source), None))
        items.sort(key=_newest, reverse=True)
        return items[:count]

    def _by_place(self, inside: str, box: list[float], count: int) -> list[str] | None:
        """The places of any source in a view (``within``'s ``inside`` and ``box``) when the feed
        reads its events faster place by place than by walking every event newest first; else None.
        Place by place reads each place's events still going on and ``count`` ended ones; the walk
        passes about ``count`` × all events ÷ the view's events before it has ``count``. Both counted
        from the index and ``place_stats``, for at most ``EACH_PLACE_AT_MOST`` places."""
        found = self.rows(f"{self._ids_inside(inside)} LIMIT ?", [*box * len(self.sources), EACH_PLACE_AT_MOST + 1])
        if len(found) > EACH_PLACE_AT_MOST:
            return None
        places = [place for (place,) in found]
        going = viewed = 0
        for ids, marks in chunks(places):
            going += self.rows(
                f"SELECT count(*) FROM {self.main}.event_places WHERE place IN {marks} AND stop = ?", [*ids, OPEN_END]
            )[0][0]
            viewed += self.rows(
                f"SELECT coalesce(sum(events), 0) FROM {self.main}.place_stats WHERE place IN {marks}", ids
            )[0][0]
        return places if (going + len(places) * count) * viewed <= EACH_PLACE_GAIN * count * self._pairs else None

    def _newest_of_places(
        self, places: list[str], start: dt.date | None, end: dt.date | None, count: int
    ) -> list[tuple[dt.date, dt.date, str, Event | None]]:
        """The newest ``count`` events of each source in the range naming any of ``places``, as
        ``feed_rows`` gives them, read place by place down ``event_places_by_stop``: an event that
        has ended has its last day as its ``stop``, so a place's newest ``count`` of those are the
        first rows there (with any tied with the last of them: the feed breaks ties by article and
        id, which the index does not hold); an event still going on (``stop`` open) is ordered by
        the last day its article knows, which only its own row says, so each is read. Then all are
        sorted: every event among the newest of all is among the newest of a place it names."""
        rule, days = overlapping("ep", start, end)
        items = []
        for source in self.sources:
            events: set[str] = set()
            for place in places:
                ended = self.rows(
                    f"SELECT ep.stop, ep.day, ep.event FROM {source}.event_places ep WHERE ep.place = ?"
                    f" AND ep.stop < ? AND {rule} ORDER BY ep.stop DESC, ep.day DESC LIMIT ?",
                    [place, OPEN_END, *days, count],
                )
                events.update(event for *_, event in ended)
                if len(ended) == count:
                    stop, day, _ = ended[-1]
                    tied = self.rows(
                        f"SELECT ep.event FROM {source}.event_places ep WHERE ep.place = ? AND ep.stop = ?"
                        f" AND ep.day = ? AND {rule}",
                        [place, stop, day, *days],
                    )
                    events.update(event for (event,) in tied)
                going = self.rows(
                    f"SELECT ep.event FROM {source}.event_places ep WHERE ep.place = ? AND ep.stop = ? AND {rule}",
                    [place, OPEN_END, *days],
                )
                events.update(event for (event,) in going)
            newest: list[tuple[str, str, str, str]] = []
            for ids, marks in chunks(events):
                newest += self.rows(
                    f"SELECT e.last, e.day, e.article, e.id FROM {source}.events e WHERE e.id IN {marks}", ids
                )
            newest = sorted(newest, reverse=True)[:count]
            records: dict[str, str] = {}
            for ids, marks in chunks(row[3] for row in newest):
                records.update(self.rows(f"SELECT e.id, e.record FROM {source}.events e WHERE e.id IN {marks}", ids))
            items += [
                (
                    dt.date.fromisoformat(last),
                    dt.date.fromisoformat(day),
                    self._shown(article, source),
                    self._event(records[event], source),
                )
                for last, day, article, event in newest
            ]
        return items

    def _few_in_view(self, inside: str, box: list[float], count: int) -> bool:
        """Whether the feed reads a view's events (``within``'s ``inside`` and ``box``) faster by
        its places than by walking every event newest first: the walk passes about ``count`` × all
        events ÷ the view's events before it has ``count``, the read by place reads the view's
        events once. Both counted as (event, place) pairs, from ``place_stats``."""
        (viewed,) = self.rows(
            f"SELECT coalesce(sum(events), 0) FROM {self.main}.place_stats WHERE place IN ({self._ids_inside(inside)})",
            box * len(self.sources),
        )[0]
        return viewed * viewed < count * self._pairs

    @cached_property
    def _pairs(self) -> int:
        """The corpus's (event, place) pairs, from ``place_stats``: what the feed's choice of way
        weighs a view's against. Summed once per store, which is one version of the corpus."""
        return self.rows(f"SELECT coalesce(sum(events), 0) FROM {self.main}.place_stats")[0][0]

    def _ids_inside(self, inside: str) -> str:
        """A query of the ids of the places of any source that lie in a view (``within``'s
        ``inside``; its ``box`` is asked once per source)."""
        return " UNION ".join(f"SELECT p.id FROM {s}.places p WHERE {inside}" for s in self.sources)

    def in_bounds(self, ids: Iterable[str], bounds: tuple[float, float, float, float] | None) -> set[str]:
        """Which of the places lie in ``bounds`` (by their representative point)."""
        wanted = list(dict.fromkeys(ids))
        if bounds is None:
            return set(wanted)
        inside, box = within(bounds)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ", ".join("?" * len(batch))
            for source in self.sources:
                found.update(
                    r[0]
                    for r in self.rows(
                        f"SELECT p.id FROM {source}.places p WHERE p.id IN ({marks}) AND {inside}", [*batch, *box]
                    )
                )
        return found


def _newest(item: tuple[dt.date, dt.date, str, Event | None]) -> tuple:
    """How the feed orders its items, newest first when reversed."""
    last, first, article, event = item
    return last, first, article, event.id if event else ""


def overlapping(alias: str, start: dt.date | None, end: dt.date | None) -> tuple[str, list[str]]:
    """The date rule (``geo.model.models.overlaps``) as SQL on an event's row: its first day
    (``day``) is on or before ``end`` and its last (``stop``, the far future while it goes on) on
    or after ``start``; open ends are unbounded. Every query of the store asks it here."""
    low, high = _days(start, end)
    return f"{alias}.stop >= ? AND {alias}.day <= ?", [low, high]


def overlapping_bands(
    alias: str, start: dt.date | None, end: dt.date | None, reach: str | None
) -> list[tuple[str, list[str]]]:
    """The date rule (``overlapping``) as conditions whose union it is, each a range of ``stop``
    that an index on it walks no further than needed: an overlapping event stops in the range
    (and so starts by its end), or goes on (``stop`` open), or stops after the range's end, at the
    latest on ``reach``: the last stop of any event that starts by the end and stops after it
    (``Store._reach``; None when none does)."""
    rule, days = overlapping(alias, start, end)
    high = _days(start, end)[1]
    bands = [(f"{rule} AND {alias}.stop <= ?", [*days, high])]
    if high < OPEN_END:
        bands.append((f"{rule} AND {alias}.stop = ?", [*days, OPEN_END]))
        if reach is not None:
            bands.append((f"{rule} AND {alias}.stop > ? AND {alias}.stop <= ?", [*days, high, reach]))
    return bands


def _days(start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    """A range's ends as the stored days compare, open ends as the first and last day there can be."""
    return (start.isoformat() if start else OPEN_START), (end.isoformat() if end else OPEN_END)


def within(bounds: tuple[float, float, float, float] | None) -> tuple[str, list[float]]:
    """A condition on ``p.lat``/``p.lon`` for a view, and its arguments; a view across 180° is two boxes."""
    if bounds is None:
        return "TRUE", []
    south, west, north, east = bounds
    if east - west >= 360:
        return "p.lat BETWEEN ? AND ?", [south, north]
    west, east = (west + 180) % 360 - 180, (east + 180) % 360 - 180
    if west <= east:
        return "p.lat BETWEEN ? AND ? AND p.lon BETWEEN ? AND ?", [south, north, west, east]
    return "p.lat BETWEEN ? AND ? AND (p.lon >= ? OR p.lon <= ?)", [south, north, west, east]


def data_stamp(root: Path) -> float:
    """The newest modification time under a data folder: an edit to the seed's files changes it."""
    times = [p.stat().st_mtime for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    return max(times, default=0.0)


def seed_key(root: Path) -> str:
    """Which version of a data folder a seed was read from: the key its seed database is built under."""
    return f"{root.resolve()}@{data_stamp(root)}"


class _Naming(Sequence):
    """A place's naming articles newest first, counted by one query and read a slice at a time."""

    def __init__(self, store: Store, place_id: str, how: str):
        self.store, self.place_id, self.how = store, place_id, how

    @cached_property
    def _count(self) -> int:
        return self.store._naming_count(self.place_id, self.how)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1 or stop <= start:
                return [self[i] for i in range(start, stop, step)]
            return self.store._naming_rows(self.place_id, self.how, start, stop - start)
        if index < 0:
            index += len(self)
        rows = self.store._naming_rows(self.place_id, self.how, index, 1)
        if not rows:
            raise IndexError(index)
        return rows[0]

    def __iter__(self) -> Iterator[str]:
        for start in range(0, len(self), 500):
            yield from self[start : start + 500]


class _Places(Mapping):
    """The store's places by id, read as asked; iterating reads ids only."""

    def __init__(self, store: Store):
        self.store = store

    def __getitem__(self, place_id: str) -> Place:
        place = self.store.place(place_id) if self.store._has_place(place_id) else None
        if place is None:
            raise KeyError(place_id)
        return place

    def __contains__(self, place_id: object) -> bool:
        return isinstance(place_id, str) and self.store._has_place(place_id)

    def __iter__(self) -> Iterator[str]:
        return self.store._place_ids()

    def __len__(self) -> int:
        if self.store.chosen_places is not None:
            return len(self.store.chosen_places)
        rows = self.store.rows(
            "SELECT (SELECT count(*) FROM seed.places)"
            f" + (SELECT count(*) FROM {self.store.main}.places WHERE id NOT IN (SELECT id FROM seed.places))"
        )
        return rows[0][0]

    def values(self):  # one read of every record, not one query each
        return self.store.place_records(self.store._place_ids())

    def items(self):
        return [(p.id, p) for p in self.values()]


class _Articles(Mapping):
    """The store's articles by their shown id, read as asked."""

    def __init__(self, store: Store):
        self.store = store

    def __getitem__(self, article_id: str) -> Article:
        article = self.store.article(article_id) if self._allowed(article_id) else None
        if article is None:
            raise KeyError(article_id)
        return article

    def _allowed(self, article_id: str) -> bool:
        return self.store.chosen is None or article_id in self.store.chosen

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self._allowed(article_id) and self.store.article(article_id) is not None

    def __iter__(self) -> Iterator[str]:
        return self.store.article_ids()

    def __len__(self) -> int:
        return self.store.article_count()

    def values(self):
        return [self.store.article(a) for a in self.store.article_ids()]


class _Events(Mapping):
    """The store's events by id, read as asked."""

    def __init__(self, store: Store):
        self.store = store

    def __getitem__(self, event_id: str) -> Event:
        for source in self.store.sources:
            where, ids = self.store._chosen_in(source, "article")
            row = self.store.rows(f"SELECT record FROM {source}.events WHERE id = ? AND {where}", [event_id, *ids])
            if row:
                return self.store._event(row[0][0], source)
        raise KeyError(event_id)

    def __iter__(self) -> Iterator[str]:
        for source in self.store.sources:
            where, ids = self.store._chosen_in(source, "article")
            for (eid,) in self.store.rows(f"SELECT id FROM {source}.events WHERE {where} ORDER BY rowid", ids):
                yield eid

    def __len__(self) -> int:
        total = 0
        for source in self.store.sources:
            where, ids = self.store._chosen_in(source, "article")
            total += self.store.rows(f"SELECT count(*) FROM {source}.events WHERE {where}", ids)[0][0]
        return total

    def __bool__(self) -> bool:  # whether there is any, without counting twenty million
        for source in self.store.sources:
            where, ids = self.store._chosen_in(source, "article")
            if self.store.rows(f"SELECT 1 FROM {source}.events WHERE {where} LIMIT 1", ids):
                return True
        return False

    def values(self):
        found: list[Event] = []
        for source in self.store.sources:
            where, ids = self.store._chosen_in(source, "article")
            found += self.store._events(f"SELECT record FROM {source}.events WHERE {where} ORDER BY rowid", ids, source)
        return found


def _like(text: str) -> str:
    """Text matched literally inside a LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
