"""The map app in Chromium with no network: drawing, clicking every place, zooming, filtering, deep links."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench import loopback
from bench.loopback import ROOT
from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Confirmed, Corpus
from geo.atlas.review import confirmed_of, initial_choices
from geo.model.models import Article, Place
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser
from geo.view.assets import is_tile_request
from tests.browser.conftest import is_local, start_server, start_server_over
from tests.whole import load_corpus_atlas

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

FLOOD_TEXT = (
    "Floodwaters rose around Dadu on Tuesday as officials in Johi and Mehar built embankments.\n\n"
    "Pilgrims left the shrine of Lal Shahbaz Qalandar in Sehwan, where the Indus broke its banks.\n\n"
    "Aid agencies in Geneva appealed for funds."
)
FLOOD_PLACES = (
    Place(id="dadu", name="Dadu", kind="city", lat=26.7319, lon=67.775, country="PK",
          coord_source="geonames:1180436", precision_m=3000),
    Place(id="johi", name="Johi", kind="town", lat=26.6919, lon=67.6141, country="PK",
          coord_source="geonames:1175089", precision_m=2000),
    Place(id="mehar", name="Mehar", kind="town", lat=27.1803, lon=67.8214, country="PK",
          coord_source="geonames:1170951", precision_m=2000),
    Place(id="sehwan", name="Sehwan", kind="town", lat=26.4244, lon=67.8614, country="PK",
          coord_source="geonames:1165789", precision_m=2000),
    # At the very point given for Sehwan: only spreading the cluster apart can reach it.
    Place(id="lal-shahbaz-qalandar-shrine", name="Lal Shahbaz Qalandar", kind="site", lat=26.4244, lon=67.8614,
          country="PK", coord_source="estimate: the town's point", precision_m=300),
)  # fmt: skip


def flood_corpus(target: Path | str) -> None:
    """Save a second article, on the 2022 floods in Sindh, with Geneva shared with the seed."""
    seed = load_atlas(ROOT / "data")
    article = Article(
        id="example-wire-2022-08-30-floods", outlet="Example Wire", author="A. Reporter", date=dt.date(2022, 8, 30),
        title="Floods in Sindh", url="https://example.org/floods", text=FLOOD_TEXT,
    )  # fmt: skip
    places = {p.name: p for p in (*FLOOD_PLACES, seed.places["geneva"])}
    confirmed = []
    for name, place in places.items():
        start = FLOOD_TEXT.index(name)
        confirmed.append(Confirmed(place, ((start, start + len(name)),)))
    Corpus(target).save(article, confirmed, seed=seed)


@pytest.fixture(scope="module")
def two_articles(chromium_path, tmp_path_factory, own_corpus):
    """A server over the seed and the flood article, and the atlas it shows."""
    var = tmp_path_factory.mktemp("var")
    home = own_corpus(var)
    flood_corpus(home.target)
    server = start_server_over(home, var)
    atlas = load_corpus_atlas(ROOT / "data", home.target)
    yield server, atlas
    loopback.stop(server.process)


@pytest.fixture(scope="module")
def atlas():
    return load_atlas(ROOT / "data")


def map_frame(page):
    """The map's frame as a Frame (for scripts) once Leaflet has drawn its places layer."""
    page.locator(MAP_FRAME).wait_for()
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    frame.wait_for_function("() => window.atlasPlaces && window.atlasFitKey")
    return frame


def open_map(page, url: str):
    page.goto(url)
    return map_frame(page)


def drawn_ids(frame) -> set[str]:
    """Every place the layer holds, clustered or not."""
    return set(frame.evaluate("() => Object.keys(window.atlasPlaces.byId)"))


def marker(frame, place_id: str):
    return frame.locator(f".atlas-place-{place_id}:not(.atlas-hit)")


