"""The app's atlas follows the corpus version: an import in another process shows on the next run,
and only what it added is read; a removal reads everything again."""

from __future__ import annotations

import json
import subprocess
import sys

from streamlit.testing.v1 import AppTest

from bench.articles import generate
from geo.atlas.corpus import Corpus
from tests.conftest import ROOT
from ui import data


def import_in_another_process(tmp_path, records) -> None:
    source = tmp_path / "more.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    command = [sys.executable, "-m", "geo", "import", str(source), "--workers", "1"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_an_import_elsewhere_is_read_incrementally_and_a_removal_in_full(empty_corpus, tmp_path, monkeypatch):
    records = list(generate(5, seed=8))
    import_in_another_process(tmp_path, records[:2])
    reads = []
    real = Corpus.read_since

    def spy(self, atlas, seed, mark):
        reads.append(mark.count)
        return real(self, atlas, seed, mark)

    monkeypatch.setattr(Corpus, "read_since", spy)
    first, key = data._current(str(ROOT / "data"))
    assert len(first.articles) == 3 and reads == [0]
    assert data._current(str(ROOT / "data")) == (first, key)  # same version: not read again
    assert reads == [0]
    import_in_another_process(tmp_path, records[2:])
    second, newer = data._current(str(ROOT / "data"))
    assert newer != key and len(second.articles) == 6
    assert reads == [0, 2]  # only the three new articles were read
    assert second.articles.keys() > first.articles.keys()
    Corpus().remove(list(second.articles)[-1])
    third, _ = data._current(str(ROOT / "data"))
    assert len(third.articles) == 5 and reads == [0, 2, 5, 0]  # a removal: read again from nothing


def test_the_map_page_shows_an_article_saved_meanwhile(empty_corpus, tmp_path):
    page = AppTest.from_file(str(ROOT / "pages" / "0_Map.py"), default_timeout=60)
    page.run()
    assert not page.exception
    assert "1 article from Azernews" in page.caption[0].value
    before = page.session_state[data.KEY_STATE]
    (record,) = generate(1, seed=2)
    import_in_another_process(tmp_path, [record])
    page.run()
    assert not page.exception
    assert page.session_state[data.KEY_STATE] != before
    assert "2 articles from 2 outlets" in page.caption[0].value


def test_a_loaded_atlas_is_kept_out_of_the_cycle_collectors_passes(empty_corpus, tmp_path):
    """Its objects are frozen once loaded, so no full collection walks them during a click."""
    import gc

    import_in_another_process(tmp_path, list(generate(3, seed=4)))
    gc.unfreeze()
    atlas, _ = data._current(str(ROOT / "data"))
    frozen = gc.get_freeze_count()
    assert frozen > len(atlas.mentions) + len(atlas.places)
    assert not any(o is atlas.mentions[0] for o in gc.get_objects(generation=2))  # frozen: in no generation


class _Cycle:
    """Garbage only the cycle collector frees: it refers to itself."""

    def __init__(self):
        self.me = self
        self.payload = bytearray(1 << 20)


def test_reloads_free_what_they_froze_once_it_is_garbage(empty_corpus, tmp_path):
    """Each version is frozen out of the cycle collector's passes, and with it whatever is alive
    then: the page caches' entries. Once evicted, those were cyclic garbage in the permanent
    generation, never freed: the server grew with every reload. Measured over twelve reloads
    with a Map page run before each: 185 → 221 MB and rising, now 186 → 209 MB and level."""
    import gc
    import weakref

    import_in_another_process(tmp_path, list(generate(6, seed=5)))
    atlas, _ = data._current(str(ROOT / "data"))
    settled = gc.get_freeze_count()
    cached, evicted = None, []
    for article_id in [a for a in atlas.articles if data.is_saved(a)][:5]:
        cached = _Cycle()  # alive as this version is frozen, as a cache entry is; evicted at the next
        evicted.append(weakref.ref(cached))
        Corpus().remove(article_id)
        atlas, _ = data._current(str(ROOT / "data"))  # a removal: the whole atlas read again
    cached = None
    Corpus().remove(next(a for a in atlas.articles if data.is_saved(a)))
    atlas, _ = data._current(str(ROOT / "data"))
    assert len(atlas.articles) == 1 and cached is None
    assert gc.get_freeze_count() <= settled  # the replaced atlases were freed, not kept frozen
    assert all(ref() is None for ref in evicted)  # and so was all that was frozen with them
