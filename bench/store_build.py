"""A corpus of generated articles written straight into the store, for sizes ``geo import`` takes hours over.

What is written is what ``geo import`` of the same articles (``bench.articles``) would have
saved: the articles (id, fingerprint, words, language), the places kept for them, one mention
per span (paragraph and offsets as ``Corpus.save`` computes them, sure or not), the events
``review.suggested_events`` makes of the dates, ``event_places``, ``place_stats``, the corpus's
version, and the named migrations, so ``open_corpus`` finds it current.

Nothing is geoparsed per article: the generator says where it wrote each town, country and
date (``bench.articles.marked_article``). Each town (with its country) and each country is
resolved once, by the geoparser itself reading a sentence written the way the articles write
it, so its place is the one the geoparser gives; each date becomes the ``EventDate`` that
``find_event_dates`` would find there (and "this week", "this month" their vague spans).
``tests/test_store_build.py`` checks the two ways agree on a small corpus.

The rows are written in large transactions with the journal off and the secondary indexes
built after the load (a million articles: see the README's table for the time it took).

    python -m bench.store_build 1000000 /work/bench-data/million   # writes <folder>/corpus.sqlite
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import re
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.articles import Mark, _towns, marked_article
from geo.atlas import review
from geo.atlas.atlas import Atlas, load_atlas
from geo.atlas.corpus import Confirmed, Corpus, _locate, article_words, fingerprint, slug
from geo.model.models import Place, paragraph_bounds
from geo.parsing.eventdates import EventDate, vague_span
from geo.parsing.language import detect_language
from geo.store.rows import EVENT_COLUMNS, PLACE_COLUMNS, event_row, place_row

#: Articles a batch (one worker's task, one transaction).
BATCH = 1_000
#: The vague phrases the generator's fixed sentences hold, as ``find_event_dates`` reads them.
VAGUE = re.compile(r"\bthis (week|month)\b")
#: Indexes built after the rows are in (one sort each instead of a b-tree grown row by row), and
#: the triggers counting events per day (``corpus._event_days``), counted once at the end instead.
LATER = ("mentions", "events", "event_places", "articles")
SAVED_AT = "2026-01-01T00:00:00+00:00"


class Resolver:
    """Each town and country resolved once, by the geoparser reading it as the articles write it."""

    def __init__(self, seed: Atlas):
        from geo.parsing.gazetteer import load_gazetteer
        from geo.parsing.geoparse import Geoparser

        self.parser = Geoparser(seed.places.values(), load_gazetteer())
        self.known: dict[tuple[str, object], tuple[Place, bool] | None] = {}

    def place(self, kind: str, value: object) -> tuple[Place, bool] | None:
        """The place ``geo import`` keeps for a town (name, country) or a country, and whether it is sure."""
        key = (kind, value)
        if key not in self.known:
            if kind == "town":
                name = value[0]
            else:  # a country, named after one of its towns as the articles name it
                towns, by_country = _towns()
                name, value = value, towns[by_country[value][0]]
            text = f"In {value[0]}, {value[1]}, residents described a difficult week."
            at = text.index(name, 3 if kind == "town" else 4 + len(value[0]))
            self.known[key] = self._resolved(text, at, at + len(name))
        return self.known[key]

    def _resolved(self, text: str, start: int, end: int) -> tuple[Place, bool] | None:
        found = self.parser.parse(text, article_date=dt.date(2022, 1, 1), language="en").places
        for choice in review.initial_choices(found):
            kept = choice.confirmed
            if kept is not None and (start, end) in kept.spans:
                return kept.place, kept.confirmed
        return None


def event_dates(text: str, marks: list[Mark], published: dt.date) -> list[EventDate]:
    """The dates ``find_event_dates`` finds in a generated article, in text order."""
    found = [
        EventDate(m.value, m.start, m.end, text[m.start : m.end], not text[m.end - 4 : m.end].isdigit(), None)
        for m in marks
        if m.kind == "date"
    ]
    for m in VAGUE.finditer(text):
        first, last = vague_span(m.group(0), published)
        found.append(EventDate(first, m.start(), m.end(), m.group(0), True, last))
    return sorted(found, key=lambda d: d.start)


@dataclass
class Rows:
    """One batch's rows, in the order ``Corpus.save`` writes them, and what it adds to each place's counts
    (articles, passages, events, sure mentions, the first article), as ``corpus.Prepared.counts`` adds them."""

    articles: list[tuple] = field(default_factory=list)
    places: dict[str, tuple] = field(default_factory=dict)
    mentions: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    event_places: list[tuple] = field(default_factory=list)
    stats: dict[str, list] = field(default_factory=dict)


class Builder:
    """Turns generated articles into corpus rows."""

    def __init__(self, seed: Atlas):
        self.seed = seed
        self.resolver = Resolver(seed)

    def add(self, article_id: str, record: dict, marks: list[Mark], rows: Rows) -> None:
        text, published = record["text"], dt.date.fromisoformat(record["date"])
        date = published.isoformat()
        rows.articles.append(
            (
                article_id, record["outlet"], record["author"], date, record["title"], 0, record.get("url", ""),
                text, detect_language(text), SAVED_AT, fingerprint(record["outlet"], text),
                article_words(record["title"], record["outlet"], record["author"], date),
            )
        )  # fmt: skip
        confirmed: dict[str, Confirmed] = {}
        for m in marks:
            if m.kind == "date":
                continue
            resolved = self.resolver.place(m.kind, m.value)
            if resolved is None:
                continue
            place, sure = resolved
            before = confirmed.get(place.id)
            spans = (*before.spans, (m.start, m.end)) if before else ((m.start, m.end),)
            confirmed[place.id] = Confirmed(place, spans, sure or (before is not None and before.confirmed))
        bounds = paragraph_bounds(text)
        found: dict[str, list[int]] = {}
        for item in confirmed.values():
            if item.place.id not in self.seed.places and item.place.id not in rows.places:
                rows.places[item.place.id] = place_row(item.place)
            for start, end in sorted(set(item.spans)):
                paragraph, offset = _locate(bounds, start)
                found.setdefault(item.place.id, []).append(paragraph if item.confirmed else -paragraph)
                rows.mentions.append(
                    (article_id, item.place.id, paragraph, start - offset, end - offset, text[start:end],
                     int(item.confirmed))
                )  # fmt: skip
        items = [Confirmed(c.place, tuple(sorted(set(c.spans))), c.confirmed) for c in confirmed.values()]
        events = review.suggested_events(text, event_dates(text, marks, published), items)
        named = dict.fromkeys(found, 0)
        for event in events:
            event_id = f"{article_id}-{event.id}"
            row = event_row(event.model_copy(update={"id": event_id, "article": article_id}), published)
            rows.events.append(row)
            for place in dict.fromkeys(event.places):
                rows.event_places.append((place, row[3], event_id, row[4]))
                if place in named:
                    named[place] += 1
        for place, paragraphs in found.items():
            stat = rows.stats.setdefault(place, [0, 0, 0, 0, article_id])
            stat[0] += 1
            stat[1] += len({abs(p) for p in paragraphs})
            stat[2] += named[place]
            stat[3] += sum(p > 0 for p in paragraphs)


_builder: Builder | None = None


def _rows(data_dir: str, batch: list[tuple[str, dict, list[Mark]]]) -> Rows:
    """In a worker: one batch's rows, the worker's builder made by its first batch."""
    global _builder
    if _builder is None:
        _builder = Builder(load_atlas(data_dir))
    rows = Rows()
    for article in batch:
        _builder.add(*article, rows)
    return rows


def _batches(count: int, seed: int, taken: set[str]) -> Iterator[list[tuple[str, dict, list[Mark]]]]:
    """The generated articles (``bench.articles.generate(count, seed)``) in batches, each with the id
    ``Corpus.save`` gives it: its slug, or the slug with the first free ``-N``."""
    rng = random.Random(seed)
    for first in range(0, count, BATCH):
        batch = []
        for n in range(first, min(count, first + BATCH)):
            record, marks = marked_article(n, rng)
            wanted = candidate = slug(f"{record['outlet']} {record['date']} {record['title']}")
            number = 1
            while candidate in taken:
                number += 1
                candidate = f"{wanted}-{number}"
            taken.add(candidate)
            batch.append((candidate, record, marks))
        yield batch


def build(
    count: int,
    folder: Path,
    *,
    seed: int = 1,
    data_dir: str = "data",
    workers: int = 2,
    copies: int = 1,
    progress=print,
) -> Path:
    """Write ``count`` generated articles as ``folder/corpus.sqlite``: this process generates them
    (one random sequence, as ``bench.articles`` does), ``workers`` processes turn them into rows.
    ``copies`` > 1 then stores them that many times over (``_copy``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.sqlite"
    for stale in folder.glob("corpus.sqlite*"):
        stale.unlink()
    Corpus(path)  # the schema and every migration, recorded
    seed_atlas = load_atlas(data_dir)
    stats: dict[str, list] = {}
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-1000000")
        later = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
            f" AND tbl_name IN ({', '.join('?' * len(LATER))})",
            LATER,
        ).fetchall()
        for kind, name, _ in later:
            db.execute(f"DROP {kind} {name}")
        started = time.perf_counter()
        stored: set[str] = set()
        done = 0
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pending: deque = deque()
            for batch in _batches(count, seed, set(seed_atlas.articles)):
                pending.append(pool.apply_async(_rows, (data_dir, batch)))
                while len(pending) > 2 * workers or (pending and pending[0].ready()):
                    rows = pending.popleft().get()
                    _write(db, rows, stored, stats)
                    done += len(rows.articles)
                    if done % (10 * BATCH) == 0:
                        progress(f"{done:,} articles, {done / (time.perf_counter() - started):.0f}/s")
            while pending:
                _write(db, pending.popleft().get(), stored, stats)
        progress(f"{count:,} articles written in {time.perf_counter() - started:.0f} s")
        db.execute("BEGIN")
        if copies > 1:
            _originals(db)
        for copy in range(2, copies + 1):
            _copy(db, copy)
            progress(f"copy {copy} of {copies} written at {time.perf_counter() - started:.0f} s")
        for stat in stats.values():
            stat[:4] = [n * copies for n in stat[:4]]
        progress("indexes and counts …")
        for _, _, sql in later:
            db.execute(sql)
        db.execute("INSERT INTO event_days SELECT last, day, stop, count(*) FROM events GROUP BY last, day, stop")
        db.executemany("INSERT INTO place_stats VALUES (?, ?, ?, ?, ?, ?)", [(p, *s) for p, s in stats.items()])
        db.execute("UPDATE meta SET value = ? WHERE key = 'version'", (count * copies,))
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=WAL")
    finally:
        db.close()
    return path


