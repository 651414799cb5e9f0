"""Hostile names, passages and metadata show as text in Chromium, and no dialog ever fires."""

from __future__ import annotations

import csv
import shutil

import pytest

from bench import loopback
from bench.loopback import ROOT
from geo.atlas.atlas import load_atlas
from tests.browser.conftest import start_server

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
NAME = f"Evil {IMG} Town"
OUTLET = "Azernews <img src=x onerror=alert(2)>"
PARAGRAPH = f"Reporters reached {NAME}, which locals call {SCRIPT}, at dawn."


def hostile_data(root):
    """A copy of data/ with a place and a paragraph built to break out of HTML."""
    shutil.copytree(ROOT / "data", root)
    with (root / "locations.csv").open(newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    row = {column: "" for column in header}
    row |= {"id": "evil-town", "name": NAME, "alt_names": SCRIPT, "kind": "village", "lat": "41.0", "lon": "44.8"}
    row |= {"country": "GE", "coord_source": f"estimate: {IMG}", "precision_m": "1000"}
    with (root / "locations.csv").open("a", newline="", encoding="utf-8") as f:
        csv.DictWriter(f, header).writerow(row)
    with (root / "articles.csv").open(newline="", encoding="utf-8") as f:
        articles = list(csv.DictReader(f))
    articles[0]["outlet"] = OUTLET
    with (root / "articles.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, list(articles[0]))
        writer.writeheader()
        writer.writerows(articles)
    text = root / articles[0]["file"]
    text.write_text(text.read_text(encoding="utf-8").rstrip() + f"\n\n{PARAGRAPH}\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_server(chromium_path, tmp_path_factory):
    data = hostile_data(tmp_path_factory.mktemp("hostile") / "data")
    assert load_atlas(data).passages("evil-town"), "the fixture must link the hostile place to a passage"
    server = start_server(data, data.parent / "streamlit.log")
    yield server
    loopback.stop(server.process)


def assert_no_injection(page):
    for frame in page.frames:
        assert frame.locator('img[src="x"]').count() == 0, f"an <img> got through in {frame.url}"
    assert page.dialogs == []


def test_hostile_place_shows_as_text_on_the_map(hostile_server, offline_page):
    offline_page.goto(f"{hostile_server.url}/?place=evil-town")
    heading = offline_page.locator("h3.place-name")
    heading.wait_for()
    assert heading.inner_text() == NAME
    passage = offline_page.locator("blockquote.passage-text").first
    assert SCRIPT in passage.inner_text()
    assert passage.locator("mark").first.inner_text() == NAME
    assert OUTLET in offline_page.locator(".passage-source").first.inner_text()
    assert SCRIPT in offline_page.locator(".place-facts").first.inner_text()
    frame = offline_page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    # Hover the marker for its tooltip, then click it: the tooltip passes through innerHTML.
    # Events go to the marker itself: the map may still be moving under a mouse pointer.
    marker = frame.locator(".atlas-place-evil-town")
    marker.dispatch_event("mouseover")
    frame.locator(".leaflet-tooltip").first.wait_for()
    assert NAME in frame.locator(".leaflet-tooltip").first.inner_text()
    marker.dispatch_event("click")
    offline_page.wait_for_timeout(1500)
    assert_no_injection(offline_page)


def test_hostile_paragraph_shows_as_text_in_the_article(hostile_server, offline_page):
    offline_page.goto(f"{hostile_server.url}/Article")
    paragraph = offline_page.locator(".article-paragraph").last
    paragraph.wait_for()
    assert PARAGRAPH in paragraph.inner_text()
    link = paragraph.locator("a.mention").first
    assert link.inner_text() == NAME
    assert link.get_attribute("href") == "./?place=evil-town"
    assert_no_injection(offline_page)
