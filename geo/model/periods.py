"""Calendar periods — a day, a week from Monday, a month, a year — for binning and stepping dates.

The Timeline counts events per period and playback steps its window a period at a time: both
cut the calendar here, so a week starts on the same Monday in both.
"""

from __future__ import annotations

import datetime as dt

UNITS = ("day", "week", "month", "year")


def period_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the period of ``unit`` holding ``day``."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def period_after(first: dt.date, unit: str) -> dt.date:
    """The first day after the period of ``unit`` that starts on ``first``."""
    if unit == "year":
        return first.replace(year=first.year + 1)
    if unit == "month":
        return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first + dt.timedelta(days=7 if unit == "week" else 1)
