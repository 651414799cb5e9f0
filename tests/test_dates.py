"""Explicit dates stated in a text, as the validator reads them."""

import datetime as dt

import pytest

from geo.model.dates import find_dates, lowered


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


@pytest.mark.parametrize(
    "text",
    [
        "Bakı, 3 İYUN 2022-Cİ İL — xəbər",
        "2022-Cİ İL DEKABRIN 3-də",
        "Москва, 3 ДЕКАБРЯ 2022 ГОДА",
        "2022 Թ. ԴԵԿՏԵՄԲԵՐԻ 3-ԻՆ",
    ],
)
def test_dates_in_capitals_of_any_script_are_found_where_they_stand(text):
    """Lowered first, as the patterns are matched: "İ" lowers to two characters in Python, so it is
    mapped to "i" before, and every date keeps its offsets in the text as written."""
    assert len(lowered(text)) == len(text)
    [found] = list(find_dates(text))
    assert found.date == dt.date(2022, 6 if "İYUN" in text else 12, 3)
    assert text[found.start : found.end] == found.text and found.text[:1].isalnum()
