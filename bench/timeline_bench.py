"""Are the Timeline and Places pages drawn at corpus size? Page load until drawn, 10,000 events against the seed.

Two servers run side by side on 127.0.0.1: one with the seed alone, one with a corpus of
``--articles`` saved articles holding ``--events`` events each (on the seed's places, dated
through two years), built in a scratch ``ATLAS_VAR``. One Chromium loads each Timeline in
turn (``--loads`` times, fresh contexts) and times from navigation until Vega has drawn the
Timeline's chart, and until the Places page's table has drawn its first row; the corpus's
medians are printed as ratios to the seed's. Issue 8's target: the Timeline drawn within 10 s
at 10,000 events.

    .venv/bin/python -m bench.timeline_bench [--articles 1000] [--events 10] [--loads 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench import loopback
from bench.loopback import CHROMIUM, CHROMIUM_ARGS, ROOT
from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Confirmed, Corpus
from geo.model.models import Article, Event

PAGES = {
    "Timeline": ".vega-embed canvas, .vega-embed svg.marks",
    "Places": '[data-testid="stDataFrame"] canvas, [data-testid="stDataFrameResizable"]',
}
PLACES = ("geneva", "khankendi", "lachin", "gizilbulagh-gold-deposit")


def build_corpus(target: Path | str, articles: int, events: int) -> None:
    """``articles`` saved articles of a few sentences, each with ``events`` events on a seed place,
    into the corpus at ``target`` (a file, or a server's URL)."""
    seed = load_atlas(ROOT / "data")
    corpus = Corpus(target)
    first = dt.date(2021, 3, 1)
    for n in range(articles):
        place = seed.places[PLACES[n % len(PLACES)]]
        text = f"Officials met in {place.name} again, report number {n}."
        start = text.index(place.name)
        day = first + dt.timedelta(days=(n * 7) % 700)
        article = Article(id=f"bench-{n}", outlet=f"Outlet {n % 7}", date=day, title=f"Report {n}", text=text)
        dated = [
            Event(
                id=f"e{k}",
                article="new",
                date_start=day - dt.timedelta(days=k),
                places=(place.id,),
                paragraphs=(1,),
                summary=f"Meeting {k} in {place.name}.",
            )
            for k in range(events)
        ]
        confirmed = [Confirmed(place, ((start, start + len(place.name)),))]
        corpus.save(article, confirmed, dated, seed=seed)


def time_load(browser, url: str, name: str) -> float:
    """Seconds from navigation until the page's chart or table is drawn, in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    begin = time.perf_counter()
    page.goto(f"{url}/{name}")
    page.locator(PAGES[name]).first.wait_for(timeout=120_000)
    took = time.perf_counter() - begin
    context.close()
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--loads", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as scratch:
        scratch = Path(scratch)
        big, small = scratch / "big", scratch / "small"
        big.mkdir(), small.mkdir()
        began = time.perf_counter()
        build_corpus(big / "corpus.sqlite", args.articles, args.events)
        print(f"built {args.articles * args.events:,} events in {time.perf_counter() - began:.1f} s")
        servers = {}
        for name, var in (("seed", small), ("corpus", big)):
            os.environ["ATLAS_VAR"] = str(var)
            servers[name] = loopback.start("app.py", scratch / f"{name}.log")
        times: dict[tuple[str, str], list[float]] = {(p, s): [] for p in PAGES for s in servers}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                for _ in range(args.loads):
                    for page in PAGES:
                        for name, server in servers.items():
                            times[(page, name)].append(time_load(browser, server.url, page))
                browser.close()
        finally:
            for server in servers.values():
                loopback.stop(server.process)
    size = f"{args.articles:,} articles, {args.articles * args.events:,} events"
    for page in PAGES:
        seed, corpus = statistics.median(times[(page, "seed")]), statistics.median(times[(page, "corpus")])
        print(f"{page} drawn: seed {seed:.2f} s, {size} {corpus:.2f} s, ratio {corpus / seed:.2f}")
    timeline = statistics.median(times[("Timeline", "corpus")])
    print(f"target: the Timeline drawn within 10 s -> {'met' if timeline <= 10 else 'NOT met'}")
    return 0 if timeline <= 10 else 1


if __name__ == "__main__":
    raise SystemExit(main())
