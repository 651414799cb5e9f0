"""The map app in Chromium with no network: drawing, clicking, filtering, deep links."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench import loopback
from bench.loopback import ROOT
from geo.atlas.atlas import load_atlas
from geo.view.mapview import KIND_STYLES
from tests.browser.conftest import is_local, start_server

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DEPOSIT = KIND_STYLES["deposit"].colour
GENEVA = "path.atlas-place-geneva"


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(ROOT / "data")


def open_map(page, url: str):
    """Load a page and wait until Leaflet has drawn the places; the frame holding the map."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.leaflet-interactive").locator("visible=true").first.wait_for()
    return frame


def markers(frame, colour: str):
    return frame.locator(f'path.leaflet-interactive[fill="{colour}"]')


def test_map_draws_with_no_network(app_server, offline_page, atlas):
    frame = open_map(offline_page, app_server.url)
    # Every place is drawn: a marker per point, a line for the road.
    assert frame.locator("path.leaflet-interactive").count() == len(atlas.places)
    # The offline basemap's countries arrive from the app itself.
    frame.locator("path:not(.leaflet-interactive)").nth(100).wait_for(state="attached")
    assert "Mineral deposit" in frame.locator(".atlas-legend").inner_text()
    assert offline_page.requests.blocked == []
    # The sidebar names every page by what it shows, the map first.
    nav = offline_page.locator('[data-testid="stSidebarNav"] a')
    pages = ["Map", "Timeline", "Places", "Article", "Add article", "About"]
    assert [t.strip() for t in nav.all_inner_texts()] == pages


