"""Turning what the geoparser found, and what the reader decided about it, into things to save.

The page asks; this module knows what a confirmation, a rejection or a correction means, so
the command line and the tests can do exactly what the page does.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from geo.atlas.atlas import Atlas
from geo.atlas.corpus import Confirmed, Corpus, slug
from geo.model.models import Article, Event, Place, paragraph_bounds
from geo.parsing.eventdates import EventDate
from geo.parsing.gazetteer import Gazetteer
from geo.parsing.geocoders.base import Candidate
from geo.parsing.geoparse import ParsedPlace


def place_from_candidate(candidate: Candidate | ParsedPlace) -> Place:
    """Any source's candidate (or the geoparser's resolution) as an atlas place.

    Its id is the curated or GeoNames one; for other sources it is made from where the
    coordinates come from, so the same place found twice gets the same id.
    """
    place_id = getattr(candidate, "place_id", None) or getattr(candidate, "id", "")
    return Place(
        id=place_id or slug(candidate.coord_source),
        name=candidate.name,
        alt_names=tuple(n for n in candidate.alt_names if n != candidate.name),
        kind=candidate.kind,
        lat=candidate.lat,
        lon=candidate.lon,
        country=candidate.country,
        coord_source=candidate.coord_source,
        precision_m=candidate.precision_m,
    )


def where(candidate: Candidate | ParsedPlace, gazetteer: Gazetteer | None = None) -> str:
    """Where a candidate lies, as a reader tells six Portlands apart: "Maine, US", or "US".

    GeoNames codes first-level areas ("ME"); the gazetteer names those it knows. A name a
    source gives as such (Nominatim's "Maine") is kept; a bare code it cannot name is left out.
    """
    admin1 = candidate.admin1
    area = gazetteer.area(candidate.country, admin1) if gazetteer is not None and admin1 else None
    region = area.name if area else admin1 if len(admin1) > 3 and not admin1.isdigit() else ""
    return ", ".join(x for x in (region, candidate.country) if x)


@dataclass
class Choice:
    """The reader's decision on one name found in the text: a place for its spans, or none."""

    found: ParsedPlace
    place: Place | None

    @property
    def confirmed(self) -> Confirmed | None:
        if self.place is None:
            return None
        return Confirmed(self.place, tuple((s, e) for s, e in self.found.spans))


def initial_choices(found: Iterable[ParsedPlace]) -> list[Choice]:
    """Towns and sites start confirmed as resolved; countries and admin areas start rejected."""
    return [Choice(f, None if f.is_area else place_from_candidate(f)) for f in found]


def confirmed_of(choices: Iterable[Choice]) -> list[Confirmed]:
    """The confirmed places, one entry per place even when several names chose it."""
    merged: dict[str, Confirmed] = {}
    for choice in choices:
        item = choice.confirmed
        if item is None:
            continue
        if item.place.id in merged:
            item = Confirmed(item.place, tuple(sorted({*merged[item.place.id].spans, *item.spans})))
        merged[item.place.id] = item
    return list(merged.values())


def suggested_events(text: str, dates: Iterable[EventDate], confirmed: Iterable[Confirmed]) -> list[Event]:
    """One event per date stated in a paragraph that names a confirmed place.

    Its summary is the sentence holding the date, in the source's own words; "since <date>"
    makes it a range still going on at the article's date.
    """
    bounds = paragraph_bounds(text)
    starts = [first for first, _ in bounds]

    def paragraph(offset: int) -> int | None:  # numbered from 1; bisect, as dates and spans run to thousands
        n = bisect.bisect_right(starts, offset)
        return n if n and offset < bounds[n - 1][1] else None

    named: dict[int, dict[str, None]] = {}  # paragraph → the confirmed places it names, in order
    for c in confirmed:
        for s, _ in c.spans:
            named.setdefault(paragraph(s), {})[c.place.id] = None
    events: dict[str, Event] = {}
    for found in dates:
        number = paragraph(found.start)
        if number is None:
            continue
        first, last = bounds[number - 1]
        places = tuple(named.get(number, ()))
        if not places:
            continue
        key = f"{found.date.isoformat()}-p{number}"
        since = text[max(first, found.start - 8) : found.start].lower().rstrip().endswith("since")
        events.setdefault(
            key,
            Event(
                id=key,
                article="new",
                date_start=found.date,
                ongoing=since,
                places=places,
                paragraphs=(number,),
                summary=_sentence(text, found.start, first, last),
            ),
        )
    return list(events.values())


def _sentence(text: str, at: int, first: int, last: int, limit: int = 240) -> str:
    start = max(text.rfind(". ", first, at) + 2, first) if text.rfind(". ", first, at) >= 0 else first
    stop = text.find(". ", at, last)
    sentence = " ".join(text[start : (stop + 1 if stop >= 0 else last)].split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def save(corpus: Corpus, article: Article, choices: Iterable[Choice], events: Iterable[Event], seed: Atlas) -> str:
    """Store the article with its confirmed places and chosen events; returns the article's id."""
    return corpus.save(article, confirmed_of(choices), events, seed=seed)
