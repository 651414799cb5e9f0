"""Finding names in text: folding spellings together and multi-pattern matching.

Folding keeps one character for one character, so a match in the folded text has the
same offsets in the original — spans stay exact without a second pass.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
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
    """An Aho–Corasick automaton over folded names: one pass finds every name at once."""

    def __init__(self, entries: Iterable[tuple[str, str]]):
        """``entries`` are (name, key) pairs; one name may belong to several keys."""
        self._automaton = ahocorasick.Automaton()
        by_folded: dict[str, list[tuple[str, str]]] = {}
        for name, key in entries:
            folded = fold(name.strip())
            if folded:
                by_folded.setdefault(folded, []).append((key, name.strip()))
        for folded, owners in by_folded.items():
            self._automaton.add_word(folded, (len(folded), tuple(owners)))
        if by_folded:
            self._automaton.make_automaton()
        self._empty = not by_folded

    def find_all(self, text: str, *, capitalised: bool = True) -> Iterator[Match]:
        """Every whole-word occurrence of every name, overlaps included.

        With ``capitalised``, a name written with a capital must be written with one in
        the text too, so "turkey" the bird or "nice" the word are not places.
        """
        if self._empty:
            return
        folded = fold(text)
        for last, (length, owners) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not is_boundary(text, start, end):
                continue
            for key, name in owners:
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
