"""The gazetteer's names, found a word at a time: the longest whole-word name at each place
one can start, left to right, none overlapping."""

from __future__ import annotations

import random

from geo.model.names import fold_cased
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.nametable import NameTable, prefixes

NAMES = ["New York", "New York Mills", "York", "Bel", "Bel Air", "Winston-Salem", "Salem", "St. Louis", "Paris"]


def table(names: list[str] = NAMES) -> NameTable:
    folded = [fold_cased(n) for n in names]
    return NameTable(folded, prefixes(folded))


def found(text: str, names: list[str] = NAMES) -> list[str]:
    return [text[s:e] for s, e, _ in table(names).scan(text, fold_cased(text))]


def test_the_longest_name_starting_at_a_place_wins_and_the_next_is_looked_for_after_it():
    assert found("New York Mills and New York, then York") == ["New York Mills", "New York", "York"]
    assert found("Winston-Salem") == ["Winston-Salem"]
    assert found("Winston Salem") == ["Salem"]


def test_a_name_ends_where_a_word_does():
    assert found("Parisian Bel Airx") == ["Bel"]  # "Paris" and "Bel Air" end inside a word
    assert found("St. Louis, St Louis") == ["St. Louis"]


def test_names_hold_no_line_break():
    assert found("New\nYork") == ["York"]


def test_accents_and_the_numbers_of_names():
    t = table()
    assert t.number("new york") is None  # capitals are kept
    assert t.number("  New York ") == NAMES.index("New York")
    assert found("Pâris") == ["Pâris"]


def test_it_finds_what_every_name_tried_at_every_place_finds():
    """Against the slow definition, on random texts of the pieces names are made of."""
    rng = random.Random(7)
    names = ["A", "A B", "A B C", "B", "B-C", "C D", "A.", "A. B", "D", "Ab", "B C D E"]
    pieces = ["A", "B", "C", "D", "Ab", "x", " ", " ", "-", ".", ", ", "\n", "É"]
    t = table(names)
    folded = {fold_cased(n): i for i, n in enumerate(names)}
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        cased = fold_cased(text)
        expected, i = [], 0
        while i < len(text):
            starts = text[i] not in " \n" and (i == 0 or not text[i - 1].isalnum())
            ends = [e for e in range(i + 1, len(text) + 1) if e == len(text) or not text[e].isalnum()]
            hits = [e for e in ends if cased[i:e] in folded and "\n" not in text[i:e]] if starts else []
            if hits:
                expected.append((i, max(hits), folded[cased[i : max(hits)]]))
                i = max(hits)
            else:
                i += 1
        assert t.scan(text, cased) == expected, repr(text)


def test_the_gazetteer_finds_its_own_names():
    gazetteer = load_gazetteer()
    text = "Kuala Lumpur, Rio de Janeiro and Paris"
    hits = gazetteer.index.scan(text, fold_cased(text))
    assert [text[s:e] for s, e, _ in hits] == ["Kuala Lumpur", "Rio de Janeiro", "Paris"]
    assert gazetteer.index.number("Kuala Lumpur") == hits[0][2]
