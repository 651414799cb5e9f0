"""Which place a name means, and whether it is a place at all: the evidence, weighed.

Occurrences of one name are resolved together (one sense per text) unless a qualifier
sets one apart ("Paris, Texas" and "Paris in France" in the same story). Each sense is
scored by what a reader would use:

- curated places win outright;
- population, and fame (how many languages name the place: Geneva in Switzerland over
  Geneva, Illinois), and whether the name is the place's main name or a rarer alternate;
- a state or country right after the name ("Portland, Maine", "Springfield, Ill."), which
  also sets the sense of the bare name elsewhere in the text;
- the countries and states the text names, and the places already resolved nearby (two
  rounds: first what the text states, then the places found in round one);
- the areas the text's other town names share: "London" beside "Tavistock" and "Tillsonburg",
  names Ontario has and few other areas do, is London, Ontario (``vote_for_areas``);
- signs that the word is no place here (``geo.parsing.traps``): a person, a common word opening a
  sentence, part of a longer name. These raise the threshold the best sense must clear.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Final, NamedTuple

from geo.model.distance import km
from geo.model.models import Place
from geo.parsing.traps import EVENT_RISK, WEAK

AREA_KINDS: Final = ("country", "admin", "continent", "sea", "region")
#: What a sense gains when the text names its country, or its first-level area (in full: weight 1),
#: when senses are ranked: the text's state settles which Paris. Whether the best is a place at
#: all is asked with ``PASS_SUPPORT``, less: naming Illinois makes no capitalised word a town.
RANK_SUPPORT = (2.5, 4.0)  # not Final: compiled, a Final tuple is not yet set while the module runs
PASS_SUPPORT = (1.5, 1.5)
#: What a sense gains when every other town the text places lies in its first-level area
#: (``Context.share``); a part of them gives that part.
SHARE_SUPPORT: Final = 3.0
#: The most ``Context.support`` gives: its country and area, the text's towns all in that area,
#: and a placed point within 150 km (2).
MAX_SUPPORT: Final = sum(RANK_SUPPORT) + SHARE_SUPPORT + 2.0
#: A second sense this far behind the best leaves the confidence as sure as it gets (a factor of
#: σ(6) = 0.9975): senses that cannot come closer are not weighed.
SURE_GAP: Final = 3.0
#: From this much ``traps`` risk an occurrence is part of a longer name (a capitalised word
#: before or after it), or an article's ("the Alhambra"), not a place named alone.
INSIDE_RISK: Final = 2.0
#: The score a single-word name's best sense must reach; see ``threshold``.
THRESHOLD: Final = 8.5
#: Haversine's ``a`` at 150 and 400 km, on a sphere of 6371 km.
_A_150_KM: Final = math.sin(150 / 12742) ** 2
_A_400_KM: Final = math.sin(400 / 12742) ** 2
#: 400 km of latitude, in radians: sin²(Δφ/2) alone reaches ``_A_400_KM`` there.
_DLAT_400_KM: Final = 400 / 6371
#: What a sense gains, when senses are ranked, from the votes of the text's other town names for
#: its first-level area (``vote_for_areas``), given in full from ``VOTES_FULL`` votes on: two names
#: that only that area has, or many that few areas share.
VOTE_SUPPORT: Final = 2.0
VOTES_FULL: Final = 2.0
_TOWN_KINDS: Final = ("city", "town", "village")
#: Up to this many points, ``Context.nearness`` reads them all rather than their cells.
FEW_POINTS: Final = 24


class Sense:
    """One place a name may mean, as the resolver reads it: the same in every text.

    The geoparser makes a name's senses once and shares them between texts and groups, so a
    parse makes none; what a parse says of a sense (its prior, score, bonus) is kept in its
    ``Group``, by the sense's place in ``Group.senses``. A sense holds what the resolver reads of
    its place, read off the gazetteer's columns when it is made: a parse reads them tens of
    thousands of times, and most senses are never shown, so no gazetteer row is built for them.
    A plain class, not a dataclass: compiled, a dataclass's ``__init__`` still runs as Python.
    """

    def __init__(
        self,
        place: Place | None,  # a curated place; None for a gazetteer row
        index: int,  # the gazetteer row (``Gazetteer.row``); -1 for a curated place
        main: bool,
        base: float,  # a row's own part of the prior (``standings``); a curated place wins outright
        country: str,
        admin1: str,
        kind: str,
        latlon: tuple[float, float],
        population: int = 0,
        precision_m: float = 0.0,
        capital: bool = False,  # its country's capital
    ) -> None:
        self.place, self.index, self.main, self.base = place, index, main, base
        self.country, self.admin1, self.kind, self.latlon = country, admin1, kind, latlon
        self.population, self.precision_m, self.capital = population, precision_m, capital

    @classmethod
    def curated(cls, place: Place) -> Sense:
        return cls(place, -1, True, 0.0, place.country, "", place.kind, (place.lat, place.lon))


class Group:
    """The occurrences of one name (with one qualifier, if any) and the senses it may have.

    Occurrences are kept as what resolving needs of them, not one by one: where they are,
    how they are written, whether one names a person, and the least risk among the rest.
    """

    def __init__(self, folded: str, qualifier: tuple[str, str] | None, senses: list[Sense], curated: bool = False):
        self.folded, self.qualifier = folded, qualifier
        self.senses = senses  # shared, not to be changed: see ``Sense``
        self.curated = curated
        self.spans: list[list[int]] = []  # in text order
        self.surfaces: dict[str, None] = {}  # how it is written, first seen first
        self.person = ""  # why an occurrence names a person, or ""
        self.risk = math.inf  # how much more evidence its clearest occurrence naming no person asks for
        self.town = False  # an occurrence follows a street address: a town, not a country or state
        self.occurrences = 0  # how many occurrences were told (``add``)
        self.inside = 0  # … of them part of a longer name or a person's ("Lansing State Journal", "Miami Herald")
        self.organisation = 0  # … of them inside an organisation's name ("Los Angeles Times")
        self.area = False  # an occurrence is written as an area: "Washington state"
        self.guessed = False  # another occurrence was guessed a surname (``drop_people``)
        self.best: Sense | None = None
        self.confidence = 0.0
        # Per sense, by its place in ``senses``: what the text's other names say for it before any
        # is resolved (``in_counties``), its prior (the same in both rounds) and its score in this round.
        self.bonus: dict[int, float] = {}
        self.priors: list[float] | None = None
        self.scores: list[float] = []
        self.by_prior: list[int] | None = None  # the senses' places, most likely first before the text is heard
        self.margin = 0.0  # how far the best sense cleared the threshold, in the last round
        self.gap = 0.0  # how far ahead of the second sense it scored (at most ``SURE_GAP``)
        self.evidence: Evidence | None = None  # what ``calibrated`` reads, once resolved
        self.vote = 0.0  # what it gave each area in ``voted`` (``vote_for_areas``)
        self.voted: frozenset[tuple[str, str]] = frozenset()

    def add(
        self,
        surface: str,
        person: str,
        risk: float,
        town: bool = False,
        count: int = 1,
        area: bool = False,
        organisation: bool = False,
    ) -> None:
        """What one occurrence says (``geo.parsing.traps.Verdict``): a person, or how risky its
        wording is, and whether it is written as a town, as an area or inside an organisation's
        name; ``count``: how many occurrences say so."""
        self.surfaces.setdefault(surface)
        self.town = self.town or town
        self.area = self.area or area
        self.occurrences += count
        self.organisation += count if organisation else 0
        if person or risk >= INSIDE_RISK:
            self.inside += count
        if person:
            self.person = self.person or person
        else:
            self.risk = min(self.risk, risk)


class Context:
    """Countries and states the text speaks of (with weights) and points already placed."""

    def __init__(
        self,
        countries: dict[str, float] | None = None,
        admins: dict[tuple[str, str], float] | None = None,
        points: list[tuple[float, float]] | None = None,
    ):
        self.countries: dict[str, float] = defaultdict(float, countries or {})
        self.admins: dict[tuple[str, str], float] = defaultdict(float, admins or {})
        self.points: list[tuple[float, float]] = points if points is not None else []
        #: Who named each country (its code) and area ((country, admin1)): group ids, -1 for no group.
        self.owners: dict[str | tuple[str, str], set[int]] = defaultdict(set)
        self._cells: dict[tuple[int, int], list[tuple]] = {}  # (lat, lon) °, radians, cos(lat)
        self._placed = -1
        self._near: dict[tuple[float, float], float] = {}
        self._around: dict[tuple, list[tuple]] = {}
        self._few: list[tuple] | None = None  # all the points, when there are few enough to read them all
        self._ceiling: float | None = None  # see ``ceiling``; asked once the context is complete
        #: The groups placed in each first-level area (towns, sites, counties), for ``share``.
        self.placed: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.placed_total = 0
        self._sole: dict | None = None  # owner key → its one owner, for the keys only one named (``support``)
        #: Per first-level area, the votes of the text's town names (``vote_for_areas``).
        self.votes: dict[tuple[str, str], float] = defaultdict(float)
        #: A group → the group that owns what it found, when both found one place (``with_places``).
        self.alias: dict[int, int] = {}

    def add_area(self, country: str, admin1: str, weight: float, owner: int = -1) -> None:
        if country:
            self.countries[country] = min(1.0, self.countries[country] + weight)
            self.owners[country].add(owner)
        if admin1:
            self.admins[(country, admin1)] = min(1.0, self.admins[(country, admin1)] + weight)
            self.owners[(country, admin1)].add(owner)
        self._sole = None

    def with_places(self, groups: list[Group]) -> Context:
        """This context and the places the groups found. A town named two ways ("Dublin",
        "Dublin City") is one piece of evidence, not two that support each other: its groups
        share one owner (``owner``), and it is placed once. (A country named by its name and
        its demonym, "Georgia" and "Georgian", is still named twice: the demonym says whose
        the story is.)"""
        ctx = Context(self.countries, self.admins)
        ctx.votes = self.votes
        first: dict[tuple[int, str], int] = {}  # a place → the first group placed there
        for g in groups:
            best = g.best
            if best is not None and best.kind not in AREA_KINDS:
                place = (best.index, best.place.id if best.place is not None else "")
                ctx.alias[id(g)] = first.setdefault(place, id(g))
        for key, owners in self.owners.items():
            ctx.owners[key] = {ctx.alias.get(o, o) for o in owners}
        for g in groups:
            best = g.best
            if best is None or ctx.alias.get(id(g), id(g)) != id(g):
                continue
            ctx.add_area(best.country, best.admin1, weight=0.5, owner=id(g))
            if best.kind not in AREA_KINDS:
                ctx.points.append(best.latlon)
                if best.admin1:
                    ctx.placed[(best.country, best.admin1)].add(id(g))
                ctx.placed_total += 1
        return ctx

    def owner(self, group: Group) -> int:
        """Who a group is among the owners of the areas and places (``with_places``)."""
        gid = id(group)
        return self.alias.get(gid, gid)

    def share(self, country: str, admin1: str, gid: int) -> float:
        """The part of the text's other placed towns that lie in this first-level area.

        A text of eight towns of one state and two elsewhere is a story of that state: naming each area
        at all (``admins``, capped at 1) does not say which one the text is about. Fewer than
        three other places say too little.
        """
        owners = self.placed.get((country, admin1))
        if not owners:
            return 0.0
        own = gid in owners
        total = self.placed_total - own  # the group itself is placed at most once, in one area
        return (len(owners) - own) / total if total >= 3 else 0.0

    def support(self, sense: Sense, group: Group, needed: float = -math.inf, passing: bool = False) -> float:
        """What the rest of the text says for a sense, the group's own contribution left out.

        Below ``needed`` the exact figure does not matter: when the areas' part plus the most
        nearness can give stays under it, that part alone is returned (nearness is the dear part).
        ``passing``: asked whether the sense is a place at all (``PASS_SUPPORT``), not which sense
        it is (``RANK_SUPPORT``).
        """
        sole = self._sole if self._sole is not None else self._soles()
        country, admin1, gid = sense.country, sense.admin1, self.owner(group)
        weights = PASS_SUPPORT if passing else RANK_SUPPORT
        score = 0.0 if sole.get(country) == gid else weights[0] * self.countries.get(country, 0.0)
        if admin1 and sole.get((country, admin1)) != gid:
            score += weights[1] * self.admins.get((country, admin1), 0.0)
        # Which sense, not whether a place at all; and for a place called so, not once so called.
        if admin1 and self.placed_total and not passing and sense.main:
            score += SHARE_SUPPORT * self.share(country, admin1, gid)
        if admin1 and not passing and self.votes:
            score += VOTE_SUPPORT * self.voted(sense, group)
        if self.points and score + 2.0 >= needed and sense.kind not in AREA_KINDS:
            near = self._near.get(sense.latlon) if self._placed == len(self.points) else None
            score += self.nearness(sense.latlon) if near is None else near
        return score

    def voted(self, sense: Sense, group: Group) -> float:
        """How much the text's other town names vote for a sense's first-level area, 0–1
        (``vote_for_areas``): ``VOTES_FULL`` votes or more are all there can be."""
        key = (sense.country, sense.admin1)
        votes = self.votes.get(key, 0.0) if sense.admin1 else 0.0
        if votes and key in group.voted:
            votes -= group.vote
        return min(votes, VOTES_FULL) / VOTES_FULL

    def here(self, sense: Sense, gid: int) -> bool:
        """Whether a sense lies where the text's own geography is: in a first-level area the
        text's other names give at least half a weight, in the area holding half its other towns,
        or within 150 km of a placed point. A group's own naming is left out (``support``)."""
        sole = self._sole if self._sole is not None else self._soles()
        key = (sense.country, sense.admin1)
        if sense.admin1 and sole.get(key) != gid and self.admins.get(key, 0.0) >= 0.5:
            return True
        if sense.admin1 and self.share(sense.country, sense.admin1, gid) >= 0.5:
            return True
        return bool(self.points) and self.nearness(sense.latlon) == 2.0

    def ceiling(self) -> float:
        """The most ``support`` can give any sense here: the best-named country and area, and
        nearness if anything is placed, and the most votes an area has (``vote_for_areas``). A
        text naming no country gives no sense more than 2 and the votes."""
        if self._ceiling is None:
            self._ceiling = (
                RANK_SUPPORT[0] * max(self.countries.values(), default=0.0)
                + RANK_SUPPORT[1] * max(self.admins.values(), default=0.0)
                + (SHARE_SUPPORT if self.placed_total >= 3 else 0.0)
                + (2.0 if self.points else 0.0)
                + VOTE_SUPPORT * min(max(self.votes.values(), default=0.0), VOTES_FULL) / VOTES_FULL
            )
        return self._ceiling

    def _soles(self) -> dict:
        """The countries and areas one group alone named, with that group: ``support`` leaves a
        group's own naming out, and asks this for every sense it weighs."""
        self._sole = {key: next(iter(owners)) for key, owners in self.owners.items() if len(owners) == 1}
        return self._sole

    def nearness(self, point: tuple[float, float]) -> float:
        """2 if another placed point lies within 150 km, 1 within 400 km, else 0.

        Remembered per point: a name's senses come back in every group and round. Haversine's
        ``a`` is compared, not the distance. Many points sit in cells of 4° by 4°, and only the
        cells a 400 km circle can reach are read (listed once per cell and reach); a short text
        places a few, and reading them all costs less than finding those cells.
        """
        if self._placed != len(self.points):  # points were added: file them again, forget the answers
            self._placed, self._near, self._cells, self._around = len(self.points), {}, defaultdict(list), {}
            filed = [
                (la, lo, p, math.radians(lo), math.cos(p)) for la, lo in set(self.points) for p in [math.radians(la)]
            ]
            self._few = filed if len(filed) <= FEW_POINTS else None
            for f in filed if self._few is None else ():
                self._cells[(math.floor(f[0] / 4), math.floor(f[1] / 4) % 90)].append(f)
        if point not in self._near:
            lat, lon = point
            p1, l1 = math.radians(lat), math.radians(lon)
            cos1, nearest = math.cos(p1), 1.0
            for la, lo, p2, l2, cos2 in self._few if self._few is not None else self._around_of(lat, lon, cos1):
                # As far apart in latitude alone as 400 km, a point is no nearer (a >= sin²(Δφ/2)).
                if -_DLAT_400_KM < p2 - p1 < _DLAT_400_KM and (la != lat or lo != lon):
                    a = math.sin((p2 - p1) / 2) ** 2 + cos1 * cos2 * math.sin((l2 - l1) / 2) ** 2
                    if a < nearest:
                        nearest = a
                        if a < _A_150_KM:  # nothing farther can change the answer
                            break
            self._near[point] = 2.0 if nearest < _A_150_KM else 1.0 if nearest < _A_400_KM else 0.0
        return self._near[point]

    def _around_of(self, lat: float, lon: float, cos1: float) -> list[tuple]:
        """The points of the cells a 400 km circle around a point can reach, shared by the cell."""
        # Farther apart in longitude than this, a point is beyond 400 km (a >= cos1·cos2·sin²(Δλ/2)).
        ratio = _A_400_KM / max(1e-12, cos1 * math.cos(math.radians(min(90.0, abs(lat) + 4.0))))
        wide = math.degrees(2 * math.asin(math.sqrt(ratio))) if ratio < 1 else 180.0
        row, west, east = math.floor(lat / 4), math.floor((lon - wide) / 4), math.floor((lon + wide) / 4)
        key = (row, west, east) if wide < 176 else (row,)
        if key not in self._around:
            cols = range(90) if wide >= 176 else {c % 90 for c in range(west, east + 1)}
            self._around[key] = [p for r in (row - 1, row, row + 1) for c in cols for p in self._cells.get((r, c), ())]
        return self._around[key]


