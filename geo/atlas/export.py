"""The atlas as GeoJSON and as a flat table, the shapes CONTRACTS.md promises.

Both the Places page's downloads and ``geo export`` write what ``streamed`` reads of the store,
place by place, so the export's memory stays flat however large the corpus grows.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO

from geo.atlas.atlas import Atlas
from geo.atlas.database import Database
from geo.atlas.saved_ids import shown_id
from geo.model.models import Article, Passage, Place
from geo.store.store import Store

if TYPE_CHECKING:
    import pandas as pd

#: Articles whose paragraphs an export keeps at hand (each is quoted by many places, in turn).
QUOTED = 2048
CSV_COLUMNS = (
    "id", "name", "alt_names", "kind", "country", "lat", "lon", "geometry_type", "coord_source", "precision_m",
    "note", "confirmed", "passages", "events",
)  # fmt: skip


def place_geometry(atlas: Atlas, place: Place) -> dict:
    """The drawn shape: the curated line or area where there is one, else the point."""
    return atlas.geometries.get(place.id) or {"type": "Point", "coordinates": [place.lon, place.lat]}


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


def properties(place: Place, passages: list[dict], events: list[dict], confirmed: bool) -> dict:
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
        "events": events,
    }


def _feature(place: Place, geometry: dict, props: dict) -> dict:
    return {"type": "Feature", "id": place.id, "geometry": geometry, "properties": props}


def streamed(
    store: Store, start: dt.date | None = None, end: dt.date | None = None, *, texts: bool = True
) -> Iterator[tuple[Place, dict]]:
    """The features of the store's places in id order, read place by place: only one place's
    passages and events are in memory at a time (and a few thousand articles' texts).

    The seed and the saved corpus come merged by the store's own queries (its attached seed), so
    the merge lives there once. A store narrowed to some articles (``Store.narrowed``) and
    ``start`` and ``end`` narrow as the app narrows (``Store.visible_places``: only what the
    articles say, only places the range shows). Without ``texts`` a passage is only its article
    and paragraph, an event its id, article and first day: enough to count them, and quicker.
    """
    wanted = set(store.chosen) if store.chosen is not None else None
    kept = None if wanted is None and start is None and end is None else set(store.visible_places(start, end))
    seed_ids = {aid: n for n, (aid,) in enumerate(store.rows("SELECT id FROM seed.articles ORDER BY rowid"))}

    @functools.lru_cache(maxsize=QUOTED)
    def quoted(article_id: str) -> tuple[Article, list[str]]:
        """An article and its paragraphs, the last ``QUOTED`` kept at hand: its passages come
        place after place."""
        article = store.article(article_id)
        return article, article.paragraphs

    with store.snapshot() as db:
        # The saved articles in the order saved, each by the id it is shown under.
        saved = {aid: (n, shown_id(aid, seed_ids)) for n, (aid,) in enumerate(db.stream(
            f"SELECT id FROM {store.main}.articles ORDER BY rowid"))}  # fmt: skip
        orders = (lambda a: (seed_ids[a], a), lambda a: saved[a])
        mentions = _Grouped(db.stream(_both(store, db, _MENTIONS, 'place, article, paragraph, start, "end"')))
        events = _Grouped(db.stream(_both(store, db, _events_sql(db, texts), "1")))
        for place_id, source, record in db.stream(
            f"SELECT id, 0, record FROM seed.places UNION ALL SELECT id, 1, record FROM {store.main}.places"
            " WHERE id NOT IN (SELECT id FROM seed.places) ORDER BY 1"
        ):
            rows, tied_rows = mentions.take(place_id), events.take(place_id)
            if kept is not None and place_id not in kept:
                continue
            place = Place.model_validate_json(record)
            passages = _passages(rows, orders, wanted, quoted if texts else None)
            # As ``Store.is_confirmed``: curated, or confirmed by any saved mention, chosen articles or not.
            confirmed = source == 0 or any(row[-1] for row in rows if row[1] == 1)
            tied = []
            for _, event_source, event_id, article, first, last, ongoing, summary in tied_rows:
                shown = article if event_source == 0 else saved[article][1]
                if wanted is None or shown in wanted:
                    tied.append({"id": event_id, "article": shown, "date_start": first, "date_end": last,
                                 "ongoing": bool(ongoing), "summary": summary})  # fmt: skip
            tied.sort(key=lambda e: (e["date_start"], e["id"]))  # as Atlas.events_of orders them
            geometry = place_geometry(store, place)
            yield place, _feature(place, geometry, properties(place, passages, tied, confirmed))


# Each source's rows, the source numbered (0: the seed, 1: the saved corpus) after the first column.
_MENTIONS = 'SELECT place, {source}, article, paragraph, start, "end", confirmed FROM {table}mentions{indexed}'


def _events_sql(db: Database, texts: bool) -> str:
    """The events of each place a source's events name, their fields read out of the stored
    records in SQL: an export of thousands of events builds no Event for each place it names.
    Without ``texts``, only id, article and first day."""
    details = (
        ", ".join(db.json_value("e.record", key) for key in ("date_end", "ongoing", "summary"))
        if texts
        else "NULL, 0, NULL"
    )
    return (
        f"SELECT ep.place, {{source}}, e.id, e.article, ep.day, {details}"
        " FROM {table}event_places ep JOIN {table}events e ON e.id = ep.event"
    )


def _both(store: Store, db: Database, sql: str, order: str) -> str:
    """``sql`` over the seed's tables and the corpus's as one answer, sorted by ``order``: each
    source's rows come sorted by its own index and the database merges them."""
    indexed = "" if db.postgres else " INDEXED BY mentions_by_place"
    parts = [sql.format(source=n, table=f"{source}.", indexed=indexed) for n, source in enumerate(store.sources)]
    return f"{' UNION ALL '.join(parts)} ORDER BY {order}"


def _passages(rows: list[tuple], orders, wanted: set[str] | None, quoted) -> list[dict]:
    """One place's mention rows as passages, spans merged: the seed's first, in its articles'
    order, then the saved ones in the order saved; with their texts from ``quoted`` (an article
    and its paragraphs, by id), unless it is None."""
    spans: dict[tuple[int, str, int], set[tuple[int, int]]] = {}
    for _, source, article, paragraph, first, last, _ in rows:
        spans.setdefault((source, article, paragraph), set()).add((first, last))
    passages = []
    for source, article_id, paragraph in sorted(spans, key=lambda k: (k[0], orders[k[0]](k[1]), k[2])):
        shown = article_id if source == 0 else orders[1](article_id)[1]
        if wanted is not None and shown not in wanted:
            continue
        if quoted is None:
            passages.append({"article": shown, "paragraph": paragraph})
            continue
        article, paragraphs = quoted(shown)
        found = spans[(source, article_id, paragraph)]
        passage = Passage(
            article=shown, paragraph=paragraph, text=paragraphs[paragraph - 1], spans=tuple(sorted(found))
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


def to_geojson(found: Iterable[tuple[Place, dict]]) -> dict:
    """The features (``streamed``) as one FeatureCollection, [lon, lat] as GeoJSON requires."""
    return {"type": "FeatureCollection", "features": [feature for _, feature in found]}


def to_table(found: Iterable[tuple[Place, dict]]) -> pd.DataFrame:
    """The features (``streamed``) one row a place, as the CSV export has them."""
    import pandas as pd

    return pd.DataFrame([table_row(place, feature) for place, feature in found], columns=list(CSV_COLUMNS))
