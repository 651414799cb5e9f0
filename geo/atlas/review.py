"""Turning what the geoparser found, and what the reader decided about it, into things to save.

The page asks; this module knows what a confirmation, a rejection or a correction means, so
the command line and the tests can do exactly what the page does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from geo.atlas.atlas import Atlas
from geo.atlas.corpus import Confirmed, Corpus, slug
from geo.model.models import Article, Event, Place, paragraph_bounds
from geo.model.names import NameIndex
from geo.parsing.eventdates import EventDate
from geo.parsing.gazetteer import REGION_ID, Gazetteer
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
    """The reader's decision on one name found in the text: a place for its spans, or none.

    ``picked``: the reader chose the place themselves (confirmed or picked it), so it is
    confirmed whatever the geoparser's verdict.
    """

    found: ParsedPlace
    place: Place | None
    picked: bool = False

    @property
    def confirmed(self) -> Confirmed | None:
        if self.place is None:
            return None
        return Confirmed(self.place, tuple((s, e) for s, e in self.found.spans), self.picked or self.found.confirmed)


#: Areas kept like towns: the map draws them as shaded shapes. Counties, continents, seas and the
#: UN's regions are still left out: no offline outline exists for a county, a sea or a region,
#: and a continent says nothing a reader needs.
KEPT_AREAS = frozenset({"country", "admin"})


def initial_choices(found: Iterable[ParsedPlace]) -> list[Choice]:
    """Towns, sites, countries and first-level areas start kept as resolved, sure or not (an unsure
    one is kept unconfirmed, to be drawn apart rather than lost): a story about Spain's time zone
    maps Spain. Counties, continents, seas and the UN's regions start rejected."""
    return [Choice(f, place_from_candidate(f) if kept(f) else None) for f in found]


def kept(found: ParsedPlace) -> bool:
    """Whether a found place starts kept: anything but a county, a continent, a sea or the UN's region."""
    # The regions the project's own table places (``data/regions``, "Nagorno-Karabakh") are kept
    # too: each is drawn at its cited point with its radius, as a site is.
    return not found.is_area or found.kind in KEPT_AREAS or found.id.startswith(REGION_ID)


def confirmed_of(choices: Iterable[Choice]) -> list[Confirmed]:
    """The places kept, one entry per place even when several names chose it: confirmed if any
    of those names is."""
    merged: dict[str, Confirmed] = {}
    for choice in choices:
        item = choice.confirmed
        if item is None:
            continue
        if item.place.id in merged:
            before = merged[item.place.id]
            spans = tuple(sorted({*before.spans, *item.spans}))
            item = Confirmed(item.place, spans, before.confirmed or item.confirmed)
        merged[item.place.id] = item
    return list(merged.values())


#: A wire-style dateline opening the text: "ISLAMABAD, Aug 29 (Reuters) - ", "KARACHI, Pakistan — ".
DATELINE = re.compile(
    r"\s*[A-Z][\w .'’-]{1,40}(?:,\s*[A-Z][\w .'’-]{1,30})?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,40}\))?\s*[-—–:]{1,2}\s"
)
SUMMARY_LIMIT = 140


def dateline_end(text: str) -> int:
    """Where the text's dateline ends (0 if it has none): the city there is where the report was filed."""
    m = DATELINE.match(text)
    return m.end() if m else 0


def occurrences(text: str, words: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of ``words`` in the text, spelling and accents aside."""
    return [(start, end) for start, end, _ in NameIndex([(words, "")]).scan(text)]


def missed(
    text: str, words: str, picked: Candidate, others: Iterable[Candidate] = (), at: tuple[int, int] | None = None
) -> ParsedPlace | None:
    """A place the reader adds that the geoparser missed, as if it had been found: named by ``words``
    wherever they stand in the text (and at ``at``, the words selected), resolved as ``picked``.

    Returns None when the words stand nowhere in the text: a place is saved through its mentions.
    """
    spans = set(occurrences(text, words))
    if at is not None and text[at[0] : at[1]] == words:
        spans.add(at)
    if not spans:
        return None
    return ParsedPlace(
        id=picked.place_id or slug(picked.coord_source),
        name=picked.name,
        alt_names=list(picked.alt_names),
        kind=picked.kind,
        lat=picked.lat,
        lon=picked.lon,
        coord_source=picked.coord_source,
        precision_m=picked.precision_m,
        matched=[words],
        spans=[list(s) for s in sorted(spans)],
        confidence=1.0,  # the reader's own reading
        country=picked.country,
        admin1=picked.admin1,
        candidates=[c for c in others if c != picked],
    )


def suggested_events(text: str, dates: Iterable[EventDate], confirmed: Iterable[Confirmed]) -> list[Event]:
    """One event per date stated in a sentence that names a confirmed place.

    Its places are those named in the date's own sentence; only when that names none, those of
    its paragraph, the dateline's city left out (a flood in Sindh is not Islamabad's because
    the report was filed there). Its summary is that sentence in one line, the source's own
    words; "since <date>" makes it a range still going on at the article's date, and a vague
    span ("last week") a range of its days.
    """
    bounds = paragraph_bounds(text)
    starts = [first for first, _ in bounds]

    def paragraph(offset: int) -> int | None:  # numbered from 1; bisect, as dates and spans run to thousands
        n = bisect.bisect_right(starts, offset)
        return n if n and offset < bounds[n - 1][1] else None

    filed = dateline_end(text)
    named = sorted((s, c.place.id) for c in confirmed for s, _ in c.spans if s >= filed)
    offsets = [s for s, _ in named]

    def places_in(first: int, last: int) -> tuple[str, ...]:  # bisected too: no scan of every span per date
        found = named[bisect.bisect_left(offsets, first) : bisect.bisect_left(offsets, last)]
        return tuple(dict.fromkeys(pid for _, pid in found))

    events: dict[str, Event] = {}
    for found in dates:
        number = paragraph(found.start)
        if number is None:
            continue
        first, last = bounds[number - 1]
        start, stop = _sentence_bounds(text, found.start, first, last)
        places = places_in(start, stop) or places_in(first, last)
        if not places:
            continue
        until = found.until if found.until and found.until > found.date else None
        key = f"{found.date.isoformat()}{f'-{until.isoformat()}' if until else ''}-p{number}"
        since = text[max(first, found.start - 8) : found.start].lower().rstrip().endswith("since")
        events.setdefault(
            key,
            Event(
                id=key,
                article="new",
                date_start=found.date,
                date_end=None if since else until,
                ongoing=since,
                places=places,
                paragraphs=(number,),
                summary=one_line(text[max(start, filed) : stop]),
            ),
        )
    return list(events.values())


def _sentence_bounds(text: str, at: int, first: int, last: int) -> tuple[int, int]:
    """The sentence of the paragraph ``[first, last)`` holding offset ``at``."""
    before = text.rfind(". ", first, at)
    start = before + 2 if before >= 0 else first
    stop = text.find(". ", at, last)
    return start, stop + 1 if stop >= 0 else last


def one_line(sentence: str, limit: int = SUMMARY_LIMIT) -> str:
    """A sentence on one line of at most ``limit`` characters, cut at a word with "…" when longer."""
    line = " ".join(sentence.split())
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit - 1)
    return line[: cut if cut > limit // 2 else limit - 1].rstrip(",;:") + "…"


def save(corpus: Corpus, article: Article, choices: Iterable[Choice], events: Iterable[Event], seed: Atlas) -> str:
    """Store the article with the places kept, each confirmed or not, and chosen events; returns its id."""
    return corpus.save(article, confirmed_of(choices), events, seed=seed)
