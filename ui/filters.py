"""The date-range control in the sidebar, the same on every page."""

from __future__ import annotations

import streamlit as st

from geo.atlas.atlas import Atlas
from ui.state import View, set_range

WIDGET_KEY = "atlas.range_widget"


def shown_line(atlas: Atlas, view: View) -> str:
    """How many of the filtered places are drawn: the same words, and the same count, on every page."""
    return f"{len(view.visible(atlas)):,} of {len(atlas.places):,} places shown"


def date_filter(atlas: Atlas, view: View) -> None:
    """A slider over the events' span; moving it updates the address before the rerun."""
    with st.sidebar:
        st.subheader("Event dates")
        if view.full is None or view.full[0] == view.full[1]:
            st.caption("The atlas has no span of event dates to filter by.")
            return
        # Set before the widget exists, so the address (not a stale widget) decides its value.
        st.session_state[WIDGET_KEY] = (view.start, view.end)
        st.slider(
            "Show places whose events fall between",
            min_value=view.full[0],
            max_value=view.full[1],
            format="YYYY-MM-DD",
            key=WIDGET_KEY,
            on_change=lambda: set_range(*st.session_state[WIDGET_KEY], view.full),
        )
        st.caption(
            f"{shown_line(atlas, view)}. A place is hidden only when every event that names it "
            "lies outside the range; places no dated event names always stay."
        )
        if view.narrowed:
            st.button("Show all dates", on_click=set_range, args=(*view.full, view.full))
