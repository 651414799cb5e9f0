"""The dates of events a text reports, resolved against the article's own date.

``dateparser.search_dates`` is slow and finds dates in words like "may" or "second", so a
regular-expression pass picks the date-like phrases first: explicit dates come from
``geo.model.dates``; phrases that need the article's date ("on Tuesday", "since December 12",
"yesterday") are handed to dateparser one by one, with the article's date as the base and
past dates preferred, as news reports what happened. Vague spans ("last week", "earlier this
month", "last month") are worked out here as ranges: a week is not one of its days.

In a text in another language the atlas reads, a day without a year ("7-го декабря", "դեկտեմբերի
10-ին", "10 dekabrda", "le 10 décembre"), the words for yesterday and today ("вчера", "երեկ",
"dünən", "hier"), so many days ago ("3 дня назад"), weekdays ("в понедельник", "lundi") and vague
spans ("на прошлой неделе", "keçən həftə") are worked out here too, from the article's date as the
English ones are.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from itertools import accumulate
from typing import NamedTuple

from geo.model.dates import (
    DAY_ENDING,
    DAY_FIRST_MONTHS,
    FOREIGN_MONTHS,
    MONTH_FIRST_MONTHS,
    MONTHS,
    find_dates,
    lowered,
    month_number,
)
from geo.parsing.language import detect_language
from geo.parsing.runs import compiled

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_OPENINGS = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"  # of every month name geo.model.dates knows
#: What every date of ``geo.model.dates`` holds: a month then a day, a day then a month, or an ISO date.
#: Matched against lowercased text (``geo.model.dates.lowered``), as ``re.IGNORECASE`` is several
#: times slower: in Armenian news, where nearly every year has its word after it, a tenth of a parse.
#: And those of the other languages: a day before a month's opening ("3 декабря", "3-го декабря"), a year
#: before its word ("2022 թ.", "2022-ci il"), a month's opening before a day ("դեկտեմբերի 3").
_FOREIGN_OPENINGS = "|".join(sorted({re.escape(name[:3]) for name in FOREIGN_MONTHS}))
_SHAPE = (
    rf"{_OPENINGS}\w*\.?\s+\d|\d\w*\s+(?:of\s+)?{_OPENINGS}|\d-\d"
    rf"|\d\S*\s+(?:{_FOREIGN_OPENINGS})|\d\s*թ|\d-?c[iıuü]\s+il|(?:{_FOREIGN_OPENINGS})\w*\s+\d"
)
_DATE_SHAPE = re.compile(_SHAPE)
_MONTH_DAY = rf"(?:{_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH})\b"
#: A weekday written just before a date is part of it, not a date of its own: "on Monday, December 5, 2022".
_DATE_AFTER_WEEKDAY = re.compile(rf",?\s+(?:{_MONTH_DAY}|\d{{4}}-\d{{2}}-\d{{2}}\b)", re.IGNORECASE)
#: Matched against the lowered text (``lowered``: as long as the text, so its offsets hold), as
#: ``re.IGNORECASE`` took two and a half times as long: tried at every word of a text, it was a
#: third of finding an English article's dates.
RELATIVE = re.compile(
    rf"\b{_MONTH_DAY}"
    rf"|\b(?:on|last|this|since|by|until|from)\s+(?P<weekday>{'|'.join(WEEKDAYS)})\b"
    r"|\b(?P<vague>earlier\s+this\s+(?:week|month|year)|(?:last|this|past)\s+(?:week|month|year)"
    r"|(?:in\s+)?recent\s+(?:days|weeks))\b"
    r"|\b(?:yesterday|today|\d{1,2}\s+days\s+ago)\b"
)
#: A day and month without a year in the other languages ("7-го декабря", "դեկտեմբերի 10-ին", "10
#: dekabrda", "le 10 décembre"): the latest such day up to the article, as "December 12" in English.
_FOREIGN_DAYS = rf"\d{{1,2}}{DAY_ENDING}(?:(?:\s*,\s*|\s+(?:и|et|və|և)\s+)\d{{1,2}}{DAY_ENDING})*"
FOREIGN_DAY = re.compile(
    rf"(?<!\w)(?:(?:le\s+)?(?P<day>{_FOREIGN_DAYS})\s+(?P<month>{DAY_FIRST_MONTHS})(?:d[aə]n?)?"
    rf"|(?P<genitive>{MONTH_FIRST_MONTHS})\s+(?P<day_after>{_FOREIGN_DAYS}))(?!\w)",
    re.IGNORECASE,
)
#: The other languages' words for yesterday, today and the day before yesterday, with how many days
#: back from the article each is ("bu gün" is two words in Azerbaijani).
DAYS_BACK = {
    "вчера": 1, "сегодня": 0, "позавчера": 2,
    "երեկ": 1, "այսօր": 0,
    "dünən": 1, "bu gün": 0, "bugün": 0, "srağagün": 2,
    "hier": 1, "aujourd'hui": 0, "aujourd’hui": 0, "avant-hier": 2,
}  # fmt: skip
#: Their weekdays as news writes them, Monday first: the latest such day up to the article, as "on
#: Tuesday". Russian with its preposition; the Armenian and Azerbaijani words that also mean "week"
#: or "market" (շաբաթ, bazar) only with "օրը" or "günü" (day).
WEEKDAY_WORDS = {
    phrase: number
    for number, phrases in enumerate(
        [
            "в понедельник|lundi|երկուշաբթի|bazar ertəsi",
            "во вторник|mardi|երեքշաբթի|çərşənbə axşamı",
            "в среду|mercredi|չորեքշաբթի|çərşənbə günü",
            "в четверг|jeudi|հինգշաբթի|cümə axşamı",
            "в пятницу|vendredi|ուրբաթ|cümə günü",
            "в субботу|samedi|շաբաթ օրը|şənbə",
            "в воскресенье|dimanche|կիրակի|bazar günü",
        ]
    )
    for phrase in phrases.split("|")
}
#: Their vague spans, as the English phrase ``vague_span`` works out.
VAGUE_WORDS = {
    "на прошлой неделе": "last week", "на этой неделе": "this week", "в прошлом месяце": "last month",
    "в этом месяце": "this month", "в прошлом году": "last year",
    "անցյալ շաբաթ": "last week", "այս շաբաթ": "this week", "անցյալ ամիս": "last month", "անցյալ տարի": "last year",
    "keçən həftə": "last week", "bu həftə": "this week", "keçən ay": "last month", "keçən il": "last year",
    "la semaine dernière": "last week", "cette semaine": "this week", "le mois dernier": "last month",
    "l'année dernière": "last year", "l’année dernière": "last year",
}  # fmt: skip
#: "N days ago" in each: "3 дня назад", "il y a 3 jours", "3 gün əvvəl", "3 օր առաջ".
FOREIGN_DAYS_AGO = re.compile(
    r"(?<!\w)(?:(?P<ru>\d{1,2})\s+(?:день|дня|дней)\s+назад|il\s+y\s+a\s+(?P<fr>\d{1,2})\s+jours?"
    r"|(?P<az>\d{1,2})\s+gün\s+(?:əvvəl|öncə)|(?P<hy>\d{1,2})\s+օր\s+առաջ)(?!\w)",
    re.IGNORECASE,
)
FOREIGN_WORDS = re.compile(
    r"(?<!\w)(?:"
    + "|".join(sorted(map(re.escape, {**DAYS_BACK, **WEEKDAY_WORDS, **VAGUE_WORDS}), key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


class EventDate(NamedTuple):
    """A date the text states or implies, where it is written, and whether it was worked out
    (a tuple: a long text has hundreds)."""

    date: dt.date
    start: int
    end: int
    text: str
    relative: bool = False
    #: The last day, for a vague span ("last week" is seven days, "earlier this month" up to the article).
    until: dt.date | None = None

    def as_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "span": [self.start, self.end],
            "text": self.text,
            "relative": self.relative,
        }


def find_event_dates(text: str, article_date: dt.date | None = None, language: str | None = None) -> list[EventDate]:
    """Explicit dates always; relative ones only when the article's date is known. ``language``
    is the text's as the parser reads it (given, or detected when None)."""
    found = [
        EventDate(d.date, d.start + offset, d.end + offset, d.text)
        for offset, part in _near_years(text)
        if _DATE_SHAPE.search(lowered(part))
        for d in find_dates(part)
    ]
    if article_date is not None:
        taken = sorted((d.start, d.end) for d in found)
        latest_end = list(accumulate((e for _, e in taken), max))  # spans overlap when dates share one
        resolved: dict[str, dt.date | None] = {}  # a phrase means the same date all through one text
        for m in RELATIVE.finditer(lowered(text)):
            if _stated_here(text, m, taken, latest_end):
                continue
            if m.group("weekday") and _DATE_AFTER_WEEKDAY.match(text, m.end()):
                continue
            written = text[m.start() : m.end()]
            if m.group("vague"):
                first, last = vague_span(m.group("vague"), article_date)
                found.append(EventDate(first, m.start(), m.end(), written, relative=True, until=last))
                continue
            phrase = m.group(0)
            if phrase not in resolved:
                resolved[phrase] = _resolve(m, article_date)
            day = resolved[phrase]
            if day is not None:
                found.append(EventDate(day, m.start(), m.end(), written, relative=True))
        found += _foreign(text, article_date, taken, latest_end, language or detect_language(text))
    return sorted(set(found), key=lambda d: (d.start, d.date))


