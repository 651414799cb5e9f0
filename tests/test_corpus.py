"""The corpus: saved articles persist, merge with the seed, and survive concurrency and crashes.

The same tests on both backends (``database``): an SQLite file, and a database on a real
PostgreSQL server the tests start; those about SQLite's files run on SQLite alone."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest

from geo.atlas.corpus import MIGRATIONS, Confirmed, Corpus, DuplicateArticle, slug
from geo.atlas.database import connect
from geo.model.errors import ServerError
from geo.model.models import Article, Event, Place
from tests.conftest import ROOT, SEED_ARTICLE
from tests.whole import merged_with

TEXT = "Officials met in Stepanakert on Monday.\n\nLater they drove to Goris, across the border."


def article(n: int = 0) -> Article:
    """Article ``n``: each has a text of its own, as the corpus refuses the same text twice."""
    return Article(
        id=slug(f"Example Times 2023-03-01 talks {n}"),
        outlet="Example Times",
        author="A. Reporter",
        date=dt.date(2023, 3, 1),
        title="Talks in Stepanakert",
        title_is_ours=True,
        url="https://example.org/talks",
        text=TEXT + (f"\n\nReport {n}." if n else ""),
    )


GORIS = Place(
    id="geonames-174895", name="Goris", kind="town", lat=39.51288, lon=46.33816, country="AM",
    coord_source="geonames:174895", precision_m=2000,
)  # fmt: skip


def confirmed(atlas):
    start = TEXT.index("Stepanakert")
    goris = TEXT.index("Goris")
    return [
        Confirmed(atlas.places["khankendi"], ((start, start + len("Stepanakert")),)),
        Confirmed(GORIS, ((goris, goris + 5),)),
    ]


def meeting() -> Event:
    return Event(
        id="meeting", article="x", date_start=dt.date(2023, 2, 27), places=("khankendi",), paragraphs=(1,),
        summary="Officials met in Stepanakert.",
    )  # fmt: skip


@pytest.fixture
def corpus(database):
    return Corpus(database)


@pytest.fixture
def file_corpus(tmp_path):
    """A corpus in an SQLite file, for what is about the file itself."""
    return Corpus(tmp_path / "corpus.sqlite")


def test_a_saved_article_comes_back_with_its_places_and_passages(corpus, atlas):
    saved = corpus.save(article(), confirmed(atlas), [meeting()], seed=atlas)
    merged = merged_with(corpus, atlas)
    assert saved in merged.articles
    assert [p.id for p in corpus.places()] == ["geonames-174895"]  # the curated place is linked, not copied
    (goris,) = merged.passages("geonames-174895")
    assert (goris.paragraph, goris.text[slice(*goris.spans[0])]) == (2, "Goris")
    assert merged.events[f"{saved}-meeting"].article == saved


def test_a_place_named_by_several_articles_shows_passages_from_each(corpus, atlas):
    saved = corpus.save(article(), confirmed(atlas), seed=atlas)
    passages = merged_with(corpus, atlas).passages("khankendi")
    assert [p.article for p in passages] == [SEED_ARTICLE, SEED_ARTICLE, saved]
    assert passages[-1].text == "Officials met in Stepanakert on Monday."


def test_another_text_under_the_same_id_gets_a_second_id(corpus, atlas):
    first = corpus.save(article(), [])
    second = corpus.save(article().model_copy(update={"text": TEXT + " More."}), [])
    assert second == f"{first}-2"


def test_an_article_saved_under_a_second_id_has_its_events_under_that_id(corpus, atlas):
    """The rows an article's save writes are made for the id it asks for; when that is taken, its
    events' ids, records and places are made again for the id it gets."""
    first = corpus.save(article(), confirmed(atlas), [meeting()], seed=atlas)
    other = article().model_copy(update={"text": TEXT + " More."})
    second = corpus.save(other, confirmed(atlas), [meeting()], seed=atlas)
    assert second == f"{first}-2"
    events = merged_with(corpus, atlas).events
    assert {e.id: e.article for e in events.values() if e.id.endswith("-meeting")} == {
        f"{first}-meeting": first,
        f"{second}-meeting": second,
    }
    with closing(connect(corpus.target)) as db:
        named = {row[0] for row in db.execute("SELECT event FROM event_places WHERE place = 'khankendi'")}
        counted = db.execute("SELECT articles, events FROM place_stats WHERE place = 'khankendi'").fetchone()
    assert named == {f"{first}-meeting", f"{second}-meeting"}
    assert tuple(counted) == (2, 2)


