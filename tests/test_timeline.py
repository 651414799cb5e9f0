"""The Timeline: one chart of counts per bin at every size, each article in its colour and named by its
title, and the range's events listed newest first."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from streamlit.testing.v1 import AppTest

from bench.timeline_bench import build_corpus
from geo.atlas.atlas import Atlas, load_atlas
from geo.atlas.corpus import default_target
from geo.model.periods import period_after, period_start
from geo.store.store import Store
from geo.view.palette import colour_in
from tests.conftest import ROOT
from tests.whole import load_corpus_atlas
from ui.timeline import (
    LEGEND_LIMIT,
    OTHERS,
    OTHERS_COLOUR,
    bin_size,
    brushed,
    counts_chart,
    counts_frame,
    short_title,
)


@pytest.fixture(scope="module")
def big(tmp_path_factory, own_corpus) -> tuple[Atlas, Store]:
    """200 saved articles with 10 events each, as a corpus soon is: read whole into memory (what the
    counts must add up to) and through the store (what the page counts with)."""
    var = tmp_path_factory.mktemp("big")
    target = own_corpus(var).target
    build_corpus(target, 200, 10)
    seed = load_atlas(ROOT / "data")
    whole = load_corpus_atlas(str(ROOT / "data"), corpus_path=target, seed=seed)
    return whole, Store(target, seed, f"big:{var}")


def test_bins_are_the_finest_that_fit():
    assert bin_size(dt.date(2023, 1, 1), dt.date(2023, 3, 1)) == "day"
    assert bin_size(dt.date(2022, 1, 1), dt.date(2023, 1, 1)) == "week"
    assert bin_size(dt.date(2015, 1, 1), dt.date(2023, 1, 1)) == "month"
    assert bin_size(dt.date(1990, 1, 1), dt.date(2023, 1, 1)) == "year"
    assert period_start(dt.date(2023, 3, 1), "year") == dt.date(2023, 1, 1)
    assert period_after(dt.date(2023, 1, 1), "year") == dt.date(2024, 1, 1)
    wednesday = dt.date(2023, 3, 1)
    assert period_start(wednesday, "week") == dt.date(2023, 2, 27) and period_start(wednesday, "month") == wednesday
    assert period_after(dt.date(2023, 12, 1), "month") == dt.date(2024, 1, 1)
    assert period_after(dt.date(2023, 2, 27), "week") == dt.date(2023, 3, 6)


def test_counts_add_up_to_the_events_in_range_per_article(big):
    whole, store = big
    events = whole.events_in_range(dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    frame = counts_frame(store, dt.date(2021, 1, 1), dt.date(2021, 12, 31), "month")
    assert frame["events"].sum() == len(events)
    per_article = frame.groupby("article")["events"].sum().to_dict()
    totals = Counter(e.article for e in events)
    named = sorted(totals, key=lambda a: (-totals[a], a))[:LEGEND_LIMIT]
    assert per_article == {**{a: totals[a] for a in named}, OTHERS: len(events) - sum(totals[a] for a in named)}
    assert set(frame["start"].dt.day) == {1}


def test_the_articles_with_most_events_keep_their_colours_and_the_rest_share_one(big):
    whole, big = big
    events = whole.events_in_range(None, None)
    frame = counts_frame(big, None, None, "month")
    assert len(frame) <= 12 * (LEGEND_LIMIT + 1) * len(set(frame["start"].dt.year))  # not 200 articles a bin
    spec = counts_chart(big, frame, "month").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert len(scale["domain"]) == LEGEND_LIMIT + 1 and OTHERS in scale["domain"]
    assert scale["range"] == [OTHERS_COLOUR if a == OTHERS else colour_in(big, a) for a in scale["domain"]]
    assert set(frame[frame["article"] == OTHERS]["title"]) == {
        f"{len({e.article for e in events}) - 10} other articles"
    }


def test_a_brush_gives_days_in_either_order_and_a_click_its_bin():
    ms = dt.datetime(2022, 12, 9, tzinfo=dt.UTC).timestamp() * 1000
    assert brushed({"brush": {"start": [ms + 86_400_000, ms]}}) == (dt.date(2022, 12, 9), dt.date(2022, 12, 10))
    week = {"start": ms, "end": ms + 7 * 86_400_000}
    assert brushed({"brush": {}, "bar": [week]}) == (dt.date(2022, 12, 9), dt.date(2022, 12, 15))
    assert brushed({"brush": {}}) is None and brushed({}) is None and brushed({"bar": [{"x": 1}]}) is None


def test_the_legend_names_articles_by_title_cut_at_a_word(atlas):
    assert short_title("Short title") == "Short title"
    long = "Azerbaijan's deputy foreign minister and the ICRC president discuss cooperation"
    assert short_title(long) == "Azerbaijan's deputy foreign minister and the…"
    store = Store.of(atlas)
    frame = counts_frame(store, None, None, "day")
    legend = counts_chart(store, frame, "day").to_dict()["encoding"]["color"]["legend"]
    assert "Azerbaijan's deputy foreign minister and the…" in legend["labelExpr"]


def test_the_timeline_counts_and_lists_the_newest_events(monkeypatch, tmp_path_factory, own_corpus):
    home = own_corpus(tmp_path_factory.mktemp("page"))
    build_corpus(home.target, 40, 10)
    home.enter(monkeypatch)
    assert default_target() == home.target
    at = AppTest.from_file(str(ROOT / "pages" / "1_Timeline.py"), default_timeout=60).run()
    assert not at.exception
    assert any("405 events" in c.value and "counted per week" in c.value for c in at.caption), [
        c.value for c in at.caption
    ]
    items = [m.value for m in at.markdown if 'class="feed-item"' in m.value]
    assert len(items) == 3 and "2023-02-28" in items[0]
    assert [b.label for b in at.button if b.label in ("Newer", "Older")] == ["Newer", "Older"]
    assert not at.selectbox, "no list of every event"