def score(g: Group, context: Context, inherited: tuple[str, str] | None) -> None:
    """Score every sense of a group, keep the best if it clears the group's threshold."""
    if g.curated:
        # The atlas's own place, unless every occurrence is inside a team's or a contest's name
        # ("Qarabağ klubu"), as a gazetteer name would be.
        if g.risk < EVENT_RISK:
            g.best, g.confidence = g.senses[0], 0.95
        return
    if g.risk == math.inf:  # every occurrence names a person
        g.best = None
        return
    senses, priors, by_prior = g.senses, g.priors, g.by_prior
    if priors is None or by_prior is None:
        bonus = g.bonus
        if (
            g.qualifier
            or inherited
            or g.town
            or g.area
            or g.folded.endswith(_COUNTIES)
            or next(iter(g.surfaces), "")[-1:] == "."
        ):
            priors = [prior(sense, g, inherited, bonus.get(k, 0.0)) for k, sense in enumerate(senses)]
        else:  # nothing in the text marks the name: ``prior`` would add nothing to the senses' own
            priors = (
                [sense.base + bonus.get(k, 0.0) for k, sense in enumerate(senses)]
                if bonus
                else [sense.base for sense in senses]
            )
        by_prior = sorted(range(len(senses)), key=priors.__getitem__, reverse=True)  # stable, as ever
        g.priors, g.by_prior, g.scores = priors, by_prior, [0.0] * len(senses)
    scores = g.scores
    limit = threshold(g)
    ceiling = context.ceiling()
    if priors[by_prior[0]] + min(ceiling, MAX_SUPPORT) < limit:  # no support the text gives would carry it
        g.best, g.confidence = None, 0.0
        return
    first = second = bar = -math.inf  # the two best scores so far; below ``bar`` a score changes nothing
    best = by_prior[0]
    for n, k in enumerate(by_prior):
        own = priors[k]
        if own + ceiling < bar:
            # Whatever the text says, it can change neither the best nor the confidence; nor, the
            # priors falling and the bar rising, for any sense after this one.
            for rest in by_prior[n:]:
                scores[rest] = priors[rest]
            break
        scores[k] = score = own + context.support(senses[k], g, bar - own)
        if score > first:
            first, second, best = score, first, k
        elif score > second:
            second = score
        bar = max(second, first - SURE_GAP)
    # A place at all if the best sense, or the likeliest before the text is heard, clears the threshold.
    likeliest = by_prior[0]
    margin = priors[best] + context.support(senses[best], g, passing=True)
    if likeliest != best:
        margin = max(margin, priors[likeliest] + context.support(senses[likeliest], g, passing=True))
    margin -= limit
    g.best = senses[best] if margin >= 0 else None
    second = max(second, scores[best] - SURE_GAP) if second > -math.inf else scores[best] - 5
    g.margin, g.gap = margin, min(SURE_GAP, scores[best] - second)
    g.confidence = round(_sigmoid(margin + 1) * _sigmoid(2 * (scores[best] - second)), 2)


