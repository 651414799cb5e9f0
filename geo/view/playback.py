"""Time playback: the date window stepped through the corpus's span, a day, a week, a month or a
year at a time.

The step follows the span, so a story of a few weeks plays by the day and a decade by the month,
in about a hundred and twenty steps at most (a span of centuries, as an article recalling 1884
makes, by the year). Windows start on the step's own boundary (a Monday, the first
of a month) and never leave the span; the last window ends the playback.
"""

from __future__ import annotations

import datetime as dt

from geo.model.periods import period_after, period_start

#: The longest span (in days) each step plays in a reasonable number of windows.
STEP_SPAN_DAYS = {"day": 90, "week": 2 * 366, "month": 10 * 366}


def step_for(span: tuple[dt.date, dt.date]) -> str:
    """The step that plays ``span`` in at most about a hundred windows."""
    days = (span[1] - span[0]).days + 1
    return next((step for step, most in STEP_SPAN_DAYS.items() if days <= most), "year")


def window(day: dt.date, step: str, span: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The step's window holding ``day``, cut to the span."""
    first = period_start(day, step)
    return max(first, span[0]), min(period_after(first, step) - dt.timedelta(days=1), span[1])


def next_window(
    current: tuple[dt.date, dt.date] | None, step: str, span: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date] | None:
    """The window after ``current`` (the first when there is none, or it is the whole span);
    None after the last."""
    if current is None or (current[0] <= span[0] and current[1] >= span[1]):  # none, or the whole span
        return window(span[0], step, span)
    following = current[1] + dt.timedelta(days=1)
    if following > span[1]:
        return None
    return window(following, step, span)
