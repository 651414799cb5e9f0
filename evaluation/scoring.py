"""Scoring resolved places (ours) and found names (geotext) against the annotations.

Annotations list, per text, every town, city or curated site the text names as a place,
by id (``geonames-<id>`` or the curated id). Countries and administrative areas are left
out, and so are streets, rivers and landmarks, which no offline gazetteer here holds.

- **Ours** is scored on resolved places: a place counts as found only with the right id,
  so Springfield, Massachusetts, for Springfield, Illinois is a false positive *and* a
  false negative.
- **geotext** only finds names, with no id. A name it reports counts as found when it
  equals (accents and case aside) a name of an expected place of that text not already
  matched; any other name is a false positive. This is lenient: "Paris" is right for
  Paris, Texas, whichever Paris geotext meant.

Both are micro-averaged: true and false positives and negatives summed over all texts.

The public corpora (``evaluation.corpora``) are also scored on what the map draws as fact
(``Dots``, the benchmarks README's "Dots") and on whether confidence means what it says
(``Reliability``): the verdict on each found mention is ``verdicts``'.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geotext import GeoText

from geo.model.distance import km
from geo.model.models import Place
from geo.model.names import fold
from geo.parsing.gazetteer import Gazetteer
from geo.parsing.geoparse import Geoparser

ROOT = Path(__file__).resolve().parent
#: The sets, each a folder of texts with its ``annotations.json`` (see the package's docstring).
SETS = {"main": ROOT, "held-out": ROOT / "heldout", "fresh": ROOT / "fresh"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Case:
    """One annotated text."""

    name: str
    text: str
    expected: dict[str, str]  # id → readable name


def load_set(folder: Path) -> list[Case]:
    """The texts of a folder (``*.txt`` there or in ``texts/``) with their annotations."""
    annotations = json.loads((folder / "annotations.json").read_text(encoding="utf-8"))
    files = sorted([*folder.glob("*.txt"), *folder.glob("texts/*.txt")])
    return [
        Case(f.stem, f.read_text(encoding="utf-8"), {a["id"]: a["name"] for a in annotations[f.stem]}) for f in files
    ]


def score_ours(case: Case, parser: Geoparser) -> tuple[Score, list[str], list[str]]:
    """Score and the wrong ids (false positives) and missed names (false negatives)."""
    found = {p.id: f"{p.name} ({p.country})" for p in parser.parse(case.text).sites}
    wrong = [name for pid, name in found.items() if pid not in case.expected]
    missed = [name for pid, name in case.expected.items() if pid not in found]
    return Score(len(found) - len(wrong), len(wrong), len(missed)), wrong, missed


def expected_names(case: Case, gazetteer: Gazetteer, places: dict[str, Place]) -> dict[str, set[str]]:
    """Every name (folded) of each expected place, for matching geotext's names."""
    names: dict[str, set[str]] = {}
    for pid in case.expected:
        if pid in places:
            spellings = places[pid].names
        else:
            row = next(r for r, _ in gazetteer.lookup(case.expected[pid].split(",")[0]) if r.place_id == pid)
            spellings = (row.name, *row.alt_names)
        names[pid] = {fold(n) for n in spellings}
    return names


def score_geotext(case: Case, gazetteer: Gazetteer, places: dict[str, Place]) -> tuple[Score, list[str], list[str]]:
    names = expected_names(case, gazetteer, places)
    unmatched = dict(names)
    wrong = []
    for city in dict.fromkeys(GeoText(case.text).cities):
        pid = next((p for p, spellings in unmatched.items() if fold(city) in spellings), None)
        if pid is None:
            if not any(fold(city) in s for s in names.values()):
                wrong.append(city)
            continue
        del unmatched[pid]
    missed = [case.expected[pid] for pid in unmatched]
    return Score(len(names) - len(unmatched), len(wrong), len(missed)), wrong, missed


