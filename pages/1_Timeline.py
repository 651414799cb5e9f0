"""Timeline: the events in the date range through time; drag across to narrow the range, pick one to see its places."""

from functools import partial

import streamlit as st

from ui.data import data_key
from ui.markup import md
from ui.page import setup
from ui.panel import when
from ui.state import ARTICLES_KEY, RANGE_KEY, map_link, open_on_map, set_range
from ui.timeline import (
    DETAIL_LIMIT,
    LEGEND_LIMIT,
    bin_size,
    brushed,
    counts_chart,
    counts_frame,
    events_chart,
    events_frame,
    in_range,
)

CHART_KEY = "timeline.chart"


@st.cache_resource(show_spinner=False, max_entries=16)
def _events(_atlas, key: str, articles: tuple[str, ...], start, end):
    return in_range(_atlas, start, end)


@st.cache_resource(show_spinner=False, max_entries=16)
def _counts(_atlas, key: str, articles: tuple[str, ...], start, end, size: str):
    return counts_frame(_atlas, _events(_atlas, key, articles, start, end), size)


def on_brush(key: str, full) -> None:
    """A brush narrows the date range before the rerun, so the chart redraws at the new range."""
    days = brushed(st.session_state[key].selection)
    if days is not None and full is not None:
        start, end = max(days[0], full[0]), min(days[1], full[1])
        if start <= end:
            set_range(start, end, full)


atlas, view = setup("Timeline")
st.title("Timeline")
if not atlas.events:
    st.info("The atlas has no dated events.")
    st.stop()

articles = tuple(sorted(st.session_state.get(ARTICLES_KEY) or ()))
events = _events(atlas, data_key(), articles, view.start, view.end)
if not events:
    st.info("No event falls in the date range.")
    st.stop()
# The chart's key carries the range: a new range is a new chart, with no stale brush on it.
key = f"{CHART_KEY}.{st.session_state.get(RANGE_KEY)}"
if len(events) > DETAIL_LIMIT:
    size = bin_size(view.start, view.end)
    st.caption(
        f"{len(events):,} events from {view.start} to {view.end}, counted per {size} by the day they start, "
        f"each article in its colour (past {LEGEND_LIMIT}, the {LEGEND_LIMIT} with most events; the rest in grey). "
        "Drag across the chart to narrow the dates; "
        f"at {DETAIL_LIMIT} events or fewer each one is drawn."
    )
    st.altair_chart(
        counts_chart(atlas, _counts(atlas, data_key(), articles, view.start, view.end, size), size),
        on_select=partial(on_brush, key, view.full),
        key=key,
        width="stretch",
    )
    st.stop()

frame = events_frame(atlas, events)
st.caption(
    f"{len(events):,} events, each article in its colour. Click a bar, or choose an event below, to see its places; "
    "drag across the chart to narrow the dates. Ongoing events run to the article's date."
)
chosen = st.altair_chart(
    events_chart(atlas, frame), on_select=partial(on_brush, key, view.full), key=key, width="stretch"
)
picked = [p["id"] for p in (chosen.selection.get("event") or []) if "id" in p] if chosen else []

labels = {e.id: f"{when(e)}: {e.summary}" for e in events}
choice = st.selectbox("Event", [None, *labels], format_func=lambda i: "Choose an event…" if i is None else labels[i])
event_id = picked[0] if picked else choice
if event_id is not None:
    event = atlas.events[event_id]
    st.subheader(when(event))
    st.markdown(md(event.summary))
    st.caption(
        f"Source: {md(atlas.articles[event.article].source_line)}, paragraphs {', '.join(map(str, event.paragraphs))}"
    )
    last = atlas.last_known_day(event)
    st.button(
        "Narrow the date range to this event",
        on_click=set_range,
        args=(max(event.date_start, view.full[0]), min(last, view.full[1]), view.full),
    )
    st.markdown("**Its places** (open one on the map):")
    for place_id in event.places:
        place = atlas.places[place_id]
        if st.button(f"Open {md(place.name)} on the map", key=f"open-{event_id}-{place_id}"):
            open_on_map(view, place_id)
    st.caption(f"Or share a link: `{map_link(view, event.places[0])}`")