def prior(sense: Sense, g: Group, inherited: tuple[str, str] | None, bonus: float = 0.0) -> float:
    """What the sense has for it before the rest of the text is heard: the same in both rounds.
    ``bonus``: what the text's other names say for it (``Group.bonus``)."""
    score = sense.base + bonus
    kind, country, admin1 = sense.kind, sense.country, sense.admin1
    if kind == "county" and g.folded.endswith(_COUNTIES):
        score += 11.0  # written as a county ("Laurel County"): what a county is called, not a bare word
    if g.qualifier:
        score += 6.0 if (country, admin1) == g.qualifier or (country, "") == g.qualifier else -3.0
    elif inherited in ((country, admin1), (country, "")):
        score += 3.0
    if g.town:
        score += -6.0 if kind in AREA_KINDS or kind == "county" else 2.0  # "508 Cumberland St., Lebanon"
    if g.area:
        score += 6.0 if kind == "admin" else -3.0  # "Washington state": the state, not the capital
    if kind == "admin" and next(iter(g.surfaces)).endswith("."):
        score -= 5.0  # "Ill.", "Ore.": abbreviations only qualify a town
    return score


def standing(population: int, fame: int, kind: str, main: bool) -> float:
    """The part of the prior that is the row's alone (size, fame, kind, whether the name is its
    main one): the same in every text, so the geoparser keeps it with the row's senses."""
    score = math.log10(population + 1) + min(4.0, math.log2(1 + fame) / 2)
    score += 1.0 if main else ALTERNATE if population < 100_000 else 0.0
    return score + _KIND_PRIOR.get(kind, 0.0)


