"""The app's store follows the corpus version: an import or a removal in another process shows on the
next run. On both backends (``corpus_target``): the file under ATLAS_VAR, and a server named by
ATLAS_DATABASE_URL, which the other process reads from its environment as the app does."""

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


def test_an_import_elsewhere_is_a_new_store_and_a_removal_too(corpus_target, tmp_path):
    """Each corpus version is a store of its own, which reads nothing until a page asks."""
    records = list(generate(5, seed=8))
    import_in_another_process(tmp_path, records[:2])
    first, key = data._current(str(ROOT / "data"))
    before = set(first.articles)
    assert len(before) == 3
    assert data._current(str(ROOT / "data")) == (first, key)  # same version: the same store
    import_in_another_process(tmp_path, records[2:])
    second, newer = data._current(str(ROOT / "data"))
    assert newer != key and second is not first and len(second.articles) == 6
    assert set(second.articles) > before
    Corpus().remove(list(second.articles)[-1])
    third, _ = data._current(str(ROOT / "data"))
    assert len(third.articles) == 5


def test_the_map_page_shows_an_article_saved_meanwhile(corpus_target, tmp_path):
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
