"""Finding and resolving the places of any English text, offline.

One fold of the text, then two Aho–Corasick scans over it (the curated places, then the
gazetteer's half a million names) find every candidate name. Occurrences of one name are
resolved together (one sense per text) unless a qualifier sets one apart ("Paris, Texas"
and "Paris in France" in the same story). Each sense is scored by what a reader would use:

- curated places win outright;
- population, and whether the name is the place's main name or a rarer alternate;
- a state or country right after the name ("Portland, Maine", "Springfield, Ill.");
- the countries and states the text names, and the places already resolved nearby;
- signs that the word is not a place here: a month, a person ("Florence Pugh", "Austin
  said", "Abraham Lincoln"), a common word opening a sentence ("Reading will host").

A name is kept when its best sense clears a threshold that riskier occurrences raise.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from geo import traps
from geo.eventdates import EventDate, find_event_dates
from geo.gazetteer import Gazetteer, Row, load_gazetteer
from geo.geocoders.base import Candidate
from geo.geocoders.curated import candidate_from_place
from geo.geocoders.gazetteer import candidate_from_row
from geo.models import Place
from geo.names import NameIndex, fold

AREA_KINDS = ("country", "admin")
#: The score a single-word name's best sense must reach; see ``_threshold``.
THRESHOLD = 8.5
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


@dataclass
class _Occurrence:
    start: int
    end: int
    text: str
    person: str  # why it names a person here, or ""
    risk: float  # how much more evidence the words around it ask for


@dataclass
class _Sense:
    """One place a group of occurrences may mean, and the evidence for it."""

    row: Row | None
    place: Place | None
    main: bool
    score: float = 0.0

    @property
    def key(self) -> str:
        return self.place.id if self.place else self.row.place_id

    @property
    def country(self) -> str:
        return self.place.country if self.place else self.row.country

    @property
    def admin1(self) -> str:
        return "" if self.place else self.row.admin1

    @property
    def kind(self) -> str:
        return self.place.kind if self.place else self.row.kind

    @property
    def latlon(self) -> tuple[float, float]:
        return (self.place.lat, self.place.lon) if self.place else (self.row.lat, self.row.lon)


@dataclass
class _Group:
    """The occurrences of one name (with one qualifier, if any) and the senses it may have."""

    folded: str
    qualifier: tuple[str, str] | None
    senses: list[_Sense]
    occurrences: list[_Occurrence] = field(default_factory=list)
    curated: bool = False
    best: _Sense | None = None
    confidence: float = 0.0


class Geoparser:
    """The curated places and the gazetteer, indexed once, for parsing many texts."""

    def __init__(self, atlas_places: Iterable[Place] = (), gazetteer: Gazetteer | None = None):
        self.places = {p.id: p for p in atlas_places}
        self.curated_index = NameIndex((name, p.id) for p in self.places.values() for name in p.names)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self._areas: dict[int, tuple[str, str] | None] = {}

    def parse(self, text: str, *, article_date: dt.date | None = None) -> ParseResult:
        groups = self._groups(text)
        self._resolve(groups)
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
        return ParseResult(ordered, find_event_dates(text, article_date) if article_date else find_event_dates(text))

    # -- finding -------------------------------------------------------------------------

    def _groups(self, text: str) -> list[_Group]:
        """Every name found, outermost first, grouped by name and qualifier."""
        found: list[tuple] = []  # (start, -end, priority: 0 curated / 1 gazetteer, key or name number)
        for start, end, number in self.curated_index.scan(text):
            for key, name in self.curated_index.owners(number):
                if not name[:1].isupper() or text[start].isupper():
                    found.append((start, -end, 0, key))
        index = self.gazetteer.index
        # Datelines write names in capitals ("KUALA LUMPUR —"); the index knows them title-cased.
        cased = _CAPITALS.sub(lambda m: m.group(0).title(), index.fold(text))
        for start, end, number in index.scan(text, cased, longest=True):
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

        groups: dict[tuple, _Group] = {}
        names: dict[tuple, str] = {}
        for i, (start, minus_end, priority, payload) in enumerate(outer):
            end = -minus_end
            name = names.get((priority, payload))
            if name is None:
                name = names[(priority, payload)] = fold(text[start:end])
            if priority == 1 and name.rstrip(".") in traps.NOT_PLACES:
                continue
            next_start = outer[i + 1][0] if i + 1 < len(outer) else -1
            qualifier = self._qualifier(text, end, outer[i + 1]) if priority == 1 and next_start >= 0 else None
            key = (priority, payload, qualifier)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(name, qualifier, self._senses(priority, payload), curated=priority == 0)
            person, risk = traps.assess(text, start, end, name, next_start)
            group.occurrences.append(_Occurrence(start, end, text[start:end], person, risk))
        _drop_people(groups.values())
        return [g for g in groups.values() if g.occurrences]

    def _upper_spelling(self, number: int, surface: str) -> bool:
        rows = (self.gazetteer.row(i) for i, _ in self.gazetteer.rows_of(number)[:50])
        return any(surface == row.name or surface in row.alt_names for row in rows)

    def _senses(self, priority: int, payload) -> list[_Sense]:
        if priority == 0:
            return [_Sense(None, self.places[payload], True)]
        return [_Sense(self.gazetteer.row(i), None, bool(main)) for i, main in self.gazetteer.rows_of(payload)]

    def _qualifier(self, text: str, end: int, following: tuple) -> tuple[str, str] | None:
        """The area written right after a name ("Portland, Maine", "Paris in France"), if any."""
        if following[2] != 1 or following[0] - end > 6 or not _QUALIFIER_GAP.match(text[end : following[0]]):
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

    # -- resolving -----------------------------------------------------------------------

    def _resolve(self, groups: list[_Group]) -> None:
        """Two rounds: first with what the text states, then with the places found in round one."""
        # The first qualified mention sets the sense of the bare ones: "PORTLAND, Maine — … Portland".
        qualified: dict[str, tuple[str, str]] = {}
        for g in sorted((g for g in groups if g.qualifier), key=lambda g: g.occurrences[0].start):
            qualified.setdefault(g.folded, g.qualifier)
        stated = _Context()
        for g in groups:
            if g.qualifier:
                stated.add_area(*g.qualifier, weight=1.0)
            for sense in g.senses if g.curated else ():
                stated.add_area(sense.country, "", weight=1.0)
            counties = [s for s in g.senses if s.kind == "county"]
            for county in counties:
                stated.add_area(county.country, county.admin1, weight=1.0 / len(counties))
        for g in groups:
            if not g.curated and any(s.kind in AREA_KINDS for s in g.senses):
                area = max((s for s in g.senses if s.kind in AREA_KINDS), key=lambda s: s.row.population)
                stated.add_area(area.country, area.admin1 if area.kind == "admin" else "", weight=0.5, owner=id(g))

        context = stated
        for _ in range(2):
            for g in groups:
                _score(g, context, qualified.get(g.folded))
            context = stated.with_places([g for g in groups if g.best is not None and not g.curated])
            context.points.extend(s.latlon for g in groups if g.curated for s in g.senses)

    def _place(self, g: _Group) -> ParsedPlace:
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


@dataclass
class _Context:
    """Countries and states the text speaks of (with weights) and points already placed."""

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admins: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[float, float]] = field(default_factory=list)
    owners: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    _by_lat: list[tuple[float, float]] = field(default_factory=list)

    def add_area(self, country: str, admin1: str, weight: float, owner: int = -1) -> None:
        if country:
            self.countries[country] = min(1.0, self.countries[country] + weight)
            self.owners[country].add(owner)
        if admin1:
            self.admins[(country, admin1)] = min(1.0, self.admins[(country, admin1)] + weight)
            self.owners[f"{country}.{admin1}"].add(owner)

    def with_places(self, groups: list[_Group]) -> _Context:
        ctx = _Context(defaultdict(float, self.countries), defaultdict(float, self.admins))
        for key, owners in self.owners.items():
            ctx.owners[key] = set(owners)
        for g in groups:
            best = g.best
            ctx.add_area(best.country, best.admin1, weight=0.5, owner=id(g))
            if best.kind not in AREA_KINDS:
                ctx.points.append(best.latlon)
        return ctx

    def support(self, sense: _Sense, group: _Group) -> float:
        """What the rest of the text says for a sense, the group's own contribution left out."""

        def weight(table: dict, key, owner_key: str) -> float:
            return 0.0 if self.owners.get(owner_key, set()) == {id(group)} else table.get(key, 0.0)

        score = 1.5 * weight(self.countries, sense.country, sense.country)
        if sense.admin1:
            score += 1.5 * weight(self.admins, (sense.country, sense.admin1), f"{sense.country}.{sense.admin1}")
        if sense.kind not in AREA_KINDS and self.points:
            lat, lon = sense.latlon
            near = self.nearest_km(lat, lon)
            score += 2.0 if near < 150 else 1.0 if near < 400 else 0.0
        return score

    def nearest_km(self, lat: float, lon: float) -> float:
        """Distance to the nearest other placed point; only points within 4° of latitude can be near."""
        if len(self._by_lat) != len(self.points):
            self._by_lat[:] = sorted(set(self.points))
        lo = bisect.bisect_left(self._by_lat, (lat - 4.0, -math.inf))
        hi = bisect.bisect_right(self._by_lat, (lat + 4.0, math.inf))
        return min((_km(lat, lon, p) for p in self._by_lat[lo:hi] if p != (lat, lon)), default=math.inf)