def test_the_same_article_twice_is_refused_and_nothing_more_is_saved(corpus, atlas):
    first = corpus.save(article(), confirmed(atlas), seed=atlas)
    with pytest.raises(DuplicateArticle, match=f"already in the corpus as {first}"):
        corpus.save(article(), confirmed(atlas), [meeting()], seed=atlas)
    assert [a.id for a in corpus.articles()] == [first] and corpus.events() == []


def test_the_database_runs_in_wal_mode(file_corpus):
    with sqlite3.connect(file_corpus.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_save_that_fails_half_way_leaves_the_database_as_it_was(corpus, atlas, monkeypatch):
    corpus.save(article(1), confirmed(atlas), seed=atlas)
    before = snapshot(corpus)

    def broken(*args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("geo.atlas.corpus._locate", broken)  # fails after the article row is written
    with pytest.raises(RuntimeError):
        corpus.save(article(2), confirmed(atlas), [meeting()], seed=atlas)
    assert snapshot(corpus) == before


def snapshot(corpus):
    with closing(connect(corpus.target)) as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in ("articles", "places", "mentions")}


KILLED_WRITER = """
import sys, time, datetime as dt
import geo.atlas.corpus as corpus_module
from geo.model.models import Article
from geo.atlas.corpus import Confirmed, Corpus
from tests.test_corpus import article, GORIS, TEXT

def stall(*args):
    print("in transaction", flush=True)
    time.sleep(60)

corpus_module._locate = stall
goris = TEXT.index("Goris")
Corpus(sys.argv[1]).save(article(9), [Confirmed(GORIS, ((goris, goris + 5),))])
"""


def test_a_writer_killed_mid_save_leaves_nothing_behind(corpus):
    before = snapshot(corpus)
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(corpus.target)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "in transaction"
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    assert snapshot(corpus) == before
    Corpus(corpus.target).save(article(10), [])  # and the database is not left locked


def save_many(path, worker, count):
    corpus = Corpus(path)
    for n in range(count):
        goris = TEXT.index("Goris")
        # every worker saves articles under the same ids, each text its own: choosing a free id must not race
        text = f"{TEXT}\n\nWorker {worker}, report {n}."
        corpus.save(article(n).model_copy(update={"text": text}), [Confirmed(GORIS, ((goris, goris + 5),))])


def test_parallel_writers_lose_nothing(corpus):
    workers, each = 4, 10
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=save_many, args=(corpus.target, w, each)) for w in range(workers)]
    started = time.monotonic()
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * workers, f"after {time.monotonic() - started:.1f}s"
    assert len({a.id for a in corpus.articles()}) == workers * each
    assert len(corpus.mentions()) == workers * each
    assert len(corpus.places()) == 1


def test_a_save_never_takes_a_seed_articles_id(corpus, atlas):
    seed_id = next(iter(atlas.articles))
    taken = article().model_copy(update={"id": seed_id})
    saved = corpus.save(taken, [], seed=atlas)
    assert saved == f"{seed_id}-2"
    assert merged_with(corpus, atlas).articles[seed_id].outlet == "Azernews"


