"""Finding names in text: folding spellings together and multi-pattern matching.

Folding keeps one character for one character, so a match in the folded text has the
same offsets in the original — spans stay exact without a second pass.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

_SPECIAL = {
    "ı": "i",
    "ə": "e",
    "Ə": "e",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ß": "s",
    "æ": "a",
    "Æ": "a",
    "œ": "o",
    "Œ": "o",
    "þ": "t",
    "ð": "d",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "`": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
}


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character folded to one character: no case, no accents, one dash, one quote."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = base.lower()
    return base if len(base) == 1 else char


def fold(text: str) -> str:
    """Fold a whole text; the result has exactly the length of ``text``."""
    table = {ord(c): fold_char(c) for c in set(text) if not c.isascii() or c == "`"}
    return text.translate(table).lower() if not table else _lower_ascii(text.translate(table))


def _lower_ascii(text: str) -> str:
    # str.lower() may change the length of non-ASCII text; after folding, only ASCII
    # letters are left to lower, and those never change length.
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower() if c.isascii() else c for c in text)


def is_boundary(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as whole words: no letter or digit touches it."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


@dataclass(frozen=True)
class Match:
    """A name found in a text; ``key`` says whose name it is."""

    start: int
    end: int
    text: str
    key: str
    name: str


class NameIndex:
    """An Aho–Corasick automaton over folded names: one pass finds every name at once.

    Each folded name has a number; ``owners[number]`` lists the (key, name) pairs it stands
    for. A large index (the gazetteer) may pass a prebuilt automaton and compute owners
    lazily instead of holding a million tuples.
    """

    def __init__(self, entries: Iterable[tuple[str, str]]):
        """``entries`` are (name, key) pairs; one name may belong to several keys."""
        by_folded: dict[str, list[tuple[str, str]]] = {}
        for name, key in entries:
            folded = fold(name.strip())
            if folded:
                by_folded.setdefault(folded, []).append((key, name.strip()))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, folded in enumerate(by_folded):
            automaton.add_word(folded, number)
        if by_folded:
            automaton.make_automaton()
        self._init(automaton, [len(f) for f in by_folded], [tuple(o) for o in by_folded.values()])

    @classmethod
    def prebuilt(cls, automaton: ahocorasick.Automaton, lengths: Sequence[int], owners: Sequence) -> NameIndex:
        """An index over an automaton whose values are name numbers (``STORE_INTS``)."""
        index = cls.__new__(cls)
        index._init(automaton, lengths, owners)
        return index

    def _init(self, automaton: ahocorasick.Automaton, lengths: Sequence[int], owners: Sequence) -> None:
        self._automaton, self._lengths, self._owners = automaton, lengths, owners
        self._empty = automaton.kind != ahocorasick.AHOCORASICK

    def number(self, name: str) -> int | None:
        """The number of a name (spelling and accents aside), or None if it is not indexed."""
        return None if self._empty else self._automaton.get(fold(name.strip()), None)

    def owners(self, number: int) -> tuple[tuple[str, str], ...]:
        """The (key, name) pairs a name number stands for."""
        return self._owners[number]

    def scan(self, text: str, folded: str | None = None) -> Iterator[tuple[int, int, int]]:
        """(start, end, name number) of every whole-word name; pass ``folded`` if already folded."""
        if self._empty:
            return
        lengths = self._lengths
        limit = len(text)
        for last, number in self._automaton.iter(fold(text) if folded is None else folded):
            end = last + 1
            start = end - lengths[number]
            if (start == 0 or not text[start - 1].isalnum()) and (end == limit or not text[end].isalnum()):
                yield start, end, number

    def find_all(self, text: str, *, capitalised: bool = True) -> Iterator[Match]:
        """Every whole-word occurrence of every name, overlaps included.

        With ``capitalised``, a name written with a capital must be written with one in
        the text too, so "turkey" the bird or "nice" the word are not places.
        """
        for start, end, number in self.scan(text):
            for key, name in self._owners[number]:
                if capitalised and name[:1].isupper() and not text[start].isupper():
                    continue
                yield Match(start, end, text[start:end], key, name)

    def find(self, text: str, *, capitalised: bool = True) -> list[tuple[Match, list[Match]]]:
        """Outermost matches, longest first, each with the other places' names nested in it."""
        matches = sorted(self.find_all(text, capitalised=capitalised), key=lambda m: (m.start, -(m.end - m.start)))
        result: list[tuple[Match, list[Match]]] = []
        for match in matches:
            if result and match.start < result[-1][0].end:
                outer, nested = result[-1]
                fresh = all(n.key != match.key or n.start != match.start for n in nested)
                if match.key != outer.key and match.end <= outer.end and fresh:
                    nested.append(match)
                continue
            result.append((match, []))
        return result
