"""Is the map as quick as Streamlit itself? Ratios against a minimal app, measured side by side.

Absolute times depend on the machine; ratios against a bare Streamlit app on the same machine
in the same run do not, much. Both apps are served on 127.0.0.1 and driven by one Chromium:

- click → passage panel: a click on a map marker until the panel names the new place,
  against a click on a bare ``st.button`` until its counter changes (median of --clicks).
- first map paint: page load until the first place is drawn, against page load until the
  bare page's button shows (median of --loads, each in a fresh browser context).

Targets from issue 3: both ratios ≤ 1.5. Run with ``python -m bench`` or ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench import loopback
from geo.atlas import load_atlas

TARGET = 1.5
STEP_TIMEOUT_MS = 30_000
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Two places far enough apart at the group zoom for each click to change the selection.
CLICKED = ("gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit")


# Timing happens in the page: Playwright's own waits poll, which would blur both sides.
WATCH = """(test) => {
    window.__benchDone = new Promise((resolve) => {
        const check = new Function(test);
        const observer = new MutationObserver(() => {
            if (check()) {
                observer.disconnect();
                resolve(performance.timeOrigin + performance.now());
            }
        });
        observer.observe(document.body, {subtree: true, childList: true, characterData: true});
    });
}"""
CLICK = """(element) => {
    const at = performance.timeOrigin + performance.now();
    element.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
    return at;
}"""
# Checked on every animation frame from the main page, looking into the map's frame too.
FIRST_SEEN = """([frame, selector]) => {
    const inner = frame && document.querySelector(frame);
    const root = frame ? inner && inner.contentDocument : document;
    return !!(root && root.querySelector(selector)) && performance.now();
}"""


def timed_click(page, target, test: str) -> float:
    """Seconds from dispatching a click on ``target`` to ``test`` (JS) holding in the page."""
    page.evaluate(WATCH, test)
    clicked = target.evaluate(CLICK)
    done = page.evaluate("window.__benchDone")
    return (done - clicked) / 1000


def button_round_trips(browser, url: str, clicks: int) -> list[float]:
    """Seconds from a bare st.button click to the rerun's new text on the page."""
    page = browser.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.goto(url)
    button = page.get_by_role("button", name="Click")
    button.wait_for()
    times = []
    for n in range(1, clicks + 1):
        test = f"return document.querySelector('p.clicks')?.innerText === 'clicks: {n}';"
        times.append(timed_click(page, button, test))
        page.wait_for_timeout(300)  # let the run finish before the next click
    page.close()
    return times


def map_click_round_trips(browser, url: str, clicks: int) -> list[float]:
    """Seconds from a click on a marker to the panel naming that place, with its passages."""
    atlas = load_atlas(loopback.ROOT / "data")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.atlas-place").first.wait_for(state="attached")
    page.wait_for_timeout(1000)
    times = []
    for n in range(clicks + 1):
        place = atlas.places[CLICKED[n % 2]]
        test = (
            "const h = document.querySelector('h3.place-name');"
            f"return h && h.innerText === {json.dumps(place.name)}"
            " && !!document.querySelector('blockquote.passage-text');"
        )
        took = timed_click(page, frame.locator(f"path.atlas-place-{place.id}"), test)
        if n:  # the first click warms the session up
            times.append(took)
        page.wait_for_timeout(300)
    page.close()
    return times


def first_paints(browser, url: str, loads: int, selector: str, frame: str | None = None) -> list[float]:
    """Seconds from navigation start until ``selector`` exists (in ``frame``, if given)."""
    times = []
    for _ in range(loads):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(STEP_TIMEOUT_MS)
        page.goto(url, wait_until="commit")
        seen = page.wait_for_function(FIRST_SEEN, arg=[frame, selector], polling="raf")
        times.append(seen.json_value() / 1000)
        context.close()
    return times


# The first place drawn with real coordinates (Leaflet parks unprojected paths at "M0 0").
MAP_DRAWN = 'path.atlas-place:not([d="M0 0"])'
BARE_DRAWN = ".stButton button"


def report(name: str, ours: list[float], base: list[float], what: str) -> bool:
    """Print one comparison; whether it meets the target."""
    a, b = statistics.median(ours), statistics.median(base)
    ratio = a / b
    verdict = "ok" if ratio <= TARGET else "over target"
    print(f"{name}: {a:.3f} s vs {what} {b:.3f} s (medians of {len(ours)} and {len(base)})")
    print(f"  ratio {ratio:.2f} (target ≤ {TARGET}) {verdict}")
    return ratio <= TARGET


def main(argv: list[str] | None = None) -> int:
    """Serve both apps, measure, print the ratios; exit 1 if a ratio misses its target."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=12, help="clicks per app (at least 10)")
    parser.add_argument("--loads", type=int, default=5, help="page loads per app for first paint")
    args = parser.parse_args(argv)
    if args.clicks < 10:
        parser.error("--clicks must be at least 10 for a meaningful median")
    if not loopback.CHROMIUM.exists():
        print(f"no Chromium at {loopback.CHROMIUM}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        app = loopback.start("app.py", Path(tmp) / "app.log")
        bare = loopback.start("bench/baseline_app.py", Path(tmp) / "bare.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(loopback.CHROMIUM), args=loopback.CHROMIUM_ARGS
                )
                # Warm both servers (imports, caches) before timing anything.
                first_paints(browser, app.url, 1, MAP_DRAWN, MAP_FRAME)
                first_paints(browser, bare.url, 1, BARE_DRAWN)
                paint_app = first_paints(browser, app.url, args.loads, MAP_DRAWN, MAP_FRAME)
                paint_bare = first_paints(browser, bare.url, args.loads, BARE_DRAWN)
                click_bare = button_round_trips(browser, bare.url, args.clicks)
                click_app = map_click_round_trips(browser, app.url, args.clicks)
                browser.close()
        finally:
            loopback.stop(app.process)
            loopback.stop(bare.process)
    ok = report("click → passage panel", click_app, click_bare, "st.button round trip")
    ok &= report("first map paint", paint_app, paint_bare, "minimal page")
    return 0 if ok else 1