def test_a_stored_article_whose_id_the_seed_took_later_is_shown_apart(corpus, atlas):
    seed_id = next(iter(atlas.articles))
    stalled = article().model_copy(update={"id": seed_id})
    corpus.save(stalled, confirmed(atlas), [meeting()])  # saved before the seed had that id
    merged = merged_with(corpus, atlas)
    assert merged.articles[seed_id].outlet == "Azernews"
    moved = merged.articles[f"{seed_id}-saved"]
    assert moved.outlet == "Example Times"
    assert [p.article for p in merged.passages("geonames-174895")] == [moved.id]
    assert merged.events[f"{seed_id}-meeting"].article == moved.id


def test_every_reader_shows_a_stored_article_under_one_id(corpus, atlas, monkeypatch, capsys):
    """The whole read, the store's queries, the export and ``geo articles`` once each spelled
    ``<id>-saved`` themselves (``geo.atlas.saved_ids`` now)."""
    from geo.atlas.export import streamed
    from geo.cli import main
    from geo.store.store import Store

    seed_id = next(iter(atlas.articles))
    first = corpus.save(article(1), confirmed(atlas), seed=atlas)
    corpus.save(article().model_copy(update={"id": seed_id}), confirmed(atlas), [meeting()])
    shown = set(merged_with(corpus, atlas).articles) - set(atlas.articles)
    assert shown == {first, f"{seed_id}-saved"}
    assert set(Store(corpus.target, atlas, f"test:{corpus.target}").articles) - set(atlas.articles) == shown
    store = Store(corpus.target, atlas, f"test:{corpus.target}")
    exported = {p["article"] for _, f in streamed(store) for p in f["properties"]["passages"]}
    assert exported - set(atlas.articles) == shown
    if corpus.path:
        monkeypatch.setenv("ATLAS_VAR", str(corpus.path.parent))
    else:
        monkeypatch.setenv("ATLAS_DATABASE_URL", corpus.target)
    assert main(["--data", str(ROOT / "data"), "articles"]) == 0
    listed = {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:] if line.endswith("corpus")}
    assert listed == shown


