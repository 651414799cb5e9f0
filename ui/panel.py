"""The side panel for one place: names, coordinates and their provenance, events, passages."""

from __future__ import annotations

import streamlit as st

from geo.atlas.atlas import Atlas
from geo.model.models import Event
from geo.view.mapview import is_approximate, kind_label
from ui.markup import esc, highlighted


def when(event: Event) -> str:
    """An event's days as the contract states them: one day, a range, or ongoing."""
    if event.ongoing:
        return f"{event.date_start} – ongoing"
    if event.date_end:
        return f"{event.date_start} – {event.date_end}"
    return str(event.date_start)


def place_panel(atlas: Atlas, place_id: str) -> None:
    """Everything the atlas says of a place, as one element: a click then redraws one thing.

    All text is escaped; the mentions are marked.
    """
    place = atlas.places[place_id]
    kind = kind_label(place.kind)
    names = " · ".join(f"<b>{esc(n)}</b>" if n == place.name else esc(n) for n in place.names)
    parts = [
        f'<h3 class="place-name">{esc(place.name)}</h3>',
        f'<div class="place-facts">{esc(kind)}{", " + esc(place.country) if place.country else ""}<br>'
        f"Names in use: {names}<br>"
        f"Coordinates: {place.lat:.5f}, {place.lon:.5f} "
        f"({'approximate, ' if is_approximate(place) else ''}within {place.precision_m:,.0f} m)<br>"
        f"Source of the coordinates: <code>{esc(place.coord_source)}</code>"
        f"{'<br>Note: ' + esc(place.note) if place.note else ''}</div>",
    ]
    events = atlas.events_of(place_id)
    if events:
        items = "".join(f"<li><b>{esc(when(e))}</b>: {esc(e.summary)}</li>" for e in events)
        parts.append(f'<h4>Events</h4><ul class="place-events">{items}</ul>')
    passages = atlas.passages(place_id)
    parts.append(f"<h4>Passages ({len(passages)})</h4>")
    if not passages:
        parts.append('<p class="passage-source">No article names this place.</p>')
    for passage in passages:
        article = atlas.articles[passage.article]
        parts.append(
            f'<div class="passage"><div class="passage-source">{esc(article.source_line)} · '
            f"<i>{esc(article.title)}</i> · paragraph {passage.paragraph}</div>"
            f'<blockquote class="passage-text">{highlighted(passage.text, passage.spans)}</blockquote></div>'
        )
    # One HTML block with no blank line, so Markdown leaves its (escaped) contents alone.
    st.markdown(f'<div class="place-panel">{"".join(parts)}</div>', unsafe_allow_html=True)