# Where a reader could click a place now: its own mark if it shows, else the cluster that holds it.
# A line is clickable where one of its vertices is the topmost thing drawn; until then the cluster
# over its middle is what a reader would click first.
_TARGET = """(id) => {
    const p = window.atlasPlaces, layer = p.byId[id];
    if (!layer) { return null; }  // a layer for the view being swapped in: ask again
    if (layer.getLatLngs) {
        const points = layer.getLatLngs().flat(3);
        for (const point of points) {
            const at = p.map.latLngToContainerPoint(point), box = p.map.getContainer().getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + at.x, box.top + at.y);
            if (hit && hit.classList.contains("atlas-place-" + id)) {
                return {own: true, x: box.left + at.x, y: box.top + at.y};
            }
        }
        const middle = p.map.latLngToContainerPoint(points[Math.floor(points.length / 2)]);
        const box = p.map.getContainer().getBoundingClientRect();
        const over = document.elementFromPoint(box.left + middle.x, box.top + middle.y);
        const cluster = over && over.closest(".marker-cluster");
        return cluster ? {own: false, x: box.left + middle.x, y: box.top + middle.y} : null;
    }
    const parent = p.cluster.getVisibleParent(layer);
    const icon = parent && parent._icon;
    if (!icon) { return null; }
    const r = icon.getBoundingClientRect();
    return {own: parent === layer, x: r.left + r.width / 2, y: r.top + r.height / 2};
}"""


def reveal(page, frame, place_id: str) -> tuple[float, float]:
    """Open clusters as a reader would, clicking the one that holds the place, until the place
    itself can be clicked; where to click it, in page coordinates."""
    offset = page.locator(MAP_FRAME).bounding_box()
    for _ in range(20):
        target = frame.evaluate(_TARGET, place_id)
        if target is not None:
            x, y = offset["x"] + target["x"], offset["y"] + target["y"]
            if target["own"]:
                return x, y
            page.mouse.click(x, y)
        page.wait_for_timeout(450)  # clusters open with an animation
    raise AssertionError(f"{place_id} never showed on the map")


def click_place(page, frame, place_id: str) -> None:
    x, y = reveal(page, frame, place_id)
    page.mouse.click(x, y)


def show_all(page, frame) -> None:
    frame.get_by_role("button", name="All places").click()
    page.wait_for_timeout(300)


def zoom(frame) -> int:
    return frame.evaluate("() => window.atlasPlaces.map.getZoom()")


def test_map_draws_with_no_network(app_server, offline_page, atlas):
    frame = open_map(offline_page, app_server.url)
    assert drawn_ids(frame) == set(atlas.places)
    # Online is off: the offline basemap draws its countries, and no tile is even asked for.
    frame.locator(".leaflet-pane path:not(.leaflet-interactive)").nth(100).wait_for(state="attached")
    assert offline_page.requests.blocked == []
    # Nearby places are grouped with counts.
    assert frame.locator(".marker-cluster").count() >= 1
    # The legend starts folded; opened, it lists the kinds shown and no other.
    legend = frame.locator(".atlas-legend")
    assert legend.inner_text().strip() == "Legend"
    legend.locator("summary").click()
    assert "Mineral deposit" in legend.inner_text() and "Village" not in legend.inner_text()
    # An online layer chosen while the network is down gives way to the offline basemap, saying so.
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_text("CartoDB light (online)").click()
    frame.wait_for_function("() => window.atlasOffline === true")
    assert frame.locator(".atlas-note").inner_text().startswith("Offline basemap")
    assert frame.evaluate("() => window.atlasPlaces.map.hasLayer(window.atlasBasemap.offline)")
    # So does the satellite layer chosen next, under the same one note.
    frame.evaluate("() => { window.atlasOffline = false; }")
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_text("Satellite, Esri (online)").click()
    frame.wait_for_function("() => window.atlasOffline === true")
    assert frame.evaluate("() => window.atlasPlaces.map.hasLayer(window.atlasBasemap.offline)")
    assert frame.locator(".atlas-note").count() == 1
    blocked = offline_page.requests.blocked
    assert blocked and all(is_tile_request(url) for _, url in blocked), blocked
    nav = offline_page.locator('[data-testid="stSidebarNav"] a')
    pages = ["Map", "Timeline", "Places", "Article", "Add article", "Review", "About"]
    assert [t.strip() for t in nav.all_inner_texts()] == pages