#: A dot is right within this many km of its gold point (acc@161's radius).
RIGHT_KM = 161.0
#: The lower bounds of the reliability table's confidence bins (the last runs to 1 inclusive):
#: finer at the top, where ``confirmed`` is decided.
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95)


def verdicts(predicted: Sequence[tuple], gold: Sequence[tuple], pairs: Sequence[tuple[int, int]]) -> list[bool | None]:
    """Per predicted mention (``(start, end, point, is_site, …)``), whether it is right: matched
    (``pairs``: predicted index, gold index) to a gold toponym whose point lies within
    ``RIGHT_KM`` of its own. Unmatched, or placed farther, it is wrong; matched to a gold toponym
    without a point, or itself without one, it counts neither way (None)."""
    out: list[bool | None] = [False] * len(predicted)
    for i, j in pairs:
        g, p = gold[j][2], predicted[i][2]
        out[i] = None if g is None or p is None else km(p, g) < RIGHT_KM
    return out


def confirmed(mention: tuple) -> bool:
    """Whether the map draws a predicted mention as a fact: its ``confirmed`` (the fifth item),
    or, for a system that says nothing of it (geotext), every town or site it finds."""
    return bool(mention[4]) if len(mention) > 4 else bool(mention[3])


@dataclass
class Dots:
    """What the map draws as fact: confirmed mentions of towns and sites with a point (the
    benchmarks README's "Dots"). A map is publishable only where ``precision`` is very high,
    and of use only with many ``right`` dots: both are read together."""

    dots: int = 0
    right: int = 0

    def add(self, predicted: Sequence[tuple], judged: Sequence[bool | None]) -> None:
        for mention, verdict in zip(predicted, judged, strict=True):
            if mention[3] and mention[2] is not None and confirmed(mention) and verdict is not None:
                self.dots += 1
                self.right += verdict

    @property
    def precision(self) -> float:
        return self.right / self.dots if self.dots else 0.0


@dataclass
class Reliability:
    """Found mentions by confidence (the sixth item of a mention), against the share right: a
    calibrated confidence of .9 is right nine times in ten. Mentions judged neither way are
    left out; ``sites`` counts the towns and sites (what can become dots) apart."""

    n: list[int] = field(default_factory=lambda: [0] * len(BINS))
    right: list[int] = field(default_factory=lambda: [0] * len(BINS))
    sites: list[int] = field(default_factory=lambda: [0] * len(BINS))
    sites_right: list[int] = field(default_factory=lambda: [0] * len(BINS))

    def add(self, predicted: Sequence[tuple], judged: Sequence[bool | None]) -> None:
        for mention, verdict in zip(predicted, judged, strict=True):
            if verdict is None or len(mention) < 6:
                continue
            k = max(0, bisect_right(BINS, mention[5]) - 1)
            self.n[k] += 1
            self.right[k] += verdict
            if mention[3]:
                self.sites[k] += 1
                self.sites_right[k] += verdict

    def at_least(self, confidence: float, sites: bool = False) -> tuple[int, float]:
        """How many mentions have at least this confidence (a bin's lower bound), and the share right."""
        n, right = (self.sites, self.sites_right) if sites else (self.n, self.right)
        ks = [k for k, lo in enumerate(BINS) if lo >= confidence]
        total = sum(n[k] for k in ks)
        return total, sum(right[k] for k in ks) / total if total else 0.0

    def rows(self) -> list[tuple[float, float, int, float, int, float]]:
        """Per bin: its bounds, mentions and share right, towns and sites and their share right."""
        bounds = [*BINS[1:], 1.0]
        return [
            (
                lo,
                hi,
                self.n[k],
                self.right[k] / self.n[k] if self.n[k] else 0.0,
                self.sites[k],
                self.sites_right[k] / self.sites[k] if self.sites[k] else 0.0,
            )
            for k, (lo, hi) in enumerate(zip(BINS, bounds, strict=True))
        ]
