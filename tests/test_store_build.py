"""The bench's direct build of a corpus (``bench.store_build``) stores what ``geo import`` would, closely
enough to measure the store with: the same articles, nearly the same mentions and events, and counts
that agree with the rows written."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing

from bench.articles import generate, marked_article
from bench.store_build import build
from geo.atlas.corpus import Corpus, open_corpus, restat
from geo.store.store import Store
from tests.conftest import DATA
from tests.test_corpus_scale import imported

COUNT = 12


def rows(path, sql: str) -> set[tuple]:
    with closing(sqlite3.connect(path)) as db:
        return set(db.execute(sql).fetchall())


def test_the_generator_marks_what_it_wrote_where_it_wrote_it():
    rng = random.Random(5)
    for n in range(20):
        record, marks = marked_article(n, rng)
        assert {m.kind for m in marks} == {"town", "country", "date"}
        for m in marks:
            written = record["text"][m.start : m.end]
            if m.kind == "town":
                assert written == m.value[0]
            elif m.kind == "country":
                assert written == m.value
            else:
                assert str(m.value.day) in written and m.value.strftime("%B") in written


def test_a_direct_build_stores_what_an_import_would(atlas, tmp_path):
    direct = build(COUNT, tmp_path / "direct", data_dir=str(DATA), workers=1, copies=2, progress=lambda _: None)
    corpus = Corpus(tmp_path / "import" / "corpus.sqlite")
    imported(corpus, atlas, list(generate(COUNT, seed=1)))

    # The same articles, field for field, and copies of them under ids of their own.
    fields = "id, outlet, author, date, title, title_is_ours, url, text, language, fingerprint, words"
    originals = rows(direct, f"SELECT {fields} FROM articles WHERE id NOT LIKE 'c2-%'")
    assert originals == rows(corpus.path, f"SELECT {fields} FROM articles")
    assert len(rows(direct, "SELECT fingerprint FROM articles")) == 2 * COUNT

    # Most mentions exactly as the geoparser reads them in the whole article (places, offsets, sureness).
    mention = "SELECT article, place, paragraph, start, end, text, confirmed FROM mentions"
    found, wanted = rows(direct, f"{mention} WHERE article NOT LIKE 'c2-%'"), rows(corpus.path, mention)
    assert len(found & wanted) >= 0.75 * len(wanted)
    events = rows(direct, "SELECT id FROM events WHERE id NOT LIKE 'c2-%'")
    assert len(events & rows(corpus.path, "SELECT id FROM events")) >= 0.75 * len(events)

    # Current for the app: no migration left to run, and the counts are the rows' own.
    with closing(open_corpus(direct)) as db:
        applied = {r[0] for r in db.execute("SELECT name FROM migrations")}
        counts = "SELECT place, articles, passages, events, sure FROM place_stats"
        kept = set(db.execute(counts).fetchall())
        days = set(db.execute("SELECT * FROM event_days").fetchall())
        db.execute("BEGIN")
        restat(db)
        assert kept == set(db.execute(counts).fetchall())
        assert days == set(
            db.execute("SELECT last, day, stop, count(*) FROM events GROUP BY last, day, stop").fetchall()
        )
        db.execute("ROLLBACK")
    assert applied == {r[0] for r in open_corpus(corpus.path).execute("SELECT name FROM migrations")}
    store = Store(direct, atlas, f"test:{direct}")
    assert len(store.articles) == 2 * COUNT + len(atlas.articles)
