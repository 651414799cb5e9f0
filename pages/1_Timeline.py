"""Timeline: events counted through time, at any size; drag or click to narrow the dates, and read
the range's events newest first."""

from functools import partial

import streamlit as st

from ui.data import atlas_key, data_key
from ui.feed import story_feed
from ui.page import setup
from ui.state import ARTICLES_KEY, RANGE_KEY, open_on_map, set_range
from ui.timeline import LEGEND_LIMIT, bin_size, brushed, counts_chart, counts_frame

CHART_KEY = "timeline.chart"
GOTO_KEY = "timeline.goto"  # a place chosen in the list: the map opens on it on the next run
PER_PAGE = 3  # events listed at once: the page stays within a window and a half, on a phone too


@st.cache_resource(show_spinner=False, max_entries=16)
def _counts(_atlas, key: str, articles: tuple[str, ...], start, end, size: str):
    return counts_frame(_atlas, start, end, size)


def on_brush(key: str, full) -> None:
    """A brush or a click narrows the date range before the rerun, so the chart redraws at it."""
    days = brushed(st.session_state[key].selection)
    if days is not None and full is not None:
        start, end = max(days[0], full[0]), min(days[1], full[1])
        if start <= end:
            set_range(start, end, full)


def go_to(place_id: str) -> None:
    st.session_state[GOTO_KEY] = place_id


atlas, view = setup("Timeline", playback=True)
if GOTO_KEY in st.session_state:
    open_on_map(view, st.session_state.pop(GOTO_KEY))
st.title("Timeline")
if not atlas.events:
    st.info("The atlas has no dated events.")
    st.stop()

articles = tuple(sorted(st.session_state.get(ARTICLES_KEY) or ()))
size = bin_size(view.start, view.end)
frame = _counts(atlas, data_key(), articles, view.start, view.end, size)
if frame.empty:
    st.info("No event falls in the date range.")
    st.stop()
# The chart's key carries the range: a new range is a new chart, with no stale brush on it.
key = f"{CHART_KEY}.{st.session_state.get(RANGE_KEY)}"
st.caption(
    f"{int(frame['events'].sum()):,} events from {view.start} to {view.end}, counted per {size} by the day they start, "
    f"each article in its colour (past {LEGEND_LIMIT} articles, the {LEGEND_LIMIT} with most events; the rest "
    "in grey). Drag across the chart, or click a bar, to narrow the dates on every page."
)
st.altair_chart(
    counts_chart(atlas, frame, size),
    on_select=partial(on_brush, key, view.full),
    key=key,
    width="stretch",
)
st.markdown("#### In the date range, newest first")
story_feed(atlas, atlas_key(atlas), atlas.places, None, (view.start, view.end), go_to, per_page=PER_PAGE)
