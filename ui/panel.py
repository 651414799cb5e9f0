"""The side panel for one place: its names, the articles that name it, newest first, each with
its passages under one short source line, its events, and where it lies with the provenance."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from geo.model.models import Event, Place
from geo.view.mapview import is_approximate, kind_label
from geo.view.reading import ArticlePassages, Reading
from ui.markup import esc, highlighted, link

PANEL_STYLE = """<style>
.place-panel { color: #1f2328; }
.place-panel h3.place-name { margin: 0 0 .2em 0; padding: 0; }
.place-panel h4 { font-size: 1.05rem; margin: .7em 0 .3em 0; padding: 0; }
.place-facts { font-size: .92em; line-height: 1.55; }
.place-facts .label { color: #444; }
.place-article { margin: .6em 0 1em 0; border-left: 4px solid var(--article, #999); padding-left: .7em; }
.place-article .passage-source { color: #333; font-size: .86em; margin-bottom: .2em; }
.place-article .passage-source a { color: #0b57d0; }
.place-article.unsure { border-left-style: dashed; }
.place-article .unsure-note { color: #8a4b00; font-size: .82em; margin-bottom: .2em; }
blockquote.passage-text { margin: .15em 0 .6em 0; padding: 0; border: none; color: #1f2328; font-size: .95em;
    opacity: 1; }
blockquote.passage-text .paragraph { color: #555; font-size: .8em; margin-right: .35em; }
.place-parts summary, .place-names summary { cursor: pointer; color: #333; }
.place-names { display: inline; }
.place-names[open] summary { display: none; }
</style>"""
#: Names shown before the rest are folded: a city with eighty names shows one line, then its passages.
NAMES_SHOWN = 6


def when(event: Event) -> str:
    """An event's days as the contract states them: one day, a range, or ongoing."""
    if event.ongoing:
        return f"{event.date_start} – ongoing"
    if event.date_end:
        return f"{event.date_start} – {event.date_end}"
    return str(event.date_start)


def distance(metres: float) -> str:
    """A radius as a reader says it: "500 m", "3 km", "2.5 km"."""
    if metres < 1000:
        return f"{metres:.0f} m"
    return f"{metres / 1000:.1f}".removesuffix(".0") + " km"


def source_line(entry: ArticlePassages) -> str:
    """Outlet, author and date once per article, linked to its web address when it has one."""
    article = entry.article
    who = esc(article.source_line)
    title = link(article.url, article.title) if article.url else f"<i>{esc(article.title)}</i>"
    return f'<div class="passage-source">{who} · {title}</div>'


def passages_html(entry: ArticlePassages, colour: str) -> str:
    lang = entry.article.language  # the passage's own: screen readers and hyphenation follow it
    quotes = "".join(
        f'<blockquote class="passage-text" lang="{lang}"><span class="paragraph">¶{p.paragraph}</span>'
        f"{highlighted(p.text, p.spans)}</blockquote>"
        for p in entry.passages
    )
    if entry.confirmed:
        return f'<div class="place-article" style="--article:{colour}">{source_line(entry)}{quotes}</div>'
    note = (
        '<div class="unsure-note">Uncertain placement: the geoparser is not sure this article means '
        "this place, and no reader has confirmed it (see Review).</div>"
    )
    return f'<div class="place-article unsure" style="--article:{colour}">{source_line(entry)}{note}{quotes}</div>'


def names_html(place: Place) -> str:
    """The place's names, its own in bold: the first few, the rest folded behind their count."""

    def name(n: str) -> str:
        return f"<b>{esc(n)}</b>" if n == place.name else esc(n)

    names = list(place.names)
    line = " · ".join(map(name, names[:NAMES_SHOWN]))
    if len(names) <= NAMES_SHOWN:
        return line
    rest = " · ".join(map(name, names[NAMES_SHOWN:]))
    more = len(names) - NAMES_SHOWN
    return f'{line} <details class="place-names"><summary>and {more} more</summary> · {rest}</details>'


def articles_heading(reading: Reading, page: int) -> str:
    """How many articles name the place, counting those that name it only inside another's name."""
    count, within = len(reading.named), len(reading.parts)
    part_of = ", ".join(f"“{esc(w)}”" for w in reading.within)

    def articles(n: int) -> str:
        return f"{n} article{'s' if n != 1 else ''}"

    if not count and within:
        return f"Named in {articles(within)}, as part of {part_of}"
    heading = f"Named in {articles(count)}"
    if reading.pages > 1:
        heading += f", newest first (page {page + 1} of {reading.pages})"
    if within:
        heading += f"; in {articles(within)} more as part of {part_of}"
    return heading


def place_panel(
    reading: Reading, page: int, colour_of, start: dt.date | None = None, end: dt.date | None = None
) -> None:
    """Everything the atlas says of a place, as one element: a click then redraws one thing.

    All text is escaped; the mentions are marked. ``colour_of`` gives an article's colour,
    the one its places wear on the map; ``start``/``end``, the date range the events follow.
    """
    place = reading.place
    approximate = "approximate, " if is_approximate(place) else ""
    country = f", {esc(place.country)}" if place.country else ""
    # Name and passages first: on a phone the panel is a sheet over the map's foot, and what a
    # reader taps a place for must show in it without scrolling. Where it lies comes after.
    parts = [
        f'<h3 class="place-name">{esc(place.name)}</h3>',
        f'<div class="place-facts">{esc(kind_label(place.kind))}{country}<br>'
        f'<span class="label">Names:</span> {names_html(place)}</div>',
        f"<h4>{articles_heading(reading, page)}</h4>",
    ]
    parts.extend(passages_html(entry, colour_of(entry.article.id)) for entry in reading.page(page))
    if reading.parts:
        body = "".join(passages_html(entry, colour_of(entry.article.id)) for entry in reading.parts)
        if reading.named:  # its own passages first; those of the names it is part of, folded
            total = sum(len(e.passages) for e in reading.parts)
            within = ", ".join(f"“{esc(w)}”" for w in reading.within)
            body = (
                f'<details class="place-parts"><summary>Also part of {within}: {total} passage'
                f"{'s' if total != 1 else ''} that name that place, not this one</summary>{body}</details>"
            )
        parts.append(body)
    elif not reading.named:
        parts.append('<p class="passage-source">No article names this place itself.</p>')
    events = [e for e in reading.events if e.overlaps(start, end)]
    if events:
        items = "".join(f"<li><b>{esc(when(e))}</b>: {esc(e.summary)}</li>" for e in events)
        parts.append(f'<h4>Events</h4><ul class="place-events">{items}</ul>')
    if len(events) < len(reading.events):
        hidden = len(reading.events) - len(events)
        parts.append(
            f'<p class="passage-source">{hidden} event{"s" if hidden != 1 else ""} outside the date range.</p>'
        )
    parts.append(
        f'<h4>Where it lies</h4><div class="place-facts place-where">'
        f'<span class="label">Coordinates:</span> {place.lat:.5f}, {place.lon:.5f} '
        f"({approximate}within {distance(place.precision_m)})<br>"
        f'<span class="label">From:</span> <code>{esc(place.coord_source)}</code>'
        f"{'<br>Note: ' + esc(place.note) if place.note else ''}</div>"
    )
    # One HTML block with no blank line, so Markdown leaves its (escaped) contents alone.
    st.markdown(f'{PANEL_STYLE}<div class="place-panel">{"".join(parts)}</div>', unsafe_allow_html=True)
