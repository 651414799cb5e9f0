"""Explicit dates stated in a text, as the validator reads them."""

import datetime as dt

from geo.model.dates import find_dates


def dates(text):
    return [d.date for d in find_dates(text)]


def test_a_shared_month_and_year_give_each_day():
    assert dates("talks on December 3 and 7, 2022") == [dt.date(2022, 12, 3), dt.date(2022, 12, 7)]


def test_day_first_abbreviated_and_iso_dates():
    assert dates("on 10 December 2022") == [dt.date(2022, 12, 10)]
    assert dates("Feb. 28, 2023") == [dt.date(2023, 2, 28)]
    assert dates("published 2023-02-28") == [dt.date(2023, 2, 28)]


def test_impossible_dates_are_not_dates():
    assert dates("February 30, 2023 and 2023-13-01") == []


def test_any_case_and_any_script_around_a_date():
    """ASCII text is matched lowered (faster); the rest as written, case ignored alike."""
    for text in ("ON DECEMBER 10, 2022 — talks", "on december 10, 2022 - talks", "Über: 10 DECEMBER 2022"):
        (found,) = find_dates(text)
        assert found.date == dt.date(2022, 12, 10)
        assert found.text == text[found.start : found.end] and found.text.lower().startswith(("december", "10"))
