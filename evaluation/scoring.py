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
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from geotext import GeoText

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
