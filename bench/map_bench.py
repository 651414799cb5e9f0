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

``--scale SMALL_VAR LARGE_VAR`` compares the app over two saved corpora instead (each an
``ATLAS_VAR`` folder, say 10 and 1,000 articles), both served and measured in the same run:
first map paint, deep link ``?place=`` until the panel names the place and the map shows its
own mark, and click → panel. Targets from issue 8: paint and deep link ≤ 2×, click ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench import loopback
from geo.atlas.atlas import load_atlas
from geo.store.store import Store

TARGET = 1.5
STEP_TIMEOUT_MS = 30_000
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Two places both shown once the map has zoomed to the first, so each click changes the selection.
CLICKED = ("gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit")
SCALE_TARGETS = {"first map paint": 2.0, "deep link": 2.0, "click → panel": 1.5}


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
    # A click that changes nothing would leave the promise pending for ever: fail after the step timeout.
    done = page.evaluate(
        """(ms) => Promise.race([window.__benchDone, new Promise((_, no) => setTimeout(() => no(new Error(
            "the page never showed the click's result")), ms))])""",
        STEP_TIMEOUT_MS,
    )
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
    """The map page, opened at a place, ready to time clicks that alternate between two shown places.

    ``places`` names the two; without it the first two marks the map shows are taken.
    """

    def __init__(self, browser, url: str, atlas, places: tuple[str, str] | None = None, start: str | None = None):
        self.atlas = atlas
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.set_default_timeout(STEP_TIMEOUT_MS)
        start = start or (places[0] if places else next(iter(atlas.places)))
        self.page.goto(f"{url}/?place={start}")
        self.page.locator(MAP_FRAME).wait_for()
        self.frame = self.page.locator(MAP_FRAME).element_handle().content_frame()
        self.frame.wait_for_function(SHOWN, arg=start)
        # Two shown places other than the selected one (a click on it would change nothing to wait
        # for), the nearest to the centre and its nearest neighbour: a click pans the map to its
        # place, and the other must stay in view.
        self.places = places or tuple(
            self.frame.evaluate(
                """(start) => {
                    const dots = [...document.querySelectorAll(".atlas-dot")].map((e) => {
                        const r = e.getBoundingClientRect(), id = [...e.classList]
                            .find((c) => c.startsWith("atlas-place-")).slice(12);
                        return {id, x: r.x, y: r.y};
                    }).filter((d) => d.id !== start);
                    const size = window.atlasPlaces.map.getSize(), near = (a, x, y) => Math.hypot(a.x - x, a.y - y);
                    dots.sort((a, b) => near(a, size.x / 2, size.y / 2) - near(b, size.x / 2, size.y / 2));
                    const first = dots[0], rest = dots.slice(1);
                    rest.sort((a, b) => near(a, first.x, first.y) - near(b, first.x, first.y));
                    return [first.id, (rest[0] || {id: start}).id];
                }""",
                start,
            )
        )
        if start == self.places[0]:
            self.places = self.places[::-1]
        self.count = 0

    def __call__(self) -> float:
        """Seconds from a click on a marker to the panel naming that place, with its passages."""
        place = self.atlas.places[self.places[self.count % 2]]
        self.count += 1
        test = (
            "const h = document.querySelector('h3.place-name');"
            f"return h && h.innerText === {json.dumps(place.name)}"
            " && !!document.querySelector('blockquote.passage-text');"
        )
        return timed_click(self.page, self.frame.locator(f".atlas-dot.atlas-place-{place.id}"), test)


# The place's own mark is on the map (not hidden in a cluster): the deep link has zoomed to it.
SHOWN = """(id) => { const p = window.atlasPlaces, m = p && p.byId[id];
    return !!m && (m._path ? m._path.isConnected : !!(m._icon && m._icon.isConnected)); }"""
DEEP_LINKED = """([frame, id, name]) => {
    const h = document.querySelector("h3.place-name");
    if (!h || h.innerText !== name) { return false; }
    const inner = document.querySelector(frame), win = inner && inner.contentWindow;
    const p = win && win.atlasPlaces, m = p && p.byId[id];
    return !!m && (m._path ? m._path.isConnected : !!(m._icon && m._icon.isConnected)) && performance.now();
}"""


def deep_link(browser, url: str, place) -> float:
    """Seconds from navigating to ``?place=`` until the panel names it and the map shows its mark."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    page.goto(f"{url}/?place={place.id}", wait_until="commit")
    seen = page.wait_for_function(DEEP_LINKED, arg=[MAP_FRAME, place.id, place.name], polling="raf").json_value()
    context.close()
    return seen / 1000


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


# The first place or cluster of places drawn.
MAP_DRAWN = ".atlas-place, .marker-cluster"
BARE_DRAWN = ".stButton button"


def report(name: str, ours: list[float], base: list[float], what: str, target: float = TARGET) -> bool:
    """Print one comparison; whether it meets the target."""
    a, b = statistics.median(ours), statistics.median(base)
    ratio = a / b
    verdict = "ok" if ratio <= target else "over target"
    print(f"{name}: {a:.3f} s vs {what} {b:.3f} s (medians of {len(ours)} and {len(base)})")
    print(f"  ratio {ratio:.2f} (target ≤ {target}) {verdict}")
    return ratio <= target


def serve(var: Path | None, log: Path) -> loopback.Server:
    """The app over the corpus in ``var`` (an ATLAS_VAR folder), or the default one."""
    before = os.environ.get("ATLAS_VAR")
    if var is not None:
        os.environ["ATLAS_VAR"] = str(var)
    try:
        return loopback.start("app.py", log)
    finally:
        if before is None:
            os.environ.pop("ATLAS_VAR", None)
        else:
            os.environ["ATLAS_VAR"] = before


def against_bare(browser, tmp: Path, args) -> bool:
    """The map against a bare Streamlit app: issue 3's comparison."""
    app = serve(None, tmp / "app.log")
    bare = loopback.start("bench/baseline_app.py", tmp / "bare.log")
    try:
        paint_app, paint_bare = interleaved(
            lambda: first_paint(browser, app.url, MAP_DRAWN, MAP_FRAME),
            lambda: first_paint(browser, bare.url, BARE_DRAWN),
            args.loads,
        )
        atlas = load_atlas(loopback.ROOT / "data")
        click_app, click_bare = interleaved(
            MapClicks(browser, app.url, atlas, CLICKED), BareClicks(browser, bare.url), args.clicks
        )
    finally:
        loopback.stop(app.process)
        loopback.stop(bare.process)
    ok = report("click → passage panel", click_app, click_bare, "st.button round trip")
    return report("first map paint", paint_app, paint_bare, "minimal page") & ok


