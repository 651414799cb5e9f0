"""Timeline: the article's events through time; pick one to see and open its places."""

import altair as alt
import pandas as pd
import streamlit as st

from ui.markup import md
from ui.page import setup
from ui.panel import when
from ui.state import map_link, open_on_map, set_range

atlas, view = setup("Timeline")
st.title("Timeline")
if not atlas.events:
    st.info("The atlas has no dated events.")
    st.stop()

rows = []
for event in sorted(atlas.events.values(), key=lambda e: e.date_start):
    # An ongoing event runs to its article's date, as the date filter counts it.
    last = atlas.last_known_day(event)
    rows.append(
        {
            "id": event.id,
            "start": pd.Timestamp(event.date_start),
            "end": pd.Timestamp(last) + pd.Timedelta(days=1),
            "when": when(event),
            "summary": event.summary,
            "places": ", ".join(atlas.places[p].name for p in event.places),
            "label": f"{when(event)}: {event.summary[:48]}{'…' if len(event.summary) > 48 else ''}",
            "shown": "in the date range" if event.overlaps(view.start, view.end) else "outside the range",
        }
    )
frame = pd.DataFrame(rows)
pick = alt.selection_point(name="event", fields=["id"])
chart = (
    alt.Chart(frame)
    .mark_bar(cornerRadius=3, height=16)
    .encode(
        x=alt.X("start:T", title="Date"),
        x2="end:T",
        y=alt.Y("label:N", sort=list(frame["label"]), title=None, axis=alt.Axis(labelLimit=420)),
        color=alt.Color(
            "shown:N",
            scale=alt.Scale(domain=["in the date range", "outside the range"], range=["#c98a00", "#c8c8c8"]),
            legend=alt.Legend(title=None, orient="bottom"),
        ),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=["when", "summary", "places"],
    )
    .add_params(pick)
    .properties(height=alt.Step(34))
)
st.caption("Click a bar, or choose an event below, to see its places. Ongoing events run to the article's date.")
chosen = st.altair_chart(chart, on_select="rerun", key="timeline.chart", width="stretch")
picked = [p["id"] for p in (chosen.selection.get("event") or []) if "id" in p] if chosen else []

labels = {e.id: f"{when(e)}: {e.summary}" for e in sorted(atlas.events.values(), key=lambda e: e.date_start)}
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
        if st.button(f"🗺️ {md(place.name)}", key=f"open-{event_id}-{place_id}"):
            open_on_map(view, place_id)
    st.caption(f"Or share a link: `{map_link(view, event.places[0])}`")