def _copy(db: sqlite3.Connection, copy: int) -> None:
    """The articles first written stored again, with their mentions and events, as if another outlet
    had run them word for word: each id starts with ``c<copy>-`` (so a copy's rows go at the end of
    the id indexes, not between the originals') and each text ends in `` [copy <copy>]``
    (its own fingerprint; the closing paragraph holds no place, so no offset moves). What a million
    articles cost the store's queries depends on how many rows each place and day has, which the
    copies give as a million generated ones would; generating and resolving a million takes hours
    on two shared cores. ``_originals`` marks what the first write holds."""
    tag = f"c{copy}-"
    db.execute(
        "INSERT INTO articles (id, outlet, author, date, title, title_is_ours, url, text, language, saved_at,"
        " fingerprint, words) SELECT ?1 || id, outlet, author, date, title, title_is_ours, url, text || ?2,"
        " language, saved_at, fingerprint(outlet, text || ?2), words FROM articles"
        " WHERE rowid <= (SELECT articles FROM temp.originals)",
        (tag, f" [copy {copy}]"),
    )
    db.execute(
        "INSERT INTO mentions (article, place, paragraph, start, end, text, confirmed)"
        " SELECT ?1 || article, place, paragraph, start, end, text, confirmed FROM mentions"
        " WHERE rowid <= (SELECT mentions FROM temp.originals)",
        (tag,),
    )
    db.execute(
        "INSERT INTO events (id, article, record, day, stop, last) SELECT ?1 || id, ?1 || article,"
        " json_set(record, '$.id', ?1 || id, '$.article', ?1 || article), day, stop, last FROM events"
        " WHERE rowid <= (SELECT events FROM temp.originals)",
        (tag,),
    )
    db.execute(
        "INSERT INTO event_places (place, day, event, stop) SELECT place, day, ?1 || event, stop"
        " FROM temp.original_places",
        (tag,),
    )