#: What a town of under 100,000 loses when the name is not its main one: a historic, foreign or
#: joking name ("Washington" for Watervliet, "Google" for Topeka) is seldom what a text means.
ALTERNATE: Final = -3.0
#: How a county's name ends when written as one ("Laurel County").
_COUNTIES: Final = (" county", " parish")
_KIND_PRIOR: Final = {"country": 3.0, "continent": 3.0, "sea": 3.0, "region": 3.0, "admin": 2.0, "county": -5.0}
#: What a first-level area loses to its country's capital of the same name: "Washington",
#: "Moscow", "Buenos Aires" alone mean the city (and, in news, its government), not the state.
CAPITAL_OVER_AREA: Final = 5.0


def standings(rows: list[tuple[int, str, str, int, int, bool]], capitals: frozenset[int]) -> list[float]:
    """``standing`` of each row a name may mean, given as (index, country, kind, population,
    fame, main), an area yielding to its country's capital."""
    capital_of = {country for index, country, _, _, _, _ in rows if index in capitals}
    return [
        standing(population, fame, kind, main)
        - (CAPITAL_OVER_AREA if kind == "admin" and country in capital_of else 0.0)
        for _, country, kind, population, fame, main in rows
    ]


def threshold(g: Group) -> float:
    """Riskier wording asks for more evidence; the clearest occurrence of a name counts."""
    multiword = " " in g.folded or "-" in g.folded
    return THRESHOLD - (2.0 if multiword else 0.0) + g.risk


