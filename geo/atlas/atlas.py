"""The atlas: places, articles and events, and the passages that link them.

``load_atlas`` reads a data folder and checks every file and every link between files;
``Atlas`` answers the questions the app and the CLI ask of it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from geo.model.dates import find_dates
from geo.model.errors import DataError, Problem
from geo.model.fields import nfc
from geo.model.loading import read_article_text, read_geometry, validate_rows
from geo.model.models import Article, Event, Mention, Passage, Place, Reference, known_last_day, visible
from geo.model.names import NameIndex, fold
from geo.store.rows import Stats

PLACE_COLUMNS = ("id", "name", "alt_names", "kind", "lat", "lon", "coord_source", "precision_m")
ARTICLE_COLUMNS = ("id", "file", "outlet", "author", "date", "title")
EVENT_COLUMNS = ("id", "article", "date_start", "date_end", "ongoing", "places", "paragraphs", "summary")
REFERENCE_COLUMNS = ("article", "paragraph", "place", "quote", "reason")


@dataclass
class Atlas:
    """Everything the atlas knows, with the mentions computed from the texts."""

    places: dict[str, Place]
    articles: dict[str, Article]
    events: dict[str, Event] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    geometries: dict[str, dict] = field(default_factory=dict)
    #: Mentions saved with their articles, each confirmed or not; those articles are not matched automatically.
    confirmed: list[Mention] = field(default_factory=list)
    #: Places only saved articles vouch for, no curated record: each is drawn as a fact only if one
    #: of its saved mentions is confirmed (``is_confirmed``).
    saved_only: frozenset[str] = frozenset()

    @cached_property
    def name_index(self) -> NameIndex:
        """Every name of every place, for finding them in any text."""
        return NameIndex((name, p.id) for p in self.places.values() for name in p.names)

    @cached_property
    def mentions(self) -> list[Mention]:
        """Each naming of a place in each paragraph, plus the curated indirect ones."""
        found: list[Mention] = list(self.confirmed)
        reviewed = {m.article for m in self.confirmed}
        for article in self.articles.values():
            if article.id in reviewed:
                continue
            for number, text in enumerate(article.paragraphs, start=1):
                for outer, nested in self.name_index.find(text):
                    found.append(_mention(article.id, number, outer, "name"))
                    found.extend(
                        _mention(article.id, number, inner, "part", f"named within '{outer.text}'") for inner in nested
                    )
        for ref in self.references:
            text = self.articles[ref.article].paragraphs[ref.paragraph - 1]
            start = text.find(ref.quote)
            while start >= 0:
                found.append(
                    Mention(
                        place=ref.place,
                        article=ref.article,
                        paragraph=ref.paragraph,
                        start=start,
                        end=start + len(ref.quote),
                        text=ref.quote,
                        how="curated",
                        reason=ref.reason,
                    )
                )
                start = text.find(ref.quote, start + len(ref.quote))
        return found

    @cached_property
    def _mentions_by_place(self) -> dict[str, list[Mention]]:
        by_place: dict[str, list[Mention]] = defaultdict(list)
        for m in self.mentions:
            by_place[m.place].append(m)
        return by_place

    def mentions_of(self, place_id: str) -> list[Mention]:
        """Every mention of one place (indexed once per atlas, not scanned per place)."""
        return list(self._mentions_by_place.get(place_id, ()))

    @cached_property
    def _article_order(self) -> dict[str, int]:
        return {article_id: position for position, article_id in enumerate(self.articles)}

    def passages(self, place_id: str, articles: Iterable[str] | None = None) -> list[Passage]:
        """The paragraphs that speak of a place, in article and paragraph order, spans merged."""
        wanted = None if articles is None else set(articles)
        spans: dict[tuple[str, int], set[tuple[int, int]]] = defaultdict(set)
        sure: set[tuple[str, int]] = set()
        for m in self._mentions_by_place.get(place_id, []):
            if wanted is None or m.article in wanted:
                spans[(m.article, m.paragraph)].add((m.start, m.end))
                if m.confirmed:
                    sure.add((m.article, m.paragraph))
        order = self._article_order
        return [
            Passage(
                article=a,
                paragraph=n,
                text=self.articles[a].paragraphs[n - 1],
                spans=tuple(sorted(s)),
                confirmed=(a, n) in sure,
            )
            for (a, n), s in sorted(spans.items(), key=lambda item: (order[item[0][0]], item[0][1]))
        ]

    @cached_property
    def place_articles(self) -> dict[str, list[str]]:
        """Each place's articles, in the order first met, from one pass over the mentions and the
        events: the map colours every dot by it, and a new selection redraws the layer."""
        found: dict[str, dict[str, None]] = {}
        for mention in self.mentions:
            found.setdefault(mention.place, {})[mention.article] = None
        for event in self.events.values():
            for place in event.places:
                found.setdefault(place, {})[event.article] = None
        return {place: list(articles) for place, articles in found.items()}

    def articles_naming(self, place_id: str) -> list[str]:
        """The articles that name a place or tie it to an event, newest first (then by id)."""
        ids = {m.article for m in self._mentions_by_place.get(place_id, ())}
        ids |= {e.article for e in self._events_by_place.get(place_id, ())}
        return sorted(ids, key=lambda a: (-self.articles[a].date.toordinal(), a))

    @cached_property
    def _mentions_by_paragraph(self) -> dict[tuple[str, int], list[Mention]]:
        by_paragraph: dict[tuple[str, int], list[Mention]] = defaultdict(list)
        for m in sorted(self.mentions, key=lambda m: (m.start, -m.end)):
            by_paragraph[(m.article, m.paragraph)].append(m)
        return by_paragraph

    def mentions_in(self, article_id: str, paragraph: int) -> list[Mention]:
        """The mentions of one paragraph, in reading order (indexed once, not scanned per paragraph)."""
        return list(self._mentions_by_paragraph.get((article_id, paragraph), []))

    @cached_property
    def _events_by_place(self) -> dict[str, list[Event]]:
        by_place: dict[str, list[Event]] = defaultdict(list)
        for event in sorted(self.events.values(), key=lambda e: (e.date_start, e.id)):
            for place in dict.fromkeys(event.places):
                by_place[place].append(event)
        return by_place

    @cached_property
    def _places_by_article(self) -> dict[str, set[str]]:
        by_article: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            by_article[m.article].add(m.place)
        for event in self.events.values():
            by_article[event.article].update(event.places)
        return by_article

    def places_named_by(self, article_id: str) -> set[str]:
        """The places an article speaks of, by its mentions and its events (indexed once per atlas)."""
        return self._places_by_article.get(article_id, set())

    def events_of(self, place_id: str) -> list[Event]:
        """The events a place is tied to, earliest first, then by id (indexed once per atlas)."""
        return list(self._events_by_place.get(place_id, ()))

    def places_of(self, article_ids: Iterable[str]) -> list[Place]:
        """The places that the given articles speak of, in the atlas's order."""
        ids = set().union(*(self._places_by_article.get(a, ()) for a in set(article_ids)))
        return [p for p in self.places.values() if p.id in ids]

    def place_records(self, ids: Iterable[str]) -> list[Place]:
        """The places of ``ids`` in that order, unknown ones left out (as ``Store.place_records``)."""
        return [self.places[pid] for pid in dict.fromkeys(ids) if pid in self.places]

    def stats(self, ids: Iterable[str]) -> dict[str, Stats]:
        """Each place's counts (as ``Store.stats``), from this atlas's indexes: a preview's or the seed's."""
        found = {}
        for pid in ids:
            articles = self.place_articles.get(pid)
            if articles:
                mentions = self._mentions_by_place.get(pid, ())
                passages = len({(m.article, m.paragraph) for m in mentions})
                sure = sum(m.confirmed for m in mentions)
                found[pid] = Stats(len(articles), passages, len(self.events_of(pid)), sure, articles[0])
        return found

    def oldest_first(self, limit: int) -> list[str] | None:
        """The articles' ids oldest first (then by id); None past ``limit`` (as ``Store.oldest_first``)."""
        if len(self.articles) > limit:
            return None
        return [a.id for a in sorted(self.articles.values(), key=lambda a: (a.date, a.id))]

    @cached_property
    def _unconfirmed(self) -> frozenset[str]:
        vouched = {m.place for m in self.confirmed if m.confirmed}
        return frozenset(p for p in self.saved_only if p not in vouched)

    def is_confirmed(self, place_id: str) -> bool:
        """Whether the map may draw a place as a fact: the seed curates it, or a saved article's
        mention of it is confirmed (the geoparser was sure, or a reader said so). A place that only
        unsure mentions name is drawn apart, not as a fact. Indexed once per atlas."""
        return place_id not in self._unconfirmed

    def is_visible(self, place_id: str, start: dt.date | None, end: dt.date | None) -> bool:
        """The date-range rule (``models.visible``): hidden only when every event naming the place lies outside it."""
        return visible((e.span for e in self._events_by_place.get(place_id, ())), start, end)

    def events_in_range(self, start: dt.date | None, end: dt.date | None) -> list[Event]:
        """The events the date range lets through (``Event.overlaps``), earliest first: what the Timeline counts."""
        return sorted((e for e in self.events.values() if e.overlaps(start, end)), key=lambda e: (e.date_start, e.id))

    def visible_places(self, start: dt.date | None, end: dt.date | None) -> tuple[str, ...]:
        """The places ``is_visible`` keeps, in the atlas's order: what the map draws and Places lists.

        A place an event in the range names is kept without asking: one pass over the events
        settles most places (0.14 s against 0.26 s asking each, at 195,000 events), and only the
        rest are asked."""
        named = {place for event in self.events.values() if event.overlaps(start, end) for place in event.places}
        return tuple(place for place in self.places if place in named or self.is_visible(place, start, end))

    def last_known_day(self, event: Event) -> dt.date:
        """An event's last day as far as its article knows: an ongoing one runs to the article's date.

        (For filtering, an ongoing event stays open-ended: its end is not known.)
        """
        return known_last_day(event, self.articles[event.article].date)

    def date_span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day any event covers, as far as the articles know."""
        return self._date_span

    @cached_property
    def _date_span(self) -> tuple[dt.date, dt.date] | None:
        if not self.events:
            return None
        return min(e.date_start for e in self.events.values()), max(map(self.last_known_day, self.events.values()))

    def narrowed(
        self, *, articles: Iterable[str] | None = None, start: dt.date | None = None, end: dt.date | None = None
    ) -> Atlas:
        """Only what the given articles say, and only places visible in the date range.

        A place keeps the whole atlas's ``is_confirmed``: one article unsure of it does not undo
        another's confirmation when only the first is chosen.
        """
        wanted = set(articles) if articles else set(self.articles)
        places = self.places_of(wanted) if articles else list(self.places.values())
        events = {k: e for k, e in self.events.items() if e.article in wanted}
        keep = Atlas(self.places, {k: a for k, a in self.articles.items() if k in wanted}, events)
        return Atlas(
            places={p.id: p for p in places if keep.is_visible(p.id, start, end)},
            articles=keep.articles,
            events=events,
            references=[r for r in self.references if r.article in wanted],
            geometries=self.geometries,
            confirmed=[m for m in self.confirmed if m.article in wanted],
            saved_only=self._unconfirmed,
        )

    @cached_property
    def _folded_names(self) -> list[tuple[Place, str]]:
        return [(p, "\n".join(fold(n) for n in p.names)) for p in self.places.values()]

    def search(self, query: str) -> list[Place]:
        """Places any of whose names contains the query, spelling and accents aside."""
        needle = fold(nfc(query.strip()))  # a decomposed "Zürich" is the same name
        if "\n" in needle:
            return []
        return [p for p, names in self._folded_names if needle in names]


def _mention(article: str, paragraph: int, match, how: str, reason: str = "") -> Mention:
    return Mention(
        place=match.key,
        article=article,
        paragraph=paragraph,
        start=match.start,
        end=match.end,
        text=match.text,
        how=how,
        reason=reason,
    )


def load_atlas(data_dir: Path | str = "data") -> Atlas:
    """Read and cross-check every file of a data folder; all problems come back together."""
    root = Path(data_dir)
    if not root.is_dir():
        raise DataError([Problem(str(root), 0, "-", "no such data folder")])
    problems: list[Problem] = []

    def attempt(read, *args) -> tuple[list, bool]:
        """Read one file; on failure note its problems and report it as not clean."""
        try:
            return read(*args), True
        except DataError as exc:
            problems.extend(exc.problems)
            return [], False

    def optional(name: str, model, columns) -> tuple[list, bool]:
        path = root / name
        return attempt(validate_rows, path, model, columns) if path.exists() else ([], True)

    places, places_ok = attempt(validate_rows, root / "locations.csv", Place, PLACE_COLUMNS)
    articles, articles_ok = attempt(validate_rows, root / "articles.csv", Article, ARTICLE_COLUMNS)
    events, _ = optional("events.csv", Event, EVENT_COLUMNS)
    references, _ = optional("references.csv", Reference, REFERENCE_COLUMNS)
    check = _Checker(root, problems)
    place_map = check.unique(root / "locations.csv", places)
    check.names_unique(root / "locations.csv", places)
    geometries = check.geometries(places)
    article_map = check.unique(root / "articles.csv", [(n, check.article_text(n, a)) for n, a in articles])
    event_map = check.unique(root / "events.csv", events)
    # Links into a file that failed to load would only echo its problems as "unknown".
    if places_ok and articles_ok and not problems:
        check.events(root / "events.csv", events, place_map, article_map)
        check.references(root / "references.csv", references, place_map, article_map)
    if problems:
        raise DataError(problems)
    return Atlas(place_map, article_map, event_map, [r for _, r in references], geometries)


@dataclass
class _Checker:
    """The checks that span rows or files, each adding Problems rather than stopping."""

    root: Path
    problems: list[Problem]

    def add(self, path: Path, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(str(path), line, column, message))

    def unique(self, path: Path, rows: list) -> dict:
        seen: dict[str, int] = {}
        result = {}
        for line, record in rows:
            if record.id in seen:
                self.add(path, line, "id", f"duplicate id '{record.id}' (first on line {seen[record.id]})")
                continue
            seen[record.id] = line
            result[record.id] = record
        return result

    def names_unique(self, path: Path, places: list[tuple[int, Place]]) -> None:
        owner: dict[str, tuple[str, int]] = {}
        for line, place in places:
            for name in dict.fromkeys(fold(n) for n in place.names):
                if name in owner and owner[name][0] != place.id:
                    other, other_line = owner[name]
                    self.add(path, line, "alt_names", f"name '{name}' is also a name of '{other}' (line {other_line})")
                owner.setdefault(name, (place.id, line))

    def geometries(self, places: list[tuple[int, Place]]) -> dict[str, dict]:
        found = {}
        for line, place in places:
            if not place.geometry:
                continue
            path = self.root / place.geometry
            if not path.is_file():
                self.add(self.root / "locations.csv", line, "geometry", f"no file {place.geometry}")
                continue
            try:
                found[place.id] = read_geometry(path)
            except DataError as exc:
                self.problems.extend(exc.problems)
        return found

    def article_text(self, line: int, article: Article) -> Article:
        path = self.root / article.file
        csv_path = self.root / "articles.csv"
        if not article.file or not path.is_file():
            self.add(csv_path, line, "file", f"no article file '{article.file}'")
            return article
        try:
            date, author, body = read_article_text(path)
        except DataError as exc:
            self.problems.extend(exc.problems)
            return article
        if date and date != article.date.isoformat():
            self.add(csv_path, line, "date", f"{article.date} differs from {date} on the first line of {article.file}")
        if author and article.author and author != article.author:
            self.add(csv_path, line, "author", f"'{article.author}' differs from '{author}' in {article.file}")
        return article.model_copy(update={"text": body})

    def events(self, path: Path, events: list[tuple[int, Event]], places: dict, articles: dict) -> None:
        for line, event in events:
            unknown = [p for p in event.places if p not in places]
            if unknown:
                self.add(path, line, "places", f"unknown place '{unknown[0]}'")
            article = articles.get(event.article)
            if article is None:
                self.add(path, line, "article", f"unknown article '{event.article}'")
                continue
            count = len(article.paragraphs)
            outside = [n for n in event.paragraphs if not 1 <= n <= count]
            if outside:
                self.add(path, line, "paragraphs", f"paragraph {outside[0]} not in article (it has {count})")
                continue
            stated = {d.date for n in event.paragraphs for d in find_dates(article.paragraphs[n - 1])}
            stated.add(article.date)
            for column in ("date_start", "date_end"):
                day = getattr(event, column)
                if day is not None and day not in stated:
                    self.add(path, line, column, f"{day} is stated neither in its passages nor as the article's date")

    def references(self, path: Path, refs: list[tuple[int, Reference]], places: dict, articles: dict) -> None:
        for line, ref in refs:
            if ref.place not in places:
                self.add(path, line, "place", f"unknown place '{ref.place}'")
            article = articles.get(ref.article)
            if article is None:
                self.add(path, line, "article", f"unknown article '{ref.article}'")
            elif not 1 <= ref.paragraph <= len(article.paragraphs):
                self.add(path, line, "paragraph", f"paragraph {ref.paragraph} not in article")
            elif ref.quote not in article.paragraphs[ref.paragraph - 1]:
                self.add(path, line, "quote", f"'{ref.quote}' not found in paragraph {ref.paragraph}")
