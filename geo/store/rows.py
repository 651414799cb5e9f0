"""How a place and an event are written as rows, so the queries can filter and sort in SQL.

The record itself stays whole (JSON) beside these columns; the columns are what a query needs
without decoding it: a place's position, kind and every name folded (search by any name), an
event's first day, the last day the date rule reads (open-ended while it goes on) and the last day
its article knows (what the feed sorts by and the Timeline's span ends on).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from geo.model.models import Event, Place, known_last_day, last_day
from geo.model.names import fold


class Stats(NamedTuple):
    """What the map and the Places table show of a place without reading its mentions: how many
    articles name it, in how many paragraphs, how many events, how many sure mentions, and the
    first article (whose colour it wears when it is the only one)."""

    articles: int
    passages: int
    events: int
    sure: int
    first: str


PLACE_COLUMNS = "id, record, name, kind, lat, lon, names"
EVENT_COLUMNS = "id, article, record, day, stop, last"


def folded_names(place: Place) -> str:
    """Every name of a place folded, one a line and framed by line breaks, so that one name is
    matched whole with ``LIKE '%' || char(10) || name || char(10) || '%'`` and a part of one with ``LIKE``."""
    return "\n" + "\n".join(dict.fromkeys(fold(name) for name in place.names)) + "\n"


def place_row(place: Place) -> tuple:
    return (place.id, place.model_dump_json(), place.name, place.kind, place.lat, place.lon, folded_names(place))


def event_row(event: Event, published: dt.date) -> tuple:
    """An event's row; ``published`` is its article's date."""
    return (
        event.id,
        event.article,
        event.model_dump_json(),
        event.date_start.isoformat(),
        last_day(event.date_start, event.date_end, event.ongoing).isoformat(),
        known_last_day(event, published).isoformat(),
    )