#: What a guess that a town's name is a surname elsewhere in the text (``traps.WEAK``) asks of it
#: in more evidence: enough that a town the text says nothing more for is dropped, not so much
#: that one its other places support is.
WEAK_CARRY: Final = 3.0


def drop_people(groups: Iterable[Group]) -> None:
    """A name once used for a person is a person everywhere it is not qualified as a place.

    A guess from a capitalised word before the name alone (``traps.WEAK``) is not carried to
    the name's other occurrences: it is as often an outlet's, a church's, a road's or an event's
    name as a person's ("DeSmog Canada", "First Baptist Church Maryville", "Old Alton
    Edwardsville Road", "Distinctly Dublin"), and a person named so is named again with a title
    or a given name, or as speaking, which do carry.
    """
    groups = list(groups)
    people = {g.folded for g in groups if g.person and not g.person.startswith(WEAK)}
    guessed = {
        g.folded for g in groups if g.person.startswith(WEAK) and not any(s.kind in AREA_KINDS for s in g.senses)
    }
    for g in groups:
        if g.qualifier or g.curated:
            continue
        if g.folded in people:
            g.person, g.risk = g.person or "named as a person elsewhere in the text", math.inf
        elif g.folded in guessed:
            g.risk, g.guessed = g.risk + WEAK_CARRY, True


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


#: What a town and a county the text names gain when the town lies inside the county: "Franklin"
#: beside "Williamson County" is the Franklin of one of the Williamson Counties, and that county
#: is the one.
INSIDE_COUNTY: Final = 3.0
#: How far from a county's point a town still counts as inside, in the county's radii (a county
#: is seldom round; its radius is that of a circle of its land area).
_COUNTY_REACH: Final = 1.5


def in_counties(groups: list[Group]) -> None:
    """Give ``INSIDE_COUNTY`` to every town sense inside a sense of a county written as one
    ("Williamson County") elsewhere in the text, and to that county sense.

    Counties are filed in cells of 1° so that each town sense reads only the few around it.
    """
    cells: dict[tuple[int, int], list[tuple[Sense, Group, int, float]]] = defaultdict(list)
    for g in groups:
        if not g.curated and g.folded.endswith((" county", " parish")):
            for k, s in enumerate(g.senses):
                if s.kind == "county" and s.place is None:
                    lat, lon = s.latlon
                    cells[(math.floor(lat), math.floor(lon))].append((s, g, k, s.precision_m / 1000))
    if not cells:
        return
    # The cells a town must lie in to be near a county: each county's and the eight around it.
    reach = {(r + dr, c + dc): None for r, c in cells for dr in (-1, 0, 1) for dc in (-1, 0, 1)}
    for g in groups:
        if g.curated:
            continue
        for k, town in enumerate(g.senses):
            if town.kind not in ("city", "town", "village"):  # the cheaper test first
                continue
            lat, lon = town.latlon
            row, col = math.floor(lat), math.floor(lon)
            if (row, col) not in reach:
                continue
            for cell in ((r, c) for r in (row - 1, row, row + 1) for c in (col - 1, col, col + 1)):
                for county, owner, place, radius in cells.get(cell, ()):
                    if owner is not g and km((lat, lon), county.latlon) < _COUNTY_REACH * radius:
                        g.bonus[k] = INSIDE_COUNTY
                        owner.bonus[place] = INSIDE_COUNTY


#: The first-level areas that have a town among a list of senses (``town_areas``), by the list's id.
#: Senses are shared by every text that has the name, so this is read off them once; the list is
#: kept beside its areas, so its id is no other list's while remembered.
_TOWN_AREAS: Final[dict[int, tuple[list[Sense], frozenset[tuple[str, str]]]]] = {}
#: How many lists of senses ``_TOWN_AREAS`` remembers (as many as the geoparser remembers names).
REMEMBERED_SENSES: Final = 200_000


def town_areas(senses: list[Sense]) -> frozenset[tuple[str, str]]:
    """The (country, admin1) of every town, city or village among a name's senses."""
    known = _TOWN_AREAS.get(id(senses))
    if known is None or known[0] is not senses:
        if len(_TOWN_AREAS) >= REMEMBERED_SENSES:
            _TOWN_AREAS.clear()
        areas = frozenset([(s.country, s.admin1) for s in senses if s.kind in _TOWN_KINDS and s.admin1])
        known = _TOWN_AREAS[id(senses)] = (senses, areas)
    return known[1]


def forget() -> None:
    """Forget the areas read off the senses of names seen so far (``geoparse.forget_texts``)."""
    _TOWN_AREAS.clear()


def vote_for_areas(groups: list[Group], context: Context) -> None:
    """Each town name the text writes as a place votes for the first-level areas that have a town
    of that name, one vote shared between them: a name only one area has ("Tillsonburg") says the
    story is there; one fifty areas have ("Springfield") says little. Names that read as part of
    a longer name or a person's do not vote."""
    for g in groups:
        if g.curated or g.person or g.risk >= INSIDE_RISK:
            continue
        areas = town_areas(g.senses)
        if not areas:
            continue
        g.vote, g.voted = 1.0 / len(areas), areas
        for key in areas:
            context.votes[key] += g.vote