def test_no_script_or_style_leaves_the_machine(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    frame.locator(".atlas-legend").wait_for()
    assets = [(kind, url) for kind, url in offline_page.requests.seen if kind in ("script", "stylesheet")]
    for path in (
        "leaflet-1.9.4/leaflet.js",
        "leaflet-1.9.4/leaflet.css",
        "leaflet.markercluster-1.5.3/leaflet.markercluster.js",
    ):
        assert any(url.endswith(f"/app/static/vendor/{path}") for _, url in assets), path
    assert [a for a in assets if not is_local(a[1])] == []


def test_every_drawn_place_opens_from_the_opening_zoom(two_articles, offline_page):
    """The Done-when test of issue 11: every place, Khankendi and Geneva included, clicked as a reader would."""
    server, atlas = two_articles
    frame = open_map(offline_page, server.url)
    assert drawn_ids(frame) == set(atlas.places)
    assert {"khankendi", "geneva", "lal-shahbaz-qalandar-shrine", "sehwan"} <= set(atlas.places)
    opening = zoom(frame)
    heading = offline_page.locator("h3.place-name")
    for place in atlas.places.values():
        show_all(offline_page, frame)
        assert zoom(frame) == opening
        click_place(offline_page, frame, place.id)
        offline_page.wait_for_url(re.compile(rf"place={place.id}(&|$)"))
        heading.filter(has_text=re.compile(rf"^{re.escape(place.name)}$")).wait_for()
        # The click rings the place where the reader clicked it.
        assert frame.evaluate("() => !!(window.atlasRing && window.atlasRing._map)")


def test_khankendi_dot_opens_khankendi_not_the_road(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    # A real mouse click at the dot's centre, where the road ends: the dot is drawn above the road.
    click_place(offline_page, frame, "khankendi")
    offline_page.wait_for_url(re.compile(r"place=khankendi(&|$)"))
    assert offline_page.locator("h3.place-name").inner_text() == "Khankendi"


def test_a_click_on_the_road_selects_it_without_a_focus_rectangle(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    click_place(offline_page, frame, "lachin-khankendi-road")
    offline_page.wait_for_url(re.compile(r"place=lachin-khankendi-road"))
    outline = frame.evaluate(
        "() => { const e = document.activeElement; return e ? getComputedStyle(e).outlineStyle : 'none'; }"
    )
    assert outline == "none"
    assert offline_page.locator("h3.place-name").inner_text() == "Lachin–Khankendi road"


def test_the_panel_reads_a_place(two_articles, offline_page):
    server, _ = two_articles
    open_map(offline_page, f"{server.url}/?place=geneva")
    panel = offline_page.locator(".place-panel")
    panel.wait_for()
    assert panel.locator("h3.place-name").inner_text() == "Geneva"
    # Both articles, newest first, each once with a short source line; a web address is a link.
    sources = panel.locator(".passage-source").all_inner_texts()
    assert sources[0].startswith("Azernews, Sabina Mammadli, 2023-02-28 · ")
    assert sources[1].startswith("Example Wire, A. Reporter, 2022-08-30 · ")
    assert panel.locator(".passage-source a").get_attribute("href") == "https://example.org/floods"
    assert panel.locator("blockquote.passage-text mark").all_inner_texts() == ["Geneva", "Geneva"]
    # Passages are dark on white, not low-contrast grey.
    style = panel.locator("blockquote.passage-text").first.evaluate(
        "e => { const s = getComputedStyle(e); return [s.color, s.opacity]; }"
    )
    assert style == ["rgb(31, 35, 40)", "1"], style


def test_lachin_road_mentions_are_the_roads_and_shown_apart(app_server, offline_page):
    open_map(offline_page, f"{app_server.url}/?place=lachin")
    panel = offline_page.locator(".place-panel")
    panel.wait_for()
    assert "Berdzor" in panel.locator(".place-facts").first.inner_text()
    # Named only inside the road's name, it still counts, says so, and shows those passages.
    heading = next(line for line in panel.inner_text().splitlines() if line.startswith("Named in"))
    assert heading.startswith("Named in 1 article, as part of “") and "“Lachin road”" in heading, heading
    assert panel.locator("details.place-parts").count() == 0
    assert panel.locator("blockquote.passage-text").count() == 4


def test_each_deep_link_zooms_to_its_place(two_articles, offline_page):
    server, atlas = two_articles
    frame = open_map(offline_page, server.url)
    opening = zoom(frame)
    for place in atlas.places.values():
        frame = open_map(offline_page, f"{server.url}/?place={place.id}")
        offline_page.locator("h3.place-name").filter(has_text=re.compile(rf"^{re.escape(place.name)}$")).wait_for()
        # Zoomed in, with the place's own mark showing (no cluster hides it) and ringed.
        frame.wait_for_function(
            """(id) => { const p = window.atlasPlaces, m = p.byId[id];
                         return m._path ? !!m._path.isConnected : !!(m._icon && m._icon.isConnected); }""",
            arg=place.id,
        )
        assert zoom(frame) > opening, place.id
        bounds = frame.evaluate(
            "(id) => { const p = window.atlasPlaces, m = p.byId[id]; "
            "return p.map.getBounds().contains(m.getLatLng ? m.getLatLng() : m.getBounds().getCenter()); }",
            place.id,
        )
        assert bounds, place.id


def test_search_finds_a_place_by_any_name_and_zooms_there(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    opening = zoom(frame)
    box = offline_page.get_by_placeholder(re.compile("Find a place"))
    box.fill("stepanakert")
    box.press("Enter")
    offline_page.wait_for_url(re.compile(r"place=khankendi"))
    assert offline_page.locator("h3.place-name").inner_text() == "Khankendi"
    frame.wait_for_function("(z) => window.atlasPlaces.map.getZoom() > z", arg=opening)
    marker(frame, "khankendi").wait_for()
    box.fill("Atlantis")
    box.press("Enter")
    offline_page.get_by_text("No place on the map goes by the name").wait_for()


def test_a_mention_in_the_article_opens_its_place_on_the_map_zoomed(app_server, offline_page):
    offline_page.goto(f"{app_server.url}/Article")
    offline_page.locator("a.mention", has_text="Geneva").first.click()
    offline_page.wait_for_url(re.compile(r"/\?place=geneva$"))
    heading = offline_page.locator("h3.place-name")
    heading.wait_for()
    assert heading.inner_text() == "Geneva"
    frame = map_frame(offline_page)
    marker(frame, "geneva").wait_for()
    assert zoom(frame) >= 10


def test_narrow_dates_in_the_address_hides_geneva_keeps_deposits(app_server, offline_page):
    frame = open_map(offline_page, f"{app_server.url}/?from=2022-12-09&to=2022-12-11")
    assert drawn_ids(frame) == {"gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit"}


def address_day_of(url: str, param: str) -> dt.date | None:
    value = parse_qs(urlparse(url).query).get(param, [""])[0]
    return dt.date.fromisoformat(value) if value else None


def step_thumb(page, thumb, param: str, target: dt.date) -> None:
    """Step a slider thumb with the arrow keys, one rerun at a time, until the address shows the day.

    A key pressed while the app is still rerunning can be lost, so each step waits for the
    address to change, presses again if it does not, and steers by where the address says.
    """
    for _ in range(40):
        now = address_day_of(page.url, param)
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


def test_narrow_dates_with_the_slider_hides_geneva(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    assert "geneva" in drawn_ids(frame)
    start, end = offline_page.get_by_role("slider").all()
    step_thumb(offline_page, start, "from", dt.date(2022, 12, 9))
    assert "geneva" in drawn_ids(map_frame(offline_page)), "Geneva's meeting is still in range"
    for _ in range(3):  # the end thumb jumps to the start thumb's day; retried if the key is lost
        end.focus()
        offline_page.keyboard.press("Home")
        try:
            offline_page.wait_for_url(re.compile(r"to=2022-12-09"), timeout=5_000)
            break
        except PlaywrightTimeout:
            offline_page.wait_for_timeout(150)
    step_thumb(offline_page, end, "to", dt.date(2022, 12, 11))
    frame = map_frame(offline_page)
    frame.wait_for_function("() => !('geneva' in window.atlasPlaces.byId)")
    assert drawn_ids(frame) == {"gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit"}


def test_bad_address_is_a_polite_warning(app_server, offline_page, atlas):
    frame = open_map(offline_page, f"{app_server.url}/?place=atlantis&from=2022-12-11&to=2022-12-01")
    alerts = offline_page.get_by_role("alert")
    alerts.first.wait_for()
    text = " ".join(alerts.all_inner_texts())
    assert "atlantis" in text and "after it ends" in text
    assert drawn_ids(frame) == set(atlas.places)
    assert offline_page.get_by_text("Traceback").count() == 0


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (390, 844)])
def test_the_map_starts_above_the_fold(app_server, browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
    try:
        page = context.new_page()
        open_map(page, f"{app_server.url}/?place=gizilbulagh-gold-deposit")
        top = page.locator(MAP_FRAME).bounding_box()
        # The map's top is in the first screen, with most of the map visible: no row of buttons above it.
        assert top["y"] < height * 0.35, top
        main = page.locator('[data-testid="stHorizontalBlock"]').first.bounding_box()
        assert top["width"] >= main["width"] * (0.6 if width > 640 else 0.85), (top, main)
    finally:
        context.close()


def sized_page(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(30_000)
    context.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
    return context, context.new_page()


def test_the_map_fills_the_window_and_follows_its_height(app_server, browser):
    boxes = {}
    for height in (900, 1300):
        context, page = sized_page(browser, 1400, height)
        try:
            open_map(page, app_server.url)
            boxes[height] = box = page.locator(MAP_FRAME).bounding_box()
            shown = (min(box["y"] + box["height"], height) - max(box["y"], 0)) * box["width"]
            assert shown >= 0.6 * 1400 * height, (box, shown / (1400 * height))
        finally:
            context.close()
    assert boxes[1300]["height"] > boxes[900]["height"] + 300


_ROAD_ON_SCREEN = """() => {
    const p = window.atlasPlaces, size = p.map.getSize();
    return p.byId["lachin-khankendi-road"].getLatLngs().flat(3).map(ll => p.map.latLngToContainerPoint(ll))
        .map(pt => [pt.x, pt.y, size.x, size.y]);
}"""


def test_the_panel_is_a_drawer_over_the_map_and_a_selected_road_shows_whole(app_server, browser):
    context, page = sized_page(browser, 1400, 900)
    try:
        frame = open_map(page, f"{app_server.url}/?place=lachin-khankendi-road")
        page.locator(".place-panel").wait_for()
        page.wait_for_timeout(500)
        the_map = page.locator(MAP_FRAME).bounding_box()
        drawer = page.locator('[data-testid="stColumn"]:has(.atlas-drawer)')
        box = drawer.bounding_box()
        assert the_map["x"] < box["x"] and box["x"] + box["width"] < the_map["x"] + the_map["width"], (the_map, box)
        assert the_map["y"] <= box["y"] and box["y"] + box["height"] <= the_map["y"] + the_map["height"], (the_map, box)
        # Every vertex of the road on the map and clear of the drawer.
        for x, y, _width, height in frame.evaluate(_ROAD_ON_SCREEN):
            assert 0 <= y <= height and 0 <= x < box["x"] - the_map["x"], (x, y, box)
        # The drawer scrolls on its own; the map stays where it is.
        assert drawer.evaluate("e => e.scrollHeight > e.clientHeight")
        drawer.evaluate("e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(300)
        assert page.locator(MAP_FRAME).bounding_box() == the_map
    finally:
        context.close()


_NAMES = """() => {
    const p = window.atlasPlaces, size = p.map.getSize(), drawn = new Set();
    Object.values(p.byId).forEach(m => {
        if (!m.getLatLng) { return; }
        const shown = p.cluster.getVisibleParent(m);
        if (!shown) { return; }
        const at = p.map.latLngToContainerPoint(shown.getLatLng());
        if (at.x >= 0 && at.y >= 0 && at.x <= size.x && at.y <= size.y) { drawn.add(shown); }
    });
    const boxes = Array.from(document.querySelectorAll(".atlas-name")).map(e => e.getBoundingClientRect());
    let overlaps = 0;
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) { overlaps++; }
    }));
    return {drawn: drawn.size, names: Array.from(document.querySelectorAll(".atlas-name")).map(e => e.textContent),
            overlaps: overlaps};
}"""


@pytest.mark.parametrize("address", ["", "?place=khankendi"])
def test_what_the_map_draws_carries_its_name_and_no_two_names_overlap(app_server, offline_page, address):
    frame = open_map(offline_page, f"{app_server.url}/{address}")
    frame.wait_for_function("() => document.querySelectorAll('.atlas-name').length > 0")
    offline_page.wait_for_timeout(500)
    seen = frame.evaluate(_NAMES)
    assert seen["overlaps"] == 0 and len(seen["names"]) == seen["drawn"] >= 1, seen
    if not address:  # the opening view: clusters named by their largest member
        assert any(name.startswith("Geneva") for name in seen["names"]), seen


def test_a_tap_on_a_phone_shows_the_name_and_first_passage_on_screen(app_server, browser):
    context, page = sized_page(browser, 390, 844)
    try:
        frame = open_map(page, app_server.url)
        click_place(page, frame, "geneva")
        page.locator("h3.place-name").filter(has_text=re.compile("^Geneva$")).wait_for()
        page.wait_for_timeout(300)
        for element in (page.locator("h3.place-name"), page.locator("blockquote.passage-text").first):
            box = element.bounding_box()
            assert box["y"] >= 0 and box["y"] + min(box["height"], 40) <= 844, box
    finally:
        context.close()


def test_a_deep_link_to_a_city_opens_at_city_scale(app_server, offline_page):
    frame = open_map(offline_page, f"{app_server.url}/?place=geneva")
    offline_page.locator("h3.place-name").filter(has_text=re.compile("^Geneva$")).wait_for()
    offline_page.wait_for_timeout(500)
    assert 8 <= zoom(frame) <= 12


def test_a_fresh_server_entered_at_another_page_names_the_pages_all_the_same(offline_page, tmp_path):
    """Streamlit runs its old pages/-folder mode until a session has run app.py: the first
    reader to arrive through a link to Places must still see the pages named, with no "app"."""
    server = start_server(None, tmp_path / "fresh.log")
    try:
        offline_page.goto(f"{server.url}/Places")
        offline_page.get_by_text("listed. Click a column header").wait_for()
        nav = offline_page.locator('[data-testid="stSidebarNav"] a')
        pages = ["Map", "Timeline", "Places", "Article", "Add article", "Review", "About"]
        assert [t.strip() for t in nav.all_inner_texts()] == pages
        assert offline_page.url == f"{server.url}/Places"
    finally:
        loopback.stop(server.process)


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_basemap_labels_are_readable_and_each_given_once(app_server, offline_page):
    """Over the Caucasus at zoom 7, where "Stepanakert" and "Şuşa" were each drawn twice,
    "L?nk?ran" garbled, and names ran into each other: the basemap's names and the places' own
    (Khankendi, where the basemap would say Stepanakert) each once, none over another."""
    frame = open_map(offline_page, app_server.url)
    frame.evaluate("() => { window.atlasPlaces.map.setView([39.8, 46.7], 7, {animate: false}); }")
    frame.locator(".atlas-label", has_text="Baku").wait_for()
    offline_page.wait_for_timeout(300)
    labels = frame.evaluate(
        """() => [...document.querySelectorAll('.atlas-label span, .atlas-name span')].map(el => {
            const r = el.getBoundingClientRect();
            return {name: el.textContent, box: [r.left, r.top, r.right, r.bottom]};
        })"""
    )
    names = [label["name"] for label in labels]
    assert len(names) > 40
    assert sorted(names) == sorted(set(names))
    assert not [n for n in names if "?" in n or re.match(r"[A-Z]{3}-\d", n)]
    overlapping = [
        (a["name"], b["name"]) for i, a in enumerate(labels) for b in labels[i + 1 :] if _overlap(a["box"], b["box"])
    ]
    assert overlapping == []


def feed_dates(page) -> list[str]:
    return page.locator(".feed-when").all_inner_texts()


def test_the_story_feed_follows_the_view_and_opens_a_place(app_server, offline_page):
    frame = open_map(offline_page, app_server.url)
    offline_page.get_by_text("In view, newest first").wait_for()
    dates = ["2023-02-28", "2022-12-12 – ongoing", "2022-12-10", "2022-12-07", "2022-12-03"]
    offline_page.wait_for_function("n => document.querySelectorAll('.feed-when').length === n", arg=len(dates))
    assert feed_dates(offline_page) == dates
    # Over Geneva alone, only what happened there.
    frame.evaluate("() => { window.atlasPlaces.map.setView([46.2, 6.14], 10, {animate: false}); }")
    offline_page.wait_for_function("() => document.querySelectorAll('.feed-when').length === 1")
    assert feed_dates(offline_page) == ["2023-02-28"]
    assert "ICRC" in offline_page.locator(".feed-summary").inner_text()
    # Back over the Caucasus, the rest; an item's place opens its passages.
    frame.evaluate("() => { window.atlasPlaces.map.setView([39.8, 46.6], 8, {animate: false}); }")
    offline_page.wait_for_function("() => document.querySelectorAll('.feed-when').length === 4")
    offline_page.get_by_role("button", name="Khankendi", exact=True).first.click()
    offline_page.locator("h3.place-name").filter(has_text=re.compile("^Khankendi$")).wait_for()
    assert "Named in 1 article" in offline_page.locator(".place-panel").inner_text()


def test_a_deposit_selected_shows_the_town_beside_it(app_server, offline_page):
    frame = open_map(offline_page, f"{app_server.url}/?place=gizilbulagh-gold-deposit")
    offline_page.locator("h3.place-name").filter(has_text="Gizilbulagh gold deposit").wait_for()
    offline_page.wait_for_timeout(500)
    inside = frame.evaluate(
        """() => { const p = window.atlasPlaces, b = p.map.getBounds();
                   return [b.contains(p.byId["gizilbulagh-gold-deposit"].getLatLng()),
                           b.contains(p.byId["khankendi"].getLatLng()), p.map.getZoom()]; }"""
    )
    assert inside[0] and inside[1] and inside[2] >= 8, inside


REGION_TEXT = (
    "Колонна Красного Креста прошла по Лачинскому коридору в Нагорный Карабах.\n\n"
    "Армянская сторона называет регион Арцахом."
)


@pytest.fixture(scope="module")
def region_article(chromium_path, tmp_path_factory, own_corpus):
    """A server over the seed and a Russian article on the road into Nagorno-Karabakh, saved as
    ``geo add`` saves it: the region found, kept, and placed 2 km from Khankendi's point."""
    var = tmp_path_factory.mktemp("var")
    home = own_corpus(var)
    seed = load_atlas(ROOT / "data")
    found = Geoparser(seed.places.values(), load_gazetteer()).parse(REGION_TEXT, language="ru").places
    article = Article(
        id="example-wire-2023-01-10-corridor", outlet="Example Wire", date=dt.date(2023, 1, 10),
        title="Колонна прошла по Лачинскому коридору", text=REGION_TEXT, language="ru",
    )  # fmt: skip
    Corpus(home.target).save(article, confirmed_of(initial_choices(found)), seed=seed)
    server = start_server_over(home, var)
    yield server
    loopback.stop(server.process)


def test_a_region_selected_shows_at_its_own_zoom_with_its_radius_in_view(region_article, offline_page):
    """Nagorno-Karabakh is known to within 65 km, at a point beside Khankendi's: a deep link shows
    it at its own zoom, the two spread apart, not at the street scale where their cluster splits."""
    frame = open_map(offline_page, f"{region_article.url}/?place=region-nagorno-karabakh")
    offline_page.locator("h3.place-name").filter(has_text=re.compile(r"^Nagorno-Karabakh$")).wait_for()
    frame.wait_for_function(
        """() => { const m = window.atlasPlaces.byId["region-nagorno-karabakh"];
                   return !!(m && m._icon && m._icon.isConnected); }"""
    )
    assert zoom(frame) <= 7
    north, south = frame.evaluate("() => [window.atlasPlaces.map.getBounds().getNorth(), "
                                  "window.atlasPlaces.map.getBounds().getSouth()]")  # fmt: skip
    assert north - south > 2 * 65 / 111  # the 65 km radius, both ways, in degrees of latitude
