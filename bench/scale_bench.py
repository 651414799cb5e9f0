"""How the atlas scales: corpora of 10, 100, 1,000 (and 10,000) generated articles, each size as a
ratio to the 10-article one measured in the same run.

For each size, a fresh corpus is built from ``bench.articles`` through ``geo import`` (in two
halves, to see whether the rate holds as the corpus grows), then the command line is timed
(``export``, ``places``) and the app is served on loopback and driven by Chromium:

- first map paint: navigation until the first place marker (or cluster) is drawn in the map;
- deep link ``?place=``: navigation until the panel names the most-mentioned place;
- click → panel: a mouse click on a place's mark (not a cluster) until the panel names a new place;
- date change in the page → map: the slider's first thumb dragged (by the mouse, as a reader does)
  to about a third of the span, from the mouse's release until the map has drawn its new places
  layer, or, when the new range shows the same places (the map then rightly keeps its layer),
  until the page's rerun has ended (no element left marked stale); each run to a day of its own,
  so no run finds the server's answer cached;
- Timeline from the navigation: a click on "Timeline" in the app's own sidebar (no page load)
  until the chart is drawn;
- as full page loads too (a shared link, a reload): ``?from=&to=`` (the middle third) until drawn,
  and the Timeline and Places pages until the chart, the table, is drawn;
- server memory (RSS) after all of that.

Times are medians of ``--runs``, timed inside the page (``performance.now``). A probe that
does not finish in ``--timeout`` seconds is reported as such, not waited for.

With ``--direct`` each corpus is written straight into the store (``bench.store_build``; with
``--keep`` a corpus built before is used again) and no command line is timed: the sizes ``geo
import`` would take days over. Cold start is then timed too: from launching the server to the
first marker of the first page opened.

    .venv/bin/python -m bench.scale_bench --sizes 10,100,1000   # ATLAS_PORTS=8640-8649 keeps to a port range
    .venv/bin/python -m bench.scale_bench --direct --sizes 10,10000,1000000 --keep /work/bench-data
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import loopback
from bench.articles import generate
from bench.map_bench import FIRST_SEEN, MAP_FRAME

MARKER = ".leaflet-marker-icon, .leaflet-interactive"
# A place's own mark, not a cluster: the map's dots (divIcons) or, on a map of SVG circles, its paths;
# not a shaded country or area, whose outline fills much of the map and is not what the probe means.
PLACE_MARKER = (
    ".leaflet-marker-icon.atlas-place:not(.marker-cluster), path.atlas-place:not(.atlas-hit):not(.atlas-area)"
)
# What opens towards the places when clicked: a cluster of marks, or a count bubble of the grid (a
# corpus showing more than the map sends one by one).
CLUSTER = ".marker-cluster, .atlas-cell"
PANEL_NAMES = """([name]) => { const h = document.querySelector('h3.place-name');
    return !!h && (name === null ? h.innerText.trim() !== '' : h.innerText.trim() === name) && performance.now(); }"""
TIMELINE_DRAWN = ".vega-embed canvas, .vega-embed svg.marks"
NAV_TIMELINE = '[data-testid="stSidebarNav"] a:has-text("Timeline")'
SLIDER = '[data-testid="stSlider"]'
THUMB_VALUES = '[data-testid="stSliderThumbValue"]'
SETTLE_MS = 1500  # after the first marker: the map's own first reports (its bounds) rerun the page
DRAGS, DRAG_TAKEN_MS = 3, 10_000  # drags tried, and how long the address has to take the new range
PLACES_DRAWN = '[data-testid="stDataFrame"] canvas, [data-testid="stDataFrame"] table'


@dataclass
class Size:
    """Everything measured for one corpus size; a value of None means it timed out."""

    articles: int
    counts: dict[str, int] = field(default_factory=dict)
    values: dict[str, float | None] = field(default_factory=dict)


def run_cli(args: list[str], env: dict) -> tuple[float, float]:
    """Seconds and peak memory (MB, the process's own high-water mark, sampled until it ends) of ``python -m geo``.

    (``ru_maxrss`` would not do: it keeps the forking bench's size from before the exec.)
    """
    started = time.perf_counter()
    command = [sys.executable, "-m", "geo", *args]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, cwd=loopback.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, _status_mb(process.pid, "VmHWM:"))
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"geo {args[0]} failed: {errors.read().decode(errors='replace')}")
    return elapsed, peak


def _status_mb(pid: int, field: str) -> float:
    """A memory figure of /proc/PID/status in MB (0 once the process is gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith(field)), 0.0)


def build(size: int, var: Path, cache: Path, workers: int | None) -> Size:
    """A corpus of ``size`` generated articles, imported in two halves; the import timed."""
    var.mkdir(parents=True)
    (var / "cache").symlink_to(cache, target_is_directory=True)  # the gazetteer index, built once per run
    env = {**os.environ, "ATLAS_VAR": str(var)}
    records = list(generate(size, seed=1))
    result = Size(size)
    half = size // 2
    extra = ["--workers", str(workers)] if workers else []
    for name, part in (("import 1st half", records[:half]), ("import 2nd half", records[half:])):
        source = var / f"{name[-8:].replace(' ', '-')}.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        seconds, _ = run_cli(["import", str(source), *extra], env)
        result.values[name] = len(part) / seconds  # articles a second
    result.values["import"] = size / (
        half / result.values["import 1st half"] + (size - half) / result.values["import 2nd half"]
    )
    with sqlite3.connect(var / "corpus.sqlite") as db:
        for table in ("articles", "places", "mentions", "events"):
            result.counts[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    out = var / "export.geojson"
    result.values["export s"], result.values["export peak MB"] = run_cli(["export", "--out", str(out)], env)
    result.values["export MB"] = out.stat().st_size / 1e6
    result.values["places s"], _ = run_cli(["places"], env)
    return result


def built(size: int, var: Path, cache: Path, *, again: bool) -> Size:
    """A corpus of ``size`` generated articles written straight into the store (``bench.store_build``),
    or the one built before in ``var`` when ``again``; its build time and size noted."""
    from bench import store_build

    path = var / "corpus.sqlite"
    result = Size(size)
    if not (again and path.exists() and (var / "built").exists()):
        shutil.rmtree(var, ignore_errors=True)
        print(f"{size} articles: writing the store …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        store_build.build(size, var, seed=1, progress=lambda line: print(line, file=sys.stderr, flush=True))
        (var / "built").write_text(f"{time.perf_counter() - started:.0f}\n")
    if not (var / "cache").exists():
        (var / "cache").symlink_to(cache, target_is_directory=True)
    result.values["build s"] = float((var / "built").read_text())
    result.values["store GB"] = sum(f.stat().st_size for f in var.glob("corpus.sqlite*")) / 1e9
    with sqlite3.connect(path) as db:
        for table in ("articles", "places", "mentions", "events"):
            result.counts[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return result


def busiest_place(var: Path) -> tuple[str, str, tuple[str, str]]:
    """The place most articles name (id, name) and the middle third of the events' span, read from
    the store's counts and indexes (a million articles' mentions take minutes to group)."""
    with sqlite3.connect(var / "corpus.sqlite") as db:
        place, record = db.execute(
            "SELECT s.place, p.record FROM place_stats s JOIN places p ON p.id = s.place"
            " ORDER BY s.articles DESC, s.place LIMIT 1"
        ).fetchone()
        first, last = db.execute("SELECT (SELECT min(day) FROM events), (SELECT max(day) FROM events)").fetchone()
    import datetime as dt

    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    third = (b - a) / 3
    return place, json.loads(record)["name"], ((a + third).isoformat(), (b - third).isoformat())


def seen(browser, url: str, test: str, arg, timeout_s: float) -> float | None:
    """Seconds from navigation start until ``test`` (JS) returns a time, in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    try:
        page.goto(url, wait_until="commit")
        return page.wait_for_function(test, arg=arg, polling="raf").json_value() / 1000
    except Exception:  # a timeout: reported as such
        return None
    finally:
        context.close()


def map_drawn(browser, url: str, timeout_s: float) -> float | None:
    return seen(browser, url, FIRST_SEEN, [MAP_FRAME, MARKER], timeout_s)


# Where a reader could click now, in page coordinates: a place's own mark that is the topmost thing at
# its centre (another each turn), else a cluster, which opens when clicked. A mouse-down in the map
# notes its time, so a click is timed from the moment the page receives it.
FIND_TARGET = """([frameSelector, place, cluster, turn]) => {
    const frame = document.querySelector(frameSelector);
    const doc = frame.contentDocument, off = frame.getBoundingClientRect();
    const box = doc.querySelector('.leaflet-container').getBoundingClientRect();
    const clickable = (e) => {
        const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (!r.width || x < box.left || x > box.right || y < box.top || y > box.bottom) { return null; }
        const hit = doc.elementFromPoint(x, y);
        return hit && (hit === e || e.contains(hit)) ? {x: off.left + x, y: off.top + y} : null;
    };
    const own = [...doc.querySelectorAll(place)].map(clickable).filter(Boolean);
    if (own.length) {
        doc.addEventListener("mousedown", () => { window.__clickAt = performance.timeOrigin + performance.now(); },
            {capture: true, once: true});
        return {own: true, ...own[(turn * 7919) % own.length]};
    }
    const groups = [...doc.querySelectorAll(cluster)].map(clickable).filter(Boolean);
    return groups.length ? {own: false, ...groups[0]} : null;
}"""
PANEL_CHANGED = """(before) => { const h = document.querySelector('h3.place-name');
    return !!h && h.innerText.trim() !== '' && h.innerText !== before
        && performance.timeOrigin + performance.now(); }"""


def click_to_panel(browser, url: str, timeout_s: float, runs: int) -> list[float]:
    """Real mouse clicks on a place's mark (opening clusters until one shows) until the panel names the place.

    Each run loads the map afresh, so every click selects a place where none was selected
    (on a map that has one selected, the marks near it may be that same place).
    """
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    times: list[float] = []
    try:
        for turn in range(runs):
            page.goto(url)
            page.frame_locator(MAP_FRAME).locator(MARKER).first.wait_for(state="attached")
            for _ in range(12):
                target = page.evaluate(FIND_TARGET, [MAP_FRAME, PLACE_MARKER, CLUSTER, turn])
                if target is None or target["own"]:
                    break
                page.mouse.click(target["x"], target["y"])  # a cluster opens, with an animation
                page.wait_for_timeout(600)
            if target is None or not target["own"]:
                continue
            page.mouse.click(target["x"], target["y"])
            try:
                done = page.wait_for_function(PANEL_CHANGED, arg="", polling="raf").json_value()
            except Exception:  # no panel within the timeout: that click is not counted
                continue
            times.append((done - page.evaluate("window.__clickAt")) / 1000)
    except Exception:  # the map never drew: no clicks to report
        pass
    finally:
        context.close()
    return times


# In the page: the time a mouse button is released (the end of a drag, the click on a link); a
# pointer event, as the slider cancels the mouse events that would follow its own.
NOTE_RELEASE = """() => document.addEventListener("pointerup",
    () => { window.__releasedAt = performance.timeOrigin + performance.now(); }, {capture: true, once: true})"""
# In the map's frame: the places layer drawn now, to tell the next one from it.
NOTE_LAYER = "() => { window.__layerBefore = window.atlasPlaces; }"
# Installed as the mouse is released: when the page has answered a date change, in
# ``window.__answeredAt``. A new places layer in the map's frame answers it; a range that shows the
# same places leaves the map as it is, and the answer is then the end of the rerun (elements went
# stale and none is left), once ``ANSWER_GRACE_MS`` pass with no new layer (a layer is drawn a
# moment after its element's update arrives).
WATCH_ANSWER = """([frameSelector, graceMs]) => { window.__answeredAt = null;
    const me = (window.__watching = (window.__watching || 0) + 1);  // a drag tried again watches anew
    let seen = false, cleared = null;
    const tick = () => {
        if (window.__watching !== me) { return; }
        const frame = document.querySelector(frameSelector), w = frame && frame.contentWindow;
        const now = performance.timeOrigin + performance.now();
        if (w && w.atlasPlaces && w.atlasPlaces !== w.__layerBefore) { window.__answeredAt = now; return; }
        if (document.querySelector('[data-stale="true"]')) { seen = true; cleared = null; }
        else if (seen && cleared === null) { cleared = now; }
        if (cleared !== null && now - cleared >= graceMs) { window.__answeredAt = cleared; return; }
        requestAnimationFrame(tick); };
    requestAnimationFrame(tick); }"""
ANSWER_GRACE_MS = 500
CHART_DRAWN = """([selector]) => !!document.querySelector(selector) && performance.timeOrigin + performance.now()"""


def _map_ready(page, url: str) -> None:
    """The map page loaded afresh in ``page``, its first marker drawn and its first reruns over."""
    page.goto(url)
    page.frame_locator(MAP_FRAME).locator(MARKER).first.wait_for(state="attached")
    page.locator(SLIDER).first.wait_for()
    page.wait_for_timeout(SETTLE_MS)


def date_change(browser, url: str, timeout_s: float, fraction: float) -> float | None:
    """Seconds from releasing the slider's first thumb, dragged to ``fraction`` of its track, until
    the page has answered (``WATCH_ANSWER``): a reader's date change, answered by a rerun of the page."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    try:
        _map_ready(page, url)
        page.frame_locator(MAP_FRAME).locator("body").evaluate(NOTE_LAYER)
        for _ in range(DRAGS):  # a drag during a rerun the page was still making is lost: drag again
            track = page.locator(SLIDER).first.bounding_box()
            thumb = page.locator(THUMB_VALUES).first.bounding_box()
            y = thumb["y"] + thumb["height"] + 12  # on the thumb, under its value
            page.mouse.move(thumb["x"] + thumb["width"] / 2, y)
            page.mouse.down()
            page.mouse.move(track["x"] + fraction * track["width"], y, steps=4)
            page.evaluate(NOTE_RELEASE)
            page.evaluate(WATCH_ANSWER, [MAP_FRAME, ANSWER_GRACE_MS])
            page.mouse.up()
            try:
                page.wait_for_url(re.compile(r"[?&]from="), timeout=DRAG_TAKEN_MS)
                break
            except Exception:
                continue
        done = page.wait_for_function("() => window.__answeredAt").json_value()
        return (done - page.evaluate("window.__releasedAt")) / 1000
    except Exception:  # a timeout: reported as such
        return None
    finally:
        context.close()


def timeline_from_navigation(browser, url: str, timeout_s: float) -> float | None:
    """Seconds from a click on "Timeline" in the app's navigation, on the map page, until the chart is
    drawn: the page changes inside the app, as a reader moves between pages, with no page load."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(timeout_s * 1000)
    try:
        _map_ready(page, url)
        page.evaluate(NOTE_RELEASE)
        page.locator(NAV_TIMELINE).first.click()
        done = page.wait_for_function(CHART_DRAWN, arg=[TIMELINE_DRAWN], polling="raf").json_value()
        return (done - page.evaluate("window.__releasedAt")) / 1000
    except Exception:
        return None
    finally:
        context.close()


def measure_app(browser, size: Size, var: Path, runs: int, timeout_s: float, log: Path) -> None:
    place, name, (start, end) = busiest_place(var)
    started = time.perf_counter()
    server = loopback.start("app.py", log, env={"ATLAS_VAR": str(var)})
    try:
        # Cold start: from launching the server to the first marker of the first page anyone opens.
        first = map_drawn(browser, server.url, timeout_s)
        size.values["cold start"] = time.perf_counter() - started if first is not None else None
        drags = iter(range(1_000))  # each drag to a day of its own: 30 %, 31.5 %, 33 % … of the track
        probes = {
            "first map paint": lambda: map_drawn(browser, server.url, timeout_s),
            "date change in the page": lambda: date_change(
                browser, server.url, timeout_s, 0.30 + 0.015 * (next(drags) % 20)
            ),
            "Timeline from the navigation": lambda: timeline_from_navigation(browser, server.url, timeout_s),
            "deep link ?place=": lambda: seen(browser, f"{server.url}/?place={place}", PANEL_NAMES, [name], timeout_s),
            "date filter → map": lambda: map_drawn(browser, f"{server.url}/?from={start}&to={end}", timeout_s),
            "Timeline page": lambda: seen(
                browser, f"{server.url}/Timeline", FIRST_SEEN, [None, TIMELINE_DRAWN], timeout_s
            ),
            "Places page": lambda: seen(browser, f"{server.url}/Places", FIRST_SEEN, [None, PLACES_DRAWN], timeout_s),
        }
        for probe in probes.values():  # warm-up: the server's first run of each page pays for imports and caches
            probe()
        for label, probe in probes.items():
            found = [t for t in (probe() for _ in range(runs)) if t is not None]
            size.values[label] = statistics.median(found) if found else None
        clicks = click_to_panel(browser, server.url, timeout_s, runs)
        size.values["click → panel"] = statistics.median(clicks) if clicks else None
        size.values["server RSS MB"] = _status_mb(server.process.pid, "VmRSS:")
        size.values["server peak MB"] = _status_mb(server.process.pid, "VmHWM:")
    finally:
        loopback.stop(server.process)


ROWS = (
    ("build s", "store written directly (s)", "{:.0f}"),
    ("store GB", "… its size (GB)", "{:.2f}"),
    ("import", "import (articles/s)", "{:.1f}"),
    ("import 1st half", "… into an empty corpus", "{:.1f}"),
    ("import 2nd half", "… into the half-built one", "{:.1f}"),
    ("export s", "`geo export` (s)", "{:.2f}"),
    ("export MB", "… its size (MB)", "{:.1f}"),
    ("export peak MB", "… its peak RSS (MB)", "{:.0f}"),
    ("places s", "`geo places` (s)", "{:.2f}"),
    ("cold start", "cold start → first marker (s)", "{:.2f}"),
    ("first map paint", "first map paint (s)", "{:.2f}"),
    ("deep link ?place=", "deep link ?place= (s)", "{:.2f}"),
    ("click → panel", "click → panel (s)", "{:.2f}"),
    ("date change in the page", "date change in the page → map (s)", "{:.2f}"),
    ("Timeline from the navigation", "Timeline from the app's navigation (s)", "{:.2f}"),
    ("date filter → map", "date filter → map, a page load (s)", "{:.2f}"),
    ("Timeline page", "Timeline page, a page load (s)", "{:.2f}"),
    ("Places page", "Places page, a page load (s)", "{:.2f}"),
    ("server RSS MB", "server RSS after all that (MB)", "{:.0f}"),
    ("server peak MB", "… its peak (MB)", "{:.0f}"),
)
#: Rates against the smallest corpus say only how much Python's start-up weighs in a tiny import.
NO_RATIO = {"import", "import 1st half", "import 2nd half", "build s", "store GB"}


def table(sizes: list[Size]) -> str:
    """A Markdown table: each value, and its ratio to the smallest size's."""
    base = sizes[0]
    head = ["", *(f"{s.articles:,} articles" for s in sizes)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    kinds = ("places", "mentions", "events")
    counts = [" / ".join(f"{s.counts[k]:,}" for k in kinds) for s in sizes]
    lines.append(f"| {' / '.join(kinds)} | " + " | ".join(counts) + " |")
    for key, label, form in ROWS:
        if all(key not in s.values for s in sizes):  # not measured in this run (``--direct``: no import)
            continue
        cells = []
        for s in sizes:
            value, first = s.values.get(key), base.values.get(key)
            if value is None:
                cells.append("timed out" if key in s.values else "—")
                continue
            ratio = f" ({value / first:.2f}×)" if first and s is not base and key not in NO_RATIO else ""
            cells.append(form.format(value) + ratio)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    if all("import 1st half" in s.values for s in sizes):
        flat = [s.values["import 2nd half"] / s.values["import 1st half"] for s in sizes]
        lines.append("| import rate, 2nd half / 1st half | " + " | ".join(f"{r:.2f}" for r in flat) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="corpus sizes, smallest first (default 10,100,1000)")
    parser.add_argument("--runs", type=int, default=3, help="measurements per probe (median)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a probe counts as timed out")
    parser.add_argument("--workers", type=int, default=None, help="geo import --workers (default: its own)")
    parser.add_argument("--keep", help="build the corpora in this folder and leave them there")
    parser.add_argument(
        "--direct",
        action="store_true",
        help="write each corpus straight into the store (bench.store_build) instead of through geo import,"
        " and time no command line; with --keep, a corpus built before is used again",
    )
    args = parser.parse_args(argv)
    counts = sorted(int(n) for n in args.sizes.split(","))
    if not loopback.CHROMIUM.exists():
        print(f"no Chromium at {loopback.CHROMIUM}", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    root = Path(args.keep or tempfile.mkdtemp(prefix="atlas-scale-"))
    cache = root / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    results = []
    warm = {**os.environ, "ATLAS_VAR": str(root)}  # builds the gazetteer index in root/cache, before any timing
    subprocess.run([sys.executable, "-m", "geo", "geoparse", "-"], input=b"Paris", env=warm, capture_output=True)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(loopback.CHROMIUM), args=loopback.CHROMIUM_ARGS)
            for count in counts:
                var = root / f"var-{count}"
                if args.direct:
                    size = built(count, var, cache, again=bool(args.keep))
                else:
                    shutil.rmtree(var, ignore_errors=True)
                    print(f"{count} articles: importing …", file=sys.stderr, flush=True)
                    size = build(count, var, cache, args.workers)
                print(f"{count} articles: measuring the app …", file=sys.stderr, flush=True)
                measure_app(browser, size, var, args.runs, args.timeout, root / f"app-{count}.log")
                results.append(size)
                print(json.dumps({"articles": count, **size.counts, **size.values}), file=sys.stderr, flush=True)
            browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
