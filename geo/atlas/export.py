"""The atlas as GeoJSON and as a flat table, the shapes CONTRACTS.md promises.

Two sources give the same features: an Atlas in memory (what the app offers for download),
or the seed with the saved corpus read place by place from SQLite (``streamed``, what
``geo export`` writes), so the export's memory stays flat however large the corpus grows.
"""

from __future__ import annotations

import csv
import datetime as dt
import heapq
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from geo.atlas.atlas import Atlas
from geo.atlas.saved_ids import shown_id
from geo.model.models import Article, Event, Passage, Place, last_day, visible

if TYPE_CHECKING:
    import pandas as pd

    from geo.atlas.corpus import Reading

CSV_COLUMNS = (
    "id", "name", "alt_names", "kind", "country", "lat", "lon", "geometry_type", "coord_source", "precision_m",
    "note", "confirmed", "passages", "events",
)  # fmt: skip


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


def passage_json(passage: Passage, article: Article) -> dict:
    """A passage with the source beside it, as the export writes it."""
    return {
        "article": passage.article,
        "paragraph": passage.paragraph,
        "text": passage.text,
        "spans": [list(s) for s in passage.spans],
        "source": {
            "outlet": article.outlet,
            "author": article.author,
            "date": article.date.isoformat(),
            "language": article.language,
        },
    }


def properties(place: Place, passages: list[dict], events: Iterable[Event], confirmed: bool) -> dict:
    """Everything said of one place: names, provenance, whether it is drawn as a fact
    (``Atlas.is_confirmed``), passages with their sources, events."""
    return {
        "id": place.id,
        "name": place.name,
        "alt_names": list(place.alt_names),
        "kind": place.kind,
        "country": place.country,
        "coord_source": place.coord_source,
        "precision_m": place.precision_m,
        "note": place.note,
        "confirmed": confirmed,
        "passages": passages,
        "events": [event_json(e) for e in events],
    }


def place_properties(atlas: Atlas, place: Place) -> dict:
    """Everything the atlas in memory says of one place."""
    passages = [passage_json(p, atlas.articles[p.article]) for p in atlas.passages(place.id)]
    return properties(place, passages, atlas.events_of(place.id), atlas.is_confirmed(place.id))


def _feature(place: Place, geometry: dict, props: dict) -> dict:
    return {"type": "Feature", "id": place.id, "geometry": geometry, "properties": props}


def features(atlas: Atlas) -> Iterator[tuple[Place, dict]]:
    """Each place of an atlas in memory with its Feature, [lon, lat] as GeoJSON requires."""
    for place in atlas.places.values():
        yield place, _feature(place, place_geometry(atlas, place), place_properties(atlas, place))


def streamed(
    seed: Atlas,
    reading: Reading | None,
    *,
    articles: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    texts: bool = True,
) -> Iterator[tuple[Place, dict]]:
    """The features of the seed merged with a saved corpus, read place by place in id order.

    The same as ``features(corpus.merged_with(seed).narrowed(...))``, but only one place's
    passages and events are in memory at a time (and a few hundred articles' texts). Without
    ``texts`` a passage is only its article and paragraph, an event its id, article and first
    day: enough to count them, and much quicker.
    """
    if reading is None:
        yield from features(seed.narrowed(articles=articles, start=start, end=end))
        return
    shown = {a: shown_id(a, seed.articles) for a in reading.ids()}
    order = {a: n for n, a in enumerate(shown)}
    wanted = set(articles) if articles else None
    seed_wanted = None if wanted is None else [a for a in wanted if a in seed.articles]
    saved_places = ((p.id, 1, p) for p in reading.places())
    seed_places = ((p.id, 0, p) for p in sorted(seed.places.values(), key=lambda p: p.id))
    mentions = _Grouped(reading.mentions())
    events = _Grouped(reading.events(whole=texts or start is not None or end is not None))
    for place_id, group in itertools.groupby(heapq.merge(seed_places, saved_places), key=lambda row: row[0]):
        place = next(group)[2]  # the seed's record first: curated places win
        passages = [
            passage_json(p, seed.articles[p.article]) if texts else {"article": p.article, "paragraph": p.paragraph}
            for p in seed.passages(place_id, seed_wanted)
        ]
        rows = mentions.take(place_id)
        passages += _saved_passages(reading, rows, shown, order, wanted, texts)
        # As Atlas.is_confirmed: curated, or confirmed by any saved mention, chosen articles or not.
        confirmed = place_id in seed.places or any(row[5] for row in rows)
        tied = [event_json(e) for e in seed.events_of(place_id) if wanted is None or e.article in wanted]
        for _, event in events.take(place_id):
            event["article"] = shown[event["article"]]
            if wanted is None or event["article"] in wanted:
                tied.append(event)
        tied.sort(key=lambda e: (e["date_start"], e["id"]))  # as Atlas.events_of orders them
        if wanted is not None and not passages and not tied:
            continue
        if not visible(map(_span, tied), start, end):
            continue
        geometry = seed.geometries.get(place_id) or {"type": "Point", "coordinates": [place.lon, place.lat]}
        yield place, _feature(place, geometry, {**properties(place, passages, (), confirmed), "events": tied})


