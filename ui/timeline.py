"""The Timeline's charts: each event as a bar while they are few, counts per day, week or month past that.

A chart of ten thousand bars is never drawn by the browser, and no reader could read it: past
``DETAIL_LIMIT`` events in the range the chart counts events by when they start, one bar per
bin and article, in the article's colour. Brushing either chart narrows the date range (in the
address), and a narrower range draws finer bins, then the events themselves: that is the
drill-down. Every frame is built once per corpus version, filter and range.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import altair as alt
import pandas as pd

from geo.atlas.atlas import Atlas
from geo.model.models import Event
from geo.view.palette import article_colour
from ui.panel import when

DETAIL_LIMIT = 300  # events drawn one by one; past this, counted
MAX_BINS = 120  # bins the chosen size may give at most
LEGEND_LIMIT = 10  # articles named in a legend; past this, each bar's tooltip names its article
OTHERS = "other articles"  # the counts of the articles past LEGEND_LIMIT, in one colour
OTHERS_COLOUR = "#c9c9c9"
BIN_DAYS = {"day": 1, "week": 7, "month": 31}


def in_range(atlas: Atlas, start: dt.date | None, end: dt.date | None) -> list[Event]:
    """The events the date range lets through, earliest first."""
    return sorted((e for e in atlas.events.values() if e.overlaps(start, end)), key=lambda e: (e.date_start, e.id))


def bin_size(start: dt.date, end: dt.date) -> str:
    """The finest of day, week and month that keeps the chart within ``MAX_BINS`` bars."""
    days = (end - start).days + 1
    return next((size for size, length in BIN_DAYS.items() if days / length <= MAX_BINS), "month")


def bin_start(day: dt.date, size: str) -> dt.date:
    """The first day of the day, week (Monday) or month holding ``day``."""
    if size == "week":
        return day - dt.timedelta(days=day.weekday())
    if size == "month":
        return day.replace(day=1)
    return day


def bin_end(first: dt.date, size: str) -> dt.date:
    """The day after the bin that starts on ``first``."""
    if size == "month":
        return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first + dt.timedelta(days=BIN_DAYS[size])


def counts_frame(atlas: Atlas, events: list[Event], size: str) -> pd.DataFrame:
    """One row per bin and article: how many of the article's events start in the bin.

    Past ``LEGEND_LIMIT`` articles, the ones with most events in the range keep their rows and
    colours and the rest share one row per bin (``OTHERS``): ten thousand articles stacked in a
    bar are neither drawable nor readable, and ten colours are all the palette tells apart.
    """
    totals = Counter(e.article for e in events)
    named = set(totals)
    if len(totals) > LEGEND_LIMIT:
        named = {a for a, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:LEGEND_LIMIT]}
    others = f"{len(totals) - len(named):,} other articles"
    counts = Counter((bin_start(e.date_start, size), e.article if e.article in named else OTHERS) for e in events)
    return pd.DataFrame(
        [
            {
                "start": pd.Timestamp(first),
                "end": pd.Timestamp(bin_end(first, size)),
                "article": article,
                "title": others if article == OTHERS else atlas.articles[article].title,
                "source": "" if article == OTHERS else atlas.articles[article].source_line,
                "events": count,
            }
            for (first, article), count in sorted(counts.items())
        ],
        columns=["start", "end", "article", "title", "source", "events"],
    )


def events_frame(atlas: Atlas, events: list[Event]) -> pd.DataFrame:
    """One row per event, its bar running to its last known day (an ongoing one, to its article's date)."""
    return pd.DataFrame(
        [
            {
                "id": e.id,
                "start": pd.Timestamp(e.date_start),
                "end": pd.Timestamp(atlas.last_known_day(e)) + pd.Timedelta(days=1),
                "when": when(e),
                "summary": e.summary,
                "places": ", ".join(atlas.places[p].name for p in e.places if p in atlas.places),
                "article": e.article,
                "source": atlas.articles[e.article].source_line,
                "label": f"{when(e)}: {e.summary[:48]}{'…' if len(e.summary) > 48 else ''}",
            }
            for e in events
        ],
        columns=["id", "start", "end", "when", "summary", "places", "article", "source", "label"],
    )


def _colour(atlas: Atlas, articles: list[str]) -> alt.Color:
    """Each article in its own colour (the map's); a legend while they are few enough to name."""
    named = len(articles) - (OTHERS in articles)
    legend = alt.Legend(title=None, orient="bottom", labelLimit=480) if named <= LEGEND_LIMIT else None
    return alt.Color(
        "article:N",
        scale=alt.Scale(domain=articles, range=[OTHERS_COLOUR if a == OTHERS else article_colour(a) for a in articles]),
        legend=legend,
    )


def counts_chart(atlas: Atlas, frame: pd.DataFrame, size: str) -> alt.Chart:
    """Events per bin, stacked by article; drag across it to narrow the dates."""
    articles = sorted(set(frame["article"]))
    brush = alt.selection_interval(name="brush", encodings=["x"])
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("start:T", title=f"Events per {size}"),
            x2="end:T",
            y=alt.Y("events:Q", title="Events", stack="zero"),  # counted already: one row per bin and article
            color=_colour(atlas, articles),
            tooltip=[
                alt.Tooltip("start:T", title=f"{size} from"),
                alt.Tooltip("events:Q", title="events"),
                "title",
                "source",
            ],
        )
        .add_params(brush)
        .properties(height=320)
    )


def events_chart(atlas: Atlas, frame: pd.DataFrame) -> alt.Chart:
    """One bar per event in its article's colour; click one to see it, drag across to narrow the dates."""
    articles = sorted(set(frame["article"]))
    pick = alt.selection_point(name="event", fields=["id"])
    brush = alt.selection_interval(name="brush", encodings=["x"])
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadius=3, height=16)
        .encode(
            x=alt.X("start:T", title="Date"),
            x2="end:T",
            y=alt.Y("label:N", sort=list(frame["label"]), title=None, axis=alt.Axis(labelLimit=420)),
            color=_colour(atlas, articles),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
            tooltip=["when", "summary", "places", "source"],
        )
        .add_params(pick, brush)
        .properties(height=alt.Step(34))
    )


def _day(value) -> dt.date:
    """A day from Vega's selection: epoch milliseconds, or a date written out."""
    return (pd.Timestamp(value, unit="ms") if isinstance(value, int | float) else pd.Timestamp(value)).date()


def brushed(selection: dict) -> tuple[dt.date, dt.date] | None:
    """The days a brush covers: the range to drill down to."""
    values = ((selection or {}).get("brush") or {}).get("start")
    if not values or len(values) != 2:
        return None
    first, last = sorted(map(_day, values))
    return first, last