def test_no_script_or_style_leaves_the_machine(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    frame.locator(".atlas-legend").wait_for()
    assets = [(kind, url) for kind, url in offline_page.requests.seen if kind in ("script", "stylesheet")]
    assert any(url.endswith("/app/static/vendor/leaflet-1.9.4/leaflet.js") for _, url in assets)
    assert any(url.endswith("/app/static/vendor/leaflet-1.9.4/leaflet.css") for _, url in assets)
    assert [a for a in assets if not is_local(a[1])] == []
    assert offline_page.requests.blocked == []


def test_click_a_deposit_and_read_its_passage(app_server, offline_page, atlas):
    frame = open_map(offline_page, app_server.url)
    offline_page.get_by_role("button", name=re.compile(r"Zoom to Khankendi")).click()
    deposit = markers(frame, DEPOSIT).first
    deposit.wait_for()
    deposit.dispatch_event("click")  # to the marker itself: the map may still be moving
    heading = offline_page.locator("h3.place-name")
    heading.wait_for()
    name = heading.inner_text()
    place = next(p for p in atlas.places.values() if p.name == name)
    assert place.kind == "deposit"
    passages = offline_page.locator("blockquote.passage-text")
    passages.first.wait_for()
    assert passages.count() == len(atlas.passages(place.id))
    first = atlas.passages(place.id)[0]
    start, end = first.spans[0]
    assert passages.first.locator("mark").first.inner_text() == first.text[start:end]
    assert "Azernews, Sabina Mammadli, 2023-02-28" in offline_page.locator(".passage-source").first.inner_text()
    # The popup showed an excerpt at once, and the address now names the place.
    # A popup the rerun replaced may still be fading out; the newest is last.
    assert frame.locator(".atlas-popup").last.inner_text().startswith(name)
    offline_page.wait_for_url(re.compile(rf"place={place.id}"))


def test_narrow_dates_in_the_address_hides_geneva_keeps_deposits(app_server, offline_page):
    frame = open_map(offline_page, f"{app_server.url}/?from=2022-12-09&to=2022-12-11")
    assert markers(frame, DEPOSIT).count() == 2
    assert frame.locator(GENEVA).count() == 0
    assert frame.locator("path.leaflet-interactive").count() == 2


def address_day(page, param: str) -> dt.date | None:
    return address_day_of(page.url, param)


def step_thumb(page, thumb, param: str, target: dt.date) -> None:
    """Step a slider thumb with the arrow keys, one rerun at a time, until the address shows the day.

    A key pressed while the app is still rerunning can be lost, so each step waits for the
    address to change, presses again if it does not, and steers by where the address says.
    """
    for _ in range(40):
        now = address_day(page, param)
        if now == target:
            return
        page.wait_for_timeout(150)  # let the rerun that wrote the address settle
        thumb.focus()
        page.keyboard.press("ArrowRight" if now is None or now < target else "ArrowLeft")
        try:
            page.wait_for_url(lambda url, now=now: address_day_of(url, param) != now, timeout=5_000)
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the slider never reached {param}={target}")


def address_day_of(url: str, param: str) -> dt.date | None:
    value = parse_qs(urlparse(url).query).get(param, [""])[0]
    return dt.date.fromisoformat(value) if value else None


def test_narrow_dates_with_the_slider_hides_geneva(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    assert frame.locator(GENEVA).count() == 1
    start, end = offline_page.get_by_role("slider").all()
    step_thumb(offline_page, start, "from", dt.date(2022, 12, 9))
    assert frame.locator(GENEVA).count() == 1, "Geneva's meeting is still in range"
    for _ in range(3):  # the end thumb jumps to the start thumb's day; retried if the key is lost
        end.focus()
        offline_page.keyboard.press("Home")
        try:
            offline_page.wait_for_url(re.compile(r"to=2022-12-09"), timeout=5_000)
            break
        except PlaywrightTimeout:
            offline_page.wait_for_timeout(150)
    step_thumb(offline_page, end, "to", dt.date(2022, 12, 11))
    frame.locator(GENEVA).wait_for(state="detached")
    assert markers(frame, DEPOSIT).count() == 2
    assert frame.locator("path.leaflet-interactive").count() == 2


def test_place_in_the_address_opens_its_passages(app_server, offline_page, atlas):
    open_map(offline_page, f"{app_server.url}/?place=lachin")
    assert offline_page.locator("h3.place-name").inner_text() == "Lachin"
    passages = offline_page.locator("blockquote.passage-text")
    expected = atlas.passages("lachin")
    assert passages.count() == len(expected) > 0
    for shown, passage in zip(passages.all(), expected, strict=True):
        marks = [passage.text[s:e] for s, e in passage.spans]
        assert shown.locator("mark").all_inner_texts() == marks
    assert "Berdzor" in offline_page.locator(".place-facts").inner_text()


def test_bad_address_is_a_polite_warning(app_server, offline_page, atlas):
    frame = open_map(offline_page, f"{app_server.url}/?place=atlantis&from=2022-12-11&to=2022-12-01")
    alerts = offline_page.get_by_role("alert")
    alerts.first.wait_for()
    text = " ".join(alerts.all_inner_texts())
    assert "atlantis" in text and "after it ends" in text
    assert frame.locator("path.leaflet-interactive").count() == len(atlas.places)
    assert offline_page.get_by_text("Traceback").count() == 0


def test_a_mention_in_the_article_opens_its_place_on_the_map(app_server, offline_page):
    offline_page.goto(f"{app_server.url}/Article")
    offline_page.locator("a.mention", has_text="Geneva").first.click()
    offline_page.wait_for_url(re.compile(r"/\?place=geneva$"))
    heading = offline_page.locator("h3.place-name")
    heading.wait_for()
    assert heading.inner_text() == "Geneva"


def test_a_fresh_server_entered_at_another_page_names_the_pages_all_the_same(offline_page, tmp_path):
    """Streamlit runs its old pages/-folder mode until a session has run app.py: the first
    reader to arrive through a link to Places must still see the pages named, with no "app"."""
    server = start_server(None, tmp_path / "fresh.log")
    try:
        offline_page.goto(f"{server.url}/Places")
        offline_page.get_by_text("listed. Click a column header").wait_for()
        nav = offline_page.locator('[data-testid="stSidebarNav"] a')
        pages = ["Map", "Timeline", "Places", "Article", "Add article", "About"]
        assert [t.strip() for t in nav.all_inner_texts()] == pages
        assert offline_page.url == f"{server.url}/Places"
    finally:
        loopback.stop(server.process)
