"""One filter state in Chromium: every page counts the same places, and the address follows the slider."""

from __future__ import annotations

import random
import re
from urllib.parse import parse_qs, urlparse

import pytest

from bench import loopback
from bench.timeline_bench import build_corpus
from geo.view.assets import is_tile_request
from tests.browser.conftest import start_server

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
RANGE = "from=2022-12-04&to=2022-12-09"


@pytest.mark.parametrize("path", ["", "Timeline", "Places", "Article"])
def test_every_page_shows_the_same_count_for_the_same_filters(app_server, offline_page, path):
    page = offline_page
    page.goto(f"{app_server.url}/{path}?{RANGE}")
    counts = page.get_by_text(re.compile(r"\d+ of \d+ places shown"))
    counts.first.wait_for()
    assert all(text.startswith("2 of 7 places shown") for text in counts.all_inner_texts())
    assert page.get_by_role("slider").first.get_attribute("aria-valuetext") == "2022-12-04"
    if path == "":
        frame = page.locator(MAP_FRAME).element_handle().content_frame()
        frame.wait_for_function("() => window.atlasPlaces && Object.keys(window.atlasPlaces.byId).length === 2")
    if path == "Places":
        page.get_by_text("2 listed").wait_for()
    assert [r for r in page.requests.blocked if not is_tile_request(r[1])] == []


def thumb_days(page) -> tuple[str, str]:
    return tuple(s.get_attribute("aria-valuetext") for s in page.get_by_role("slider").all())


def address_days(page) -> tuple[str, str]:
    query = parse_qs(urlparse(page.url).query)
    return query.get("from", ["2022-12-03"])[0], query.get("to", ["2023-02-28"])[0]


@pytest.mark.parametrize("seed", [1, 2])
def test_the_address_follows_the_slider_after_quick_drags(app_server, offline_page, seed):
    """Drags in quick succession, some during the last one's rerun: the address ends where the thumbs do."""
    page = offline_page
    page.goto(app_server.url)
    page.frame_locator(MAP_FRAME).locator(".atlas-place, .marker-cluster").first.wait_for()
    track = page.locator('[data-testid="stSlider"]').first.bounding_box()
    values = page.locator('[data-testid="stSliderThumbValue"]')
    rng = random.Random(seed)
    for drag in range(8):
        thumb = values.nth(drag % 2).bounding_box()
        page.mouse.move(thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] + 12)
        page.mouse.down()
        page.mouse.move(track["x"] + rng.random() * track["width"], thumb["y"] + thumb["height"] + 12, steps=4)
        page.mouse.up()
        page.wait_for_timeout(rng.choice([0, 50, 200, 400]))
    for _ in range(40):  # settle: the last rerun writes the address
        page.wait_for_timeout(250)
        if address_days(page) == thumb_days(page):
            break
    shown = thumb_days(page)
    assert address_days(page) == shown
    assert tuple(values.all_inner_texts()) == shown
    page.reload()  # the address alone reproduces the view
    page.get_by_role("slider").first.wait_for()
    assert thumb_days(page) == shown


def test_brushing_the_timeline_sets_the_date_range_in_the_address(app_server, offline_page):
    page = offline_page
    page.goto(f"{app_server.url}/Timeline")
    chart = page.locator(".vega-embed canvas, .vega-embed svg.marks").first
    chart.wait_for()
    page.wait_for_timeout(500)
    box = chart.bounding_box()
    y = box["y"] + box["height"] * 0.4
    page.mouse.move(box["x"] + box["width"] * 0.45, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=8)
    page.mouse.up()
    page.wait_for_url(re.compile(r"from=\d{4}-\d{2}-\d{2}&to="))
    start, end = address_days(page)
    assert "2022-12-03" < start <= end <= "2023-02-28"
    page.get_by_text(re.compile(r"\d+ of 7 places shown")).first.wait_for()
    for _ in range(40):  # the address changes first; the slider follows on the rerun it starts
        if thumb_days(page) == (start, end):
            break
        page.wait_for_timeout(250)
    assert thumb_days(page) == (start, end)


