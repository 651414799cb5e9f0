"""The gazetteer's third of a million names as a table, read a word at a time.

Each folded name has a number, its place in the table. ``scan`` finds, from each place a name
can start, the longest name that ends where a word does, and goes on after it. It reads word by
word while what it has read begins some name (``prefixes``: the parts of names that end where
a word does and that a longer name goes on from, "New" and "New York" of "New York Mills"), so
a word costs a look-up or two. An Aho–Corasick automaton over the same names took 69 MB and
walked them a letter at a time, most of a short article's parse.
"""

from __future__ import annotations

from geo.model.names import fold_cased


def prefixes(names: list[str]) -> list[str]:
    """Every part of a name ending where a word of it does (before a character that is no
    letter or digit), which the name goes on from: what ``NameTable.scan`` reads on through."""
    found: dict[str, None] = {}
    for name in names:
        for j in range(1, len(name)):
            if not name[j].isalnum():
                found[name[:j]] = None
    return list(found)


class NameTable:
    """Folded names (``fold_cased``, capitals kept), numbered in the order given."""

    def __init__(self, names: list[str], prefixes: list[str]):
        self._numbers: dict[str, int] = dict(zip(names, range(len(names)), strict=True))
        self._prefixes: frozenset[str] = frozenset(prefixes)

    def __len__(self) -> int:
        return len(self._numbers)

    def number(self, name: str) -> int | None:
        """The number of a name (spelling and accents aside), or None if it is not in the table."""
        return self._numbers.get(fold_cased(name.strip()))

    def scan(self, text: str, cased: str) -> list[tuple[int, int, int]]:
        """(start, end, name number) of the longest whole-word name at each place one can start,
        left to right, none overlapping; ``cased`` is the text as the table is folded (as long).

        A name starts where no letter or digit comes before, and ends before one that is no
        letter or digit (or at the end); names hold no line break, so lines are read apart.
        """
        numbers, parts = self._numbers, self._prefixes
        found: list[tuple[int, int, int]] = []
        n, i = len(text), 0
        while i < n:
            c = text[i]
            if c == " " or c == "\n" or (i > 0 and text[i - 1].isalnum()):
                i += 1
                continue
            best, number, j = -1, 0, i + 1
            while True:
                while j < n and text[j].isalnum():
                    j += 1
                key = cased[i:j]
                got = numbers.get(key)
                if got is not None:
                    best, number = j, got
                if j >= n or text[j] == "\n" or key not in parts:
                    break
                j += 1
            if best > 0:
                found.append((i, best, number))
                i = best
            else:
                i += 1
        return found

    def scan_forms(self, text: str, cased: str, forms: dict[str, tuple[str, ...]]) -> list[tuple[int, int, int]]:
        """``scan``, each word also read as the base forms ``forms`` gives it (``geo.parsing.inflection``):
        "Москве" as "Москва", "Նոր Երևանում" as "Նոր Երևան". A name's words are tried in every
        combination of their forms that some name begins with, the text's own first; the longest
        name wins, and its span is the words as the text writes them."""
        numbers, parts = self._numbers, self._prefixes
        found: list[tuple[int, int, int]] = []
        n, i = len(text), 0
        while i < n:
            c = text[i]
            if c == " " or c == "\n" or (i > 0 and text[i - 1].isalnum()):
                i += 1
                continue
            best, number, j, start = -1, 0, i + 1, i
            keys = [""]
            while True:
                while j < n and text[j].isalnum():
                    j += 1
                word = cased[start:j]
                going: list[str] = []
                for key in keys:
                    for form in forms.get(word, (word,)):
                        whole = key + form
                        got = numbers.get(whole)
                        if got is not None and best < j:
                            best, number = j, got
                        if whole in parts:
                            going.append(whole)
                if j >= n or text[j] == "\n" or not going:
                    break
                keys = [key + cased[j] for key in going]
                j += 1
                start = j
            if best > 0:
                found.append((i, best, number))
                i = best
            else:
                i += 1
        return found
