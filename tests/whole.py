"""The seed and a saved corpus read whole into memory, and the export's features built from
there: what the tests hold the store's queries and ``geo.atlas.export.streamed`` to.

The app never reads this way (77 KB an article in memory); the store answers each question by
query, the seed and the corpus merged by its attached seed. This is a second, plain reading of
the same tables, so that a query that drifts from it fails a test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

from geo.atlas.atlas import Atlas, load_atlas
from geo.atlas.corpus import (
    MENTION_FIELDS,
    Corpus,
    _article,
    _article_fields,
    _confirmed,
    _mention,
    default_target,
    open_corpus,
)
from geo.atlas.database import Target, is_url
from geo.atlas.export import passage_json, place_geometry, properties
from geo.atlas.saved_ids import shown_id
from geo.model.models import Event, Place


def merged_with(corpus: Corpus, seed: Atlas) -> Atlas:
    """The seed atlas plus everything saved in ``corpus``, read whole; curated places win over
    stored copies, new articles and places come after the known ones in the order saved, and a
    saved article whose id the seed has since taken is shown under ``<id>-saved``."""
    with closing(open_corpus(corpus.target, read_only=True)) as db:
        db.begin()
        # A database from before a column is read as it was then (``_article_fields``, ``_confirmed``).
        articles = [_article(r) for r in db.execute(f"SELECT {_article_fields(db)} FROM articles ORDER BY rowid")]
        places = [Place.model_validate_json(r[0]) for r in db.execute("SELECT record FROM places ORDER BY rowid")]
        fields = f"{MENTION_FIELDS}, {_confirmed(db)}"
        mentions = [_mention(r) for r in db.execute(f"SELECT {fields} FROM mentions ORDER BY rowid")]
        events = [Event.model_validate_json(r[0]) for r in db.execute("SELECT record FROM events ORDER BY rowid")]
    rename = {a.id: shown for a in articles if (shown := shown_id(a.id, seed.articles)) != a.id}

    def moved(record):
        return record.model_copy(update={"article": rename[record.article]}) if record.article in rename else record

    articles = [a.model_copy(update={"id": rename[a.id]}) if a.id in rename else a for a in articles]

    known = dict(seed.places)
    saved_only = set(seed.saved_only)
    for place in places:
        if place.id not in known:
            known[place.id] = place
            saved_only.add(place.id)
    return Atlas(
        places=known,
        articles={**seed.articles, **{a.id: a for a in articles}},
        events={**seed.events, **{e.id: moved(e) for e in events}},
        references=seed.references,
        geometries=seed.geometries,
        confirmed=[*seed.confirmed, *map(moved, mentions)],
        saved_only=frozenset(saved_only),
    )


def load_corpus_atlas(
    data_dir: Path | str = "data", corpus_path: Target | None = None, *, seed: Atlas | None = None
) -> Atlas:
    """The seed of ``data_dir`` (``seed`` if loaded already) with the corpus at ``corpus_path``
    (``default_target`` when not given) merged in, read whole; the seed alone while there is no
    corpus yet."""
    seed = seed if seed is not None else load_atlas(data_dir)
    target = corpus_path or default_target()
    if not is_url(target) and not Path(target).exists():
        return seed
    return merged_with(Corpus(target, read_only=True), seed)


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
