"""Time playback steps a window through the span: by the day, week or month as the span asks."""

from __future__ import annotations

import datetime as dt
import itertools

from streamlit.testing.v1 import AppTest

from geo.view.playback import next_window, step_for, window
from tests.conftest import ROOT

D = dt.date


def test_the_step_follows_the_span():
    assert step_for((D(2022, 12, 3), D(2023, 2, 28))) == "day"
    assert step_for((D(2022, 1, 1), D(2023, 6, 1))) == "week"
    assert step_for((D(2016, 1, 1), D(2023, 2, 28))) == "month"
    assert step_for((D(1884, 3, 17), D(2023, 2, 28))) == "year"
    assert next_window(None, "year", (D(1884, 3, 17), D(2023, 2, 28))) == (D(1884, 3, 17), D(1884, 12, 31))


def test_windows_walk_the_span_and_end():
    span = (D(2022, 12, 3), D(2023, 2, 28))
    first = next_window(None, "week", span)
    assert first == (D(2022, 12, 3), D(2022, 12, 4))  # the week from Monday the 28th, cut to the span
    assert next_window(first, "week", span) == (D(2022, 12, 5), D(2022, 12, 11))
    windows, current = [], None
    while (current := next_window(current, "week", span)) is not None:
        windows.append(current)
    assert windows[-1] == (D(2023, 2, 27), D(2023, 2, 28)) and len(windows) == 14
    assert all(a[1] + dt.timedelta(days=1) == b[0] for a, b in itertools.pairwise(windows))
    assert next_window(span, "month", span) == (D(2022, 12, 3), D(2022, 12, 31))
    assert window(D(2023, 2, 14), "month", span) == (D(2023, 2, 1), D(2023, 2, 28))


def test_play_steps_the_address_and_pause_stops(empty_corpus):
    at = AppTest.from_file(str(ROOT / "pages" / "1_Timeline.py"), default_timeout=60).run()
    [play] = [b for b in at.sidebar.button if b.label.startswith("Play by the")]
    assert play.label == "Play by the day"
    play.click().run()
    assert (at.query_params["from"], at.query_params["to"]) == ("2022-12-03", "2022-12-03")
    assert [b.label for b in at.sidebar.button if b.label == "Pause"] == ["Pause"]
    [pause] = [b for b in at.sidebar.button if b.label == "Pause"]
    pause.click().run()
    assert any(b.label.startswith("Play by the") for b in at.sidebar.button)
    assert at.query_params["from"] == "2022-12-03"  # paused where it was, in the address
