"""Finding the places of any English text, offline, and giving them as GeoJSON or a table.

One fold of the text, then two Aho–Corasick scans over it (the curated places, then the
gazetteer's half a million names) find every candidate name; ``geo.disambiguation``
decides which place each means, or that it is none.

For the Add-article page: build one ``Geoparser(places, load_gazetteer())`` and call
``parse(text, article_date=...)`` per text; ``ParsedPlace.candidates`` are the other
places a name may mean, for the reviewer to pick instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from geo import traps
from geo.disambiguation import AREA_KINDS, Group, Occurrence, Sense, drop_people, resolve
from geo.eventdates import EventDate, find_event_dates
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.geocoders.base import Candidate
from geo.geocoders.curated import candidate_from_place
from geo.geocoders.gazetteer import candidate_from_row
from geo.models import Place
from geo.names import NameIndex, fold, fold_cased, fold_from_cased

_QUALIFIER_GAP = re.compile(r"^(?:,\s*|\s+in\s+|\s*\(\s*)$")
_CAPITALS = re.compile(r"[A-Z][A-Z]+")


@dataclass
class ParsedPlace:
    """One place the text names, resolved, with where and how sure."""

    id: str
    name: str
    alt_names: list[str]
    kind: str
    lat: float
    lon: float
    coord_source: str
    precision_m: float
    matched: list[str]
    spans: list[list[int]]
    confidence: float
    country: str = ""
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def is_area(self) -> bool:
        """Countries and administrative areas: context, reported apart from towns and sites."""
        return self.kind in AREA_KINDS

    def properties(self) -> dict:
        """The GeoJSON properties CONTRACTS.md promises for ``geoparse``."""
        return {
            "id": self.id,
            "name": self.name,
            "alt_names": self.alt_names,
            "kind": self.kind,
            "country": self.country,
            "coord_source": self.coord_source,
            "precision_m": self.precision_m,
            "matched": self.matched,
            "spans": self.spans,
            "confidence": self.confidence,
            "candidates": [
                {"id": c.key, "name": c.name, "country": c.country, "admin1": c.admin1} for c in self.candidates
            ],
        }


@dataclass
class ParseResult:
    """Everything found in one text: places in order of first mention, and event dates."""

    places: list[ParsedPlace]
    dates: list[EventDate] = field(default_factory=list)

    @property
    def sites(self) -> list[ParsedPlace]:
        """Towns, cities, roads, sites: what the evaluation scores."""
        return [p for p in self.places if not p.is_area]

    @property
    def areas(self) -> list[ParsedPlace]:
        return [p for p in self.places if p.is_area]


class Geoparser:
    """The curated places and the gazetteer, indexed once, for parsing many texts."""

    def __init__(self, atlas_places: Iterable[Place] = (), gazetteer: Gazetteer | None = None):
        self.places = {p.id: p for p in atlas_places}
        self.curated_index = NameIndex((name, p.id) for p in self.places.values() for name in p.names)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self._areas: dict[int, tuple[str, str] | None] = {}
        self._upper: dict[tuple[int, str], bool] = {}

    def parse(self, text: str, *, article_date: dt.date | None = None) -> ParseResult:
        groups = self._groups(text)
        resolve(groups)
        places = [self._place(g) for g in groups if g.best is not None]
        merged: dict[str, ParsedPlace] = {}
        for place in places:
            if place.id in merged:
                kept = merged[place.id]
                kept.matched = list(dict.fromkeys(kept.matched + place.matched))
                kept.spans = sorted(kept.spans + place.spans)
                kept.confidence = max(kept.confidence, place.confidence)
            else:
                merged[place.id] = place
        ordered = sorted(merged.values(), key=lambda p: p.spans[0][0])
        return ParseResult(ordered, find_event_dates(text, article_date))

    # -- finding -------------------------------------------------------------------------

    def _groups(self, text: str) -> list[Group]:
        """Every name found, outermost first, grouped by name and qualifier."""
        cased = fold_cased(text)
        found: list[tuple] = []  # (start, -end, priority: 0 curated / 1 gazetteer, key or name number)
        for start, end, number in self.curated_index.scan(text, fold_from_cased(cased)):
            for key, name in self.curated_index.owners(number):
                if not name[:1].isupper() or text[start].isupper():
                    found.append((start, -end, 0, key))
        # Datelines write names in capitals ("KUALA LUMPUR —"); the index knows them title-cased.
        cased = _CAPITALS.sub(lambda m: m.group(0).title(), cased)
        for start, end, number in self.gazetteer.index.scan(text, cased, longest=True):
            if end - start <= 4 and text[start:end].isupper() and not self._upper_spelling(number, text[start:end]):
                continue  # an acronym ("LATAM", "ICRC"), not a town
            found.append((start, -end, 1, number))
        found.sort()

        outer: list[tuple] = []
        for item in found:
            if outer and item[0] < -outer[-1][1]:
                last = outer[-1]
                # Curated places named inside a curated name count too: "Lachin-Khankandi road".
                if last[2] == 0 and item[2] == 0 and -item[1] <= -last[1] and item[3] != last[3]:
                    outer.append(item)
                continue
            outer.append(item)
        outer.append((-1, 0, 0, None))  # a sentinel: every name has a next one

        groups: dict[tuple, Group] = {}
        names: dict[tuple, str | None] = {}
        for i in range(len(outer) - 1):
            start, minus_end, priority, payload = outer[i]
            end, following = -minus_end, outer[i + 1]
            if (priority, payload) not in names:
                name = fold(text[start:end])
                skip = priority == 1 and name.rstrip(".") in traps.NOT_PLACES
                names[(priority, payload)] = None if skip else name
            name = names[(priority, payload)]
            if name is None:
                continue
            qualifier = None
            if priority == 1 and following[2] == 1 and 0 <= following[0] - end <= 6:
                qualifier = self._qualifier(text, end, following)
            group = groups.get((priority, payload, qualifier))
            if group is None:
                senses = self._senses(priority, payload)
                group = groups[(priority, payload, qualifier)] = Group(name, qualifier, senses, curated=priority == 0)
            person, risk = traps.assess(text, start, end, name, following[0])
            group.occurrences.append(Occurrence(start, end, text[start:end], person, risk))
        drop_people(groups.values())
        return [g for g in groups.values() if g.occurrences]

    def _upper_spelling(self, number: int, surface: str) -> bool:
        """Whether a name in capitals is written so in the gazetteer ("USA"), unlike an acronym."""
        if (number, surface) not in self._upper:
            rows = (self.gazetteer.row(i) for i, _ in self.gazetteer.rows_of(number)[:50])
            self._upper[(number, surface)] = any(surface == row.name or surface in row.alt_names for row in rows)
        return self._upper[(number, surface)]

    def _senses(self, priority: int, payload) -> list[Sense]:
        if priority == 0:
            return [Sense(None, self.places[payload], True)]
        return [Sense(self.gazetteer.row(i), None, bool(main)) for i, main in self.gazetteer.rows_of(payload)]

    def _qualifier(self, text: str, end: int, following: tuple) -> tuple[str, str] | None:
        """The area written right after a name ("Portland, Maine", "Paris in France"), if any."""
        if not _QUALIFIER_GAP.match(text[end : following[0]]):
            return None
        return self._area(following[3])

    def _area(self, number: int) -> tuple[str, str] | None:
        """The most populous country or admin area a name may mean, as (country, admin1)."""
        if number not in self._areas:
            areas = [self.gazetteer.row(r) for r, _ in self.gazetteer.rows_of(number)]
            areas = [a for a in areas if a.kind in AREA_KINDS]
            area = max(areas, key=lambda a: a.population) if areas else None
            self._areas[number] = (area.country, area.admin1) if area else None
        return self._areas[number]

    def _place(self, g: Group) -> ParsedPlace:
        best = g.best
        others = sorted((s for s in g.senses if s is not best), key=lambda s: -s.score)[:5]
        candidate = candidate_from_place(best.place) if best.place else candidate_from_row(best.row)
        return ParsedPlace(
            id=candidate.key,
            name=candidate.name,
            alt_names=list(candidate.alt_names),
            kind=candidate.kind,
            lat=candidate.lat,
            lon=candidate.lon,
            coord_source=candidate.coord_source,
            precision_m=candidate.precision_m,
            matched=list(dict.fromkeys(o.text for o in g.occurrences)),
            spans=[[o.start, o.end] for o in g.occurrences],
            confidence=g.confidence,
            country=candidate.country,
            candidates=[candidate_from_place(s.place) if s.place else candidate_from_row(s.row) for s in others],
        )


def geoparse(
    text: str,
    *,
    atlas_places: Iterable[Place] = (),
    gazetteer: Gazetteer | None = None,
    article_date: dt.date | None = None,
) -> ParseResult:
    """The places and event dates of a text. For many texts, build one ``Geoparser`` instead."""
    return Geoparser(atlas_places, gazetteer).parse(text, article_date=article_date)


def to_geojson(result: ParseResult) -> dict:
    """A FeatureCollection, one Point per place, with the properties of CONTRACTS.md."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": p.id,
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": p.properties(),
            }
            for p in result.places
        ],
        "dates": [d.as_json() for d in result.dates],
    }


def to_table(result: ParseResult) -> str:
    """A readable, aligned text table: one line per place, then the event dates."""
    rows = [("name", "kind", "id", "lat", "lon", "conf", "matched")]
    rows += [
        (p.name, p.kind, p.id, f"{p.lat:.4f}", f"{p.lon:.4f}", f"{p.confidence:.2f}", "; ".join(p.matched))
        for p in result.places
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1] for r in rows]
    lines = [line.rstrip() for line in lines]
    if result.dates:
        lines += ["", "dates:"] + [f"  {d.date.isoformat()}  {d.text}" for d in result.dates]
    return "\n".join(lines) + "\n"
