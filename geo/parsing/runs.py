"""Where names can be in a text, and the words around each: the two loops over a whole text.

A *run* is capitalised words (a capital of any script, not inside a word) joined by spaces,
dashes, apostrophes, full stops, commas, slashes or brackets and by the ``CONNECTORS``, with
a last full stop ("Springfield, Ill."); a name may also end with one of a few lowercase
*tails* ("Lachin road"). Names that open with a lowercase letter or a digit, or hold another
lowercase word, are in no run: English news writes place names with capitals. Only runs are
read for names, so the lowercase three quarters of a text are skipped.

``Runs.find`` gives each distinct run with where it starts; ``Runs.contexts`` gives, per run,
its starts grouped by what the words around them say (``geo.parsing.traps`` decides that, once per
distinct word). Both are written here in Python; ``geo/parsing/_scan.c`` does the same, compiled by
``make``, because at about a microsecond a name the Python loops were most of the time of a
multi-megabyte parse. Without a compiler everything works, more slowly.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

#: The ``API`` of ``geo/parsing/_scan.c`` this code calls; a build of an older file is not used.
API = 1

try:
    from geo.parsing import _scan as compiled  # type: ignore[attr-defined]  # built by make, or not
except ImportError:  # not built: the Python loops below do the same work
    compiled = None
if compiled is not None and getattr(compiled, "API", None) != API:
    warnings.warn(
        "geo/parsing/_scan.c changed since it was built; `make` builds it again. Python runs till then", stacklevel=1
    )
    compiled = None

#: Lowercase words between the capitalised words of one name: "Rio de Janeiro", "Côte d'Ivoire",
#: "Stratford-upon-Avon", "Bosnia and Herzegovina", "Paris in France" (a qualifier stays in its run).
_CONNECTOR_WORDS = """
    a al am an and au aux bei d da das de degli dei del della delle der des di do dos du e el en et i im in l la
    las le les los na nad o ob of on pod sa sous sur the upon y zu zum zur
