"""The Places page's downloads: the atlas read from the store in one streamed pass (not asked place
by place), the same atlas ``geo export`` writes and the whole atlas in memory holds, on both backends."""

from __future__ import annotations

import json

import pytest

from bench.articles import generate
from geo.atlas.corpus import Corpus
from geo.atlas.export import streamed, to_geojson, to_table
from geo.cli import main
from geo.store.store import Store
from tests.conftest import SEED_ARTICLE, module_database
from tests.test_store import imported
from tests.whole import features, merged_with


@pytest.fixture(scope="module")
def saved(backend, request, atlas, tmp_path_factory):
    """Six generated articles saved beside the seed: the corpus, their ids, and the store."""
    corpus = Corpus(module_database(request, tmp_path_factory, "download"))
    ids = imported(corpus, atlas, list(generate(6, seed=9)))
    return corpus, ids, Store(corpus.target, atlas, f"test:{corpus.target}")


def exported(capsys, monkeypatch, corpus: Corpus, *args: str) -> str:
    """What ``geo export`` writes for the corpus."""
    if corpus.path:
        monkeypatch.setenv("ATLAS_VAR", str(corpus.path.parent))
    else:
        monkeypatch.setenv("ATLAS_DATABASE_URL", str(corpus.target))
    assert main(["export", *args]) == 0
    return capsys.readouterr().out


def test_the_downloads_are_what_geo_export_writes(saved, capsys, monkeypatch):
    corpus, _, store = saved
    geojson = to_geojson(streamed(store))
    assert geojson == json.loads(exported(capsys, monkeypatch, corpus))
    assert to_table(streamed(store)).to_csv(index=False) == exported(capsys, monkeypatch, corpus, "--format", "csv")


@pytest.mark.parametrize("narrow", [False, True])
def test_the_download_holds_what_the_whole_atlas_holds(saved, atlas, narrow):
    corpus, ids, store = saved
    whole = merged_with(corpus, atlas)
    if narrow:
        chosen = [SEED_ARTICLE, ids[1], ids[4]]
        store, whole = store.narrowed(articles=chosen), whole.narrowed(articles=chosen)
    expected = {feature["id"]: feature for _, feature in features(whole)}
    found = to_geojson(streamed(store))["features"]
    assert [f["id"] for f in found] == sorted(expected)
    assert {f["id"]: f for f in found} == expected
    assert sum(len(f["properties"]["passages"]) for f in found) > len(found)


def test_the_download_reads_no_query_a_place(saved, monkeypatch):
    """However many places, a few queries and one read of each article whose text a passage
    quotes: asked place by place, it took several queries for each of the places."""
    _, _, store = saved
    asked = []
    rows = Store.rows
    monkeypatch.setattr(Store, "rows", lambda self, *a: asked.append(a) or rows(self, *a))
    found = list(streamed(store))
    quoted = {p["article"] for _, f in found for p in f["properties"]["passages"]}
    assert len(found) > 3 * len(quoted)
    assert len(asked) <= len(quoted) + 3
