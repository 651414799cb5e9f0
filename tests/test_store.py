"""The store: every question a page asks, answered by a query, as the whole atlas in memory answered it.

Each answer is held to the plain way on real data: generated articles imported as ``geo import``
saves them, then every place asked of the store and of the seed and corpus read whole into memory
(``Corpus.merged_with``). On both backends: an SQLite file with the seed attached, and a database
on the tests' own PostgreSQL server with the seed in a schema of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from contextlib import closing

import pytest

from bench.articles import generate
from geo.atlas import bulk
from geo.atlas.corpus import Corpus
from geo.atlas.database import connect
from geo.model.errors import DataError
from geo.store.store import Store, within
from geo.view.reading import ReadingIndex
from tests.conftest import DATA, module_database
from tests.whole import merged_with

RANGES = [
    (None, None),
    (dt.date(2022, 12, 1), dt.date(2022, 12, 8)),
    (dt.date(2022, 12, 11), None),
    (None, dt.date(2022, 12, 2)),
    (dt.date(2030, 1, 1), dt.date(2030, 12, 31)),
]


def imported(corpus: Corpus, seed, records) -> list[str]:
    lines = [(n, json.dumps(r).encode()) for n, r in enumerate(records, start=1)]
    report = bulk.run([("test.jsonl", lines)], corpus, seed, str(DATA), workers=1)
    assert not report.problems
    return report.saved


@pytest.fixture(scope="module")
def both(backend, request, atlas, tmp_path_factory):
    """Twenty generated articles saved, read through the store and whole into memory."""
    corpus = Corpus(module_database(request, tmp_path_factory, "store"))
    imported(corpus, atlas, list(generate(20, seed=5)))
    return Store(corpus.target, atlas, f"test:{corpus.target}"), merged_with(corpus, atlas), corpus


def mentions_of(whole, seed, place):
    """The whole atlas's mentions of a place, but for the seed's texts matched against saved places'
    names: the store keeps the seed's mentions of its own (curated) places only, so a saved article's
    gazetteer entry does not change what the curated article says."""
    return [m for m in whole.mentions_of(place) if m.article not in seed.articles or place in seed.places]


def test_every_place_reads_as_the_whole_atlas_read_it(both, atlas):
    store, whole, _ = both
    assert list(store.places) == list(whole.places)
    assert len(store.places) == len(whole.places) and len(store.articles) == len(whole.articles)
    assert store.date_span() == whole.date_span()
    for place in whole.places:
        assert store.places[place] == whole.places[place]
        assert store.is_confirmed(place) == whole.is_confirmed(place), place
        assert store.events_of(place) == whole.events_of(place)
        mentions = mentions_of(whole, atlas, place)
        assert set(store.articles_naming(place)) == {m.article for m in mentions if m.how != "part"}
        expected = whole.passages(place, {m.article for m in mentions})
        by_place = sorted(store.passages(place), key=lambda p: (p.article, p.paragraph))
        assert by_place == sorted(expected, key=lambda p: (p.article, p.paragraph))


def test_the_date_rule_in_sql_keeps_the_places_the_models_rule_keeps(both):
    store, whole, _ = both
    for start, end in RANGES:
        assert store.visible_places(start, end) == whole.visible_places(start, end), (start, end)
        assert [e.id for e in store.events_in_range(start, end)] == [e.id for e in whole.events_in_range(start, end)]


def test_the_counts_kept_per_place_are_the_counts_of_its_mentions_and_events(both, atlas):
    store, whole, _ = both
    stats = store.stats(whole.places)
    for place, articles in whole.place_articles.items():
        mentions = mentions_of(whole, atlas, place)
        assert stats[place].articles == len({m.article for m in mentions} | {e.article for e in whole.events_of(place)})
        assert stats[place].passages == len({(m.article, m.paragraph) for m in mentions})
        assert stats[place].events == len(whole.events_of(place))
        if stats[place].articles == 1:
            assert stats[place].first in articles


def test_a_narrowed_store_answers_for_the_chosen_articles_alone(both):
    store, whole, _ = both
    chosen = list(whole.articles)[1:3]
    narrow, reference = store.narrowed(articles=chosen), whole.narrowed(articles=chosen)
    assert set(narrow.places) == set(reference.places)
    assert list(narrow.articles) == chosen and narrow.date_span() == reference.date_span()
    for start, end in RANGES:
        assert set(narrow.visible_places(start, end)) == set(reference.narrowed(start=start, end=end).places)


def test_a_place_is_found_by_any_of_its_names(both):
    store, _, _ = both
    assert [p.id for p in store.find("Stepanakert")] == ["khankendi"]  # the contested place's other name
    assert [p.id for p in store.find("stepanakert ")] == ["khankendi"]  # spelling and blanks aside
    assert "khankendi" in {p.id for p in store.search("stepan")}
    assert store.find("Stepan") == [] and store.search("%") == []  # whole names; LIKE's wildcards are literal


def test_a_reading_is_read_a_page_at_a_time_newest_first(both, atlas):
    store, whole, _ = both
    busiest = max(whole.places, key=lambda p: len(whole.articles_naming(p)))
    reading = ReadingIndex(store).reading(busiest)
    naming = whole.articles_naming(busiest)
    assert len(reading.named) == len({m.article for m in mentions_of(whole, atlas, busiest) if m.how != "part"})
    first = [entry.article.id for entry in reading.page(0)]
    dates = [store.articles[a].date for a in first]
    assert dates == sorted(dates, reverse=True) and set(first) <= set(naming)


def test_articles_are_searched_by_their_words_newest_first(both):
    store, whole, _ = both
    outlet = next(iter(whole.articles.values())).outlet
    found = store.newest_articles(outlet.lower().split(), 50)
    expected = sorted(
        (a for a in whole.articles.values() if a.outlet == outlet), key=lambda a: (a.date, a.id), reverse=True
    )
    assert found == [a.id for a in expected][:50]
    assert store.newest_articles(["no-such-word-anywhere"], 5) == []


def test_a_saved_article_the_seed_took_the_id_of_is_shown_as_saved(atlas, database):
    corpus = Corpus(database)
    (saved,) = imported(corpus, atlas, list(generate(1, seed=3)))
    seed_id = next(iter(atlas.articles))
    copied = "outlet, author, date, title, title_is_ours, url, text, language, saved_at, fingerprint, words"
    with closing(connect(database)) as db:  # as if the seed had taken the id after the save
        db.execute(
            f"INSERT INTO articles (id, {copied}) SELECT ?, {copied} FROM articles WHERE id = ?", (seed_id, saved)
        )
        for table, column in (("mentions", "article"), ("events", "article"), ("place_stats", "first")):
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (seed_id, saved))
        db.execute("DELETE FROM articles WHERE id = ?", (saved,))
    store = Store(database, atlas, f"test:{database}")
    assert f"{seed_id}-saved" in list(store.articles)
    assert store.articles[f"{seed_id}-saved"].outlet != store.articles[seed_id].outlet


def test_a_corpus_from_before_the_store_is_taken_to_it_once(atlas, database):
    corpus = Corpus(database)
    imported(corpus, atlas, list(generate(2, seed=4)))
    with closing(connect(database)) as db:
        db.execute("DROP TABLE place_stats")
        db.execute("DROP TABLE event_days")  # and its triggers, which read the columns dropped below
        if db.postgres:
            db.execute("DROP FUNCTION event_days_kept() CASCADE")
        for trigger in () if db.postgres else ("added", "removed", "moved"):
            db.execute(f"DROP TRIGGER event_days_{trigger}")
        db.execute("DELETE FROM migrations WHERE name IN ('store-columns', 'event-days', 'event-days-last')")
        for index in ("events_by_last", "events_by_day", "event_places_by_stop", "event_places_by_event",
                      "places_by_position", "articles_by_date"):  # fmt: skip
            db.execute(f"DROP INDEX {index}")
    for table, columns in (("places", "name kind lat lon names"), ("events", "day stop last"),
                           ("event_places", "stop"), ("articles", "words")):  # fmt: skip
        with closing(connect(database)) as db:
            for column in columns.split():
                db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    store = Store(database, atlas, f"test:{database}")
    assert len(store.articles) == 3 and store.stats(["khankendi"])
    with closing(connect(database)) as db:
        assert db.execute("SELECT 1 FROM migrations WHERE name = 'store-columns'").fetchone()
    assert store.stats(["khankendi"]) == Store(database, atlas, "test:again").stats(["khankendi"])


def test_a_damaged_corpus_is_one_line_naming_it(atlas, tmp_path):
    path = tmp_path / "corpus.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataError, match=r"corpus\.sqlite"):
        Store(path, atlas, "test:damaged").visible_places(None, None)


def test_a_click_reads_only_what_the_panel_shows(both):
    """No query of a click reads a whole table: each names the place, the article or the page it wants."""
    store, whole, _ = both
    if store.path is None:
        pytest.skip("SQLite's trace callback lists the statements; PostgreSQL has none to hand")
    fresh = store.narrowed()
    statements: list[str] = []
    fresh._db().conn.set_trace_callback(statements.append)
    busiest = max(whole.places, key=lambda p: len(whole.articles_naming(p)))
    reading = ReadingIndex(fresh).reading(busiest)
    reading.page(0)
    assert statements
    for sql in statements:
        assert " WHERE " in sql or not sql.lstrip().upper().startswith("SELECT"), sql


def day_cuts(whole, count: int) -> list[dt.date]:
    """``count`` days spread over those on which the events start and end and the days beside them:
    ranges between them cut through events of several days and ongoing ones, past and present."""
    edges = {e.date_start for e in whole.events.values()} | {whole.last_known_day(e) for e in whole.events.values()}
    days = sorted({day + dt.timedelta(days=d) for day in edges for d in (-1, 0, 1)})
    return days[:: max(1, len(days) // count)]


def test_the_date_rule_in_bands_keeps_what_the_rule_keeps_for_any_range(both):
    """``visible_places`` asks in bands of the events' last days (``overlapping_bands``): the same places."""
    store, whole, _ = both
    cuts = day_cuts(whole, 12)
    for start in cuts:
        for end in cuts:
            if start <= end:
                assert store.visible_places(start, end) == whole.visible_places(start, end), (start, end)
    assert any(e.ongoing for e in whole.events.values())
    assert any(e.date_end and e.date_end > e.date_start for e in whole.events.values())