def resolve(groups: list[Group]) -> None:
    """Two rounds: first with what the text states, then with the places found in round one."""
    in_counties(groups)
    # The first qualified mention sets the sense of the bare ones: "PORTLAND, Maine — … Portland".
    qualified: dict[str, tuple[str, str]] = {}
    for g in sorted((g for g in groups if g.qualifier), key=lambda g: g.spans[0][0]):
        if g.qualifier:
            qualified.setdefault(g.folded, g.qualifier)
    stated = Context()
    for g in groups:
        if g.qualifier:
            stated.add_area(*g.qualifier, weight=1.0)
        for sense in g.senses if g.curated else ():
            stated.add_area(sense.country, "", weight=1.0)
        counties = [s for s in g.senses if s.kind == "county"]
        for county in counties:
            stated.add_area(county.country, county.admin1, weight=1.0 / len(counties))
    vote_for_areas(groups, stated)
    for g in groups:
        # A name states an area only when an area is what it most likely means: "Manchester" and
        # "Portland" are also parishes of Jamaica, but a text naming both says nothing of Jamaica.
        areas = [] if g.curated else [s for s in g.senses if s.kind in AREA_KINDS]
        if areas and max(g.senses, key=lambda s: s.base).kind in AREA_KINDS:
            area = max(areas, key=lambda s: s.population)
            stated.add_area(area.country, area.admin1 if area.kind == "admin" else "", weight=0.5, owner=id(g))

    curated_points = [s.latlon for g in groups if g.curated for s in g.senses]
    context = stated
    for round_ in range(2):
        for g in groups:
            score(g, context, qualified.get(g.folded))
        context = stated.with_places([g for g in groups if g.best is not None and not g.curated])
        context.points.extend(curated_points)
        if round_ == 0:
            context.points.extend(neighbours(groups, stated))
    for g in groups:
        if g.best is not None:
            g.evidence = evidence(g, context)
            g.confidence = calibrated(g.evidence)


#: How near the threshold a name's likeliest town must come to be vouched for by a neighbour's.
NEIGHBOUR_SHORT: Final = 3.0


def neighbours(groups: list[Group], stated: Context) -> list[tuple[float, float]]:
    """The points of names the first round left unplaced whose likeliest towns lie near another's
    (within 150 km, ``Context.nearness``): two small towns named together ("Schaumburg and
    Northbrook") are seldom both namesakes of two other towns as close. Names that are also an
    area's are left out (towns are named after areas the world over); and where the text names
    countries (``stated``), so are towns in none of them, as British names have namesakes clustered
    abroad ("Kent" and "Fife", Washington)."""
    named = {country for country, weight in stated.countries.items() if weight > 0}
    waiting = []
    for g in groups:
        if g.best is not None or g.curated or g.person or g.risk >= INSIDE_RISK or not g.priors or not g.by_prior:
            continue
        top = g.by_prior[0]
        sense = g.senses[top]
        if g.priors[top] < threshold(g) - NEIGHBOUR_SHORT or (named and sense.country not in named):
            continue
        if not any(s.kind in AREA_KINDS or s.kind == "county" for s in g.senses):
            waiting.append(sense.latlon)
    near = Context(points=waiting)
    return [point for point in waiting if near.nearness(point) == 2.0]


class Evidence(NamedTuple):
    """What is known of a found place once the text is resolved, for ``calibrated``: how the
    resolver decided, and what a reader checks before believing it. Each figure is general (no
    word of any text in it); ``Weights`` says what each is worth."""

    curated: bool  # one of the atlas's own places
    margin: float  # how far the best sense's score cleared the threshold (``score``)
    gap: float  # how far ahead of the next sense it scored, at most ``SURE_GAP``
    risk: float  # how much more evidence its clearest occurrence's wording asks for (``traps``)
    person: bool  # some occurrence reads as a person's name
    main: bool  # written with the place's main name, not an alternate (historic, foreign, a nickname)
    population: float  # log10(population + 1)
    area: bool  # a country, first-level area, county or continent, not a town or site
    country: float  # how much the rest of the text names its country (0–1)
    admin: float  # … and its first-level area
    share: float  # the part of the text's other towns that lie in its country
    near: float  # 2: another placed point within 150 km, 1: within 400 km, 0: none
    alone: bool  # the text places fewer than three other towns: ``share`` and ``near`` say little
    mentions: float  # log2 of how many times the text names it
    multiword: bool  # a name of several words ("Grand Rapids"), rarely an ordinary word
    qualified: bool  # written with its area ("Portland, Maine")
    rival: float  # log10(population + 1) of the likeliest other place of the name far away (a namesake)
    senses: float  # log2 of how many places the name may mean
    written_as_town: bool  # after a street address, or a dateline's town ("WASHINGTON (Reuters) -")
    dateline: bool  # opens the text or a line in capitals as the town a story was filed from
    inside: float  # the part of its occurrences inside a longer name or a person's (``INSIDE_RISK``)
    organisation: float  # … inside an organisation's name ("Los Angeles Times": ``traps.ORGANISATION_WORDS``)
    capital: bool  # its country's capital: named alone, news means the capital
    #: The part of the text's other towns that lie in its first-level area (``Context.share``).
    area_share: float = 0.0
    #: The text's own geography is where it lies: an area the text names, the area most of its
    #: towns lie in, or within 150 km of one of them (``Context.here``).
    here: bool = False
    #: Some occurrence is written as where someone lives ("Jane Doe, 24, of Paris":
    #: ``traps.resident``): told by the geoparser, which has the text.
    resident: bool = False
    #: Another occurrence of the name was guessed a surname (``drop_people``): found, but for review.
    guessed: bool = False