def _stated_here(text: str, m: re.Match, taken: list[tuple[int, int]], latest_end: list[int]) -> bool:
    """Whether a relative phrase is part of an explicit date, or says how one just after it stands."""
    k = bisect_left(taken, (m.end(),)) - 1  # the last explicit date starting before m ends
    if k >= 0 and latest_end[k] > m.start():
        return True
    return bool(taken) and _explicit_next(text, m.end(), taken)


def _foreign(
    text: str, article_date: dt.date, taken: list[tuple[int, int]], latest_end: list[int], language: str
) -> list[EventDate]:
    """The other languages' days without a year, words for yesterday and today, weekdays and vague
    spans, worked out from the article's date here rather than by dateparser: their shapes are few
    and fixed, and dateparser would be asked in the language it was detected in, one phrase at a time."""
    found: list[EventDate] = []
    if language == "en":
        return found  # scanning a long English text for them costs a sixth more, for nothing
    for m in FOREIGN_DAY.finditer(text):
        if _stated_here(text, m, taken, latest_end):
            continue
        month = month_number(m.group("month") or m.group("genitive"))
        for number in re.findall(r"\d{1,2}", m.group("day") or m.group("day_after")):  # "3 и 7 декабря": two
            day = latest_day(int(number), month, article_date)
            if day is not None:
                found.append(EventDate(day, m.start(), m.end(), m.group(0), relative=True))
    for m in FOREIGN_DAYS_AGO.finditer(text):
        if not _stated_here(text, m, taken, latest_end):
            back = int(next(n for n in m.groups() if n))
            found.append(EventDate(article_date - dt.timedelta(days=back), m.start(), m.end(), m.group(0), True))
    for m in FOREIGN_WORDS.finditer(text):
        if _stated_here(text, m, taken, latest_end):
            continue
        phrase = " ".join(m.group(0).lower().split())
        if phrase in VAGUE_WORDS:
            first, last = vague_span(VAGUE_WORDS[phrase], article_date)
            found.append(EventDate(first, m.start(), m.end(), m.group(0), relative=True, until=last))
            continue
        weekday = WEEKDAY_WORDS.get(phrase)  # as "on Tuesday": Tuesday's paper's own day, or the latest before
        back = DAYS_BACK[phrase] if weekday is None else (article_date.weekday() - weekday) % 7
        day = article_date - dt.timedelta(days=back)
        found.append(EventDate(day, m.start(), m.end(), m.group(0), relative=True))
    return found