"""
CONNECTORS = frozenset(_CONNECTOR_WORDS.split())
SEPARATORS = " \t\u00a0,./('`\u00b4\u2018\u2019\u02bc\u2010\u2011\u2012\u2013\u2014\u2212-"
#: Capitals are the uppercase letters below this code point (Latin, Greek, Cyrillic, …).
CAPITALS_BELOW = 0x2500
CAPITAL, SEPARATOR, WORD = 1, 2, 4

Starts = list[int]
Context = tuple[str, str, str, Starts]


class Plain(NamedTuple):
    """What ``contexts`` may take for granted: a lowercase ASCII word before a run (then a
    space) that is not in ``telling_before`` says ``before``; one after it (after a space) not
    in ``telling_after`` says ``after``. Most words are such, and the rules need not be asked.
    """

    telling_before: frozenset[str]
    before: str
    telling_after: frozenset[str]
    after: str


@lru_cache(maxsize=1)
def character_classes() -> bytes:
    """Per code point below ``CAPITALS_BELOW``: CAPITAL, SEPARATOR and WORD (``\\w`` of ``re``) bits."""
    return bytes(
        (CAPITAL if c.isupper() else 0)
        | (SEPARATOR if c in SEPARATORS else 0)
        | (WORD if c.isalnum() or c == "_" else 0)
        for c in map(chr, range(CAPITALS_BELOW))
    )


class Runs:
    """The runs of texts, for one set of tail words."""

    def __init__(self, tails: Iterable[str] = (), *, use_compiled: bool = True):
        self.tails = frozenset(tails)
        self.compiled = compiled if use_compiled else None
        self.pattern = _pattern(self.tails)
        self._tails_longest_first = tuple(sorted(self.tails, key=len, reverse=True))
        self._connectors_by_length = _by_length(CONNECTORS)

    def find(self, text: str) -> dict[str, Starts]:
        """Each distinct run, in order of its first start, with all its starts."""
        if self.compiled:
            return self.compiled.find(text, character_classes(), self._connectors_by_length, self._tails_longest_first)
        parts = self.pattern.split(text)  # [gap, run, gap, run, …, gap]
        found: dict[str, Starts] = {}
        start = 0
        for gap, run in zip(parts[0::2], parts[1::2], strict=False):
            start += len(gap)
            found.setdefault(run, []).append(start)
            start += len(run)
        return found

    def contexts(
        self,
        text: str,
        runs: list[tuple[str, Starts]],
        *,
        before: int,
        after: int,
        plain_before: Callable[[str], str | None],
        before_context: Callable[[str], str],
        after_context: Callable[[str], str],
        plain: Plain,
    ) -> list[Context]:
        """(run, what is before, what is after, starts) per run and distinct surroundings.

        For each start: the last word before it (back to the space before, within ``before``
        characters) goes to ``plain_before``; if that does not settle it (None), the text before
        goes to ``before_context``, from the second last word break (space or line break) or
        three characters before the last, whichever is earlier, within ``before`` characters:
        all that function reads. After it, up to the first space past the next word, within
        ``after`` characters, goes to ``after_context``. Each function is asked once per
        distinct argument, and gives a str (``plain_before`` may give None); the compiled
        loop asks none of them for the words ``plain`` covers.
        """
        if self.compiled:
            shortcut = (_by_length(plain.telling_before), plain.before, _by_length(plain.telling_after), plain.after)
            args = (before, after, plain_before, before_context, after_context, shortcut)
            return self.compiled.contexts(text, runs, *args)
        words: dict[str, str | None] = {}
        leads: dict[str, str] = {}
        tails: dict[str, str] = {}
        out: list[Context] = []
        for run, starts in runs:
            groups: dict[tuple[str, str], Starts] = {}
            for start in starts:
                lead = text[start - before if start > before else 0 : start]
                word = lead[lead.rfind(" ", 0, -1) + 1 :]
                said = words[word] if word in words else words.setdefault(word, plain_before(word))
                if said is None:
                    lead = lead[_lead_start(lead) :]
                    said = leads[lead] if lead in leads else leads.setdefault(lead, before_context(lead))
                stop = start + len(run)
                tail = text[stop : stop + after]
                cut = tail.find(" ", 1)
                tail = tail[:cut] if cut > 0 else tail
                tail = tails[tail] if tail in tails else tails.setdefault(tail, after_context(tail))
                groups.setdefault((said, tail), []).append(start)
            out += [(run, said, tail, where) for (said, tail), where in groups.items()]
        return out


@lru_cache(maxsize=16)
def _by_length(words: frozenset[str]) -> tuple[tuple[str, ...], ...]:
    """The words as ``geo.parsing._scan`` looks them up: at [n], those of n characters."""
    return tuple(tuple(sorted(w for w in words if len(w) == n)) for n in range(max(map(len, words), default=0) + 1))


def _lead_start(lead: str) -> int:
    """Where what ``before_context`` reads of a lead starts (see ``Runs.contexts``)."""
    last = max(lead.rfind(" ", 0, -1), lead.rfind("\n", 0, -1))
    earlier = max(lead.rfind(" ", 0, max(last, 0)), lead.rfind("\n", 0, max(last, 0))) if last >= 0 else -1
    return max(0, min(last - 3, earlier))


def _alternation(words: Iterable[str]) -> str:
    """Words as a regular expression branching on each letter: ``re`` tries plain alternatives one by one."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    branches = [re.escape(char) + _branches(rest) for char, rest in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=8)
def _pattern(tails: frozenset[str]) -> re.Pattern:
    """The runs as a pattern whose ``split`` gives [gap, run, gap, run, …, gap]."""
    upper = "".join(c for c in map(chr, range(CAPITALS_BELOW)) if c.isupper())
    capital = f"[{re.escape(upper)}]"
    rest, sep = r"\w*(?:['\u2019]\w+)*", f"[{re.escape(SEPARATORS)}]+"  # "Sana'a", "Xi'an"
    glue = f"(?:{sep}(?:{_alternation(CONNECTORS)}{sep})*{capital}{rest}"
    glue += f"|[ -]{_alternation(tails)}(?!\\w))" if tails else ")"
    return re.compile(f"({capital}(?<!\\w.){rest}{glue}*\\.?)")
