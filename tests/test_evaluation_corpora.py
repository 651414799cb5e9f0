"""The public-corpus scoring rules (evaluation.corpora) on small hand-made cases, and on the corpora."""

from __future__ import annotations

import math

import pytest

from evaluation.corpora import (
    BENCHMARKS,
    CorpusScore,
    auc,
    fresh_parser,
    km,
    load_corpus,
    match,
    ours,
    run,
    score_doc,
)
from geo.parsing import traps
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser


def test_matching_is_one_to_one_largest_overlap_first():
    gold = [(0, 10, None, True), (12, 20, None, True)]
    # The first prediction overlaps both golds a little; the second covers the second gold fully.
    predicted = [(8, 14, None, True), (12, 20, None, True)]
    assert sorted(match(predicted, gold)) == [(0, 0), (1, 1)]
    assert match([(30, 40, None, True)], gold) == []
    assert match([(0, 10, None, True), (2, 5, None, True)], [(0, 10, None, True)]) == [(0, 0)]


def test_errors_are_scored_only_on_matched_pairs_with_a_gold_point():
    score = CorpusScore()
    paris, lyon = (48.8534, 2.3488), (45.7485, 4.8467)
    score_doc(
        score,
        [(0, 5, paris, True), (10, 14, paris, True), (40, 44, paris, False)],
        [(0, 5, lyon, True), (10, 14, None, True), (20, 24, paris, True)],
    )
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert len(score.errors_km) == 1 and 380 < score.errors_km[0] < 400
    assert score.acc161 == 0.0 and score.site_errors_km == score.errors_km


def test_auc_is_zero_when_every_answer_is_exact_and_one_when_every_answer_is_antipodal():
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert math.isclose(auc([20038.0, 20038.0]), 1.0, rel_tol=1e-4)
    assert 0 < auc([0.0, 100.0, 1000.0]) < 1
    assert math.isclose(km((0.0, 0.0), (0.0, 180.0)), 20015, rel_tol=1e-3)


def test_a_timed_parser_starts_with_nothing_earlier_texts_left(atlas):
    """Each timed pass is as on new texts: no verdicts, rows or parses of an earlier pass remembered."""
    gazetteer = load_gazetteer()
    text = "The mayor of Springfield, Ill., said Paris was calm."
    fresh_parser(atlas.places.values(), gazetteer).parse(text)
    assert traps.judge.cache_info().currsize > 0 and gazetteer._rows
    parser = fresh_parser(atlas.places.values(), gazetteer)
    assert traps.judge.cache_info().currsize == 0 and not gazetteer._rows and not parser._read_in
    assert [p.id for p in parser.parse(text).places] == [
        p.id for p in Geoparser(atlas.places.values(), gazetteer).parse(text).places
    ]


def test_an_absent_corpus_folder_gives_none(tmp_path):
    assert load_corpus("lgl", tmp_path) is None


@pytest.mark.skipif(load_corpus("gwn") is None, reason=f"no corpus at {BENCHMARKS}")
def test_on_geowebnews_countries_stand_at_their_standard_points(atlas):
    """Countries and states placed at a standard point: most resolved mentions lie within 161 km."""
    docs = load_corpus("gwn")
    score = run(docs, ours(Geoparser(atlas.places.values(), load_gazetteer())))
    assert score.docs == len(docs) == 200
    assert score.acc161 >= 0.8
    assert score.precision >= 0.9


@pytest.mark.parametrize(("key", "docs", "f1"), [("ru", 122, 0.8), ("hy", 150, 0.5)])
def test_the_russian_and_armenian_corpora_load_and_are_scored_on_recognition(key, docs, f1, atlas):
    """factRuEval's and pioNER's development sets, read in place: every text, gold spans as they
    stand in the text (inflected), and our recognition guarded at what it reaches."""
    corpus = load_corpus(key)
    if corpus is None:
        pytest.skip(f"no corpus at {BENCHMARKS}")
    assert len(corpus) == docs
    assert all(d.text[s:e].strip() and point is None for d in corpus for s, e, point, _ in d.gold)
    score = run(corpus, ours(Geoparser(atlas.places.values(), load_gazetteer())))
    assert score.f1 >= f1
    assert not score.errors_km  # no gold points: recognition only


def test_dots_are_confirmed_towns_and_sites_and_right_within_161_km():
    """The benchmarks README's dots on a tiny hand-made document: areas, unconfirmed mentions and
    mentions matched to a gold toponym without a point are no dots; an unmatched dot is wrong."""
    score = CorpusScore()
    paris, lyon = (48.8534, 2.3488), (45.7485, 4.8467)
    predicted = [
        (0, 5, paris, True, True, 0.97),  # right dot
        (10, 14, paris, True, True, 0.9),  # matched to Lyon's gold: a wrong dot
        (20, 24, paris, True, False, 0.5),  # right, but not confirmed: no dot
        (30, 34, paris, False, True, 0.99),  # an area: no dot
        (40, 44, paris, True, True, 0.85),  # matched to a gold without a point: counts neither way
        (50, 54, lyon, True, True, 0.6),  # matches no gold: a wrong dot
    ]
    gold = [(0, 5, paris, True), (10, 14, lyon, True), (20, 24, paris, True), (30, 34, paris, True)]
    gold.append((40, 44, None, True))
    score_doc(score, predicted, gold)
    assert (score.dots.dots, score.dots.right) == (3, 1)
    assert math.isclose(score.dots.precision, 1 / 3)
    rows = {lo: (n, share, sites) for lo, _, n, share, sites, _ in score.reliability.rows()}
    assert rows[0.95] == (2, 1.0, 1)  # the area and the first Paris, both right
    assert rows[0.9] == (1, 0.0, 1) and rows[0.6] == (1, 0.0, 1) and rows[0.4] == (1, 1.0, 1)
    assert rows[0.8] == (0, 0.0, 0)  # the mention of a gold without a point is not judged
    assert score.reliability.at_least(0.8) == (3, 2 / 3)
    assert score.reliability.at_least(0.8, sites=True) == (2, 0.5)


def test_a_system_that_says_nothing_of_confirmation_draws_every_town_it_finds():
    score = CorpusScore()
    paris = (48.8534, 2.3488)
    score_doc(score, [(0, 5, paris, True), (10, 14, paris, False)], [(0, 5, paris, True)])
    assert (score.dots.dots, score.dots.right) == (1, 1)
    assert sum(score.reliability.n) == 0  # no confidence, no reliability
