"""Family 7, slow texts: a text that overruns the parse budget (``ATLAS_PARSE_SECONDS``) stops
with one line naming the file and the stage it reached, and nothing is saved; a budget that is
not a positive number of seconds is refused in one line. Time is the budget's ``_clock`` seam,
or a budget far below any parse, so no test waits."""

from __future__ import annotations

import itertools
import json

import pytest

from bench.articles import generate
from geo.atlas.corpus import default_target
from geo.cli import main
from geo.model.errors import ParseTooLong
from geo.parsing.budget import Budget
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser
from tests.conftest import DATA, corpus_of, corpus_rows
from tests.hostile.conftest import geo, one_clear_line

SEED_TEXT = (DATA / "articles" / "2023-02-28-azernews-icrc-lachin-road.txt").read_text(encoding="utf-8")


@pytest.fixture
def ticking(monkeypatch):
    """A clock that moves on one second each time the budget reads it."""
    ticks = itertools.count()
    monkeypatch.setattr(Budget, "_clock", staticmethod(lambda: float(next(ticks))))


def test_a_parse_stops_at_the_first_stage_past_its_budget(ticking, atlas):
    parser = Geoparser(atlas.places.values(), load_gazetteer())
    with pytest.raises(ParseTooLong) as stopped:
        parser.parse(SEED_TEXT, budget=Budget(2.5))  # read at 0, then 1, 2, 3 s: the third check
    assert stopped.value.stage == "having placed the names"
    assert str(stopped.value).startswith("parsing stopped after 3.0 s, having placed the names: the budget is 2.5 s")
    assert parser.parse(SEED_TEXT, budget=Budget(10)).places  # the same text within its budget


@pytest.mark.store
def test_geo_add_over_the_budget_is_one_line_naming_the_file_and_saves_nothing(var, tmp_path):
    text = tmp_path / "long.txt"
    text.write_text(SEED_TEXT * 20, encoding="utf-8")
    result = geo("add", str(text), "--outlet", "X", "--date", "2023-02-28", var=var, ATLAS_PARSE_SECONDS="0.0001")
    line = one_clear_line(result)
    assert result.returncode == 2
    assert line.startswith(f"{text}: parsing stopped after ") and "raise ATLAS_PARSE_SECONDS" in line
    assert corpus_rows(corpus_of(var), "SELECT count(*) FROM articles") == [(0,)]


@pytest.mark.parametrize("value", ["abc", "0", "-5", "inf", "nan", "1e999"])
def test_a_budget_that_is_not_a_positive_number_of_seconds_is_one_line(var, tmp_path, value):
    text = tmp_path / "short.txt"
    text.write_text("Talks in Geneva.", encoding="utf-8")
    result = geo("geoparse", str(text), var=var, ATLAS_PARSE_SECONDS=value)
    assert one_clear_line(result) == f"ATLAS_PARSE_SECONDS={value!r}: give a positive number of seconds"
    assert result.returncode == 2


def test_an_import_reports_each_article_over_the_budget_on_its_line(empty_corpus, ticking, tmp_path, capsys):
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in generate(3, seed=5)), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ATLAS_PARSE_SECONDS", "2.5")
        assert main(["import", str(source), "--workers", "1"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{source}:{n}" for n in (1, 2, 3)]
    assert all("text: parsing stopped after 3.0 s, having placed the names" in line for line in lines)
    assert "imported 0 article(s)" in captured.out
    assert corpus_rows(default_target(), "SELECT count(*) FROM articles") == [(0,)]