@pytest.mark.sqlite("a damaged corpus file")
def test_a_corrupt_corpus_file_is_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    from geo.cli import main

    monkeypatch.setenv("ATLAS_VAR", str(tmp_path))
    (tmp_path / "corpus.sqlite").write_bytes(b"this is not a database" * 100)
    assert main(["export"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{tmp_path / 'corpus.sqlite'}:0: -: not a readable corpus database")


def test_reading_the_corpus_changes_nothing(file_corpus, atlas):
    corpus = file_corpus
    corpus.save(article(), confirmed(atlas), seed=atlas)

    def files():  # the -shm index is SQLite's shared memory, which readers mark, and a reader may open
        # an empty -wal journal; data lives in the rest
        kept = (p for p in corpus.path.parent.iterdir() if not p.name.endswith("-shm"))
        return {p.name: p.read_bytes() for p in kept if not (p.name.endswith("-wal") and p.stat().st_size == 0)}

    before = files()
    merged_with(Corpus(corpus.path, read_only=True), atlas)
    assert files() == before


def test_removing_an_article_takes_its_mentions_events_and_only_its_own_places(corpus, atlas):
    first = corpus.save(article(1), confirmed(atlas), [meeting()], seed=atlas)
    goris_only = corpus.save(article(2), confirmed(atlas)[1:], seed=atlas)
    assert corpus.remove(first) == (2, 1)  # Stepanakert and Goris marked once each; the meeting
    merged = merged_with(corpus, atlas)
    assert first not in merged.articles and not [e for e in merged.events.values() if e.article == first]
    assert [p.article for p in merged.passages("geonames-174895")] == [goris_only]  # Goris stays: still named
    assert [p.article for p in merged.passages("khankendi")] == [SEED_ARTICLE, SEED_ARTICLE]
    assert corpus.remove(goris_only) == (1, 0)
    assert corpus.places() == [] and corpus.articles() == [] and corpus.mentions() == []
    assert corpus.remove(goris_only) is None


def test_an_article_shown_under_saved_is_removed_by_that_name(corpus, atlas):
    seed_id = next(iter(atlas.articles))
    corpus.save(article().model_copy(update={"id": seed_id}), confirmed(atlas))  # before the seed took the id
    assert corpus.remove(f"{seed_id}-saved") == (2, 0)
    assert corpus.articles() == []


def test_a_removal_that_fails_half_way_leaves_the_database_as_it_was(corpus, atlas):
    saved = corpus.save(article(), confirmed(atlas), [meeting()], seed=atlas)
    before = (corpus.articles(), corpus.mentions(), corpus.events(), corpus.places())
    with closing(connect(corpus.target)) as db:  # a trigger in each one's dialect
        if db.postgres:
            db.script(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE 'disk gone'; END $$;"
                " CREATE TRIGGER refuse BEFORE DELETE ON articles FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        else:
            db.execute("CREATE TRIGGER refuse BEFORE DELETE ON articles BEGIN SELECT RAISE(ABORT, 'disk gone'); END")
        with pytest.raises((sqlite3.IntegrityError, ServerError), match="disk gone"):
            corpus.remove(saved)  # mentions and events were already deleted inside the transaction
        assert (corpus.articles(), corpus.mentions(), corpus.events(), corpus.places()) == before
        db.execute("DROP TRIGGER refuse ON articles" if db.postgres else "DROP TRIGGER refuse")
    assert corpus.remove(saved) == (2, 1)


def test_every_migration_is_recorded_by_its_name_once(corpus):
    Corpus(corpus.target)  # opened again: nothing applied twice
    with closing(connect(corpus.target)) as db:
        names = [row[0] for row in db.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == sorted(name for name, _ in MIGRATIONS)


def test_the_places_in_a_view_are_found_through_their_indexed_location(postgres_server, atlas):
    """On PostgreSQL each place has a PostGIS point, kept by the server from its record, under a
    GiST index: a map's bounds are one index look-up, not a read of every place."""
    url = postgres_server.database()
    Corpus(url).save(article(), confirmed(atlas))  # Stepanakert (39.8° N) and Goris (39.5° N)
    around_goris = "SELECT id FROM places WHERE location && ST_MakeEnvelope(46.0, 39.4, 46.5, 39.6, 4326)"
    with closing(connect(url)) as db:
        assert [row[0] for row in db.execute(around_goris)] == [GORIS.id]
        db.execute("SET enable_seqscan = off")  # a table of two rows is read whole otherwise
        plan = " ".join(row[0] for row in db.execute(f"EXPLAIN {around_goris}"))
    assert "places_by_location" in plan
    postgres_server.drop(url)


def save_once(target, results) -> None:
    try:
        results.put(Corpus(target).save(article(5), []))
    except DuplicateArticle:
        results.put("duplicate")


def test_the_same_article_saved_at_once_lands_once(corpus):
    """The duplicate check runs inside each save's transaction, and writers take turns: of four
    processes saving one article at the same moment, one saves it and three are told it is there."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [context.Process(target=save_once, args=(corpus.target, results)) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(timeout=120)
    answers = sorted(results.get(timeout=10) for _ in processes)
    assert answers == ["duplicate"] * 3 + [article(5).id]
    assert [a.id for a in corpus.articles()] == [article(5).id]


def test_a_reader_writes_nothing_on_a_server(postgres_server, atlas):
    """On PostgreSQL a read-only corpus's connection is read-only too (SQLite's reader is held to
    its files above): reading moves no counter, and a write through it is refused by the server."""
    url = postgres_server.database()
    Corpus(url).save(article(), confirmed(atlas), seed=atlas)
    reader = Corpus(url, read_only=True)
    before = reader.version()
    merged_with(reader, atlas)
    assert reader.version() == before
    with pytest.raises(ServerError, match="read-only transaction"), reader.writing() as db:
        db.execute("DELETE FROM mentions")
    assert len(reader.mentions()) == 2
    postgres_server.drop(url)
