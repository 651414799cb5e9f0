"""One date rule: the map and Places, the Timeline, the export, ``geo places`` and ``geo show``
keep the same places for a date range, on a real corpus of imported articles. Each of them once
had its own copy of the rule; this fails as soon as one drifts from ``geo.model.models.visible``."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from bench.articles import generate
from geo.atlas.atlas import load_atlas
from geo.atlas.export import streamed
from geo.cli import main
from geo.model.models import last_day, overlaps, visible
from geo.store.store import Store
from tests.conftest import ROOT
from tests.test_app_data import import_in_another_process
from tests.whole import load_corpus_atlas

DATA = ROOT / "data"
DAY = dt.date(2024, 5, 10)


def test_the_rule_for_one_event_and_for_a_place():
    going_on = (DAY, last_day(DAY, None, True))
    assert overlaps((DAY, DAY), DAY, DAY) and overlaps(going_on, DAY + dt.timedelta(days=900), None)
    assert not overlaps((DAY, DAY), DAY + dt.timedelta(days=1), None)
    assert not overlaps(going_on, None, DAY - dt.timedelta(days=1))  # ongoing, but begun after the range
    assert visible([], DAY, DAY)  # a place no event dates is always shown
    assert visible([(DAY, DAY), (DAY.replace(year=2020), last_day(DAY, None, True))], DAY.replace(year=2030), None)
    assert not visible([(DAY, DAY)], None, DAY - dt.timedelta(days=1))


def listed_by_cli(capsys, start: dt.date | None, end: dt.date | None) -> set[str]:
    argv = ["--data", str(DATA), "places"]
    argv += [f"--from={start}"] if start else []
    argv += [f"--to={end}"] if end else []
    assert main(argv) == 0
    return {line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]}


def listed_by_places_page(start: dt.date, end: dt.date) -> set[str]:
    page = AppTest.from_file(str(ROOT / "pages" / "2_Places.py"), default_timeout=60)
    page.query_params["from"], page.query_params["to"] = str(start), str(end)
    page.run()
    assert not page.exception
    return set(page.dataframe[0].value["id"])


def test_every_view_keeps_the_same_places_for_a_date_range(empty_corpus, tmp_path, capsys):
    import_in_another_process(tmp_path, list(generate(12, seed=11)))
    seed = load_atlas(DATA)
    atlas = load_corpus_atlas(DATA, seed=seed)
    first, last = atlas.date_span()
    third = (last - first) / 3
    ranges = [
        (None, None),
        (first, first + third),
        (first + third, last - third),
        (last - third, None),
        (None, first + third),
        (last, last),
    ]
    dated = {place for event in atlas.events.values() for place in event.places}
    hidden = 0
    for start, end in ranges:
        shown = set(atlas.visible_places(start, end))  # the map and Places (ui.state.View.visible)
        hidden += len(atlas.places) - len(shown)
        assert set(atlas.narrowed(start=start, end=end).places) == shown  # geo show, the story feed
        exported = {place.id for place, _ in streamed(Store.open(DATA, seed=seed), start, end, texts=False)}
        assert exported == shown  # geo export
        assert listed_by_cli(capsys, start, end) == shown  # geo places
        timeline = {place for event in atlas.events_in_range(start, end) for place in event.places}
        assert timeline == shown & dated  # the Timeline counts the events of exactly the dated places shown
        if start and end:
            assert listed_by_places_page(start, end) == shown
    assert hidden  # some range hides some place: the comparisons above are not all of everything
