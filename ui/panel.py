"""The side panel for one place: names, coordinates and their provenance, events, passages."""

from __future__ import annotations

import streamlit as st

from geo.atlas import Atlas
from geo.mapview import KIND_STYLES, is_approximate
from geo.models import Event
from ui.markup import esc, highlighted


def when(event: Event) -> str:
    """An event's days as the contract states them: one day, a range, or ongoing."""
    if event.ongoing:
        return f"{event.date_start} – ongoing"
    if event.date_end:
        return f"{event.date_start} – {event.date_end}"
    return str(event.date_start)


def place_panel(atlas: Atlas, place_id: str) -> None:
    """Everything the atlas says of a place; all text escaped, mentions marked."""
    place = atlas.places[place_id]
    kind = KIND_STYLES[place.kind].label if place.kind in KIND_STYLES else place.kind
    st.markdown(f'<h3 class="place-name">{esc(place.name)}</h3>', unsafe_allow_html=True)
    names = " · ".join(f"<b>{esc(n)}</b>" if n == place.name else esc(n) for n in place.names)
    st.markdown(
        f'<div class="place-facts">{esc(kind)}{", " + esc(place.country) if place.country else ""}<br>'
        f"Names in use: {names}<br>"
        f"Coordinates: {place.lat:.5f}, {place.lon:.5f} "
        f"({'approximate, ' if is_approximate(place) else ''}within {place.precision_m:,.0f} m)<br>"
        f"Source of the coordinates: <code>{esc(place.coord_source)}</code>"
        f"{'<br>Note: ' + esc(place.note) if place.note else ''}</div>",
        unsafe_allow_html=True,
    )
    events = atlas.events_of(place_id)
    if events:
        st.markdown("**Events**")
        st.markdown(
            '<ul class="place-events">'
            + "".join(f"<li><b>{esc(when(e))}</b>: {esc(e.summary)}</li>" for e in events)
            + "</ul>",
            unsafe_allow_html=True,
        )
    passages = atlas.passages(place_id)
    st.markdown(f"**Passages ({len(passages)})**")
    if not passages:
        st.caption("No article names this place.")
    for passage in passages:
        article = atlas.articles[passage.article]
        st.markdown(
            f'<div class="passage"><div class="passage-source">{esc(article.source_line)} · '
            f"<i>{esc(article.title)}</i> · paragraph {passage.paragraph}</div>"
            f'<blockquote class="passage-text">{highlighted(passage.text, passage.spans)}</blockquote></div>',
            unsafe_allow_html=True,
        )