class Weights(NamedTuple):
    """What each term of a found place's evidence (``terms``: the figures of ``Evidence``, and a
    few read off them for towns and sites alone) is worth to the log-odds that it is right, in
    one table so the evaluation can sweep them. ``confirmed`` is the confidence from which the map
    draws a place as fact.

    Fitted by logistic regression (towns and sites apart from areas: ``AREA_WEIGHTS``) on the
    places found in the public corpora (LGL, GeoWebNews), each mention judged right when it
    matches an annotated place within 161 km, each corpus's fit checked on the other, then
    rounded: general figures of how the resolver decided and how the text's places agree, no
    word of any text. Some signs are not what one would guess (``town_share``: a text of many
    towns of one country is a local story, where the namesakes are; ``capital``: Athens and
    Paris are as often a small town's in local news; ``here`` corrects ``near`` and ``area_share``,
    which say much the same), which is why they were fitted, not set. ``bias`` is then lowered
    from the fit (by 1.1 for areas; towns' below), so that confidence errs low (a place of
    confidence c is right at least c of the time) and the places confirmed at .8 are right 95
    times in 100 on both corpora. Fitted on one corpus and set to .95 there, the other scores
    .95 (LGL's weights on GeoWebNews) but only .90 (GeoWebNews' weights on LGL): the local
    namesakes of LGL's small-town news are what a fit on world news has not seen.

    Towns' weights were fitted again, all at once (L2 penalty 1), once the evidence said where a
    name is written as someone's home (``resident``), whether a city dwarfs its namesakes
    (``dominant``) and whether no other place has its name (``unique``), with ``here_gap``;
    ``bias`` is the fit's raised by 0.1, the most that keeps .95 on both corpora (LGL .951,
    GeoWebNews .958), at the cost of GeoWebNews' towns of .90 to .95 being right .89 of the
    time. The new terms are what the old fit could not say: fitted on LGL alone and set to .95
    there, the new terms draw 454 right dots on GeoWebNews at .96, the old 439.
    """

    bias: float = -5.91
    curated: float = 8.0  # the atlas's own places: as sure as its data
    margin: float = 0.11
    gap: float = 0.4
    risk: float = -0.05
    person: float = -0.14
    main: float = 0.54
    population: float = 0.61
    area: float = 0
    country: float = 1.17
    admin: float = 0.39
    share: float = -1.06
    near: float = 0.77
    alone: float = 1.01
    mentions: float = 0.13
    multiword: float = 0.14
    qualified: float = 0.92
    rival: float = -0.03
    senses: float = -0.15
    hamlet: float = -0.48  # a town or site of under 1,000 people
    village: float = -0.78  # … under 10,000
    town: float = -0.59  # … under 100,000
    nothing_near: float = 0.21  # a town or site with none of the text's other places within 400 km
    all_near: float = 0.98  # … with one within 150 km
    town_rival: float = -0.03  # a town's ``rival``
    rival_larger: float = 0.2  # a town with a namesake far away larger than itself
    clear: float = 0.43  # cleared the threshold by more than 3
    very_clear: float = 0.62  # … by more than 6
    uncontested: float = 0.36  # no other sense within ``SURE_GAP``
    town_risk: float = -0.05  # a town's ``risk``: wording matters more for a town than a country
    town_alternate: float = -0.54  # a town named by an alternate name
    town_share: float = -1.06  # a town's ``share``
    town_admin: float = 0.39  # a town's ``admin``
    town_country: float = 1.17  # a town's ``country``
    written_as_town: float = 0.05
    dateline: float = 1.67
    inside: float = -0.44
    organisation: float = -0.78
    capital: float = -0.17
    area_share: float = 0.89
    here: float = -0.12
    resident: float = 1.26
    #: A city of 100,000 or more at least thirty times its largest namesake far away: "Chicago"
    #: alone is Chicago, whatever else the text names.
    dominant: float = 0.45
    #: A town of 10,000 or more whose name no other place has. Fitted below zero, against
    #: ``uncontested``: with nothing to weigh it against, the resolver's margin and gap look sure
    #: of a name that is often no place at all in the text (a venue's, a firm's: "Sochi music bar").
    unique: float = -1.02
    here_gap: float = -0.14  # ``gap`` of a town in the text's own geography (``here``)
    #: Set, not fitted: a dateline is the outlet's own word on where a story was filed, as sure as
    #: anything a text says (68 of GeoWebNews' 71 were right); too few to fit a weight on.
    dateline_floor: float = 0.9
    #: Set, not fitted: a town written with its area ("Harrisburg, Pa.") is the writer's word on
    #: which of its namesakes is meant (LGL's were right 178 times in 179); the fitted
    #: ``qualified`` shares its weight with ``admin`` and ``here``, which the qualifier also sets.
    qualified_floor: float = 0.9
    #: Set, not fitted: a place named only inside an organisation's name ("Los Angeles Times") is
    #: the organisation's, not where the story happens; the corpora annotate it as a place named
    #: in passing, which a map must not draw as fact.
    organisation_ceiling: float = 0.5
    #: Set, not fitted: a town whose name the text elsewhere seems to give a person ("Church
    #: Maryville", ``drop_people``) is kept, but a reader confirms it before the map draws it.
    guessed_ceiling: float = 0.5
    confirmed: float = 0.8


#: Towns and sites, which the map draws as dots.
WEIGHTS: Final = Weights()
#: Countries, areas, counties and continents, fitted apart: what makes an area right (its name
#: is seldom anything else) is not what makes a town right (which of its namesakes).
AREA_WEIGHTS: Final = Weights(
    bias=-1.6,
    margin=0.06,
    gap=0.37,
    risk=0.1,
    person=-1.7,
    main=0.54,
    population=-0.15,
    country=0.63,
    admin=0.36,
    share=0.19,
    alone=0.07,
    mentions=0.28,
    multiword=-0.44,
    qualified=1.9,
    rival=-0.03,
    senses=-0.28,
    hamlet=-0.03,
    town=-1.16,
    clear=0.16,
    very_clear=0.29,
    uncontested=1,
    written_as_town=0.04,
    dateline=0.04,
    inside=-0.66,
    organisation=-0.2,
)


