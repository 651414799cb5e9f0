"""Event dates: stated ones as written, relative ones worked out from the article's date."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from geo.parsing.eventdates import find_event_dates

TUESDAY = dt.date(2023, 2, 28)


def dates(text: str, article_date: dt.date | None = TUESDAY) -> list[tuple[str, str]]:
    return [(d.text, d.date.isoformat()) for d in find_event_dates(text, article_date)]


def test_explicit_dates_need_no_article_date():
    text = "Talks on December 3 and 7, 2022 came before the inspection of 10 December 2022."
    assert dates(text, None) == [
        ("December 3 and 7, 2022", "2022-12-03"),
        ("December 3 and 7, 2022", "2022-12-07"),
        ("10 December 2022", "2022-12-10"),
    ]


def test_a_weekday_is_the_latest_such_day_up_to_the_article():
    assert dates("The ministers met on Tuesday.") == [("on Tuesday", "2023-02-28")]
    assert dates("Shelling resumed on Sunday.") == [("on Sunday", "2023-02-26")]


def test_a_day_without_a_year_is_the_latest_before_the_article():
    assert dates("The protest has gone on since December 12.") == [("December 12", "2022-12-12")]
    assert dates("Ferries stop on 15 June.", dt.date(2023, 7, 1)) == [("15 June", "2023-06-15")]


def test_yesterday_is_a_day_and_last_week_a_range():
    found = find_event_dates("Officials said yesterday that roads reopened last week.", TUESDAY)
    assert [(d.text, d.date.isoformat(), d.until) for d in found] == [
        ("yesterday", "2023-02-27", None),
        ("last week", "2023-02-20", dt.date(2023, 2, 26)),  # Monday to Sunday before Tuesday's paper
    ]


@pytest.mark.parametrize(
    ("phrase", "first", "last"),
    [
        ("earlier this month", "2023-02-01", "2023-02-28"),
        ("last month", "2023-01-01", "2023-01-31"),
        ("this week", "2023-02-27", "2023-02-28"),
        ("earlier this week", "2023-02-27", "2023-02-28"),
        ("the past week", "2023-02-22", "2023-02-28"),
        ("in recent days", "2023-02-25", "2023-02-28"),
        ("last year", "2022-01-01", "2022-12-31"),
    ],
)
def test_vague_spans_become_ranges_up_to_the_article(phrase, first, last):
    (found,) = find_event_dates(f"Floods spread {phrase}, officials said.", TUESDAY)
    assert (found.date.isoformat(), found.until.isoformat()) == (first, last)
    assert found.as_json()["until"] == last


def test_without_the_article_date_relative_phrases_are_left_alone():
    assert dates("They met on Tuesday and again since December 12.", None) == []


def test_a_month_alone_or_may_the_verb_is_no_date():
    assert dates("Prices may rise in March.") == []


def test_a_weekday_written_before_a_date_is_part_of_it():
    assert dates("Talks resumed on Monday, December 5, 2022, in Geneva.") == [("December 5, 2022", "2022-12-05")]
    assert dates("Talks resumed on Monday 5 December 2022.") == [("5 December 2022", "2022-12-05")]
    assert dates("Talks resumed on Monday, December 5.") == [("December 5", "2022-12-05")]
    assert dates("Talks resumed on Monday, 2022-12-05.") == [("2022-12-05", "2022-12-05")]
    assert dates("They met on Monday, and on December 5, 2022 again.") == [
        ("on Monday", "2023-02-27"),
        ("December 5, 2022", "2022-12-05"),
    ]


def test_a_phrase_written_twice_is_the_same_date_both_times():
    text = "Ferries stopped since December 12. Since December 12, nothing moved."
    assert dates(text) == [("December 12", "2022-12-12"), ("December 12", "2022-12-12")]


def test_explicit_dates_need_a_month_next_to_a_day_or_an_iso_form():
    text = "In 2022 some 1500 people and 2,000 more came; on 2022-12-10, then on the 3rd of Sept. 2021, they left."
    assert dates(text, None) == [("2022-12-10", "2022-12-10"), ("3rd of Sept. 2021", "2021-09-03")]


def test_years_are_found_among_other_digits_and_non_ascii_text():
    text = "In Kraków ٢٠٢٢ some 123456789 zł went, on 3 March 2021; by Düsseldorf on 4 May 20222 none."
    assert dates(text, None) == [("3 March 2021", "2021-03-03")]


def test_an_explicit_date_right_after_a_relative_word_beats_it():
    assert dates("Yesterday February 17, 2006, the WHO said cases rose.") == [("February 17, 2006", "2006-02-17")]
    assert dates("Last month, on March 3, 2022, it rained.") == [("March 3, 2022", "2022-03-03")]
    # Apart from it, each stands.
    assert dates("Yesterday the WHO said cases rose. It had met on Feb. 17, 2006.") == [
        ("Yesterday", "2023-02-27"),
        ("Feb. 17, 2006", "2006-02-17"),
    ]


def test_this_year_and_last_month_are_ranges():
    found = find_event_dates("Prices rose this year after falling last month.", TUESDAY)
    assert [(d.text, d.date.isoformat(), d.until.isoformat() if d.until else None) for d in found] == [
        ("this year", "2023-01-01", "2023-02-28"),
        ("last month", "2023-01-01", "2023-01-31"),
    ]


def _dateparser_day(phrase: str, article_date: dt.date) -> dt.date | None:
    """What dateparser makes of a phrase, asked as the parser asked it before working these out."""
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime.combine(article_date, dt.time()), "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


#: Months every year gives 30 days or more (of the names ``geo.model.dates`` knows).
LONG_MONTHS = ("jan", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _phrases(rng: random.Random) -> list[str]:
    """Day-and-month phrases in every spelling the parser finds, and so many days back."""
    from geo.model.dates import MONTHS

    found = []
    for name in MONTHS:
        for case, dot, ending in itertools.product((str.lower, str.title, str.upper), ("", "."), ("", "st", "th")):
            day, month = f"{rng.randint(1, 30 if name.startswith(LONG_MONTHS) else 28)}{ending}", case(name) + dot
            found += [f"{month} {day}", f"{day} {month}", f"{day} of\n{month}"]
    return [*found, "yesterday", "Today", "0 days ago", "3 days ago", "12  days ago"]


def test_the_days_worked_out_here_are_the_days_dateparser_gives():
    from geo.model.dates import lowered
    from geo.parsing.eventdates import RELATIVE, _worked_out

    rng = random.Random(7)
    papers = [dt.date(2024, 2, 29), dt.date(2023, 1, 1), dt.date(2024, 12, 31), dt.date(2023, 3, 1), TUESDAY]
    phrases = [p for p in _phrases(rng) if RELATIVE.fullmatch(lowered(p))]
    assert len(phrases) > 400  # every spelling is one the parser finds
    asked = [(phrase, rng.choice(papers)) for phrase in phrases]
    for paper in papers:  # the paper's own day, and the days either side of it, but 29 February
        near = (paper + dt.timedelta(days=d) for d in (-1, 0, 1))
        asked += [(day.strftime("%B %d"), paper) for day in near if (day.month, day.day) != (2, 29)]
    for phrase, paper in asked:
        assert _worked_out(phrase, paper) == _dateparser_day(phrase, paper), (phrase, paper)


def test_days_not_every_year_has_are_left_to_dateparser():
    from geo.parsing.eventdates import _worked_out

    assert _worked_out("31 June", dt.date(2024, 7, 1)) is None
    assert _worked_out("29 February", dt.date(2024, 2, 28)) is None  # dateparser: 2020-02-29
    assert dates("Ferries stopped on 29 February.", dt.date(2024, 2, 28)) == [("29 February", "2020-02-29")]