def _score(g: _Group, context: _Context, inherited: tuple[str, str] | None) -> None:
    """Score every sense of a group, keep the best if it clears the group's threshold."""
    if g.curated:
        g.best, g.confidence = g.senses[0], 0.95
        return
    live = [o for o in g.occurrences if not o.person]
    if not live:
        g.best = None
        return
    for sense in g.senses:
        row = sense.row
        score = math.log10(row.population + 1) + min(4.0, math.log2(1 + row.fame) / 2)
        score += 1.0 if sense.main else -1.0 if row.population < 100_000 else 0.0
        score += {"country": 3.0, "admin": 2.0, "county": -5.0}.get(row.kind, 0.0)
        if g.qualifier:
            score += 6.0 if (row.country, row.admin1) == g.qualifier or (row.country, "") == g.qualifier else -3.0
        elif inherited in ((row.country, row.admin1), (row.country, "")):
            score += 3.0
        if row.kind == "admin" and g.occurrences[0].text.endswith("."):
            score -= 5.0  # "Ill.", "Ore.": abbreviations only qualify a town
        sense.score = score + context.support(sense, g)
    ranked = sorted(g.senses, key=lambda s: -s.score)
    best = ranked[0]
    margin = best.score - _threshold(g, live)
    g.best = best if margin >= 0 else None
    second = ranked[1].score if len(ranked) > 1 else best.score - 5
    g.confidence = round(_sigmoid(margin + 1) * _sigmoid(2 * (best.score - second)), 2)


def _threshold(g: _Group, live: list[_Occurrence]) -> float:
    """Riskier wording asks for more evidence; the clearest occurrence of a name counts."""
    multiword = " " in g.folded or "-" in g.folded
    common = 2.0 if g.folded in traps.COMMON_WORDS else 0.0
    return THRESHOLD - (2.0 if multiword else 0.0) + common + min(o.risk for o in live)


def _drop_people(groups: Iterable[_Group]) -> None:
    """A name once used for a person is a person everywhere it is not qualified as a place."""
    groups = list(groups)
    people = {g.folded for g in groups for o in g.occurrences if o.person}
    for g in groups:
        if g.folded in people and not g.qualifier and not g.curated:
            for o in g.occurrences:
                o.person = o.person or "named as a person elsewhere in the text"


def _km(lat: float, lon: float, point: tuple[float, float]) -> float:
    lat2, lon2 = point
    p1, p2 = math.radians(lat), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(a)))


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


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
