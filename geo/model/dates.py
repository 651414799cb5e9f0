"""Explicit calendar dates written in a text ("December 3 and 7, 2022", "12 December 2022"), and
the one way a person gives the atlas a date: YYYY-MM-DD.

Validation uses this to check that an event's date is one the article really states.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAYS = r"(?P<days>\d{1,2}(?:(?:st|nd|rd|th)?(?:\s*,\s*|\s+and\s+|\s*-\s*|\s*–\s*)\d{1,2})*)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_SHAPES = [
    rf"\b{_MONTH}\s+{_DAYS}\s*,?\s+{_YEAR}\b",
    rf"\b{_DAYS}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b",
    r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
]
PATTERNS = [re.compile(shape, re.IGNORECASE) for shape in _SHAPES]
#: The same, for ASCII text lowered first: ``re.IGNORECASE`` makes ``re`` several times slower.
_LOWERED = [re.compile(shape) for shape in _SHAPES]


#: A date as a form, a flag or an address gives it. Not Unix seconds ("86400"), which pydantic
#: would read, nor the other ISO shapes ("20221220", "2022-W50-2") Python's fromisoformat reads.
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_written(value: str) -> str:
    """The value trimmed, if it is written YYYY-MM-DD (whether that day exists is for the reader of
    it to say); otherwise a ValueError that quotes it."""
    text = value.strip()
    if not ISO_DAY.fullmatch(text):
        raise ValueError(f"{text[:40]!r} is not a date written as YYYY-MM-DD")
    return text


def iso_day(value: str) -> dt.date:
    """A day written YYYY-MM-DD, blanks around it aside; anything else is a ValueError."""
    return dt.date.fromisoformat(day_written(value))


class DateMention(NamedTuple):
    """A date stated in a text, where it is written."""

    date: dt.date
    start: int
    end: int
    text: str


def find_dates(text: str) -> Iterator[DateMention]:
    """Every explicit date; "December 3 and 7, 2022" gives two, with the same span."""
    lowered = text.isascii()  # then lowering keeps every offset
    haystack = text.lower() if lowered else text
    for pattern in _LOWERED if lowered else PATTERNS:
        for m in pattern.finditer(haystack):
            for day in _dates(m):
                yield DateMention(day, m.start(), m.end(), text[m.start() : m.end()])


def _dates(m: re.Match) -> Iterator[dt.date]:
    groups = m.groupdict()
    if groups.get("iso"):
        try:
            yield dt.date.fromisoformat(groups["iso"])
        except ValueError:
            return
        return
    month, year = MONTHS[groups["month"].lower()], int(groups["year"])
    for day in re.findall(r"\d{1,2}", groups["days"]):
        try:
            yield dt.date(year, month, int(day))
        except ValueError:
            continue
