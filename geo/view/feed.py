"""The story feed: what happened in the map's view and date range, newest first, a page at a time.

Each article's events are its items; an article that reports no dated event is one item itself,
on its date of publication. A page is one query that walks the items from the newest (an index)
and stops when it is full, so a page costs what it shows plus what it skips, not the corpus.
Places count as in view by their representative point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from geo.store.store import Store

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
    """The feed of one store (its version and article filter): each page one query, newest first."""

    def __init__(self, atlas: Store):
        self.atlas = atlas

    def page(
        self,
        shown: Iterable[str],
        bounds: Bounds | None,
        start: dt.date | None,
        end: dt.date | None,
        number: int = 0,
        per_page: int = PER_PAGE,
    ) -> Page:
        """Page ``number`` (from 0) of the items naming a shown place in view, in the date range.

        The store reads the newest items whose places lie in ``bounds`` (by their representative
        point), as many as the pages so far and this one need; each keeps the places in view that
        are shown (the date rule's), and one that keeps none is passed over."""
        shown = set(shown)
        wanted = (number + 1) * per_page + 1
        while True:
            rows = self.atlas.feed_rows(bounds, start, end, wanted)
            items = [item for item in (self._item(r, shown, bounds) for r in rows) if item is not None]
            skip = number * per_page
            if len(items) > skip + per_page or len(rows) < wanted:
                page = items[skip : skip + per_page]
                return Page(tuple(page), len(items) > skip + per_page)
            wanted *= 2

    def _item(self, row, shown: set[str], bounds: Bounds | None) -> Item | None:
        _last, first, article_id, event = row
        article = self.atlas.articles[article_id]
        if event is None:
            named: Iterable[str] = sorted(self.atlas.places_named_by(article_id))
            summary, last_day, ongoing = article.title, None, False
        else:
            named, summary, ongoing, last_day = event.places, event.summary, event.ongoing, event.date_end
        in_view = self.atlas.in_bounds([p for p in named if p in shown], bounds)
        here = tuple(pid for pid in named if pid in in_view)
        if not here:
            return None
        return Item(first, last_day, ongoing, article_id, article.outlet, summary, here, event.id if event else None)
