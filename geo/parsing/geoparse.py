"""Finding the places of any English text, offline, and giving them as GeoJSON or a table.

The text is cut into capitalised runs (``geo.parsing.runs``); the distinct runs are folded and
scanned in one pass each, for the curated places (an Aho–Corasick automaton) and for the
gazetteer's third of a million names (``geo.parsing.nametable``, a word at a time), so the
lowercase bulk of a text is never read for names and a run repeated through the text is read
once. The words around each occurrence are weighed by ``geo.parsing.traps``, once per distinct
surroundings; ``geo.parsing.disambiguation`` decides which place each name means, or that it is
none.

For the Add-article page: build one ``Geoparser(places, load_gazetteer())`` and call
``parse(text, article_date=...)`` per text; ``ParsedPlace.candidates`` are the other
places a name may mean, for the reviewer to pick instead.
"""

from __future__ import annotations

import datetime as dt
import gc
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate, pairwise
from typing import Final, cast

from geo.model.languages import LANGUAGES
from geo.model.models import Place
from geo.model.names import NameIndex, fold, fold_cased, fold_from_cased
from geo.parsing import disambiguation, inflection, traps
from geo.parsing.budget import Budget
from geo.parsing.demonyms import is_demonym
from geo.parsing.disambiguation import (
    AREA_KINDS,
    WEIGHTS,
    Evidence,
    Group,
    Sense,
    calibrated,
    drop_people,
    resolve,
    standings,
)
from geo.parsing.eventdates import EventDate, find_event_dates
from geo.parsing.gazetteer import KINDS, Gazetteer, load_gazetteer, region_names
from geo.parsing.geocoders.base import Candidate
from geo.parsing.geocoders.curated import candidate_from_place
from geo.parsing.geocoders.gazetteer import candidate_from_row
from geo.parsing.language import detect_language
from geo.parsing.nametable import NameTable, prefixes
from geo.parsing.runs import CONNECTORS, Context, Plain, Runs, compiled

#: The country of each language read, but English and French, which many countries write: in a
#: text in that language its places are the likeliest senses of a name ("Արմավիր" in Armenian news
#: is the Armenian town, not the larger Russian city).
HOME_COUNTRIES: Final = {"hy": "AM", "az": "AZ", "ru": "RU"}
HOME_BONUS: Final = 2.0

#: How many runs a parser remembers the names of, between texts.
REMEMBERED_RUNS = 200_000
PLAIN: Final = Plain(traps.TELLING_BEFORE, traps.PLAIN_BEFORE, traps.TELLING_AFTER, traps.PLAIN_AFTER)
#: What follows a name's area inside a run when the two are one of a list of places ("Washington,
#: New York and Boston"), not a town and its state ("Portland, Maine"): a run holds a connector only
#: between capitalised words.
_LIST: Final = (" and ", " or ")
_QUALIFIER_GAP: Final = re.compile(r"^(?:,\s*|\s+in\s+|\s*\(\s*)$")
_CAPITALS: Final = re.compile(r"[A-Z][A-Z]+")
#: A word opening with a capital of the scripts read (Latin, Cyrillic, Armenian), as folded.
_CAPITALISED: Final = re.compile(r"(?<!\w)[A-Z\u0401\u0410-\u042f\u0531-\u0556]\w*")
#: French elision before a name ("d'Erevan", "l'Arménie"): the apostrophe is read as a space,
#: so the name opens a run of its own (offsets unchanged).
_ELISION: Final = re.compile(r"(?<!\w)(?:[dlDL]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['\u2019](?=[A-ZÀ-Ý])")
#: Names listed before "counties" ("Sussex and Kent counties", "Adams, Brown and Clark
#: counties"): each is a county, written without the word.
_NAME: Final = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?"
_COUNTY_LIST: Final = re.compile(rf"(?:{_NAME}, )*{_NAME},? (?:and|or) {_NAME} (counties|parishes)\b")


