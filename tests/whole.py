"""The export's features built from an atlas read whole into memory: what the tests hold
``geo.atlas.export.streamed`` (which reads the store place by place) to."""

from __future__ import annotations

from collections.abc import Iterator

from geo.atlas.atlas import Atlas
from geo.atlas.export import passage_json, place_geometry, properties
from geo.model.models import Event, Place


def event_json(event: Event) -> dict:
    """An event as the export writes it, from its record."""
    return {
        "id": event.id,
        "article": event.article,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "ongoing": event.ongoing,
        "summary": event.summary,
    }


def features(atlas: Atlas) -> Iterator[tuple[Place, dict]]:
    """Each place of an atlas in memory with its Feature, by asking the atlas of each in turn."""
    for place in atlas.places.values():
        passages = [passage_json(p, atlas.articles[p.article]) for p in atlas.passages(place.id)]
        events = [event_json(e) for e in atlas.events_of(place.id)]
        props = properties(place, passages, events, atlas.is_confirmed(place.id))
        yield place, {"type": "Feature", "id": place.id, "geometry": place_geometry(atlas, place), "properties": props}