def at_scale(browser, tmp: Path, small_var: Path, large_var: Path, args) -> bool:
    """The map over a large corpus against a small one, both served in this run: issue 8's comparison."""
    atlases = [Store.open(loopback.ROOT / "data", var / "corpus.sqlite") for var in (small_var, large_var)]
    for var, atlas in zip((small_var, large_var), atlases, strict=True):
        print(f"{var}: {len(atlas.articles):,} articles, {len(atlas.places):,} places")
    servers = [serve(var, tmp / f"app{n}.log") for n, var in enumerate((small_var, large_var))]
    # The deep-linked place: one each corpus's newest article names.
    linked = [atlas.places[min(atlas.places_named_by(atlas.newest_articles(limit=1)[0]))] for atlas in atlases]
    try:
        small, large = (server.url for server in servers)
        paint_large, paint_small = interleaved(
            lambda: first_paint(browser, large, MAP_DRAWN, MAP_FRAME),
            lambda: first_paint(browser, small, MAP_DRAWN, MAP_FRAME),
            args.loads,
        )
        link_large, link_small = interleaved(
            lambda: deep_link(browser, large, linked[1]), lambda: deep_link(browser, small, linked[0]), args.loads
        )
        click_large, click_small = interleaved(
            MapClicks(browser, large, atlases[1], start=linked[1].id),
            MapClicks(browser, small, atlases[0], start=linked[0].id),
            args.clicks,
        )
    finally:
        for server in servers:
            loopback.stop(server.process)
    what = f"{len(atlases[0].articles):,} articles"
    ok = report("first map paint", paint_large, paint_small, what, SCALE_TARGETS["first map paint"])
    ok &= report("deep link ?place=", link_large, link_small, what, SCALE_TARGETS["deep link"])
    return report("click → panel", click_large, click_small, what, SCALE_TARGETS["click → panel"]) & ok


BASEMAP_DRAWN = ".leaflet-pane path:not(.leaflet-interactive)"  # the offline basemap's countries
# The wide one opens as a reader first sees the atlas, with the story feed; the phone one has a
# place selected, its sheet over the map's foot.
SCREENSHOTS = (("screenshot.png", 1400, 900, None), ("screenshot-390.png", 390, 844, "khankendi"))


def screenshots(browser, tmp: Path, folder: Path, var: Path | None) -> None:
    """The README's pictures, at 1400 and 390 px: the opening map with its feed, and a place's sheet."""
    server = serve(var, tmp / "shots.log")
    try:
        for name, width, height, place in SCREENSHOTS:
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
            page = context.new_page()
            page.set_default_timeout(STEP_TIMEOUT_MS)
            page.goto(f"{server.url}/" + (f"?place={place}" if place else ""))
            page.locator(MAP_FRAME).wait_for()
            frame = page.locator(MAP_FRAME).element_handle().content_frame()
            if place:
                frame.wait_for_function(SHOWN, arg=place)
                page.locator("blockquote.passage-text").first.wait_for()
            else:
                page.locator(".feed-item").first.wait_for()
            frame.locator(BASEMAP_DRAWN).nth(100).wait_for(state="attached")
            page.wait_for_timeout(2000)  # the basemap's rivers and labels arrive after the places
            page.screenshot(path=str(folder / name))
            context.close()
            print(f"wrote {folder / name}")
    finally:
        loopback.stop(server.process)


def main(argv: list[str] | None = None) -> int:
    """Serve the apps, measure, print the ratios; exit 1 if a ratio misses its target."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=12, help="clicks per app (at least 10)")
    parser.add_argument("--loads", type=int, default=9, help="page loads per app for first paint")
    parser.add_argument(
        "--scale", nargs=2, type=Path, metavar=("SMALL_VAR", "LARGE_VAR"), help="compare two corpora instead"
    )
    parser.add_argument("--screenshots", type=Path, metavar="FOLDER", help="take the README's screenshots instead")
    parser.add_argument("--var", type=Path, help="with --screenshots: the ATLAS_VAR folder to show")
    args = parser.parse_args(argv)
    if args.clicks < 10:
        parser.error("--clicks must be at least 10 for a meaningful median")
    if args.scale and not all((var / "corpus.sqlite").is_file() for var in args.scale):
        parser.error("each --scale folder must hold a corpus.sqlite")
    if not loopback.CHROMIUM.exists():
        print(f"no Chromium at {loopback.CHROMIUM}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(loopback.CHROMIUM), args=loopback.CHROMIUM_ARGS)
        try:
            if args.screenshots:
                screenshots(browser, Path(tmp), args.screenshots, args.var)
                return 0
            ok = (
                at_scale(browser, Path(tmp), *args.scale, args)
                if args.scale
                else against_bare(browser, Path(tmp), args)
            )
        finally:
            browser.close()
    return 0 if ok else 1
