"""A reader's decisions on found places — confirm one, reject it, or pick another place for its
name — kept in the corpus and applied to the mentions they cover, now and whenever an article
they cover is saved again.

The geoparser keeps the places it is unsure of unconfirmed (drawn hollow, off by default); the
review queue lists them, most-named first. A decision covers one mention, a name in one article,
or a name in every article from one outlet. It is stored by what outlives a re-import: the
article's fingerprint (outlet and text, as ``Corpus.save``'s duplicate check knows it), the
mention's paragraph and span, the name folded (case and accents aside). So removing an article
and adding it again, or importing the same lines again, gives it the same decisions.

Decisions change the stored mentions themselves (a rejected mention goes, a confirmed or picked
one names its place, confirmed), so the map, the Places page and the export, which read the
mentions, all draw from them with no rule of their own. This module is the one rule: the pages
and the command line call it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from geo.atlas.corpus import Corpus, restat
from geo.atlas.database import Database
from geo.model.errors import AtlasError
from geo.model.models import Event, Place, paragraph_bounds
from geo.model.names import fold
from geo.store.rows import PLACE_COLUMNS, place_row

SCOPES = ("mention", "article", "outlet")
VERDICTS = ("confirm", "reject", "pick")
#: Queue entries on a page: a page reads no more than this many passages.
PAGE_SIZE = 20


class ReviewError(AtlasError):
    """A decision that cannot be taken as asked: an unknown mention, article, name or place."""


@dataclass(frozen=True)
class Target:
    """What a decision is taken on: a name in a saved article, and the one mention of it if known.

    ``mention`` is (paragraph, start, end), the paragraph numbered from 1 and the span within it.
    """

    article: str
    name: str
    mention: tuple[int, int, int] | None = None

    @property
    def ref(self) -> str:
        """How the command line names a mention: ``ARTICLE:PARAGRAPH:START``."""
        return f"{self.article}:{self.mention[0]}:{self.mention[1]}" if self.mention else self.article


@dataclass(frozen=True)
class Entry:
    """One unconfirmed place in the queue, with how much it is named and its first passage."""

    place: Place
    mentions: int
    articles: int
    target: Target
    outlet: str
    date: str
    passage: str  # the paragraph holding the mention
    span: tuple[int, int]  # the mention within ``passage``


@dataclass(frozen=True)
class QueuePage:
    entries: list[Entry]
    total: int  # unconfirmed places in the whole corpus
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def _unsure(db: Database) -> str:
    """An unconfirmed place: a saved one (in ``places``: the seed's are curated, facts) that saved
    mentions name only unsure. The partial indexes of ``_review_indexes`` answer both halves:
    SQLite is told so, PostgreSQL's planner finds them itself."""
    unsure, sure = ("", "") if db.postgres else (" INDEXED BY mentions_unsure", " INDEXED BY mentions_sure")
    return f"""
    SELECT u.place, count(*) AS named, count(DISTINCT u.article) AS articles, min(u.rowid) AS first
    FROM mentions u{unsure} WHERE u.confirmed = 0 GROUP BY u.place
    HAVING NOT EXISTS (SELECT 1 FROM mentions c{sure} WHERE c.place = u.place AND c.confirmed = 1)
       AND EXISTS (SELECT 1 FROM places p WHERE p.id = u.place)
    """


def queue(corpus: Corpus, page: int = 1, size: int = PAGE_SIZE) -> QueuePage:
    """One page of the unconfirmed places, most-named first (by articles, then mentions, then id).

    Counted and ordered in SQL over the unsure mentions' index; only the page's own passages,
    articles and places are read.
    """
    if page < 1 or size < 1:
        raise ReviewError(f"page {page}: pages are numbered from 1")
    with corpus.reading() as reading:
        db = reading.db
        if not (db.has("decisions") and db.has("mentions_unsure")):
            return QueuePage([], 0, page, size)  # read-only since before the review: nothing decided yet
        (total,) = db.execute(f"SELECT count(*) FROM ({_unsure(db)}) AS unsure").fetchone()
        rows = db.execute(
            f"SELECT place, named, articles, first FROM ({_unsure(db)}) AS unsure"
            " ORDER BY articles DESC, named DESC, place LIMIT ? OFFSET ?",
            (size, (page - 1) * size),
        ).fetchall()
        entries = [_entry(db, *row) for row in rows]
    return QueuePage(entries, total, page, size)


def _entry(db: Database, place_id: str, named: int, articles: int, first: int) -> Entry:
    article, paragraph, start, end, text = db.execute(
        'SELECT article, paragraph, start, "end", text FROM mentions WHERE rowid = ?', (first,)
    ).fetchone()
    outlet, date, body = db.execute("SELECT outlet, date, text FROM articles WHERE id = ?", (article,)).fetchone()
    first_char, last_char = paragraph_bounds(body)[paragraph - 1]
    (record,) = db.execute("SELECT record FROM places WHERE id = ?", (place_id,)).fetchone()
    return Entry(
        place=Place.model_validate_json(record), mentions=named, articles=articles,
        target=Target(article, text, (paragraph, start, end)), outlet=outlet, date=date,
        passage=body[first_char:last_char], span=(start, end),
    )  # fmt: skip


def target(corpus: Corpus, ref: str, article: str | None = None) -> Target:
    """A mention as the queue names it (``ARTICLE:PARAGRAPH:START``), or with ``article`` a name in it."""
    with corpus.reading() as reading:
        db = reading.db
        if article is not None:
            if not db.execute("SELECT 1 FROM articles WHERE id = ?", (article,)).fetchone():
                raise ReviewError(f"no saved article '{article}' (python -m geo articles lists them)")
            names = {fold(text) for (text,) in db.execute("SELECT text FROM mentions WHERE article = ?", (article,))}
            if fold(ref.strip()) not in names:
                raise ReviewError(f"no place is named '{ref}' in {article}")
            return Target(article, ref.strip())
        article_id, paragraph, start = [*ref.rsplit(":", 2), "", ""][:3]
        if not (paragraph.isdigit() and start.isdigit()):
            raise ReviewError(f"'{ref}': name a mention as ARTICLE:PARAGRAPH:START, or a name with --article ID")
        row = db.execute(
            'SELECT "end", text FROM mentions WHERE article = ? AND paragraph = ? AND start = ?',
            (article_id, int(paragraph), int(start)),
        ).fetchone()
    if row is None:
        raise ReviewError(f"no mention {ref} (python -m geo review lists them)")
    return Target(article_id, row[1], (int(paragraph), int(start), row[0]))


def alternatives(candidates: Iterable) -> list[Place]:
    """The places a name may mean, as the resolver chain gives them (its ``lookup(name).candidates``),
    as atlas places: what a reader may pick from."""
    from geo.atlas.review import place_from_candidate

    return list({p.id: p for p in map(place_from_candidate, candidates)}.values())


def choose(candidates: Iterable[Place], place_id: str, name: str) -> Place:
    """The place a reader picks for a name, which must be one the name may mean."""
    found = next((p for p in candidates if p.id == place_id), None)
    if found is None:
        raise ReviewError(f"{place_id} is not a place known for '{name}' (python -m geo resolve NAME lists them)")
    return found


def decide(corpus: Corpus, verdict: str, scope: str, on: Target, place: Place | None = None) -> int:
    """Store a decision and apply it to every mention it covers; returns how many mentions changed.

    ``confirm`` keeps the place the mention names now, ``pick`` takes ``place`` instead (a
    candidate of the name: see ``choose``), ``reject`` takes the mention off the map. One
    transaction: the decision and its effect land together.
    """
    if verdict not in VERDICTS:
        raise ReviewError(f"'{verdict}': a decision is one of {', '.join(VERDICTS)}")
    if scope not in SCOPES:
        raise ReviewError(f"'{scope}': a scope is one of {', '.join(SCOPES)}")
    if scope == "mention" and on.mention is None:
        raise ReviewError(f"'{on.name}': a decision on one mention names it as ARTICLE:PARAGRAPH:START")
    if (verdict == "pick") != (place is not None):
        raise ReviewError("a place is given for pick, and only for pick")
    with corpus.writing() as db:
        row = db.execute("SELECT outlet, fingerprint FROM articles WHERE id = ?", (on.article,)).fetchone()
        if row is None:
            raise ReviewError(f"no saved article '{on.article}'")
        outlet, fingerprint = row
        name = fold(on.name)
        if verdict == "confirm":
            place = _current_place(db, on, name)
        paragraph, start, end = on.mention if scope == "mention" else (None, None, None)
        covers = (scope, outlet, None if scope == "outlet" else fingerprint, paragraph, start, end, name)
        # The later decision on the same thing replaces the earlier, numbered anew (as SQLite's
        # INSERT OR REPLACE did; PostgreSQL has no such statement, and both have this one).
        db.execute(
            "DELETE FROM decisions WHERE scope = ? AND outlet = ? AND fingerprint IS NOT DISTINCT FROM ?"
            ' AND paragraph IS NOT DISTINCT FROM ? AND start IS NOT DISTINCT FROM ? AND "end" IS NOT DISTINCT FROM ?'
            " AND name = ?",
            covers,
        )
        db.execute(
            'INSERT INTO decisions (scope, outlet, fingerprint, paragraph, start, "end", name, verdict,'
            " place, record, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *covers, verdict, place.id if place else None, place.model_dump_json() if place else None,
                dt.datetime.now(dt.UTC).isoformat(),
            ),
        )  # fmt: skip
        if scope == "outlet":
            pairs = db.execute(
                "SELECT m.article, m.text FROM articles a JOIN mentions m ON m.article = a.id WHERE a.outlet = ?",
                (outlet,),
            )
            articles = list(dict.fromkeys(a for a, text in pairs if fold(text) == name))
        else:
            articles = [on.article]
        return apply(db, articles)