def _originals(db: sqlite3.Connection) -> None:
    """What ``_copy`` copies: how many articles, mentions and events the first write left, and each
    event's places with its article."""
    db.create_function("fingerprint", 2, fingerprint, deterministic=True)
    db.execute(
        "CREATE TEMP TABLE originals AS SELECT (SELECT max(rowid) FROM articles) AS articles,"
        " (SELECT max(rowid) FROM mentions) AS mentions, (SELECT max(rowid) FROM events) AS events"
    )
    db.execute("CREATE TEMP TABLE original_places AS SELECT place, day, event, stop FROM event_places")


def _write(db: sqlite3.Connection, rows: Rows, stored: set[str], stats: dict[str, list]) -> None:
    """One batch in one transaction; its counts added to the places' (the first article kept from the first batch)."""
    for place, (articles, passages, events, sure, first) in rows.stats.items():
        stat = stats.setdefault(place, [0, 0, 0, 0, first])
        stat[0] += articles
        stat[1] += passages
        stat[2] += events
        stat[3] += sure
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO articles (id, outlet, author, date, title, title_is_ours, url, text, language, saved_at,"
        f" fingerprint, words) VALUES ({', '.join('?' * 12)})",
        rows.articles,
    )
    new = [row for pid, row in rows.places.items() if pid not in stored]
    stored.update(rows.places)
    db.executemany(f"INSERT INTO places ({PLACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", new)
    db.executemany(
        "INSERT INTO mentions (article, place, paragraph, start, end, text, confirmed) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows.mentions,
    )
    db.executemany(f"INSERT INTO events ({EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows.events)
    db.executemany(
        "INSERT OR IGNORE INTO event_places (place, day, event, stop) VALUES (?, ?, ?, ?)", rows.event_places
    )
    db.execute("COMMIT")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.store_build", description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path, help="where corpus.sqlite is written (ATLAS_VAR for the app)")
    parser.add_argument("--seed", type=int, default=1, help="bench.articles' seed (scale_bench uses 1)")
    parser.add_argument("--workers", type=int, default=2, help="processes making the rows")
    parser.add_argument("--copies", type=int, default=1, help="store the COUNT articles this many times over")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    path = build(
        args.count, args.folder, seed=args.seed, workers=args.workers, copies=args.copies,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )  # fmt: skip
    seconds, size = time.perf_counter() - started, path.stat().st_size / 1e9
    print(f"{args.count * args.copies:,} articles in {seconds:.0f} s: {size:.2f} GB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
