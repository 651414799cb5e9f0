"""The date-range control in the sidebar, the same on every page, with time playback."""

from __future__ import annotations

import streamlit as st

from geo.store.store import Store
from geo.view.playback import next_window, step_for
from ui.state import RANGE_KEY, View, set_range

WIDGET_KEY = "atlas.range_widget"
PLAYING_KEY = "atlas.playing"  # the step while playback runs
ARMED_KEY = "atlas.play_armed"  # the next tick may step: the run before it was a whole page's
PLAY_SECONDS = 1.5  # one window on screen this long, the map and the feed redrawn for it


def shown_line(atlas: Store, view: View) -> str:
    """How many of the filtered places are drawn: the same words, and the same count, on every page."""
    return f"{len(view.visible(atlas)):,} of {len(atlas.places):,} places shown"


def date_filter(atlas: Store, view: View, *, playback_too: bool = False) -> None:
    """A slider over the events' span; moving it updates the address before the rerun. The pages
    that show places through time (the Map, the Timeline) also offer playback (``playback_too``)."""
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
            st.button("Show all dates", on_click=_show_all, args=(view.full,))
        if playback_too:
            playback(view)


def _show_all(full: tuple) -> None:
    st.session_state.pop(PLAYING_KEY, None)
    set_range(*full, full)


def playback(view: View) -> None:
    """Play the date window through the span, the page following each step; pause anywhere.

    Each window is in the address (``from``, ``to``) like any range, so a paused view can be
    shared. A timed fragment steps the window and reruns the page, whose map and feed follow.
    """
    playing = st.session_state.get(PLAYING_KEY)
    if not playing:
        step = step_for(view.full)
        st.button(f"Play by the {step}", on_click=_play, args=(view, step), key="atlas.play")
        return
    st.button("Pause", on_click=st.session_state.pop, args=(PLAYING_KEY, None), key="atlas.pause")
    st.caption(f"Playing by the {playing}: {view.start} to {view.end}.")
    st.fragment(_tick, run_every=PLAY_SECONDS)(view)


def _play(view: View, step: str) -> None:
    current = (view.start, view.end) if view.narrowed else None
    first = next_window(current, step, view.full) or next_window(None, step, view.full)
    st.session_state[PLAYING_KEY] = step
    st.session_state[ARMED_KEY] = False
    set_range(*first, view.full)


def _tick(view: View) -> None:
    """Step once per timer run; the run that comes with the page's own only arms the next."""
    if not st.session_state.get(ARMED_KEY):
        st.session_state[ARMED_KEY] = True
        return
    st.session_state[ARMED_KEY] = False
    step = st.session_state.get(PLAYING_KEY)
    if not step:
        return
    following = next_window(st.session_state.get(RANGE_KEY), step, view.full)
    if following is None:
        st.session_state.pop(PLAYING_KEY, None)
    else:
        set_range(*following, view.full)
    st.rerun()
