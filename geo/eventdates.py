"""The dates of events a text reports, resolved against the article's own date.

``dateparser.search_dates`` is slow and finds dates in words like "may" or "second", so a
regular-expression pass picks the date-like phrases first: explicit dates come from
``geo.dates``; phrases that need the article's date ("on Tuesday", "since December 12",
"yesterday", "last week") are handed to dateparser one by one, with the article's date as
the base and past dates preferred, as news reports what happened.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geo.dates import MONTHS, find_dates

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
#: Every month name ``geo.dates`` knows opens with one of these; ISO dates hold a dash instead.
_MONTH_HINT = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.IGNORECASE)
_YEAR = re.compile(r"[0-9][0-9]{3}")  # not \d{4}: a class first lets re skip to the digits, 3x faster
RELATIVE = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH})\b"
    rf"|\b(?:on|last|this|since|by|until|from)\s+(?P<weekday>{'|'.join(WEEKDAYS)})\b"
    r"|\b(?:yesterday|today|last\s+week|\d{1,2}\s+days\s+ago)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EventDate:
    """A date the text states or implies, where it is written, and whether it was worked out."""

    date: dt.date
    start: int
    end: int
    text: str
    relative: bool = False

    def as_json(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "span": [self.start, self.end],
            "text": self.text,
            "relative": self.relative,
        }


def find_event_dates(text: str, article_date: dt.date | None = None) -> list[EventDate]:
    """Explicit dates always; relative ones only when the article's date is known."""
    found = [
        EventDate(d.date, d.start + offset, d.end + offset, d.text)
        for offset, part in _near_years(text)
        if "-" in part or _MONTH_HINT.search(part)  # what every date of geo.dates holds
        for d in find_dates(part)
    ]
    taken = [(d.start, d.end) for d in found]
    if article_date is not None:
        for m in RELATIVE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            day = _resolve(m, article_date)
            if day is not None:
                found.append(EventDate(day, m.start(), m.end(), m.group(0), relative=True))
    return sorted(set(found), key=lambda d: (d.start, d.date))


def _near_years(text: str):
    """(offset, piece) of the text around each four-digit year, where every explicit date is.

    ``geo.dates`` runs three long patterns; over megabytes it pays to run them only here.
    """
    end = -1
    for m in _YEAR.finditer(text):
        if m.start() < end:
            continue
        cut = text.rfind(" ", max(0, m.start() - 100), max(0, m.start() - 60))
        start = cut + 1 if cut >= 0 else max(0, m.start() - 60)
        end = m.end() + 7  # "2022-12-10"
        while (nxt := _YEAR.search(text, end, end + 60)) is not None:
            end = nxt.end() + 7
        yield start, text[start:end]


def _resolve(m: re.Match, article_date: dt.date) -> dt.date | None:
    weekday = m.group("weekday")
    if weekday:
        # "on Tuesday" in Tuesday's paper is that day; otherwise the latest Tuesday before it.
        back = (article_date.weekday() - WEEKDAYS.index(weekday.lower())) % 7
        return article_date - dt.timedelta(days=back)
    import dateparser  # slow to import; only texts with relative dates pay for it

    settings = {"RELATIVE_BASE": dt.datetime.combine(article_date, dt.time()), "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(m.group(0), languages=["en"], settings=settings)
    return parsed.date() if parsed else None
