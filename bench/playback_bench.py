"""How long does one playback step take to redraw, at 1,000 articles against the seed?

Two servers on 127.0.0.1, the seed alone and a corpus of ``--articles`` saved articles (built as
``bench.timeline_bench`` builds it). In Chromium each map page plays; for every step the time
from the address naming the new window to the map holding the places of that window (its layer
key changed) is taken. Medians are printed, and the corpus's as a ratio to the seed's.
Issue 17's target: each step redrawn in under 1 s at 1,000 articles.

    .venv/bin/python -m bench.playback_bench [--articles 1000] [--events 10] [--steps 8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench import loopback
from bench.loopback import CHROMIUM, CHROMIUM_ARGS
from bench.timeline_bench import build_corpus

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def step_times(browser, url: str, steps: int) -> list[float]:
    """Seconds from each step's new address until the map's layer is the new window's."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url)
    frame_locator = page.locator(MAP_FRAME)
    frame_locator.wait_for(timeout=120_000)
    frame = frame_locator.element_handle().content_frame()
    frame.wait_for_function("() => window.atlasPlaces && window.atlasFitKey", timeout=120_000)
    page.get_by_role("button", name="Play by the").click()
    taken, seen = [], page.url
    for _ in range(steps):
        key = frame.evaluate("() => window.atlasFitKey")  # read before the step, which may redraw at once
        page.wait_for_function("seen => location.href !== seen && location.href.includes('from=')", arg=seen)
        began, seen = time.perf_counter(), page.evaluate("() => location.href")
        try:
            frame.wait_for_function("key => window.atlasFitKey !== key", arg=key, timeout=1_400)
            taken.append(time.perf_counter() - began)
        except Exception:  # the window shows the same places as the one before: nothing to redraw
            continue
    context.close()
    return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=10)
    parser.add_argument("--steps", type=int, default=8)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="playback-bench-") as scratch:
        scratch = Path(scratch)
        big, small = scratch / "big", scratch / "small"
        big.mkdir(), small.mkdir()
        build_corpus(big / "corpus.sqlite", args.articles, args.events)
        servers = {}
        for name, var in (("seed", small), ("corpus", big)):
            os.environ["ATLAS_VAR"] = str(var)
            servers[name] = loopback.start("app.py", scratch / f"{name}.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                times = {name: step_times(browser, server.url, args.steps) for name, server in servers.items()}
                browser.close()
        finally:
            for server in servers.values():
                loopback.stop(server.process)
    seed, corpus = (statistics.median(times[n]) if times[n] else float("nan") for n in ("seed", "corpus"))
    print(
        f"one playback step redrawn: seed {seed:.2f} s ({len(times['seed'])} steps), "
        f"{args.articles:,} articles {corpus:.2f} s ({len(times['corpus'])} steps), ratio {corpus / seed:.2f}"
    )
    print(f"target: under 1 s at {args.articles:,} articles -> {'met' if corpus < 1 else 'NOT met'}")
    return 0 if corpus < 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