def test_past_the_detail_limit_brushing_drills_down(offline_page, tmp_path, monkeypatch, own_corpus):
    """405 events are counted per week; dragging across some weeks narrows the range to them, in the
    address, and the chart then counts per day."""
    home = own_corpus(tmp_path / "var")
    build_corpus(home.target, 40, 10)
    home.enter(monkeypatch)
    server = start_server(None, tmp_path / "drill.log")
    try:
        page = offline_page
        page.goto(f"{server.url}/Timeline")
        page.get_by_text(re.compile(r"405 events from 2021-02-20 to 2023-02-28, counted per week")).wait_for()
        chart = page.locator(".vega-embed canvas, .vega-embed svg.marks").first
        chart.wait_for()
        page.wait_for_timeout(500)
        box = chart.bounding_box()
        y = box["y"] + box["height"] * 0.5  # inside the plot, above the axis
        page.mouse.move(box["x"] + box["width"] * 0.1, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.2, y, steps=8)
        page.mouse.up()
        page.wait_for_url(re.compile(r"from=2021-\d{2}-\d{2}&to=2021-"))
        start, end = address_days(page)
        assert "2021-02-20" < start < end < "2021-12-31", (start, end)
        page.get_by_text(re.compile(r"^\d+ events from 2021-.*counted per day")).wait_for()  # finer bins
        assert thumb_days(page) == (start, end)
    finally:
        loopback.stop(server.process)


@pytest.fixture(scope="module")
def two_hundred(chromium_path, tmp_path_factory, own_corpus):
    """A server over a corpus of its own; the tests' process keeps the session's (each test of the
    module empties that one, marked ``store`` as every browser test is)."""
    var = tmp_path_factory.mktemp("two-hundred")
    home = own_corpus(var)
    build_corpus(home.target, 200, 10)
    with pytest.MonkeyPatch.context() as patch:
        home.enter(patch)
        server = start_server(None, var / "streamlit.log")
    yield server
    loopback.stop(server.process)


def coloured_pixels(png: bytes) -> int:
    """How many pixels of a picture are in colour (a bar), not white, black or grey."""
    from io import BytesIO

    from PIL import Image

    data = Image.open(BytesIO(png)).convert("RGB").tobytes()
    return sum(1 for i in range(0, len(data), 3) if max(data[i : i + 3]) - min(data[i : i + 3]) > 40)


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (390, 844)])
def test_the_timeline_of_200_articles_fits_a_window_and_a_half_with_its_bars_seen(two_hundred, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    context.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort())
    try:
        page = context.new_page()
        page.goto(f"{two_hundred.url}/Timeline")
        page.get_by_text(re.compile(r"2,005 events from .* counted per week")).wait_for()
        page.locator(".feed-item").first.wait_for()
        chart = page.locator(".vega-embed canvas, .vega-embed svg.marks").first
        chart.wait_for()
        page.wait_for_timeout(800)
        tall = page.locator('[data-testid="stMain"]').evaluate("e => e.scrollHeight")
        assert tall <= 1.5 * height, tall
        box = chart.bounding_box()
        assert box["width"] >= 0.8 * (width - 60 if width < 640 else 800) and box["height"] >= 150, box
        assert coloured_pixels(chart.screenshot()) > 500
        # The legend is past its limit: no article ids cut mid-word anywhere on the page.
        assert "bench-1" not in page.locator('[data-testid="stMain"]').inner_text()
    finally:
        context.close()


def test_playback_steps_the_window_through_the_span_and_pauses(app_server, offline_page):
    page = offline_page
    page.goto(app_server.url)
    page.get_by_role("button", name="Play by the day").click()
    # Each step waits for the page it reruns, so under load a step takes longer than its 1.5 s.
    page.wait_for_url(re.compile(r"from=2022-12-03&to=2022-12-03"))
    page.wait_for_url(re.compile(r"from=2022-12-04&to=2022-12-04"))
    page.wait_for_url(re.compile(r"from=2022-12-05&to=2022-12-05"))
    # The map follows: on the 5th no event names the deposits, so only the undated places stay.
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.wait_for_function("() => window.atlasPlaces && !('gizilbulagh-gold-deposit' in window.atlasPlaces.byId)")
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play by the day").wait_for()
    paused = address_days(page)
    page.wait_for_timeout(4000)
    assert address_days(page) == paused
