"""Does the story feed answer as fast at 10,000 articles as at 10? And a playback step at 1,000?

Builds atlases in memory of ``N`` generated articles, four events each on places spread over the
world, and times what a page asks of the feed (``geo.view.feed``): the first page for the whole
world, and for a view of a few degrees; then what one playback step asks (the places the new
window shows, and the feed's first page for it). Each figure is the median of ``--rounds`` and
is printed as a ratio to the 10-article atlas measured in the same run; the index is sorted once
per corpus version and cached by the app, so its build is printed apart.

    .venv/bin/python -m bench.feed_bench [--sizes 10,1000,10000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from geo.atlas.atlas import Atlas
from geo.model.models import Article, Event, Place
from geo.view.feed import Bounds, FeedIndex
from geo.view.playback import next_window, step_for

PLACES = 2_000
EVENTS_PER_ARTICLE = 4
NARROW = Bounds(44.0, 4.0, 49.0, 9.0)  # a few degrees, as a reader zoomed on a region sees


def build(articles: int, seed: int = 7) -> Atlas:
    """An atlas of ``articles`` articles, each with four events on random places, over two years."""
    rng = random.Random(seed)
    places = {
        f"p{n}": Place(
            id=f"p{n}",
            name=f"Place {n}",
            kind="town",
            lat=rng.uniform(-60, 70),
            lon=rng.uniform(-180, 180),
            coord_source="bench",
            precision_m=1000,
        )
        for n in range(PLACES)
    }
    first = dt.date(2021, 1, 1)
    texts, events = {}, {}
    for a in range(articles):
        day = first + dt.timedelta(days=rng.randrange(730))
        texts[f"a{a}"] = Article(id=f"a{a}", outlet=f"Outlet {a % 9}", date=day, title=f"Report {a}", text="Text.")
        for e in range(EVENTS_PER_ARTICLE):
            start = day - dt.timedelta(days=rng.randrange(20))
            events[f"a{a}-e{e}"] = Event(
                id=f"a{a}-e{e}", article=f"a{a}", date_start=start, places=(f"p{rng.randrange(PLACES)}",),
                paragraphs=(1,), summary=f"Event {e} of report {a}",
            )  # fmt: skip
    return Atlas(places=places, articles=texts, events=events)


def median_s(call, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def measure(articles: int, rounds: int) -> dict[str, float]:
    atlas = build(articles)
    began = time.perf_counter()
    index = FeedIndex(atlas)
    built = time.perf_counter() - began
    shown = list(atlas.places)
    span = atlas.date_span()
    step = step_for(span)
    window = next_window(None, step, span)
    middle = next_window((span[0], span[0] + (span[1] - span[0]) / 2), step, span) or window

    def play_step() -> None:
        visible = [p for p in shown if atlas.is_visible(p, *middle)]
        index.page(visible, None, *middle)

    return {
        "index build (once per version)": built,
        "feed, whole world": median_s(lambda: index.page(shown, None, None, None), rounds),
        "feed, a few degrees": median_s(lambda: index.page(shown, NARROW, None, None), rounds),
        "feed, a few degrees, page 3": median_s(lambda: index.page(shown, NARROW, None, None, 2), rounds),
        "one playback step": median_s(play_step, rounds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {size: measure(size, args.rounds) for size in sizes}
    base = results[sizes[0]]
    print(f"{'':32}" + "".join(f"{size:>22,}" for size in sizes))
    for what in base:
        row = "".join(f"{results[s][what] * 1000:>12.2f} ms ({results[s][what] / base[what]:>5.2f}×)" for s in sizes)
        print(f"{what:32}{row}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
