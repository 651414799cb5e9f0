"""Countries and first-level areas in Chromium: drawn as shaded outlines, clicked open to their passages."""

from __future__ import annotations

import datetime as dt

import pytest

from bench import loopback
from bench.loopback import ROOT
from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Confirmed, Corpus
from geo.model.models import Article, Event, Place
from geo.view.mapview import AREA_SHADES
from tests.browser.conftest import start_server_over
from tests.browser.test_map import MAP_FRAME, map_frame

SPAIN = Place(id="geonames-2510769", name="Spain", kind="country", lat=40.0, lon=-4.0, country="ES",
              coord_source="geonames:2510769", precision_m=500_000)  # fmt: skip
TEXAS = Place(id="geonames-4736286", name="Texas", kind="admin", lat=31.4751, lon=-99.3633, country="US",
              coord_source="geonames:4736286", precision_m=150_000)  # fmt: skip
KWAZULU_NATAL = Place(id="admin-za-02-kwazulu-natal", name="KwaZulu-Natal", kind="admin", lat=-28.7468,
                      lon=30.8231, country="ZA", coord_source="naturalearth: ne_10m_admin_1_label_points 4.1",
                      precision_m=150_000)  # fmt: skip
STORIES = (
    ("wire-2023-03-01-clocks", dt.date(2023, 3, 1), "Spain will change its clocks, the government said."),
    ("wire-2023-03-02-clocks", dt.date(2023, 3, 2), "Farmers in Spain and Texas opposed the change."),
    ("wire-2023-03-05-floods", dt.date(2023, 3, 5), "Floods hit KwaZulu-Natal, officials said."),
)


@pytest.fixture(scope="module")
def areas_server(chromium_path, tmp_path_factory, own_corpus):
    """A server over the seed and three articles, each with an event on its day: Spain named by
    the first two, Texas by the second, KwaZulu-Natal by the third."""
    var = tmp_path_factory.mktemp("var")
    seed = load_atlas(ROOT / "data")
    home = own_corpus(var)
    corpus = Corpus(home.target)
    for article_id, day, text in STORIES:
        article = Article(id=article_id, outlet="Wire", date=day, title=text[:30], text=text)
        named = [p for p in (SPAIN, TEXAS, KWAZULU_NATAL) if p.name in text]
        kept = [Confirmed(p, ((text.index(p.name), text.index(p.name) + len(p.name)),)) for p in named]
        event = Event(id=f"{day}-p1", article="new", date_start=day, places=tuple(p.id for p in named),
                      paragraphs=(1,), summary=text)  # fmt: skip
        corpus.save(article, kept, [event], seed=seed)
    server = start_server_over(home, var)
    yield server
    loopback.stop(server.process)


def area_frame(page, url: str):
    """The map's frame once its areas' outlines are drawn."""
    page.goto(url)
    frame = map_frame(page)
    frame.wait_for_function(f"() => window.atlasPlaces.byId['{SPAIN.id}'] && window.atlasPlaces.byId['{TEXAS.id}']")
    return frame


# Where in the page a point of the area shows with the area itself topmost (no dot, name or
# control over it): the first of its outline's vertices pulled a tenth of the way to its middle.
_INSIDE = """(id) => {
    const p = window.atlasPlaces, layer = p.byId[id], box = p.map.getContainer().getBoundingClientRect();
    const middle = p.map.latLngToContainerPoint(layer.getBounds().getCenter());
    for (const point of [layer.getBounds().getCenter(), ...layer.getLatLngs().flat(3)]) {
        const at = p.map.latLngToContainerPoint(point);
        const x = box.left + at.x + (middle.x - at.x) / 10, y = box.top + at.y + (middle.y - at.y) / 10;
        const hit = document.elementFromPoint(x, y);
        if (hit && hit.classList.contains("atlas-place-" + id)) { return {x: x, y: y}; }
    }
    return null;
}"""


def test_an_area_is_a_shaded_polygon_and_a_click_opens_its_passages(areas_server, offline_page):
    frame = area_frame(offline_page, areas_server.url)
    spain = frame.locator(f"path.atlas-area.atlas-place-{SPAIN.id}")
    assert spain.count() == 1 and frame.evaluate(f"() => window.atlasPlaces.byId['{SPAIN.id}'] instanceof L.Polygon")
    # Shaded by how many shown articles name it: Spain by two, Texas by one.
    assert spain.get_attribute("fill") == AREA_SHADES[1][1]
    assert frame.locator(f"path.atlas-place-{TEXAS.id}").get_attribute("fill") == AREA_SHADES[0][1]
    assert not frame.locator(f".atlas-dot.atlas-place-{SPAIN.id}").count()  # an outline, not a dot
    assert "Areas, by articles naming them" in frame.locator(".atlas-legend").inner_html()
    # A province outside the four countries the 1:50m layer covers is an outline too.
    kzn = frame.locator(f"path.atlas-area.atlas-place-{KWAZULU_NATAL.id}")
    assert kzn.count() == 1 and kzn.get_attribute("fill") == AREA_SHADES[0][1]
    assert frame.evaluate(f"() => window.atlasPlaces.byId['{KWAZULU_NATAL.id}'] instanceof L.Polygon")
    assert not frame.locator(f".atlas-dot.atlas-place-{KWAZULU_NATAL.id}").count()

    inside = frame.evaluate(_INSIDE, SPAIN.id)
    assert inside is not None, "no point of Spain's outline is clickable"
    offset = offline_page.locator(MAP_FRAME).bounding_box()
    offline_page.mouse.click(offset["x"] + inside["x"], offset["y"] + inside["y"])
    panel = offline_page.locator(".place-panel")
    panel.wait_for()
    assert panel.locator("h3.place-name").inner_text() == "Spain"
    assert panel.locator("blockquote.passage-text mark").all_inner_texts() == ["Spain", "Spain"]
    assert "place=geonames-2510769" in offline_page.url


def test_the_areas_toggle_hides_them_and_a_date_range_recounts_them(areas_server, offline_page):
    frame = area_frame(offline_page, f"{areas_server.url}/?from=2023-03-02&to=2023-03-02")
    # In the range, one article names Spain.
    assert frame.locator(f"path.atlas-place-{SPAIN.id}").get_attribute("fill") == AREA_SHADES[0][1]
    offline_page.get_by_text("Areas", exact=True).click()
    frame = map_frame(offline_page)
    frame.wait_for_function(f"() => !window.atlasPlaces.byId['{SPAIN.id}']")
    assert not frame.locator(".atlas-area").count()


def test_a_link_to_an_area_zooms_to_its_outline_and_opens_its_panel(areas_server, offline_page):
    frame = area_frame(offline_page, f"{areas_server.url}/?place={TEXAS.id}")
    offline_page.locator(".place-panel h3.place-name", has_text="Texas").wait_for()
    frame.wait_for_function(
        f"""() => {{
            const p = window.atlasPlaces, texas = p.byId['{TEXAS.id}'].getBounds();
            return window.atlasRing && p.map.getBounds().contains(texas.getCenter()) && p.map.getZoom() >= 4;
        }}"""
    )
