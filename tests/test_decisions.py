"""Issue 18's review queue: decisions on unsure places at three scopes, kept in the corpus, applied
to what the map, Places and the export read, surviving a re-import, and a queue paged in SQL.
On both backends (``corpus_target``): real SQLite in the session's ATLAS_VAR, and a database on the
tests' own PostgreSQL server; the articles are saved as the geoparser would save them."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing

import pytest

from geo.atlas import decisions
from geo.atlas.corpus import Confirmed, Corpus
from geo.atlas.database import connect
from geo.atlas.decisions import ReviewError, Target
from geo.atlas.export import streamed
from geo.model.models import Article, Event, Place
from geo.store.store import Store
from tests.conftest import DATA
from tests.whole import load_corpus_atlas, merged_with

SPRINGFIELD_IL = Place(
    id="geonames-4250542", name="Springfield", kind="city", lat=39.80172, lon=-89.64371, country="US",
    coord_source="geonames:4250542", precision_m=5000,
)  # fmt: skip
SPRINGFIELD_MA = Place(
    id="geonames-4951788", name="Springfield", kind="city", lat=42.10148, lon=-72.58981, country="US",
    coord_source="geonames:4951788", precision_m=5000,
)  # fmt: skip
SHELBYVILLE = Place(
    id="geonames-4265737", name="Shelbyville", kind="town", lat=39.40643, lon=-88.79007, country="US",
    coord_source="geonames:4265737", precision_m=2000,
)  # fmt: skip
ONE = "Officials met in Springfield on Monday, and in Springfield again on March 4, 2024."
TWO = "Crowds gathered in Springfield and in Shelbyville."


def spans(text: str, name: str) -> tuple[tuple[int, int], ...]:
    found, at = [], text.find(name)
    while at >= 0:
        found.append((at, at + len(name)))
        at = text.find(name, at + 1)
    return tuple(found)


def save(text: str, outlet: str = "Example Times", *, day: int = 4, events: bool = False) -> str:
    """An article saved with Springfield (Illinois) and Shelbyville unsure, as an import keeps them."""
    article = Article(
        id=f"{outlet}-{day}".lower().replace(" ", "-"), outlet=outlet, date=dt.date(2024, 3, day),
        title=text[:20], title_is_ours=True, text=text,
    )  # fmt: skip
    kept = [Confirmed(SPRINGFIELD_IL, spans(text, "Springfield"), confirmed=False)]
    if "Shelbyville" in text:
        kept.append(Confirmed(SHELBYVILLE, spans(text, "Shelbyville"), confirmed=False))
    if not events:
        return Corpus().save(article, kept)
    day_one = dt.date(2024, 3, 4)
    event = Event(
        id="e1", article="new", date_start=day_one, places=(SPRINGFIELD_IL.id,), paragraphs=(1,), summary=text
    )
    return Corpus().save(article, kept, [event])


def mentions(article: str) -> list[tuple[str, int]]:
    return [(m.place, int(m.confirmed)) for m in Corpus().mentions() if m.article == article]


def first_mention(article: str) -> Target:
    return decisions.target(Corpus(), f"{article}:1:{ONE.index('Springfield')}")


def test_the_queue_lists_unsure_places_most_named_first_with_a_passage(corpus_target):
    one, two = save(ONE), save(TWO, day=5)
    page = decisions.queue(Corpus())
    assert page.total == 2 and page.pages == 1
    first, second = page.entries
    assert (first.place.id, first.articles, first.mentions) == (SPRINGFIELD_IL.id, 2, 3)
    assert (second.place.id, second.articles, second.mentions) == (SHELBYVILLE.id, 1, 1)
    assert first.target == Target(one, "Springfield", (1, 17, 28)) and first.outlet == "Example Times"
    assert first.passage[slice(*first.span)] == "Springfield" and first.date == "2024-03-04"
    assert second.target.article == two


def test_the_queue_is_paged_in_sql(corpus_target):
    save(ONE)
    save(TWO, day=5)
    assert [e.place.id for e in decisions.queue(Corpus(), 2, 1).entries] == [SHELBYVILLE.id]
    assert decisions.queue(Corpus(), 3, 1).entries == []
    assert decisions.queue(Corpus(), 1, 1).pages == 2
    with pytest.raises(ReviewError, match="numbered from 1"):
        decisions.queue(Corpus(), 0)


@pytest.mark.sqlite("reads SQLite's query plan")
def test_the_queue_reads_unsure_mentions_through_its_indexes(empty_corpus):
    save(ONE)
    with sqlite3.connect(empty_corpus) as db:
        unsure = decisions._unsure(connect(empty_corpus))
        plan = " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN SELECT count(*) FROM ({unsure})"))
    assert "USING INDEX mentions_unsure" in plan and "USING INDEX mentions_sure" in plan
    assert "SCAN m " not in plan and "SCAN mentions" not in plan


def test_confirming_one_mention_draws_the_place_as_a_fact_and_leaves_the_queue(corpus_target, atlas):
    one = save(ONE)
    assert not load_corpus_atlas().is_confirmed(SPRINGFIELD_IL.id)
    assert decisions.decide(Corpus(), "confirm", "mention", first_mention(one)) == 1
    assert mentions(one) == [(SPRINGFIELD_IL.id, 1), (SPRINGFIELD_IL.id, 0)]
    assert load_corpus_atlas().is_confirmed(SPRINGFIELD_IL.id)
    assert decisions.queue(Corpus()).total == 0
    drawn = {p.id: f["properties"]["confirmed"] for p, f in streamed(Store.open(DATA, seed=atlas))}
    assert drawn[SPRINGFIELD_IL.id] is True


def test_rejecting_a_name_in_an_article_takes_it_off_the_map_and_out_of_its_events(corpus_target):
    one = save(ONE, events=True)
    other = save(ONE, "Other Post")
    changed = decisions.decide(Corpus(), "reject", "article", decisions.target(Corpus(), "springfield", one))
    assert changed == 2 and mentions(one) == [] and len(mentions(other)) == 2
    assert Corpus().events() == [], "an event left naming no place goes"
    decisions.decide(Corpus(), "reject", "article", decisions.target(Corpus(), "Springfield", other))
    assert Corpus().place(SPRINGFIELD_IL.id) is None, "a place no mention names any more goes"


def test_picking_another_place_for_a_name_from_an_outlet_covers_its_articles_only(corpus_target):
    one, two = save(ONE, events=True), save(TWO, day=5)
    elsewhere = save(ONE, "Other Post")
    on = decisions.target(Corpus(), f"{one}:1:17")
    assert decisions.decide(Corpus(), "pick", "outlet", on, SPRINGFIELD_MA) == 3
    assert mentions(one) == [(SPRINGFIELD_MA.id, 1)] * 2
    assert sorted(mentions(two)) == [(SHELBYVILLE.id, 0), (SPRINGFIELD_MA.id, 1)]
    assert mentions(elsewhere) == [(SPRINGFIELD_IL.id, 0)] * 2
    [event] = Corpus().events()
    assert event.places == (SPRINGFIELD_MA.id,)
    atlas = load_corpus_atlas()
    assert atlas.is_confirmed(SPRINGFIELD_MA.id) and SPRINGFIELD_MA.id in atlas.places
    assert [e.place.id for e in decisions.queue(Corpus()).entries] == [SPRINGFIELD_IL.id, SHELBYVILLE.id]


def test_the_nearest_decision_wins(corpus_target):
    one = save(ONE)
    decisions.decide(Corpus(), "confirm", "article", decisions.target(Corpus(), "Springfield", one))
    decisions.decide(Corpus(), "reject", "outlet", decisions.target(Corpus(), "Springfield", one))
    assert mentions(one) == [(SPRINGFIELD_IL.id, 1)] * 2, "the article's own decision is nearer than the outlet's"
    two = save(TWO, day=5)  # the name from the same outlet in another article: rejected as it is saved
    assert mentions(two) == [(SHELBYVILLE.id, 0)]


@pytest.mark.parametrize("scope", ["article", "outlet", "mention"])
def test_a_decision_survives_removing_and_saving_the_article_again(corpus_target, scope):
    one = save(ONE)
    decisions.decide(Corpus(), "pick", scope, first_mention(one), SPRINGFIELD_MA)
    assert Corpus().remove(one) is not None
    assert decisions.queue(Corpus()).total == 0
    again = save(ONE)
    picked = [(SPRINGFIELD_MA.id, 1)]
    assert mentions(again) == (picked * 2 if scope != "mention" else [*picked, (SPRINGFIELD_IL.id, 0)])


def test_an_article_decision_follows_the_text_not_the_outlet(corpus_target):
    one = save(ONE)
    decisions.decide(Corpus(), "confirm", "article", decisions.target(Corpus(), "Springfield", one))
    assert mentions(save(ONE + " No more.", day=6)) == [(SPRINGFIELD_IL.id, 0)] * 2, "another text is another article"


def test_after_decisions_the_store_reads_as_a_fresh_whole_read(corpus_target, atlas):
    one, two = save(ONE, events=True), save(TWO, day=5)
    elsewhere = save(ONE, "Other Post", events=True)
    key = f"test:{corpus_target}"
    assert not Store(corpus_target, atlas, key).is_confirmed(SPRINGFIELD_IL.id)
    decisions.decide(Corpus(), "pick", "outlet", decisions.target(Corpus(), f"{one}:1:17"), SPRINGFIELD_MA)
    decisions.decide(Corpus(), "reject", "article", decisions.target(Corpus(), "Shelbyville", two))
    decisions.decide(Corpus(), "confirm", "mention", first_mention(elsewhere))
    after, fresh = Store(corpus_target, atlas, key), merged_with(Corpus(read_only=True), atlas)
    assert list(after.places) == list(fresh.places)
    assert {p: after.is_confirmed(p) for p in after.places} == {p: fresh.is_confirmed(p) for p in fresh.places}
    stats = after.stats(fresh.places)
    assert {p: s.articles for p, s in stats.items()} == {p: len(a) for p, a in fresh.place_articles.items()}
    assert SHELBYVILLE.id not in after.places and after.is_confirmed(SPRINGFIELD_MA.id)
    assert after.is_confirmed(SPRINGFIELD_IL.id), "the other outlet's mention confirmed"


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda c: decisions.target(c, "nowhere:1:2"), "no mention nowhere:1:2"),
        (lambda c: decisions.target(c, "Springfield"), "ARTICLE:PARAGRAPH:START"),
        (lambda c: decisions.target(c, "Atlantis", "example-times-4"), "no place is named 'Atlantis'"),
        (lambda c: decisions.target(c, "Springfield", "nope"), "no saved article 'nope'"),
        (lambda c: decisions.decide(c, "maybe", "article", Target("example-times-4", "x")), "one of confirm"),
        (lambda c: decisions.decide(c, "reject", "world", Target("example-times-4", "x")), "one of mention"),
        (lambda c: decisions.decide(c, "reject", "mention", Target("example-times-4", "x")), "ARTICLE:PARAGRAPH"),
        (lambda c: decisions.decide(c, "pick", "article", Target("example-times-4", "x")), "only for pick"),
        (lambda c: decisions.choose([SPRINGFIELD_MA], "geonames-1", "Springfield"), "not a place known"),
    ],
)
def test_bad_input_is_one_line(corpus_target, call, says):
    save(ONE)
    with pytest.raises(ReviewError, match=says) as caught:
        call(Corpus())
    assert "\n" not in str(caught.value)


def test_a_corpus_from_before_the_review_is_read_as_it_is_and_migrated_when_written(corpus_target, atlas):
    save(ONE)
    with closing(connect(corpus_target)) as db:  # back to the schema before the review
        for table in ("decisions", "decided"):
            db.execute(f"DROP TABLE {table}")
        for index in ("mentions_unsure", "mentions_sure", "articles_by_outlet"):
            db.execute(f"DROP INDEX {index}")
        db.execute("DELETE FROM migrations WHERE name IN ('review-decisions', 'review-indexes')")
    old = Corpus(corpus_target, read_only=True)
    assert decisions.queue(old).total == 0, "nothing to review until the corpus is written"
    assert merged_with(old, atlas).articles, "and read as it is"
    assert decisions.queue(Corpus()).total == 1  # opened for writing: migrated
    with closing(connect(corpus_target)) as db:
        names = {r[0] for r in db.execute("SELECT name FROM migrations")}
    assert {"review-decisions", "review-indexes"} <= names
