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

from geo.model.fields import nfc

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


#: Up to this many distinct characters to fold, ``str.replace`` for each is faster than a table.
_REPLACEMENTS = 12


def _translate(text: str, fold_one) -> str:
    """Replace each non-ASCII character (and the backtick) by ``fold_one`` of it.

    News text holds a few distinct such characters; replacing each with ``str.replace``
    runs at C speed, where ``str.translate`` with a dict looks up every character. Text in another
    script holds dozens, and there the table is faster; but only the characters that fold to
    another count, and folded with their capitals kept, Armenian and Cyrillic letters are most
    of them themselves.
    """
    table = {}
    # the distinct characters first: a regular expression's list of every one, in a text of
    # another script, took longer than folding them
    for char in set(text) if not text.isascii() else ("`",) if "`" in text else ():
        if char < "\x80" and char != "`":
            continue
        folded = fold_one(char)
        if folded != char:  # an Armenian letter keeps its capital (``fold_cased``) and has no accent
            table[ord(char)] = folded
    if len(table) > _REPLACEMENTS:  # Cyrillic or Armenian text lowered: one pass through a table
        return text.translate(table)
    for code, folded in table.items():
        text = text.replace(chr(code), folded)
    return text


def fold(text: str) -> str:
    """Fold a whole text; the result has exactly the length of ``text``."""
    return _lower_ascii(_translate(text, fold_char))


def fold_cased(text: str) -> str:
    """Like ``fold`` but keeping capitals ("Kraków" → "Krakow", not "krakow").

    A case-sensitive index over such text never stops at lowercase words, which is most of
    a text: that is what keeps a scan over megabytes fast.
    """
    return _translate(text, _cased)


def fold_from_cased(cased: str) -> str:
    """``fold(text)`` from ``fold_cased(text)``, without folding the text a second time."""
    return _lower_ascii(cased)


def _cased(char: str) -> str:
    folded = fold_char(char)
    upper = folded.upper()
    return upper if char.isupper() and len(upper) == 1 else folded


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
    for. For the curated places and what the reader types; the gazetteer's third of a million
    names are a ``geo.parsing.nametable.NameTable``.
    """

    def __init__(self, entries: Iterable[tuple[str, str]], *, cased: bool = False):
        """``entries`` are (name, key) pairs; one name may belong to several keys.

        ``cased`` keeps capitals in the index (``fold_cased``): "Reading" then never matches
        "reading". Without it, ``find_all`` checks capitals after matching instead.
        """
        self._fold = fold_cased if cased else fold
        by_folded: dict[str, list[tuple[str, str]]] = {}
        for name, key in entries:
            folded = self._fold(nfc(name.strip()))
            if folded:
                by_folded.setdefault(folded, []).append((key, name.strip()))
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for number, folded in enumerate(by_folded):
            automaton.add_word(folded, number)
        if by_folded:
            automaton.make_automaton()
        self._automaton, self._lengths = automaton, [len(f) for f in by_folded]
        self._owners = [tuple(o) for o in by_folded.values()]
        self._empty = not by_folded

    def fold(self, text: str) -> str:
        """The text as this index matches it (``fold`` or ``fold_cased``), same length."""
        return self._fold(text)

    def number(self, name: str) -> int | None:
        """The number of a name (spelling and accents aside), or None if it is not indexed. The name is
        made NFC first: a name pasted decomposed ("Zu" and a combining diaeresis) is the same name."""
        return None if self._empty else self._automaton.get(self._fold(nfc(name.strip())), None)

    def owners(self, number: int) -> tuple[tuple[str, str], ...]:
        """The (key, name) pairs a name number stands for."""
        return self._owners[number]

    def scan(self, text: str, folded: str | None = None) -> list[tuple[int, int, int]]:
        """(start, end, name number) of every whole-word name; pass ``folded`` if already folded."""
        if self._empty:
            return []
        lengths, limit = self._lengths, len(text)
        folded = self._fold(text) if folded is None else folded
        hits = self._automaton.iter(folded)
        # One comprehension, not a loop: this runs once per name found in megabytes of text.
        return [
            (start, end, number)
            for last, number in hits
            if ((start := last + 1 - lengths[number]) == 0 or not text[start - 1].isalnum())
            and ((end := last + 1) == limit or not text[end].isalnum())
        ]

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
