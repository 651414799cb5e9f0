"""A corpus of many generated articles: versions for caches, export streamed.

Each shortcut is held to the plain way on real data: what ``export.streamed`` writes equals the
export of the atlas in memory.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bench.articles import generate
from geo.atlas import bulk
from geo.atlas.corpus import Corpus
from geo.atlas.export import streamed
from geo.store.store import Store
from tests.conftest import DATA, SEED_ARTICLE
from tests.whole import features, merged_with


def imported(corpus: Corpus, seed, records) -> list[str]:
    lines = [(n, json.dumps(r).encode()) for n, r in enumerate(records, start=1)]
    report = bulk.run([("test.jsonl", lines)], corpus, seed, str(DATA), workers=1)
    assert not report.problems
    return report.saved


@pytest.fixture(scope="module")
def records():
    return list(generate(14, seed=21))


@pytest.fixture
def corpus(tmp_path):
    return Corpus(tmp_path / "corpus.sqlite")


def same_atlas(a, b) -> None:
    """Everything a page or the export asks of an atlas, asked of both."""
    assert list(a.articles) == list(b.articles)
    assert a.places == b.places and a.events == b.events
    for place in a.places:
        assert a.passages(place) == b.passages(place)
        assert a.events_of(place) == b.events_of(place)
        assert a.articles_naming(place) == b.articles_naming(place)
    assert a.date_span() == b.date_span()


def test_the_version_changes_with_every_write_and_tells_databases_apart(corpus, tmp_path, atlas, records):
    first = corpus.version()
    assert corpus.version() == first  # reading changes nothing
    (saved,) = imported(corpus, atlas, records[:1])
    second = corpus.version()
    assert second != first
    assert Corpus(corpus.path, read_only=True).version() == second
    corpus.remove(saved)
    assert corpus.version() not in (first, second)
    other = Corpus(tmp_path / "other.sqlite")
    assert other.version().split(":")[0] != first.split(":")[0]


def test_indexes_answer_as_the_scans_did(corpus, atlas, records):
    imported(corpus, atlas, records)
    merged = merged_with(corpus, atlas)
    for place in merged.places:
        scanned = sorted((e for e in merged.events.values() if place in e.places), key=lambda e: (e.date_start, e.id))
        assert merged.events_of(place) == scanned
        assert merged.mentions_of(place) == [m for m in merged.mentions if m.place == place]
    some = list(merged.articles)[3:6]
    named = {m.place for m in merged.mentions if m.article in some}
    named |= {p for e in merged.events.values() if e.article in some for p in e.places}
    assert {p.id for p in merged.places_of(some)} == named
    dates = [merged.articles[a].date for a in merged.articles_naming("khankendi")]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    "narrowing",
    [
        {},
        {"start": dt.date(2022, 6, 1), "end": dt.date(2023, 6, 30)},
        {"articles": "some"},
        {"articles": "some", "start": dt.date(2021, 1, 1), "end": dt.date(2022, 12, 31)},
    ],
)
def test_the_streamed_export_is_the_export_of_the_atlas_in_memory(corpus, atlas, records, narrowing):
    saved = imported(corpus, atlas, records)
    if narrowing.get("articles"):
        narrowing = {**narrowing, "articles": [SEED_ARTICLE, *saved[2:5]]}
    expected = {f["id"]: f for _, f in features(merged_with(corpus, atlas).narrowed(**narrowing))}
    store = Store(corpus.target, atlas, f"test:{corpus.target}")
    if narrowing.get("articles"):
        store = store.narrowed(articles=narrowing["articles"])
    found = [f for _, f in streamed(store, narrowing.get("start"), narrowing.get("end"))]
    assert [f["id"] for f in found] == sorted(expected)
    assert {f["id"]: f for f in found} == expected
    assert sum(len(f["properties"]["passages"]) for f in found) > len(records)  # a real corpus, not an empty one
