"""What the side panel reads out for one place, from the store's indexes so a click scans nothing.

A click reads the place, its latest events and one page of its naming articles, newest first.
A mention found inside another place's name ("Lachin" in "Lachin road") is the road's, so
the town's reading keeps it apart from the passages that name the town itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from geo.model.models import Article, Event, Passage, Place
from geo.store.store import Store

PAGE_SIZE = 10


@dataclass(frozen=True)
class ArticlePassages:
    """One article's passages about a place, the source shown once above them."""

    article: Article
    passages: tuple[Passage, ...]
    #: False when the geoparser was unsure this article means this place and no reader confirmed
    #: it: a confirmed dot may also carry another article's unsure "Alexandria", which the panel
    #: must not present as the same fact.
    confirmed: bool = True


@dataclass(frozen=True)
class Reading:
    """A place, its events, and the articles that name it, newest first."""

    place: Place
    events: tuple[Event, ...]
    named: Sequence[ArticlePassages]
    #: Passages where the place is named only inside another place's name, with those names.
    parts: tuple[ArticlePassages, ...]
    within: tuple[str, ...]

    def page(self, number: int) -> tuple[ArticlePassages, ...]:
        """One page of the naming articles, pages counted from 0."""
        return self.named[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.named) // PAGE_SIZE))


class _Paged(Sequence):
    """A place's naming articles with their passages, read from the store a page at a time."""

    def __init__(self, store: Store, place_id: str, how: str):
        self.store, self.place_id, self.how = store, place_id, how
        self.ids = store.naming(place_id, how)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self._entry(a) for a in self.ids[index])
        return self._entry(self.ids[index])

    def _entry(self, article_id: str) -> ArticlePassages:
        article = self.store.articles[article_id]
        by_paragraph: dict[int, set[tuple[int, int]]] = defaultdict(set)
        sure = False
        for m in self.store.mentions(self.place_id, article_id, self.how):
            by_paragraph[m.paragraph].add((m.start, m.end))
            sure = sure or m.confirmed
        texts = article.paragraphs
        passages = tuple(
            Passage(article=article_id, paragraph=n, text=texts[n - 1], spans=tuple(sorted(s)))
            for n, s in sorted(by_paragraph.items())
        )
        return ArticlePassages(article, passages, confirmed=sure)


#: The events a panel lists at most: the latest, the rest counted (a capital has thousands).
EVENTS_SHOWN = 200


class ReadingIndex:
    """Readings and name look-ups over one store: each a few queries, a page of articles at a time."""

    def __init__(self, atlas: Store):
        self.atlas = atlas

    def reading(self, place_id: str) -> Reading:
        """Everything the panel shows of a place: its naming articles are read as their page is shown."""
        store = self.atlas
        parts = _Paged(store, place_id, "part")
        shown_parts = parts[:PAGE_SIZE]
        within = dict.fromkeys(
            m.reason.removeprefix("named within ").strip("'")
            for entry in shown_parts
            for m in store.mentions(place_id, entry.article.id, "part")
        )
        return Reading(
            place=store.places[place_id],
            events=tuple(store.events_of(place_id, limit=EVENTS_SHOWN)),
            named=_Paged(store, place_id, "name"),
            parts=shown_parts,
            within=tuple(within),
        )

    def find(self, query: str) -> list[Place]:
        """The places any of whose names is the query, spelling and accents aside."""
        return self.atlas.find(query)