def _span(event: dict) -> tuple[dt.date, dt.date]:
    """``Event.span`` of an event as the export writes it."""
    first, end = (dt.date.fromisoformat(day) if day else None for day in (event["date_start"], event["date_end"]))
    return first, last_day(first, end, event["ongoing"])


def _saved_passages(
    reading: Reading,
    rows: list[tuple],
    shown: dict[str, str],
    order: dict[str, int],
    wanted: set[str] | None,
    texts: bool,
) -> list[dict]:
    """One place's mention rows as passages, spans merged, in the order the articles were saved."""
    spans: dict[tuple[str, int], set[tuple[int, int]]] = {}
    for _, article, paragraph, first, last, _ in rows:
        if wanted is None or shown[article] in wanted:
            spans.setdefault((article, paragraph), set()).add((first, last))
    keys = sorted(spans, key=lambda key: (order[key[0]], key[1]))
    if not texts:
        return [{"article": shown[a], "paragraph": n} for a, n in keys]
    passages = []
    for article_id, paragraph in keys:
        found = spans[(article_id, paragraph)]
        article, paragraphs = reading.article(article_id)
        passage = Passage(
            article=shown[article_id], paragraph=paragraph, text=paragraphs[paragraph - 1], spans=tuple(sorted(found))
        )
        passages.append(passage_json(passage, article))
    return passages


class _Grouped:
    """Rows sorted by their first item, handed out one key's group at a time as the keys come by."""

    def __init__(self, rows: Iterator[tuple]):
        self._groups = itertools.groupby(rows, key=lambda row: row[0])
        self._next = next(self._groups, None)

    def take(self, key: str) -> list[tuple]:
        while self._next is not None and self._next[0] < key:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != key:
            return []
        rows = list(self._next[1])
        self._next = next(self._groups, None)
        return rows


def write_geojson(found: Iterable[tuple[Place, dict]], out: TextIO) -> None:
    """A FeatureCollection written one feature at a time."""
    out.write('{"type": "FeatureCollection", "features": [')
    for n, (_, feature) in enumerate(found):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(feature, ensure_ascii=False))
    out.write("\n]}\n")


def table_row(place: Place, feature: dict) -> dict:
    """One place as a table row; lists become ``;``-joined names or JSON cells so nothing is lost."""
    props = feature["properties"]
    return {
        **{k: props[k] for k in ("id", "name")},
        "alt_names": ";".join(place.alt_names),
        **{k: props[k] for k in ("kind", "country")},
        "lat": place.lat,
        "lon": place.lon,
        "geometry_type": feature["geometry"]["type"],
        **{k: props[k] for k in ("coord_source", "precision_m", "note", "confirmed")},
        "passages": json.dumps(props["passages"], ensure_ascii=False),
        "events": json.dumps(props["events"], ensure_ascii=False),
    }


def write_csv(found: Iterable[tuple[Place, dict]], out: TextIO) -> None:
    """The table written one row at a time."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for place, feature in found:
        writer.writerow(table_row(place, feature))


def to_geojson(atlas: Atlas) -> dict:
    """One Feature per place, [lon, lat] as GeoJSON requires."""
    return {"type": "FeatureCollection", "features": [feature for _, feature in features(atlas)]}


def to_table(atlas: Atlas) -> pd.DataFrame:
    """One row per place, as the CSV export has them."""
    import pandas as pd

    return pd.DataFrame([table_row(place, feature) for place, feature in features(atlas)], columns=list(CSV_COLUMNS))