def terms(e: Evidence) -> list[float]:
    """The terms ``Weights`` weighs, in its order from ``curated`` on. Size counts by bands and
    support by thresholds, not linearly: a hamlet of 500 is no likelier a namesake than one of
    900, but a town is much less likely one than a hamlet."""
    t = 0.0 if e.area else 1.0
    p = e.population
    return [
        float(e.curated),
        e.margin,
        e.gap,
        min(e.risk, 10.0),
        float(e.person),
        float(e.main),
        p,
        float(e.area),
        e.country,
        e.admin,
        e.share,
        e.near,
        float(e.alone),
        e.mentions,
        float(e.multiword),
        float(e.qualified),
        e.rival,
        e.senses,
        float(p < 3.0),
        float(3.0 <= p < 4.0),
        float(4.0 <= p < 5.0),
        t * (e.near == 0.0),
        t * (e.near == 2.0),
        t * e.rival,
        t * (e.rival > p),
        float(e.margin > 3.0),
        float(e.margin > 6.0),
        float(e.gap >= SURE_GAP - 0.1),
        t * min(e.risk, 10.0),
        t * (not e.main),
        t * e.share,
        t * e.admin,
        t * e.country,
        float(e.written_as_town),
        float(e.dateline),
        e.inside,
        e.organisation,
        float(e.capital),
        t * e.area_share,
        t * e.here,
        float(e.resident),
        t * (p >= 5.0 and p - e.rival >= 1.5),
        t * (e.senses == 0.0 and p >= 4.0),
        t * e.gap * e.here,
    ]


def calibrated(e: Evidence, towns: Weights = WEIGHTS, areas: Weights = AREA_WEIGHTS) -> float:
    """The chance that a found place is right, from its evidence (rounded to hundredths), by the
    weights of towns and sites or of areas."""
    w = areas if e.area else towns
    # By index over typed floats: compiled, a zip of the two boxes a float per term and product.
    weights: tuple[float, ...] = w[1:-5]
    figures = terms(e)
    assert len(weights) == len(figures)
    x: float = w.bias
    for k in range(len(figures)):
        x += weights[k] * figures[k]
    chance = _sigmoid(x)
    if e.dateline:
        chance = max(chance, w.dateline_floor)
    if e.qualified and not e.area:
        chance = max(chance, w.qualified_floor)
    if e.organisation >= 1.0:
        chance = min(chance, w.organisation_ceiling)
    if e.guessed and not e.qualified:
        chance = min(chance, w.guessed_ceiling)
    return round(chance, 2)


def evidence(g: Group, context: Context) -> Evidence:
    """The figures ``calibrated`` weighs for a resolved group, in the text's final ``context``."""
    best = g.best
    assert best is not None
    sole = context._sole if context._sole is not None else context._soles()
    gid = context.owner(g)
    country = 0.0 if sole.get(best.country) == gid else context.countries.get(best.country, 0.0)
    admin = 0.0
    if best.admin1 and sole.get((best.country, best.admin1)) != gid:
        admin = context.admins.get((best.country, best.admin1), 0.0)
    area = best.kind in AREA_KINDS or best.kind == "county"
    own = 0
    in_country = 0
    for (c, _), owners in context.placed.items():
        if c == best.country:
            in_country += len(owners)
            own += gid in owners
    others = context.placed_total - own
    share = (in_country - own) / others if others > 0 else 0.0
    near = context.nearness(best.latlon) if context.points and not area else 0.0
    rival = 0
    # The gap to the next sense that is another answer on a map: a city and its own commune or
    # district ("Rome", "Roma") scoring alike leave no doubt of where the dot goes.
    scores = g.scores
    top = second = -math.inf
    for k, sense in enumerate(g.senses):
        scored = scores[k] if scores else -math.inf
        if sense is best:
            top = scored
        elif (sense.population > rival or scored > second) and far_apart(sense, best):
            rival = max(rival, sense.population)
            second = max(second, scored)
    gap = g.gap if top == -math.inf else SURE_GAP if second == -math.inf else min(SURE_GAP, max(g.gap, top - second))
    here = not area and others > 0 and context.here(best, gid)
    # By position, in the order of its fields: compiled, naming 23 keywords costs a Python
    # call matching each name: a third of what making the evidence cost.
    return Evidence(
        g.curated,
        max(-5.0, min(10.0, g.margin)),
        gap,
        g.risk,
        bool(g.person),
        best.main,
        math.log10(best.population + 1),
        area,
        country,
        admin,
        share,
        near,
        others < 3,
        math.log2(len(g.spans)) if g.spans else 0.0,
        " " in g.folded or "-" in g.folded,
        g.qualifier is not None,
        math.log10(rival + 1),
        math.log2(len(g.senses)),
        g.town,
        False,  # told by the geoparser, which has the text (``traps.dateline``)
        g.inside / g.occurrences if g.occurrences else 0.0,
        g.organisation / g.occurrences if g.occurrences else 0.0,
        best.capital,
        context.share(best.country, best.admin1, gid) if best.admin1 and not area else 0.0,
        here,
        False,
        g.guessed,
    )


def far_apart(a: Sense, b: Sense) -> bool:
    """Whether two senses are different places to a reader of a map: of different countries, or
    farther apart than an area's reach (a town and its own county are one answer)."""
    if a.country != b.country:
        return True
    la, lo = a.latlon
    lb, ob = b.latlon
    return abs(la - lb) > 1.5 or abs(lo - ob) > 2.0