def _current_place(db: Database, on: Target, name: str) -> Place:
    """The place a mention (or the name's first mention in the article) names now: what a confirm keeps."""
    if on.mention:
        rows = db.execute(
            'SELECT place FROM mentions WHERE article = ? AND paragraph = ? AND start = ? AND "end" = ?',
            (on.article, *on.mention),
        )
    else:
        rows = db.execute("SELECT place, text FROM mentions WHERE article = ? ORDER BY rowid", (on.article,))
        rows = [(p,) for p, text in rows if fold(text) == name]
    place_id = next(iter(rows), (None,))[0]
    record = db.execute("SELECT record FROM places WHERE id = ?", (place_id,)).fetchone() if place_id else None
    if record is None:  # a seed place is curated: a fact already
        raise ReviewError(f"'{on.name}' in {on.article} names no saved place to confirm")
    return Place.model_validate_json(record[0])


def apply(db: Database, articles: Iterable[str]) -> int:
    """Apply the stored decisions to these saved articles' mentions, inside the caller's transaction
    (``Corpus.save`` calls it for the article it saves, so a re-import is decided as before).

    The nearest decision wins: on the mention, then on the name in the article, then on the name
    from the outlet; of two at one scope, the later. Events keep to the places still named: a
    picked place takes the old one's place in them, a rejected one leaves them, and an event
    left naming none goes. Returns how many mentions changed; the counts kept per place
    (``place_stats``) are counted again for the places it touched.
    """
    if not db.has("decisions"):
        return 0
    changed = 0
    touched: set[str] = set()
    for article in articles:
        outlet, fingerprint = db.execute("SELECT outlet, fingerprint FROM articles WHERE id = ?", (article,)).fetchone()
        rules = db.execute(
            'SELECT scope, paragraph, start, "end", name, verdict, place, record FROM decisions'
            " WHERE (scope = 'outlet' AND outlet = ?) OR (scope != 'outlet' AND fingerprint = ?) ORDER BY id",
            (outlet, fingerprint),
        ).fetchall()
        if not rules:
            continue
        nearest: dict[tuple, tuple[str, str | None, str | None]] = {}
        for scope, paragraph, start, end, name, verdict, place, record in rules:
            key = (scope, paragraph, start, end) if scope == "mention" else (scope, name)
            nearest[key] = (verdict, place, record)
        moved: dict[str, str | None] = {}
        mentions = db.execute(
            'SELECT rowid, place, paragraph, start, "end", text, confirmed FROM mentions WHERE article = ?'
            " ORDER BY rowid",
            (article,),
        ).fetchall()
        for rowid, place, paragraph, start, end, text, confirmed in mentions:
            name = fold(text)
            rule = (
                nearest.get(("mention", paragraph, start, end))
                or nearest.get(("article", name))
                or nearest.get(("outlet", name))
            )
            if rule is None:
                continue
            verdict, new, record = rule
            if verdict == "reject":
                db.execute("DELETE FROM mentions WHERE rowid = ?", (rowid,))
            elif new != place or not confirmed:
                if record is not None:  # a seed place is curated and kept in its files, not here
                    row = place_row(Place.model_validate_json(record))
                    db.execute(
                        f"INSERT INTO places ({PLACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", row
                    )
                db.execute("UPDATE mentions SET place = ?, confirmed = 1 WHERE rowid = ?", (new, rowid))
            else:
                continue
            touched.update(p for p in (place, new) if p)
            changed += 1
            if new != place:
                moved[place] = None if verdict == "reject" else new
        _follow(db, article, moved)
    if touched:
        restat(db, touched)
    return changed


