"""The atlas as GeoJSON and as a flat table, the shapes CONTRACTS.md promises."""

from __future__ import annotations

import json

import pandas as pd

from geo.atlas.atlas import Atlas
from geo.model.models import Event, Place


def place_geometry(atlas: Atlas, place: Place) -> dict:
    """The drawn shape: the curated line or area where there is one, else the point."""
    return atlas.geometries.get(place.id) or {"type": "Point", "coordinates": [place.lon, place.lat]}


def event_json(event: Event) -> dict:
    """An event as the export writes it."""
    return {
        "id": event.id,
        "article": event.article,
        "date_start": event.date_start.isoformat(),
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "ongoing": event.ongoing,
        "summary": event.summary,
    }


def place_properties(atlas: Atlas, place: Place) -> dict:
    """Everything said of one place: names, provenance, passages with their sources, events."""
    passages = []
    for passage in atlas.passages(place.id):
        article = atlas.articles[passage.article]
        passages.append(
            {
                "article": passage.article,
                "paragraph": passage.paragraph,
                "text": passage.text,
                "spans": [list(s) for s in passage.spans],
                "source": {"outlet": article.outlet, "author": article.author, "date": article.date.isoformat()},
            }
        )
    return {
        "id": place.id,
        "name": place.name,
        "alt_names": list(place.alt_names),
        "kind": place.kind,
        "country": place.country,
        "coord_source": place.coord_source,
        "precision_m": place.precision_m,
        "note": place.note,
        "passages": passages,
        "events": [event_json(e) for e in atlas.events_of(place.id)],
    }


def to_geojson(atlas: Atlas) -> dict:
    """One Feature per place, [lon, lat] as GeoJSON requires."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": p.id,
                "geometry": place_geometry(atlas, p),
                "properties": place_properties(atlas, p),
            }
            for p in atlas.places.values()
        ],
    }


def to_table(atlas: Atlas) -> pd.DataFrame:
    """One row per place; lists become ``;``-joined names or JSON cells so nothing is lost."""
    rows = []
    for place in atlas.places.values():
        props = place_properties(atlas, place)
        rows.append(
            {
                **{k: props[k] for k in ("id", "name")},
                "alt_names": ";".join(place.alt_names),
                **{k: props[k] for k in ("kind", "country")},
                "lat": place.lat,
                "lon": place.lon,
                "geometry_type": place_geometry(atlas, place)["type"],
                **{k: props[k] for k in ("coord_source", "precision_m", "note")},
                "passages": json.dumps(props["passages"], ensure_ascii=False),
                "events": json.dumps(props["events"], ensure_ascii=False),
            }
        )
    return pd.DataFrame(rows)
