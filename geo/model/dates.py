"""Explicit calendar dates written in a text ("December 3 and 7, 2022", "12 December 2022", "3
декабря 2022 года", "2022 թ. դեկտեմբերի 3-ին", "3 dekabr 2022-ci il", "3 décembre 2022"), and the
one way a person gives the atlas a date: YYYY-MM-DD.

Validation uses this to check that an event's date is one the article really states.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
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
#: The months as the other languages the atlas reads write them in a date: Russian in the genitive
#: ("3 декабря"), Armenian in the genitive ("դեկտեմբերի 3-ին"), Azerbaijani bare ("3 dekabr"; its
#: genitive "dekabrın" is made below), French with and without accents (typed on an English keyboard).
_RUSSIAN = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
_ARMENIAN = "հունվարի փետրվարի մարտի ապրիլի մայիսի հունիսի հուլիսի օգոստոսի սեպտեմբերի հոկտեմբերի նոյեմբերի դեկտեմբերի"
_AZERBAIJANI = "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr"
_FRENCH = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
_FRENCH_PLAIN = "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre"
FOREIGN_MONTHS = {
    name: number
    for names in (_RUSSIAN, _ARMENIAN, _AZERBAIJANI, _FRENCH, _FRENCH_PLAIN)
    for number, name in enumerate(names.split(), start=1)
}


def _alternatives(names: Iterable[str]) -> str:
    """A regular expression's alternatives, the longest first so none stops at a shorter one's end."""
    return "|".join(sorted(set(names), key=len, reverse=True))


#: The languages that write the day first ("3 декабря", "3 dekabr", "3 décembre"; "may" left to the
#: English patterns, which find it) and those that write the month first, in the genitive
#: ("դեկտեմբերի 3-ին", "dekabrın 3-də").
DAY_FIRST_MONTHS = _alternatives(
    name for names in (_RUSSIAN, _AZERBAIJANI, _FRENCH, _FRENCH_PLAIN) for name in names.split() if name not in MONTHS
)
MONTH_FIRST_MONTHS = _alternatives(
    [*_ARMENIAN.split(), *(f"{name}{end}" for name in _AZERBAIJANI.split() for end in ("ın", "in", "un", "ün"))]
)
#: A day's ending in each language: "3-го", "1er", "3-ին", "3-də", "3-cü".
DAY_ENDING = r"(?:-?го|-?е|er|-ին|-ը|-ից|-?(?:d[aə]n?|[iıuü]|ncı|nci|ncu|ncü|c[iıuü]))?"
_FDAYS = rf"(?P<days>\d{{1,2}}{DAY_ENDING}(?:(?:\s*,\s*|\s+(?:и|et|və|և)\s+|\s*[-–]\s*)\d{{1,2}}{DAY_ENDING})*)"
#: A year's word after it: "2022 года", "2022 г.", "2022-ci il", "2022-ci ildə".
_YEAR_WORD = r"(?:\s+года|\s+г\.|-?c[iıuü]\s+il(?:də|in)?\b)?"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAYS = r"(?P<days>\d{1,2}(?:(?:st|nd|rd|th)?(?:\s*,\s*|\s+and\s+|\s*-\s*|\s*–\s*)\d{1,2})*)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_SHAPES = [
    rf"\b{_MONTH}\s+{_DAYS}\s*,?\s+{_YEAR}\b",
    rf"\b{_DAYS}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b",
    r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b",
    # "3 декабря 2022 года", "3 dekabr 2022-ci il", "3 décembre 2022"
    rf"\b{_FDAYS}\s+(?P<month>{DAY_FIRST_MONTHS})\s+{_YEAR}{_YEAR_WORD}",
    # "2022 թ. դեկտեմբերի 3-ին", "2022-ci il dekabrın 3-də"
    rf"\b{_YEAR}(?:\s*թ\.|\s+թվականի|-?c[iıuü]\s+il(?:in)?)\s+(?P<month>{MONTH_FIRST_MONTHS})\s+{_FDAYS}",
]
#: The shapes, matched against text lowered first (``lowered``): ``re.IGNORECASE`` makes ``re``
#: several times slower.
_LOWERED = [re.compile(shape) for shape in _SHAPES]
#: The letters ``re.IGNORECASE`` matches with one of the patterns' (here and in
#: ``geo.parsing.eventdates``) that ``str.lower`` does not make it: "ſ" an "s", "İ" and "ı" an "i",
#: old Cyrillic "ᲀ" a "в". Mapped first, lowering a text matches as the case-blind patterns would;
#: "İ", the one letter that lowers to two, goes first, so the offsets stay.
CASE_BLIND = {"İ": "i", "ı": "i", "ſ": "s", "ᲀ": "в", "ᲁ": "д", "ᲂ": "о", "ᲃ": "с", "ᲄ": "т", "ᲅ": "т"}
_CASE_BLIND_LETTERS = re.compile(f"[{''.join(CASE_BLIND)}]")


def lowered(text: str) -> str:
    """The text as the lowered patterns read it, as long as the text (``CASE_BLIND``). Most texts
    have none of those letters: looking for them costs a tenth of translating every character."""
    if not text.isascii() and _CASE_BLIND_LETTERS.search(text):
        text = _CASE_BLIND_LETTERS.sub(lambda m: CASE_BLIND[m.group(0)], text)
    return text.lower()


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
    haystack = lowered(text)  # as long as the text: every offset stays
    for pattern in _LOWERED:
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
    month, year = month_number(groups["month"]), int(groups["year"])
    for day in re.findall(r"\d{1,2}", groups["days"]):
        try:
            yield dt.date(year, month, int(day))
        except ValueError:
            continue


def month_number(name: str) -> int:
    """A month's number from its name in any language the atlas reads, in any case: "İyun"
    lowers to an i with a dot above, "dekabrın" is "dekabr" in the genitive."""
    key = name.lower().replace("\u0307", "").rstrip(".")
    return MONTHS.get(key) or FOREIGN_MONTHS.get(key) or FOREIGN_MONTHS[key[:-2]]