def test_the_feed_of_any_range_is_the_newest_of_what_the_range_keeps(both):
    """The feed, read from the range's end back (``event_days`` in the corpus), lists the newest of
    the events the date rule keeps and the articles with no event dated in the range, as the whole
    atlas read in memory gives them."""
    store, whole, _ = both
    named = {m.article for m in whole.mentions}
    dated = {e.article for e in whole.events.values()}
    cuts = day_cuts(whole, 8)
    for start, end in [(None, None), *((a, b) for a in cuts for b in cuts if a <= b)]:
        expected = [
            (whole.last_known_day(e), e.date_start, e.article, e.id)
            for e in whole.events.values()
            if e.overlaps(start, end) and e.places
        ]
        expected += [
            (a.date, a.date, a.id, "")
            for a in whole.articles.values()
            if a.id not in dated and a.id in named and (start or a.date) <= a.date <= (end or a.date)
        ]
        expected.sort(reverse=True)
        for count in (3, 40):
            found = [
                (last, first, a, e.id if e else "") for last, first, a, e in store.feed_rows(None, start, end, count)
            ]
            assert found == expected[:count], (start, end, count)


def test_the_feed_of_a_view_reads_the_same_by_its_places_as_by_walking_every_event(both, monkeypatch):
    """A view of a few places has the newest events of each read and sorted
    (``Store._newest_of_places``); a view of many places whose places name few events has those
    events read by place and sorted (``Store._few_in_view``); any other is found by walking every
    event newest first. The same items each way, for views from a town to the world, any range, and
    pages of one item (where ties on the day decide) to five."""
    store, whole, _ = both
    towns = [store.places[p] for p in sorted(store.visible_places(None, None))[::7]]
    views = [(t.lat - d, t.lon - d, t.lat + d, t.lon + d) for t in towns for d in (0.05, 3.0)]
    views += [(-90.0, -180.0, 90.0, 180.0), (-60.0, 170.0, 60.0, 190.0)]  # the world; across 180°
    cuts = day_cuts(whole, 4)
    ranges = [(None, None), *((a, b) for a in cuts for b in cuts if a <= b)]
    ways = {"walked": (0, False), "by their events": (0, True), "place by place": (10**6, False)}
    found: dict[str, list] = {way: [] for way in ways}
    monkeypatch.setattr("geo.store.store.EACH_PLACE_GAIN", math.inf)
    for bounds in views:
        for start, end in ranges:
            for count in (1, 5):
                for way, (each_place_at_most, few) in ways.items():
                    monkeypatch.setattr("geo.store.store.EACH_PLACE_AT_MOST", each_place_at_most)
                    monkeypatch.setattr(Store, "_few_in_view", lambda *_, few=few: few)
                    rows = store.feed_rows(bounds, start, end, count)
                    found[way].append([(a, e.id if e else "") for _, _, a, e in rows])
    monkeypatch.undo()
    assert found["by their events"] == found["walked"]
    assert found["place by place"] == found["walked"]
    assert sum(map(bool, found["walked"])) > len(found["walked"]) / 2, "most views hold items"
    # The walk for the world, which holds every event; the places' own for a town.
    inside, box = within(views[-2])
    assert not store._few_in_view(inside, box, 5)
    monkeypatch.setattr("geo.store.store.EACH_PLACE_AT_MOST", 3)
    assert store._by_place(inside, box, 5) is None
    monkeypatch.undo()
    inside, box = within(views[0])
    assert store._few_in_view(inside, box, 5)
    assert towns[0].id in (store._by_place(inside, box, 5) or [])


