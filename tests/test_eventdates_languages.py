"""Event dates in Russian, Armenian, Azerbaijani and French, stated and relative, as in English."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.model.dates import find_dates
from geo.parsing.eventdates import find_event_dates

TUESDAY = dt.date(2023, 2, 28)


def dates(text: str, article_date: dt.date | None = TUESDAY) -> list[tuple[str, str]]:
    return [(d.text, d.date.isoformat()) for d in find_event_dates(text, article_date)]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Встреча прошла 3 декабря 2022 года в Женеве.", "3 декабря 2022 года"),
        ("Встреча прошла 3 декабря 2022 г. в Женеве.", "3 декабря 2022 г."),
        ("Հանդիպումը տեղի է ունեցել 2022 թ. դեկտեմբերի 3-ին Ժնևում։", "2022 թ. դեկտեմբերի 3-ին"),
        ("Görüş 3 dekabr 2022-ci il Cenevrədə keçirilib.", "3 dekabr 2022-ci il"),
        ("Görüş 2022-ci il dekabrın 3-də Cenevrədə keçirilib.", "2022-ci il dekabrın 3-də"),
        ("La rencontre a eu lieu le 3 décembre 2022 à Genève.", "3 décembre 2022"),
        ("La rencontre a eu lieu le 3 decembre 2022 à Genève.", "3 decembre 2022"),
    ],
)
def test_a_stated_date_in_each_language_needs_no_article_date(text, written):
    assert dates(text, None) == [(written, "2022-12-03")]


def test_a_stated_date_is_what_validation_checks_an_event_against():
    assert [(d.text, d.date.isoformat()) for d in find_dates("3 и 7 декабря 2022 года")] == [
        ("3 и 7 декабря 2022 года", "2022-12-03"),
        ("3 и 7 декабря 2022 года", "2022-12-07"),
    ]
    assert [d.date.isoformat() for d in find_dates("1er mars 2023, İyun 2022")] == ["2023-03-01"]
    assert [d.date.isoformat() for d in find_dates("3 İyun 2022-ci il")] == ["2022-06-03"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Митинг возобновился 7-го декабря.", "7-го декабря"),
        ("Митинг возобновился 7 декабря.", "7 декабря"),
        ("Ցույցը վերսկսվեց դեկտեմբերի 7-ին։", "դեկտեմբերի 7-ին"),
        ("Aksiya 7 dekabrda bərpa olunub.", "7 dekabrda"),
        ("Aksiya dekabrın 7-də bərpa olunub.", "dekabrın 7-də"),
        ("La manifestation a repris le 7 décembre.", "le 7 décembre"),
    ],
)
def test_a_day_without_a_year_is_the_latest_before_the_article(text, written):
    assert dates(text) == [(written, "2022-12-07")]
    assert dates(text, dt.date(2022, 12, 7)) == [(written, "2022-12-07")]  # the paper's own day
    assert dates(text, None) == []


@pytest.mark.parametrize(
    ("text", "yesterday"),
    [
        ("Вчера министры встретились.", "Вчера"),
        ("Երեկ նախարարները հանդիպեցին։", "Երեկ"),
        ("Nazirlər dünən görüşüblər.", "dünən"),
        ("Les ministres se sont rencontrés hier.", "hier"),
    ],
)
def test_yesterday_in_each_language_is_the_day_before_the_article(text, yesterday):
    assert dates(text) == [(yesterday, "2023-02-27")]
    assert dates(text, None) == []


def test_today_and_the_day_before_yesterday():
    assert dates("Сегодня и позавчера дорога была закрыта.") == [
        ("Сегодня", "2023-02-28"),
        ("позавчера", "2023-02-26"),
    ]
    assert dates("Yol bu gün açılıb və srağagün bağlı idi.") == [("bu gün", "2023-02-28"), ("srağagün", "2023-02-26")]
    assert dates("La route est ouverte aujourd’hui, fermée avant-hier.") == [
        ("aujourd’hui", "2023-02-28"),
        ("avant-hier", "2023-02-26"),
    ]


def test_a_relative_word_before_a_stated_date_gives_way_to_it():
    assert dates("Вчера, 3 декабря 2022 года, дорогу закрыли.") == [("3 декабря 2022 года", "2022-12-03")]


def test_the_other_languages_words_are_not_read_in_an_english_text():
    """ "hier" and "7 mai" in an English text are a name and a typo, not French dates."""
    assert dates("Hier Street was closed on 7 mai by the hierarchy, officials said.") == []
    assert dates("Officials said yesterday that the road reopened.") == [("yesterday", "2023-02-27")]


def test_no_day_of_that_number_in_the_month_is_no_date():
    assert dates("Встреча 30 февраля.") == []


@pytest.mark.parametrize(
    ("text", "weekday", "last_week"),
    [
        ("Встреча прошла в понедельник, а на прошлой неделе дорогу закрыли.", "в понедельник", "на прошлой неделе"),
        ("Հանդիպումը եղել է երկուշաբթի, իսկ անցյալ շաբաթ ճանապարհը փակվել է։", "երկուշաբթի", "անցյալ շաբաթ"),
        ("Görüş bazar ertəsi keçirilib, keçən həftə isə yol bağlanıb.", "bazar ertəsi", "keçən həftə"),
        ("La rencontre a eu lieu lundi; la semaine dernière la route était fermée.", "lundi", "la semaine dernière"),
    ],
)
def test_a_weekday_and_last_week_in_each_language_as_in_english(text, weekday, last_week):
    found = find_event_dates(text, TUESDAY)
    assert [(d.text, d.date.isoformat(), d.until) for d in found] == [
        (weekday, "2023-02-27", None),
        (last_week, "2023-02-20", dt.date(2023, 2, 26)),  # Monday to Sunday before Tuesday's paper
    ]


def test_a_word_that_is_also_a_weekday_counts_only_with_its_day():
    """ "bazar" is a market and "շաբաթ" a week as well as Sunday and Saturday: alone they are no date."""
    assert dates("Bazar bağlıdır. Bazar günü açılacaq.") == [("Bazar günü", "2023-02-26")]
    assert dates("Մեկ շաբաթ անց, շաբաթ օրը, ճանապարհը բացվեց։") == [("շաբաթ օրը", "2023-02-25")]


@pytest.mark.parametrize(
    "text",
    [
        "Переговоры прошли 3 и 7 декабря.",
        "Բանակցությունները եղել են դեկտեմբերի 3-ին և 7-ին։",
        "Danışıqlar dekabrın 3-də və 7-də olub.",
    ],
)
def test_two_days_of_one_month_without_a_year_are_two_dates(text):
    assert [d.date.isoformat() for d in find_event_dates(text, TUESDAY)] == ["2022-12-03", "2022-12-07"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Дорогу закрыли 3 дня назад.", "3 дня назад"),
        ("La route a été fermée il y a 3 jours.", "il y a 3 jours"),
        ("Yol 3 gün əvvəl bağlanıb.", "3 gün əvvəl"),
        ("Ճանապարհը փակվել է 3 օր առաջ։", "3 օր առաջ"),
    ],
)
def test_so_many_days_ago_in_each_language(text, written):
    assert dates(text) == [(written, "2023-02-25")]