def _follow(db: Database, article: str, moved: dict[str, str | None]) -> None:
    """The article's events, and the places table, after its mentions moved away from places."""
    named = {p for (p,) in db.execute("SELECT DISTINCT place FROM mentions WHERE article = ?", (article,))}
    gone = {old: new for old, new in moved.items() if old not in named}
    if not gone:
        return
    for event_id, record in db.execute("SELECT id, record FROM events WHERE article = ?", (article,)).fetchall():
        event = Event.model_validate_json(record)
        places = tuple(dict.fromkeys(p for p in (gone.get(p, p) for p in event.places) if p is not None))
        if places == event.places:
            continue
        db.execute("DELETE FROM event_places WHERE event = ?", (event_id,))
        if not places:
            db.execute("DELETE FROM events WHERE id = ?", (event_id,))
            continue
        db.execute(
            "UPDATE events SET record = ? WHERE id = ?",
            (event.model_copy(update={"places": places}).model_dump_json(), event_id),
        )
        day, stop = event.date_start.isoformat(), event.last_day.isoformat()
        db.executemany(
            "INSERT INTO event_places (place, day, event, stop) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [(p, day, event_id, stop) for p in places],
        )
    for old in gone:
        db.execute(
            "DELETE FROM places WHERE id = ? AND NOT EXISTS (SELECT 1 FROM mentions WHERE place = ?)"
            " AND NOT EXISTS (SELECT 1 FROM event_places WHERE place = ?)",
            (old, old, old),
        )