def test_the_feed_breaks_ties_by_article_then_event_whichever_way_it_reads(atlas, database, monkeypatch):
    """Three saves of one story (one outlet, date and title: ids ``X``, ``X-2``, ``X-3``) report the
    same events on the same days, so a place's newest events tie on their days; the feed orders them
    by article, then id, newest first, as the walk does, also when it reads them place by place,
    where an index in event-id order puts ``X``'s before ``X-2``'s ("X-2022-…" sorts after "X-2-…")."""
    story = next(generate(1, seed=5))
    corpus = Corpus(database)
    saved = imported(corpus, atlas, [{**story, "text": f"{story['text']}\n\nEdition {n}."} for n in range(3)])
    assert saved[1:] == [f"{saved[0]}-2", f"{saved[0]}-3"]
    store = Store(corpus.target, atlas, f"test:{corpus.target}")
    towns = [store.places[p] for p in sorted(store.visible_places(None, None)) if p not in atlas.places]
    found = {}
    monkeypatch.setattr("geo.store.store.EACH_PLACE_GAIN", math.inf)
    for each_place_at_most in (0, 10**6):
        monkeypatch.setattr("geo.store.store.EACH_PLACE_AT_MOST", each_place_at_most)
        for t in towns:
            view = (t.lat - 0.05, t.lon - 0.05, t.lat + 0.05, t.lon + 0.05)
            found.setdefault(t.id, []).append([a for _, _, a, _ in store.feed_rows(view, None, None, 2)])
    assert any(pages[0] == [saved[2], saved[1]] for pages in found.values()), "the newest saves come first"
    assert all(pages[0] == pages[1] for pages in found.values()), found


def test_event_days_count_the_events_as_they_come_and_go(atlas, database):
    """The triggers keep ``event_days`` (what the Timeline counts and the feed walks) the events' own counts."""
    corpus = Corpus(database)
    saved = imported(corpus, atlas, list(generate(6, seed=7)))
    corpus.remove(saved[0])
    with closing(connect(database)) as db:
        kept = sorted(db.execute("SELECT last, day, stop, events FROM event_days").fetchall())
        counted = "SELECT last, day, stop, count(*) FROM events GROUP BY last, day, stop"
        assert kept == sorted(db.execute(counted).fetchall()) and kept