def latest_day(day: int, month: int, article_date: dt.date) -> dt.date | None:
    """The latest day of this number and month up to the article's date ("7 December" in a February
    paper is last December's); None if no year has it (the 30th of February)."""
    for year in (article_date.year, article_date.year - 1, article_date.year - 2, article_date.year - 3):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= article_date:
            return candidate
    return None


#: What may stand between a relative word and the explicit date that says which day it is.
_BETWEEN = re.compile(r"[\s,(]*(?:(?:on|of)\s+)?")


def _explicit_next(text: str, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether an explicit date follows a relative phrase in the same breath: then that date is
    the event's, and the phrase only says how it stands to the article ("Yesterday February 17,
    2006, the WHO said …" is 2006-02-17, whenever the article was dated; "last month, on March 3,
    2022" is March 3)."""
    k = bisect_left(taken, (end,))
    if k == len(taken) or taken[k][0] - end > 8:
        return False
    between = _BETWEEN.match(text, end, taken[k][0])
    return between is not None and between.end() == taken[k][0]


#: How far past a year's first digit a date may run: "2022-12-10", "2022 թ. դեկտեմբերի 10-ին".
AFTER_YEAR = 32


def _near_years(text: str):
    """(offset, piece) of the text around each four-digit year, where every explicit date is.

    ``geo.model.dates`` runs three long patterns; over megabytes it pays to run them only here.
    """
    digits = _digits(text)
    end, found = -1, digits.find(b"0000")
    while found >= 0:
        if found >= end:
            cut = text.rfind(" ", max(0, found - 100), max(0, found - 60))
            start = cut + 1 if cut >= 0 else max(0, found - 60)
            end = found + AFTER_YEAR
            while (nxt := digits.find(b"0000", end, end + 60)) >= 0:
                end = nxt + AFTER_YEAR
            yield start, text[start:end]
        found = digits.find(b"0000", found + 4)  # one year after another, as re.finditer gives them


_DIGITS = bytes(b"0"[0] if 48 <= b <= 57 else b" "[0] for b in range(256))


def digits(text: str) -> bytes:
    """The text as bytes, one a character: "0" for an ASCII digit, a space for anything else.

    ``bytes.find`` looks for four digits in a row several times faster than ``re`` checks every
    character against a class, and a non-ASCII character becomes "?" first, keeping offsets.
    ``geo.parsing._scan.digits``, when built, does the same in one pass.
    """
    return text.encode("ascii", "replace").translate(_DIGITS)


_digits = compiled.digits if compiled else digits


def vague_span(phrase: str, article_date: dt.date) -> tuple[dt.date, dt.date]:
    """The days a vague phrase covers, as the article's date sees them; never past that date.

    "last week" is the Monday-to-Sunday week before the article's; "this week", "earlier this
    week" run from its Monday to the article's date; months and years likewise; "the past
    week" is the seven days up to the article; "recent days" three days, "recent weeks" three weeks.
    """
    words = phrase.lower().split()
    unit, day = words[-1], article_date
    if words[-2] == "recent":
        return day - dt.timedelta(days=3 if unit == "days" else 21), day
    if words[0] == "past":
        length = {"week": 7, "month": 30, "year": 365}[unit]
        return day - dt.timedelta(days=length - 1), day
    if unit == "week":
        monday = day - dt.timedelta(days=day.weekday())
        if words[0] == "last":
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        return monday, day
    if unit == "month":
        first = day.replace(day=1)
        if words[0] == "last":
            end = first - dt.timedelta(days=1)
            return end.replace(day=1), end
        return first, day
    first = day.replace(month=1, day=1)
    if words[0] == "last":
        return first.replace(year=first.year - 1), first - dt.timedelta(days=1)
    return first, day


def _resolve(m: re.Match, article_date: dt.date) -> dt.date | None:
    weekday = m.group("weekday")
    if weekday:
        # "on Tuesday" in Tuesday's paper is that day; otherwise the latest Tuesday before it.
        back = (article_date.weekday() - WEEKDAYS.index(weekday)) % 7
        return article_date - dt.timedelta(days=back)
    day = _worked_out(m.group(0), article_date)
    if day is not None:
        return day
    import dateparser  # slow to import; only texts with relative dates pay for it

    settings = {"RELATIVE_BASE": dt.datetime.combine(article_date, dt.time()), "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(m.group(0), languages=["en"], settings=settings)
    return parsed.date() if parsed else None


_PLAIN_DAY = re.compile(
    r"(?:(?P<month>[a-z]+)\.?\s+(?P<day>\d\d?)(?:st|nd|rd|th)?|(?P<day_first>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month_after>[a-z]+)\.?)"
    r"|(?P<back>yesterday|today|(?P<days>\d\d?)\s+days\s+ago)"
)


def _worked_out(phrase: str, article_date: dt.date) -> dt.date | None:
    """The day dateparser gives for the commonest phrases, worked out here: a day every year has
    and a month ("9 January", "Sept. 3rd"), the latest up to the article's date; "yesterday",
    "today", "3 days ago". Asking dateparser took 1 ms a phrase, two thirds of geoparsing a news
    article. None for anything else (29 February, a 31st a month lacks, other digits or letters), which
    dateparser is asked; ``tests/test_eventdates.py`` checks the two agree."""
    m = _PLAIN_DAY.fullmatch(phrase.lower()) if phrase.isascii() else None
    if m is None:
        return None
    if m["back"]:
        back = {"yesterday": 1, "today": 0}.get(m["back"]) if m["days"] is None else int(m["days"])
        return article_date - dt.timedelta(days=back)
    day = int(m["day"] or m["day_first"])
    month = MONTHS.get(m["month"] or m["month_after"])
    every_year = month and 1 <= day <= (28 if month == 2 else calendar.monthrange(2001, month)[1])
    return latest_day(day, month, article_date) if every_year else None
