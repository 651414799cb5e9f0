"""The evaluation as a regression guard: our F1 stays at the issue's target on every set."""

from __future__ import annotations

import pytest

from evaluation.scoring import SETS, Score, load_set, score_geotext, score_ours
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser


@pytest.mark.parametrize("label", list(SETS))
def test_our_f1_is_at_least_0_9_and_geotext_is_scored_on_the_same_texts(label, atlas):
    gazetteer = load_gazetteer()
    parser = Geoparser(atlas.places.values(), gazetteer)
    ours, theirs = Score(), Score()
    for case in load_set(SETS[label]):
        ours.add(score_ours(case, parser)[0])
        theirs.add(score_geotext(case, gazetteer, atlas.places)[0])
    assert ours.f1 >= 0.9
    assert ours.tp + ours.fn == theirs.tp + theirs.fn  # the same expected places for both


def test_the_main_set_has_at_least_15_texts():
    assert len(load_set(SETS["main"])) >= 15
