"""Is the map as quick as Streamlit itself? Ratios against a minimal app, measured side by side.

Absolute times depend on the machine; ratios against a bare Streamlit app on the same machine
in the same run do not, much. Both apps are served on 127.0.0.1 and driven by one Chromium:

- click → passage panel: a click on a map marker until the panel names the new place,
  against a click on a bare ``st.button`` until its counter changes (median of --clicks).
- first map paint: page load until the first place is drawn, against page load until the
  bare page's button shows (median of --loads, each in a fresh browser context).

The two sides alternate, one measurement each in turn, and are timed inside the page, so
neither Playwright's polling nor a busy moment of the machine favours one of them.

Targets from issue 3: both ratios ≤ 1.5. Run with ``python -m bench`` or ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import loopback
from geo.atlas.atlas import load_atlas

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


class BareClicks:
    """The bare app's page, ready to time one button click after another."""

    def __init__(self, browser, url: str):
        self.page = browser.new_page()
        self.page.set_default_timeout(STEP_TIMEOUT_MS)
        self.page.goto(url)
        self.button = self.page.get_by_role("button", name="Click")
        self.button.wait_for()
        self.count = 0

    def __call__(self) -> float:
        """Seconds from a click on st.button to the rerun's new text on the page."""
        self.count += 1
        test = f"return document.querySelector('p.clicks')?.innerText === 'clicks: {self.count}';"
        return timed_click(self.page, self.button, test)


class MapClicks:
    """The map page, ready to time clicks that alternate between two places."""

    def __init__(self, browser, url: str):
        self.atlas = load_atlas(loopback.ROOT / "data")
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.set_default_timeout(STEP_TIMEOUT_MS)
        self.page.goto(url)
        self.frame = self.page.frame_locator(MAP_FRAME)
        self.frame.locator("path.atlas-place").first.wait_for(state="attached")
        self.count = 0

    def __call__(self) -> float:
        """Seconds from a click on a marker to the panel naming that place, with its passages."""
        place = self.atlas.places[CLICKED[self.count % 2]]
        self.count += 1
        test = (
            "const h = document.querySelector('h3.place-name');"
            f"return h && h.innerText === {json.dumps(place.name)}"
            " && !!document.querySelector('blockquote.passage-text');"
        )
        return timed_click(self.page, self.frame.locator(f"path.atlas-place-{place.id}"), test)


def first_paint(browser, url: str, selector: str, frame: str | None = None) -> float:
    """Seconds from navigation start until ``selector`` exists (in ``frame``, if given)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.goto(url, wait_until="commit")
    seen = page.wait_for_function(FIRST_SEEN, arg=[frame, selector], polling="raf").json_value()
    context.close()
    return seen / 1000


def interleaved(ours, theirs, runs: int, pause_ms: int = 300) -> tuple[list[float], list[float]]:
    """Alternate the two measurements, so both see the same load on a shared machine."""
    a, b = [], []
    ours(), theirs()  # warm-up: first runs pay for imports and caches
    for _ in range(runs):
        a.append(ours())
        time.sleep(pause_ms / 1000)
        b.append(theirs())
        time.sleep(pause_ms / 1000)
    return a, b


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
    parser.add_argument("--loads", type=int, default=9, help="page loads per app for first paint")
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
                paint_app, paint_bare = interleaved(
                    lambda: first_paint(browser, app.url, MAP_DRAWN, MAP_FRAME),
                    lambda: first_paint(browser, bare.url, BARE_DRAWN),
                    args.loads,
                )
                click_app, click_bare = interleaved(
                    MapClicks(browser, app.url), BareClicks(browser, bare.url), args.clicks
                )
                browser.close()
        finally:
            loopback.stop(app.process)
            loopback.stop(bare.process)
    ok = report("click → passage panel", click_app, click_bare, "st.button round trip")
    ok &= report("first map paint", paint_app, paint_bare, "minimal page")
    return 0 if ok else 1