class ParsedPlace:
    """One place the text names, resolved, with where and how sure. (A plain class: compiled, a
    dataclass's ``__init__`` still runs as Python, and a parse makes one per place.)"""

    def __init__(
        self,
        *,
        id: str,
        name: str,
        alt_names: list[str],
        kind: str,
        lat: float,
        lon: float,
        coord_source: str,
        precision_m: float,
        matched: list[str],
        spans: list[list[int]],
        confidence: float,
        country: str = "",
        admin1: str = "",  # the first-level area (state, province) as its source codes or names it
        candidates: list[Candidate] | None = None,
        named_as: list[str] | None = None,
        alternatives: tuple[Callable[[Sense], Candidate], list[Sense]] | None = None,
        evidence: Evidence | None = None,
    ):
        """``alternatives``, instead of ``candidates``: how to make each candidate, and of what,
        when they are first asked for. Most places found are never reviewed (a bulk import, the
        evaluation), and making a candidate builds its gazetteer row."""
        self.id, self.name, self.alt_names, self.kind = id, name, alt_names, kind
        self.lat, self.lon, self.coord_source, self.precision_m = lat, lon, coord_source, precision_m
        self.matched, self.spans, self.confidence = matched, spans, confidence
        self.country, self.admin1 = country, admin1
        #: What ``confidence`` was weighed from (``disambiguation.calibrated``); None when a reader chose it.
        self.evidence = evidence
        # None until made from ``alternatives``
        self._candidates = None if alternatives else candidates if candidates is not None else []
        self._alternatives = alternatives
        #: How each span names the place: ``literal`` ("in Paris"), ``associative`` (part of another
        #: name: "Paris High School") or ``demonym`` ("Russian"); one per span, in the same order.
        self.named_as: list[str] = named_as if named_as is not None else []

    @property
    def candidates(self) -> list[Candidate]:
        """The other places the name may mean, likeliest first, for a reviewer to pick instead."""
        if self._candidates is None:
            assert self._alternatives is not None
            make, senses = self._alternatives
            self._candidates, self._alternatives = [make(s) for s in senses], None
        return self._candidates

    def __repr__(self) -> str:
        return f"ParsedPlace({self.id!r}, {self.name!r}, {self.kind}, spans={self.spans})"

    @property
    def confirmed(self) -> bool:
        """Whether the map draws the place as a fact; else it is found, but left for review.
        A calibrated confidence of at least ``Weights.confirmed``."""
        return self.confidence >= WEIGHTS.confirmed

    @property
    def only_demonym(self) -> bool:
        """Named only through a demonym ("Russian"): review and the map may leave it out."""
        return bool(self.named_as) and all(n == "demonym" for n in self.named_as)

    @property
    def is_area(self) -> bool:
        """Countries, administrative areas and counties: context, reported apart from towns and sites."""
        return self.kind in AREA_KINDS or self.kind == "county"

    def properties(self) -> dict:
        """The GeoJSON properties CONTRACTS.md promises for ``geoparse``."""
        return {
            "id": self.id,
            "name": self.name,
            "alt_names": self.alt_names,
            "kind": self.kind,
            "country": self.country,
            "admin1": self.admin1,
            "coord_source": self.coord_source,
            "precision_m": self.precision_m,
            "matched": self.matched,
            "spans": self.spans,
            "confidence": self.confidence,
            "confirmed": self.confirmed,
            "named_as": self.named_as,
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


def surroundings(runs: Runs, text: str, named: list[tuple[str, list[int]]]) -> list[Context]:
    """``Runs.contexts`` told what ``geo.parsing.traps`` reads around a name and how it reads it."""
    return runs.contexts(
        text,
        named,
        before=traps.BEFORE,
        after=traps.AFTER,
        plain_before=traps.plain_before,
        before_context=traps.before_context,
        after_context=traps.after_context,
        plain=PLAIN,
    )


class Geoparser:
    """The curated places and the gazetteer, indexed once, for parsing many texts."""

    def __init__(self, atlas_places: Iterable[Place] = (), gazetteer: Gazetteer | None = None):
        self.places = {p.id: p for p in atlas_places}
        self.curated_index = NameIndex((name, p.id) for p in self.places.values() for name in p.names)
        # the curated one-word names, folded: what a word with a case ending may be read as
        self._curated_words = frozenset(fold(n.strip()) for p in self.places.values() for n in p.names if " " not in n)
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        names = [n for p in self.places.values() for n in p.names]
        words = {w for n in [*names, *region_names()] for w in re.split(r"[\s\-\u2010-\u2014]+", n)}
        lower = {w.lower() for w in words if w.islower() and w not in CONNECTORS}
        # The curated names of several words, read through their words' case endings ("Лачинского
        # коридора", "Լաչինի միջանցքով", "Laçın dəhlizində"): their lowercase words, and those of the
        # gazetteer's regions ("Baltic states", "Kuril adaları"), in every form join runs, and read
        # as the word (``_declined``, folded as names are).
        declined = inflection.declined(lower)
        self._declined = {fold_cased(form): fold_cased(word) for form, word in declined.items()}
        phrases = {fold_cased(n.strip()): n.strip() for p in self.places.values() for n in p.names if " " in n.strip()}
        self._phrases = NameTable(list(phrases), prefixes(list(phrases)))
        self._phrase_names = list(phrases.values())  # by the table's number: the name as the atlas writes it
        self.runs = Runs(lower | set(declined) | inflection.TAIL_WORDS)
        self._areas: dict[int, tuple[str, str] | None] = {}
        self._upper: dict[tuple[int, str], bool] = {}
        self._candidates: dict[int, Candidate] = {}  # row number → the row as a candidate
        self._senses_of: dict[tuple, list[Sense]] = {}  # (priority, payload) → a name's senses, shared
        self._spellings: dict[tuple[str, str], bool] = {}  # (folded name, place's name) → ``_spelling``
        # language → run → its names (a tuple, which the cycle collector stops tracking once seen): the
        # same runs come back text after text; a language's endings may read a run otherwise
        self._read_in: dict[str, dict[str, tuple]] = {}

    def parse(
        self,
        text: str,
        *,
        article_date: dt.date | None = None,
        budget: Budget | None = None,
        language: str | None = None,
    ) -> ParseResult:
        """The places and dates of one text; ``ParseTooLong`` if it overruns ``budget`` (default: the setting).
        ``language`` (ISO 639-1, one of ``LANGUAGES``) says which endings names may take and which
        traps apply; by default ``detect_language`` tells. Another is a ``ValueError``.

        Python's cycle collector is paused meanwhile. A parse makes tens of thousands of small
        lists (a span per occurrence) and no reference cycles: memory is freed by reference
        counting as always, but a full collection walking those lists mid-parse cost a quarter of
        a multi-megabyte parse, for nothing to collect. Paused and restored here, not through a
        context manager, which costs a short text more.
        """
        if language is not None and language not in LANGUAGES:
            raise ValueError(f"language {language!r}: the parser reads {', '.join(LANGUAGES)}")
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._parse(text, article_date, budget or Budget(), language or detect_language(text))
        finally:
            if paused:
                gc.enable()

    def _parse(self, text: str, article_date: dt.date | None, budget: Budget, language: str) -> ParseResult:
        read = _ELISION.sub(lambda m: m.group(0)[:-1] + " ", text) if language == "fr" else text
        groups = self._groups(read, language)
        if "counties" in text or "parishes" in text:
            self._listed_counties(text, groups)
        budget.check("having found the names")
        resolve(groups)
        budget.check("having resolved the names")
        places = [self._place(g, text) for g in groups if g.best is not None]
        merged: dict[str, ParsedPlace] = {}
        for place in places:
            if place.id in merged:
                kept = merged[place.id]
                kept.matched = list(dict.fromkeys(kept.matched + place.matched))
                kept.spans = sorted(kept.spans + place.spans)
                if place.confidence > kept.confidence:
                    kept.confidence, kept.evidence = place.confidence, place.evidence
            else:
                merged[place.id] = place
        ordered = sorted(merged.values(), key=lambda p: p.spans[0][0])
        for place in ordered:
            demonyms = {surface: is_demonym(surface) for surface in place.matched}  # how its spans are written
            place.named_as = [named_as(text, start, end, demonyms) for start, end in place.spans]
        budget.check("having placed the names")
        dates = find_event_dates(text, article_date, language)
        budget.check("having found the dates")
        return ParseResult(ordered, dates)

    def _listed_counties(self, text: str, groups: list[Group]) -> None:
        """Make counties of the names listed before "counties": their senses become the
        counties called so ("Kent" → the Kent Counties), written as counties are."""
        lists = county_lists(text)
        for g in groups if lists else ():
            if g.curated or g.folded.endswith((" county", " parish")):
                continue
            word = next((w for a, b, w in lists if any(a <= s and e <= b for s, e in g.spans)), None)
            if word is None:
                continue
            rows = [
                (row.index, main)
                for row, main in self.gazetteer.lookup(next(iter(g.surfaces)) + word)
                if row.kind == "county"
            ]
            if rows:
                g.senses = self._row_senses(rows, frozenset())
                g.folded += word.lower()

    # -- finding -------------------------------------------------------------------------

    def _groups(self, text: str, language: str = "en") -> list[Group]:
        """Every name found, outermost first, grouped by name and qualifier.

        Each distinct run is read once (one pass of each index over them all). Of the
        words around each occurrence, only what ``geo.parsing.traps`` tells apart is looked at: a run
        in surroundings that say the same is weighed once, and its occurrences are told to
        their groups all at once, in the order the text first has them.
        """
        found = self.runs.find(text)
        local = self.read_runs(found, language)
        named = [(run, starts) for run, starts in found.items() if local[run]]
        rows = surroundings(self.runs, text, named)
        rows.sort(key=lambda row: row[3][0])
        groups: dict[tuple, Group] = {}
        pieces: dict[tuple, list[tuple[int, int, list[int]]]] = {}  # group key → (lstart, lend, run starts)
        teams: dict[tuple, list[tuple[int, int, list[int]]]] = {}  # … of the occurrences inside a team's name
        free_order = language in traps.FREE_ORDER
        opening = traps.opening_end(text)
        for run, lead, tail, starts in rows:
            heading = starts[0] < opening
            self._assess(run, lead, tail, local[run], groups, (pieces, teams), starts, free_order, heading)
        for key, group in groups.items():
            # "Italy's football team" is no mention of Italy, though the text names Italy elsewhere.
            group.spans = _spans(pieces.get(key) or teams[key])
        home = HOME_COUNTRIES.get(language)
        if home:
            for group in groups.values():
                for k, sense in enumerate(group.senses):
                    if sense.country == home and sense.place is None:
                        group.bonus[k] = group.bonus.get(k, 0.0) + HOME_BONUS
        drop_people(groups.values())
        return list(groups.values())

    def _assess(
        self,
        run: str,
        lead: str,
        tail: str,
        items: tuple,
        groups: dict,
        pieces: tuple[dict, dict],
        starts: list[int],
        free_order: bool = False,
        heading: bool = False,
    ) -> None:
        """The names of a run weighed by their surroundings (``lead``, ``tail``: what ``geo.parsing.traps``
        needs of the text before and after it), told to their groups with the run's ``starts``, into
        ``pieces``: the names' places and the run's starts by group, those inside a team's or a
        contest's name (``traps.EVENT_RISK``) apart. ``heading``: the run is in the text's first
        sentence, which may be a headline in title case (``traps.title_cased``)."""
        mentions, teams = pieces
        around, base = lead + run + tail, len(lead)
        for n, (lstart, lend, group_key, name, glued) in enumerate(items):
            if group_key[2] is not None and n + 1 < len(items) and run.startswith(_LIST, items[n + 1][1]):
                # "Washington, New York and Boston": a list of places, not Washington, N.Y.
                group_key = (group_key[0], group_key[1], None)
            start, end = base + lstart, base + lend
            group = groups.get(group_key)
            if group is None:
                senses = self._senses(group_key[0], group_key[1])
                group = groups[group_key] = Group(name, group_key[2], senses, curated=group_key[0] == 0)
            next_start = -1 if glued else end + 1
            person, risk, town, area, organisation = traps.assess(
                around, start, end, name, next_start, free_order, heading
            )
            group.add(run[lstart:lend], person, risk, town, len(starts), area, organisation)
            into = teams if risk >= traps.EVENT_RISK and not person else mentions
            into.setdefault(group_key, []).append((lstart, lend, starts))

    def read_runs(self, runs: Iterable[str], language: str = "en") -> dict[str, tuple]:
        """Per distinct run, its names: (start, end, group key, folded name, glued) in the run.

        Curated names inside a curated name count too ("Lachin-Khankandi road"); otherwise the
        outermost name wins. ``glued``: a dash and a capital follow, but no name starts there.
        Runs read for earlier texts are remembered (up to ``REMEMBERED_RUNS`` of them).
        """
        known = self._read_in.get(language)
        if known is None:
            known = self._read_in[language] = {}
        read = {run: known.get(run) for run in runs}  # of its own: another thread may start afresh
        new = [run for run, names in read.items() if names is None]
        if new:
            fresh = self._read_new(new, language)
            read.update(fresh)
            if len(known) + len(fresh) > REMEMBERED_RUNS:
                known.clear()
            known.update(fresh)
        return cast(dict[str, tuple], read)  # every run read now

    def _read_new(self, runs: list[str], language: str = "en") -> dict[str, tuple]:
        joined = "\n".join(runs)
        starts = [0, *accumulate(len(r) + 1 for r in runs)]
        cased = fold_cased(joined)
        folded = fold_from_cased(cased)
        # (start, -end, 0 curated / 1 gazetteer / 2 a gazetteer name read by sound, key or number)
        found: list[list[tuple]] = [[] for _ in runs]
        for start, end, number in self.curated_index.scan(joined, folded):
            k = bisect_right(starts, start) - 1
            for key, name in self.curated_index.owners(number):
                if not name[:1].isupper() or joined[start].isupper():
                    found[k].append((start - starts[k], starts[k] - end, 0, key))
        # Datelines write names in capitals ("KUALA LUMPUR —"); the index knows them title-cased.
        cased = _CAPITALS.sub(lambda m: m.group(0).title(), cased)
        forms = inflection.forms(cased, language, self._declined)
        if forms:
            self._inflected_curated(joined, cased, forms, starts, found)
            self._declined_curated(joined, cased, forms, starts, found)
        index = self.gazetteer.index
        for start, end, number in index.scan_forms(joined, cased, forms) if forms else index.scan(joined, cased):
            if end - start <= 4 and joined[start:end].isupper() and not self._upper_spelling(number, joined[start:end]):
                continue  # an acronym ("LATAM", "ICRC"), not a town
            k = bisect_right(starts, start) - 1
            found[k].append((start - starts[k], starts[k] - end, 1, number))
        if language == "hy":
            self._romanised(joined, cased, starts, found)
        # ASCII folds letter by letter, so a name's fold is read off the folded runs; other text is
        # folded name by name, as folding a whole run may differ (a final sigma).
        known = folded if joined.isascii() else None
        not_places = traps.NOT_PLACES if language == "en" else traps.NOT_PLACES_ELSEWHERE
        return {
            run: self._outermost(run, sorted(i), known and known[at : at + len(run)], not_places) if i else ()
            for run, i, at in zip(runs, found, starts, strict=False)
        }

    def _romanised(self, joined: str, cased: str, starts: list[int], found: list) -> None:
        """Capitalised Armenian words in no name found, read as a well-known place's Latin name
        (``geo.parsing.transliteration``: "Վիեննայում" as Vienna), added to ``found`` as the
        gazetteer's names are, but marked 2: such a name means its famous places only (``_senses``),
        not the villages that share it. Not a word before another capitalised one that is no place, nor after
        one without a case ending: the two are a person's or a club's name ("Ալեքսանդր Պուշկին",
        "Մանչեսթեր Յունայթեդ"); a sentence's first word, with its ending, may come before a place
        ("Պատվիրակությունը Կալիֆորնիայում")."""
        taken = bytearray(len(joined))  # 1 where a name found already lies
        for k, items in enumerate(found):
            for item in items:
                taken[starts[k] + item[0] : starts[k] - item[1]] = b"\x01" * (-item[1] - item[0])
        well_known, index = self.gazetteer.well_known, self.gazetteer.index
        words = [(m.start(), m.end(), m.group(0)) for m in _CAPITALISED.finditer(cased) if not taken[m.start()]]
        for i, (start, end, word) in enumerate(words):
            if not "\u0531" <= word[0] <= "\u0556":  # an Armenian capital
                continue
            before = words[i - 1] if i > 0 and words[i - 1][1] == start - 1 and cased[start - 1] == " " else None
            if (before and len(inflection.bases(before[2], "hy")) == 1) or (
                i + 1 < len(words) and words[i + 1][0] == end + 1 and cased[end] == " "
            ):
                continue
            name = well_known.find(word)
            number = index.number(name) if name is not None else None
            if number is not None:
                k = bisect_right(starts, start) - 1
                found[k].append((start - starts[k], starts[k] - end, 2, number))

    def _inflected_curated(self, joined: str, cased: str, forms: dict, starts: list[int], found: list) -> None:
        """The curated places' one-word names written with a case ending ("Xankəndidə"), added to
        ``found`` as ``_read_new`` adds the curated names it finds as written."""
        index, words = self.curated_index, self._curated_words
        for m in inflection.WORD.finditer(cased):
            for base in forms.get(m.group(0), ())[1:]:
                number = index.number(base) if fold_from_cased(base) in words else None
                if number is None:
                    continue
                k = bisect_right(starts, m.start()) - 1
                for key, _ in index.owners(number):
                    found[k].append((m.start() - starts[k], starts[k] - m.end(), 0, key))
                break

    def _declined_curated(self, joined: str, cased: str, forms: dict, starts: list[int], found: list) -> None:
        """The curated places' names of several words written with case endings ("Лачинского
        коридора": the Lachin corridor), each word read as ``forms`` reads it, added to ``found``
        as ``_read_new`` adds the curated names it finds as written."""
        index = self.curated_index
        for start, end, number in self._phrases.scan_forms(joined, cased, forms):
            k = bisect_right(starts, start) - 1
            for key, _ in index.owners(cast(int, index.number(self._phrase_names[number]))):
                found[k].append((start - starts[k], starts[k] - end, 0, key))

    def _outermost(
        self, run: str, found: list[tuple], folded: str | None = None, not_places: set[str] = traps.NOT_PLACES
    ) -> tuple:
        """The names of a run, outermost first (see ``read_runs``); ``folded``: the run folded, if known;
        ``not_places``: the words never places in the text's language."""
        outer: list[tuple] = []
        for item in found:
            if outer and item[0] < -outer[-1][1]:
                last = outer[-1]
                if last[2] == 0 and item[2] == 0 and -item[1] <= -last[1] and item[3] != last[3]:
                    outer.append(item)
                continue
            outer.append(item)
        outer.append((-1, 0, 0, None))  # a sentinel: every name has a next one
        items = []
        for (start, minus_end, priority, payload), following in pairwise(outer):
            end = -minus_end
            name = folded[start:end] if folded else fold(run[start:end])
            if priority == 1 and name.rstrip(".") in not_places:
                continue  # words that are never places here (months, weekdays)
            qualifier = None
            if priority == 1 and following[2] == 1 and 0 <= following[0] - end <= 6:
                qualifier = self._qualifier(run, end, following)
            glued = run[end : end + 1] == "-" and following[0] != end + 1
            items.append((start, end, (priority, payload, qualifier), name, glued))
        return tuple(items)

    def _upper_spelling(self, number: int, surface: str) -> bool:
        """Whether a name in capitals is written so in the gazetteer ("USA"), unlike an acronym."""
        if (number, surface) not in self._upper:
            rows = (self.gazetteer.row(i) for i, _ in self.gazetteer.rows_of(number)[:50])
            self._upper[(number, surface)] = any(surface == row.name or surface in row.alt_names for row in rows)
        return self._upper[(number, surface)]

    def _senses(self, priority: int, payload) -> list[Sense]:
        """The senses of a name, made once and shared by every text and group that has it (a
        parse keeps what it says of them in its groups), with their rows' standings."""
        senses = self._senses_of.get((priority, payload))
        if senses is not None:
            return senses
        if len(self._senses_of) >= REMEMBERED_RUNS:  # bounded as the runs are
            self._senses_of = {}
        if priority == 0:
            senses = [Sense.curated(self.places[payload])]
        elif priority == 1:
            senses = self._row_senses(self.gazetteer.rows_of(payload), self.gazetteer.capitals)
        else:  # a name read by sound means its famous places only (``_romanised``)
            famous = self.gazetteer.famous
            rows = [row for row in self.gazetteer.rows_of(payload) if row[0] in famous]
            senses = self._row_senses(rows, self.gazetteer.capitals)
        self._senses_of[(priority, payload)] = senses
        return senses

    def _row_senses(self, rows: Sequence[tuple[int, int]], capitals: frozenset[int]) -> list[Sense]:
        """The senses of gazetteer rows given as (index, main), read off its columns."""
        _, lat, lon, countries, admin1, population, kinds, precision, _, fame, _ = self.gazetteer.columns
        read = [(i, countries[i], KINDS[kinds[i]], population[i], fame[i], bool(main)) for i, main in rows]
        return [
            Sense(None, i, main, base, country, admin1[i], kind, (lat[i], lon[i]), people, precision[i], i in capitals)
            for (i, country, kind, people, _, main), base in zip(read, standings(read, capitals), strict=True)
        ]

    def _qualifier(self, text: str, end: int, following: tuple) -> tuple[str, str] | None:
        """The area written right after a name ("Portland, Maine", "Paris in France"), if any."""
        if not _QUALIFIER_GAP.match(text[end : following[0]]):
            return None
        return self._area(following[3])

    def _area(self, number: int) -> tuple[str, str] | None:
        """The most populous country or admin area a name may mean, as (country, admin1)."""
        if number not in self._areas:  # read off the columns: "Washington" has 92 rows
            _, _, _, countries, admin1, population, kinds, *_ = self.gazetteer.columns
            areas = [i for i, _ in self.gazetteer.rows_of(number) if KINDS[kinds[i]] in ("country", "admin")]
            area = max(areas, key=population.__getitem__) if areas else None
            self._areas[number] = (countries[area], admin1[area]) if area is not None else None
        return self._areas[number]

    def _candidate(self, sense: Sense) -> Candidate:
        """A sense as the resolver chain gives places: from the curated place or the gazetteer row,
        remembered by row number (``candidate_from_row``'s own cache hashes the whole row)."""
        if sense.place is not None:
            return candidate_from_place(sense.place)
        made = self._candidates.get(sense.index)
        if made is None:
            if len(self._candidates) >= REMEMBERED_RUNS:  # bounded as the runs are
                self._candidates = {}
            made = self._candidates[sense.index] = candidate_from_row(self.gazetteer.row(sense.index))
        return made

    def _spelling(self, folded: str, name: str) -> bool:
        """Whether a folded name is a spelling of a place's ``name`` (``spelling_of``), remembered:
        difflib and the regular expressions it takes are a tenth of a compiled parse, and the
        same alternate names ("Kiev", "Bombay") come back text after text."""
        made = self._spellings.get((folded, name))
        if made is None:
            if len(self._spellings) >= REMEMBERED_RUNS:  # bounded as the runs are
                self._spellings = {}
            made = self._spellings[(folded, name)] = spelling_of(folded, fold(name), 0.7)
        return made

    def _place(self, g: Group, text: str) -> ParsedPlace:
        best, senses, scores = g.best, g.senses, g.scores
        assert best is not None  # only groups found to be places are placed
        ranked = sorted((k for k, s in enumerate(senses) if s is not best), key=lambda k: -scores[k])
        others = [senses[k] for k in ranked[:5]]
        candidate = self._candidate(best)
        evidence, confidence = g.evidence, g.confidence
        if evidence is not None:
            # What the resolver could not see: whether the name is a spelling of the place's main
            # one, whether it is a dateline's town (the first occurrence of a name opens it), and
            # whether a town is written as where someone lives (areas weigh it not at all).
            main = evidence.main or self._spelling(g.folded, candidate.name)
            dateline = best.kind not in AREA_KINDS and any(
                text[s : s + 2].isupper() and traps.dateline(text, s, e) for s, e in g.spans
            )
            resident = not evidence.area and any(traps.resident(text, s, e) for s, e in g.spans[: traps.RESIDENT_READS])
            if main != evidence.main or dateline or resident:
                evidence = evidence._replace(main=main, dateline=dateline, resident=resident)
                confidence = calibrated(evidence)
        return ParsedPlace(
            id=candidate.key,
            name=candidate.name,
            alt_names=list(candidate.alt_names),
            kind=candidate.kind,
            lat=candidate.lat,
            lon=candidate.lon,
            coord_source=candidate.coord_source,
            precision_m=candidate.precision_m,
            matched=list(g.surfaces),
            spans=g.spans,
            confidence=confidence,
            country=candidate.country,
            admin1=candidate.admin1,
            alternatives=(self._candidate, others),
            evidence=evidence,
        )


_SAINT: Final = re.compile(r"\b(?:saint|sainte|ste|st)\b\.?")
_NOT_LETTERS: Final = re.compile(r"[\W_]+")


def spelling_of(name: str, main: str, alike: float = 1.0) -> bool:
    """Whether a folded alternate name is a spelling of the folded main name, not a name of its
    own: the same letters once "St."/"Saint" and punctuation are set aside ("St. Petersburg",
    "Saint Petersburg"), the main name's first words ("Gaza" for "Gaza City"), or, below an
    ``alike`` of 1, letters as alike as that (difflib's ratio: "Kiev" and "Kyiv", .75). Such a
    name stands alone as surely as the main name; a historic, foreign or joking name ("Motown"
    for Detroit, .46) does not."""
    a = _NOT_LETTERS.sub(" ", _SAINT.sub("st", name)).split()
    b = _NOT_LETTERS.sub(" ", _SAINT.sub("st", main)).split()
    if not a:
        return False
    if a == b or "".join(a) == "".join(b) or b[: len(a)] == a:
        return True
    return alike < 1.0 and SequenceMatcher(None, "".join(a), "".join(b)).ratio() >= alike


def forget_texts(gazetteer: Gazetteer) -> None:
    """Forget what texts parsed so far left in the caches a process shares between parsers: the
    verdicts on the words around names, the areas read off names' senses, the gazetteer rows
    built and their candidates. A new
    ``Geoparser`` remembers nothing of earlier texts itself; with this, neither does the process
    (``python -m evaluation`` times each pass so, as on texts it has never seen)."""
    traps.forget()
    disambiguation.forget()
    gazetteer.forget_rows()
    candidate_from_row.cache_clear()


def county_lists(text: str) -> list[tuple[int, int, str]]:
    """(start, end, " County" or " Parish") of each list of names before "counties" or
    "parishes", as ``_COUNTY_LIST.finditer`` over the whole text gives them.

    The pattern is tried only back from each such word, over the words a list is made of (each
    opens with a capital, or is "and"; the first may hold its capital further in): tried at every
    capital of a whole text, it was most of the time of a text that has the word.
    """
    found = []
    for start, end in sorted(_list_windows(text, "counties") + _list_windows(text, "parishes")):
        found += [
            (m.start(), m.end(), " County" if m.group(1) == "counties" else " Parish")
            for m in _COUNTY_LIST.finditer(text, start, end)
        ]
    return found


def _list_windows(text: str, word: str) -> list[tuple[int, int]]:
    windows = []
    at = text.find(" " + word)
    while at >= 0:
        end = at + 1 + len(word)
        if end == len(text) or not (text[end].isalnum() or text[end] == "_"):  # the pattern's \b
            start = at
            while True:
                cut = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
                token = text[cut + 1 : start]
                if text[cut : cut + 1] == " " and token and (token[0].isupper() or token in ("and", "or")):
                    start = cut  # a word of the list: read on before its space
                    continue
                if any("A" <= c <= "Z" for c in token):
                    start = cut + 1  # the first word of the list may open it inside ("(Kent", "theKent")
                else:
                    start = start + 1 if text[start : start + 1] == " " else start
                break
            windows.append((start, end))
        at = text.find(" " + word, end)
    return windows


def named_as(text: str, start: int, end: int, demonyms: dict[str, bool] | None = None) -> str:
    """How one mention names its place: through a demonym, as part of a longer name, or literally.

    ``demonyms`` may tell, of each way the place is written, whether it is a demonym.
    """
    surface = text[start:end]
    known = demonyms.get(surface) if demonyms else None
    if is_demonym(surface) if known is None else known:
        return "demonym"
    after = traps.word_after(text, end)
    return "associative" if after[:1].isupper() and after[1:2].islower() else "literal"


def spans(pieces: list[tuple[int, int, list[int]]]) -> list[list[int]]:
    """The spans of one group in text order, from its names' places in runs and the runs' starts.

    The names of a gazetteer group are one name, of one length: then sorting numbers does
    (sorting pairs is several times slower, with tens of thousands of them). ``geo.parsing._scan.spans``,
    when built, does it all in one pass.
    """
    lengths = {lend - lstart for lstart, lend, _ in pieces}
    if len(lengths) > 1:  # a curated place's names, of different lengths
        return sorted([s + lstart, s + lend] for lstart, lend, starts in pieces for s in starts)
    length = lengths.pop()
    firsts = [s for lstart, _, starts in pieces for s in map(lstart.__add__, starts)]
    if len(pieces) > 1:
        firsts.sort()
    return [[s, s + length] for s in firsts]


_spans: Final = compiled.spans if compiled else spans


def geoparse(
    text: str,
    *,
    atlas_places: Iterable[Place] = (),
    gazetteer: Gazetteer | None = None,
    article_date: dt.date | None = None,
    language: str | None = None,
) -> ParseResult:
    """The places and event dates of a text. For many texts, build one ``Geoparser`` instead."""
    return Geoparser(atlas_places, gazetteer).parse(text, article_date=article_date, language=language)


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
