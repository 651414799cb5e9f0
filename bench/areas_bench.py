"""Does counting the map's areas cost as little at 10,000 articles as at 10?

Builds ``bench.feed_bench``'s in-memory atlases with every tenth place a country (with a real
outline), and times ``geo.view.areas.AreaIndex.counts`` for the whole span and for one month, the
median of ``--rounds``, printed as a ratio to the 10-article atlas measured in the same run: what
a new date range costs. The index is built once per corpus version; its build is printed apart.

    .venv/bin/python -m bench.areas_bench [--sizes 10,1000,10000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from bench.feed_bench import build, median_s
from geo.atlas.atlas import Atlas
from geo.view.areas import AreaIndex, outline_keys

MONTH = (dt.date(2022, 3, 1), dt.date(2022, 3, 31))


def with_countries(atlas: Atlas) -> Atlas:
    """The atlas with every tenth place a country that has an outline."""
    codes = sorted(k for k in outline_keys()[0] if "." not in k)
    places = dict(atlas.places)
    for n, pid in enumerate(list(places)[::10]):
        places[pid] = places[pid].model_copy(update={"kind": "country", "country": codes[n % len(codes)]})
    return Atlas(places=places, articles=atlas.articles, events=atlas.events)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    base: dict[str, float] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        atlas = with_countries(build(size))
        visible = list(atlas.places)
        atlas.place_articles  # built once per atlas by the app, for the dots' colours already  # noqa: B018
        began = time.perf_counter()
        index = AreaIndex(atlas)
        built = time.perf_counter() - began
        figures = {
            "all": median_s(lambda i=index, v=visible: i.counts(v, None, None), args.rounds),
            "month": median_s(lambda i=index, v=visible: i.counts(v, *MONTH), args.rounds),
        }
        base = base or figures
        shown = ", ".join(f"{k} {v * 1000:.2f} ms ({v / base[k]:.1f}×)" for k, v in figures.items())
        print(f"{size:>6} articles: {shown}; index built once in {built * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
