"""The story feed: what happened in the map's view and date range, newest first, a page at a time.

Each article's events are its items; an article that reports no dated event is one item itself,
on its date of publication. The items are sorted once per atlas; a page walks them from the
newest and stops when it is full, so a page costs what it shows plus what it skips, not the
corpus. Places count as in view by their representative point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from geo.atlas.atlas import Atlas

PER_PAGE = 10


class Bounds(NamedTuple):
    """The map's view, as streamlit-folium returns it: south-west and north-east corners."""

    south: float
    west: float
    north: float
    east: float

    @classmethod
    def from_map(cls, bounds: object) -> Bounds | None:
        """The view from the map's answer; None for anything that is not two finite corners."""
        try:
            sw, ne = bounds["_southWest"], bounds["_northEast"]  # type: ignore[index]
            corners = cls(float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"]))
        except (KeyError, TypeError, ValueError):
            return None
        if not all(-1e4 < v < 1e4 for v in corners):  # also refuses NaN
            return None
        return corners

    def contains(self, lat: float, lon: float) -> bool:
        if not self.south <= lat <= self.north:
            return False
        if self.east - self.west >= 360:
            return True
        west, east = (self.west + 180) % 360 - 180, (self.east + 180) % 360 - 180
        lon = (lon + 180) % 360 - 180
        return west <= lon <= east if west <= east else lon >= west or lon <= east  # across 180°


class Item(NamedTuple):
    """One line of the feed: when, who reported it, what, and where (the places in view)."""

    first: dt.date
    last: dt.date | None
    ongoing: bool
    article: str
    outlet: str
    summary: str
    places: tuple[str, ...]
    event: str | None


class Page(NamedTuple):
    items: tuple[Item, ...]
    more: bool


class FeedIndex:
    """Every item of one atlas, newest first: built once per atlas version and filter."""

    def __init__(self, atlas: Atlas):
        self.atlas = atlas
        entries: list[tuple[dt.date, dt.date, str, str | None]] = []
        with_events = set()
        for event in atlas.events.values():
            if event.article in atlas.articles:
                with_events.add(event.article)
                entries.append((atlas.last_known_day(event), event.date_start, event.article, event.id))
        for article in atlas.articles.values():
            if article.id not in with_events:
                entries.append((article.date, article.date, article.id, None))
        entries.sort(key=lambda e: (e[0], e[1], e[2], e[3] or ""), reverse=True)
        self.entries = entries
        self.order = {(e[2], e[3]): n for n, e in enumerate(entries)}

    def page(
        self,
        shown: Iterable[str],
        bounds: Bounds | None,
        start: dt.date | None,
        end: dt.date | None,
        number: int = 0,
        per_page: int = PER_PAGE,
    ) -> Page:
        """Page ``number`` (from 0) of the items naming a shown place in view, in the date range."""
        places = self.atlas.places
        in_view = {
            pid
            for pid in shown
            if pid in places and (bounds is None or bounds.contains(places[pid].lat, places[pid].lon))
        }
        skip, items = number * per_page, []
        if not in_view:
            return Page((), False)
        for _last, first, article_id, event_id in self._candidates(in_view, len(places)):
            if event_id is None:
                if (start is not None and first < start) or (end is not None and first > end):
                    continue
                named: Iterable[str] = sorted(self.atlas.places_named_by(article_id))
                summary, last_day, ongoing = self.atlas.articles[article_id].title, None, False
            else:
                event = self.atlas.events[event_id]
                if not event.overlaps(start, end):  # the date rule the map's places follow too
                    continue
                named, summary, ongoing, last_day = event.places, event.summary, event.ongoing, event.date_end
            here = tuple(pid for pid in named if pid in in_view)
            if not here:
                continue
            if skip:
                skip -= 1
                continue
            if len(items) == per_page:
                return Page(tuple(items), True)
            outlet = self.atlas.articles[article_id].outlet
            items.append(Item(first, last_day, ongoing, article_id, outlet, summary, here, event_id))
        return Page(tuple(items), False)

    def _candidates(self, in_view: set[str], total: int) -> list[tuple[dt.date, dt.date, str, str | None]]:
        """The entries to walk: all of them for a wide view; for a narrow one, only those of its
        places, gathered from the atlas's per-place indexes, so a town's feed skips the world's."""
        if len(in_view) * 4 > total:
            return self.entries
        keys = set()
        for pid in in_view:
            keys.update((e.article, e.id) for e in self.atlas.events_of(pid))
            keys.update((a, None) for a in self.atlas.articles_naming(pid))
        return [self.entries[n] for n in sorted(self.order[k] for k in keys if k in self.order)]
