"""Issue 18, "Uncertain is not drawn as fact": the corpus remembers whether each saved mention was
confirmed, and the atlas draws a place as a fact when the seed curates it or any saved mention of
it is confirmed. The corpus is real SQLite."""

from __future__ import annotations

import sqlite3

from geo.atlas.corpus import Confirmed, Corpus, load_corpus_atlas
from geo.model.models import Article, Place


def test_a_place_only_unsure_mentions_name_is_drawn_apart_until_one_is_sure(empty_corpus, atlas):
    town = Place(
        id="unsure-town",
        name="Unsureton",
        kind="town",
        lat=1.0,
        lon=2.0,
        coord_source="estimate: test",
        precision_m=1000,
    )
    text = "Unsureton flooded, and Khankendi too."
    at_seed = text.index("Khankendi")
    Corpus().save(
        Article(id="unsure", outlet="One", date="2024-03-04", title="t", text=text),
        [
            Confirmed(town, ((0, 9),), confirmed=False),
            Confirmed(atlas.places["khankendi"], ((at_seed, at_seed + 9),), False),
        ],
        seed=atlas,
    )
    merged = load_corpus_atlas()
    assert not merged.is_confirmed("unsure-town")
    assert merged.is_confirmed("khankendi")  # curated: a fact, whatever a saved article thought of it
    Corpus().save(
        Article(id="sure", outlet="Other", date="2024-03-05", title="t", text="Unsureton again."),
        [Confirmed(town, ((0, 9),), confirmed=True)],
        seed=atlas,
    )
    merged = load_corpus_atlas()
    assert merged.is_confirmed("unsure-town")
    # Narrowed to the unsure article, the place keeps the whole atlas's verdict.
    assert merged.narrowed(articles=["unsure"]).is_confirmed("unsure-town")


OLD_MENTIONS = """
CREATE TABLE mentions (
    article TEXT NOT NULL REFERENCES articles(id), place TEXT NOT NULL,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX mentions_by_article ON mentions(article);
CREATE INDEX mentions_by_place ON mentions(place, article, paragraph, start, end);
"""


def test_a_corpus_saved_before_the_flag_reads_and_migrates_as_all_confirmed(empty_corpus, atlas):
    """A database from before ``mentions-confirmed``: read as it is, every saved place a fact; the
    first write adds the column, every row already saved confirmed."""
    town = Place(
        id="old-town", name="Oldtown", kind="town", lat=1.0, lon=2.0, coord_source="estimate: test", precision_m=1000
    )
    Corpus(empty_corpus).save(
        Article(id="old", outlet="Old Times", date="2020-01-01", title="t", text="Oldtown flooded."),
        [Confirmed(town, ((0, 7),), confirmed=False)],
        seed=atlas,
    )
    with sqlite3.connect(empty_corpus) as db:  # back to the schema before the flag
        rows = db.execute("SELECT article, place, paragraph, start, end, text FROM mentions").fetchall()
        db.execute("DROP TABLE mentions")
        db.executescript(OLD_MENTIONS)
        db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.execute("DELETE FROM migrations WHERE name = 'mentions-confirmed'")
    assert load_corpus_atlas().is_confirmed("old-town")  # read-only: nothing migrated
    assert [m.confirmed for m in Corpus(empty_corpus, read_only=True).mentions()] == [True]

    Corpus(empty_corpus)  # opened for writing: migrated
    with sqlite3.connect(empty_corpus) as db:
        assert db.execute("SELECT confirmed FROM mentions").fetchall() == [(1,)]
        assert db.execute("SELECT 1 FROM migrations WHERE name = 'mentions-confirmed'").fetchone()
    assert load_corpus_atlas().is_confirmed("old-town")
