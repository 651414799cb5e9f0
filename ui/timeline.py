"""The Timeline's chart: events counted per day, week, month or year, whatever the corpus's size.

One chart at every size: a bar per bin (stacked by article, in the article's colour), the bins
the finest that keep the chart within ``MAX_BINS`` bars, so one article's three days and ten
thousand articles' ten years read alike, on a phone too. Dragging across it, or clicking a bar,
narrows the date range (in the address), and a narrower range draws finer bins: that is the
drill-down. Every frame is built once per corpus version, filter and range.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import altair as alt
import pandas as pd

from geo.model.periods import period_after, period_start
from geo.store.store import Store
from geo.view.palette import colour_in

MAX_BINS = 120  # bins the chosen size may give at most
LEGEND_LIMIT = 10  # articles named in a legend; past this, each bar's tooltip names its article
OTHERS = "other articles"  # the counts of the articles past LEGEND_LIMIT, in one colour
OTHERS_COLOUR = "#c9c9c9"
BIN_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
TITLE_CHARACTERS = 48  # of an article's title in the legend, cut at a word
DETAILED = 20_000  # events in a range up to which each article is counted apart


def bin_size(start: dt.date, end: dt.date) -> str:
    """The finest of day, week and month that keeps the chart within ``MAX_BINS`` bars."""
    days = (end - start).days + 1
    return next((size for size, length in BIN_DAYS.items() if days / length <= MAX_BINS), "year")


def short_title(title: str) -> str:
    """A title as a legend can hold it: whole, or cut at a word with an ellipsis, never mid-word."""
    if len(title) <= TITLE_CHARACTERS:
        return title
    cut = title[:TITLE_CHARACTERS].rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return f"{cut}…"


def counts_frame(atlas: Store, start: dt.date | None, end: dt.date | None, size: str) -> pd.DataFrame:
    """One row per bin and article: how many of the article's events in the range start in the bin,
    and where its part of the bin's bar starts and ends (``low``, ``high``).

    Past ``LEGEND_LIMIT`` articles, the ones with most events in the range keep their rows and
    colours and the rest share one row per bin (``OTHERS``): ten thousand articles stacked in a
    bar are neither drawable nor readable, and ten colours are all the palette tells apart. Past
    ``DETAILED`` events, every article shares that row: the store counts them per day only.
    """
    per_day, per_article = atlas.event_counts(start, end, DETAILED)
    counts: Counter[tuple[dt.date, str]] = Counter()
    if per_article is None:
        named: set[str] = set()
        others = "all articles"
    else:
        totals = Counter()
        for _day, article, count in per_article:
            totals[article] += count
        named = set(totals)
        if len(totals) > LEGEND_LIMIT:
            named = {a for a, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:LEGEND_LIMIT]}
        others = f"{len(totals) - len(named):,} other articles"
        for day, article, count in per_article:
            if article in named:
                counts[(period_start(day, size), article)] += count
    for day, count in per_day:
        counts[(period_start(day, size), OTHERS)] += count
    for (first, article), count in list(counts.items()):
        if article != OTHERS:
            counts[(first, OTHERS)] -= count
    rows, below = [], Counter[dt.date]()
    for (first, article), count in sorted(counts.items()):
        if not count:
            continue
        rows.append(
            {
                "start": pd.Timestamp(first),
                "end": pd.Timestamp(period_after(first, size)),
                "article": article,
                "title": others if article == OTHERS else atlas.articles[article].title,
                "source": "" if article == OTHERS else atlas.articles[article].source_line,
                "events": count,
                "low": below[first],
                "high": below[first] + count,
            }
        )
        below[first] += count
    return pd.DataFrame(
        rows,
        columns=["start", "end", "article", "title", "source", "events", "low", "high"],
    )


def _colour(atlas: Store, articles: list[str], titles: dict[str, str]) -> alt.Color:
    """Each article in its own colour (the map's), named by its title while few enough to name.

    The colour's field is the article's id, as titles repeat; the legend shows the title instead.
    """
    named = len(articles) - (OTHERS in articles)
    labels = json.dumps({a: short_title(titles[a]) for a in articles}, ensure_ascii=False)
    legend = alt.Legend(title=None, orient="bottom", labelLimit=240, labelExpr=f"{labels}[datum.label]")
    return alt.Color(
        "article:N",
        scale=alt.Scale(
            domain=articles, range=[OTHERS_COLOUR if a == OTHERS else colour_in(atlas, a) for a in articles]
        ),
        legend=legend if named <= LEGEND_LIMIT else None,
    )


def counts_chart(atlas: Store, frame: pd.DataFrame, size: str) -> alt.Chart:
    """Events per bin, stacked by article; drag across it to narrow the dates."""
    articles = sorted(set(frame["article"]))
    brush = alt.selection_interval(name="brush", encodings=["x"])
    bar = alt.selection_point(name="bar", fields=["start", "end"], on="click")
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("start:T", title=None),  # the caption says per what
            x2="end:T",
            # Stacked here, not by Vega-Lite: a bar with x and x2 is taken for a horizontal one, and
            # its y for a position, which drew each count as a sliver at its height.
            y=alt.Y("high:Q", title="Events"),
            y2="low:Q",
            color=_colour(atlas, articles, dict(zip(frame["article"], frame["title"], strict=True))),
            tooltip=[
                alt.Tooltip("start:T", title=f"{size} from"),
                alt.Tooltip("events:Q", title="events"),
                "title",
                "source",
            ],
        )
        .add_params(brush, bar)
        .properties(height=280)
    )


def _day(value) -> dt.date:
    """A day from Vega's selection: epoch milliseconds, or a date written out."""
    return (pd.Timestamp(value, unit="ms") if isinstance(value, int | float) else pd.Timestamp(value)).date()


def brushed(selection: dict) -> tuple[dt.date, dt.date] | None:
    """The days a brush covers, or the bin of a bar clicked: the range to drill down to."""
    values = ((selection or {}).get("brush") or {}).get("start")
    if values and len(values) == 2:
        first, last = sorted(map(_day, values))
        return first, last
    clicked = (selection or {}).get("bar") or []
    if clicked and isinstance(clicked[0], dict) and {"start", "end"} <= clicked[0].keys():
        first, after = _day(clicked[0]["start"]), _day(clicked[0]["end"])
        return first, max(first, after - dt.timedelta(days=1))
    return None
