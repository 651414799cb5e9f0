"""Adding an article in Chromium: paste, review, save — and the places are on the map after a restart."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from playwright.sync_api import expect

from bench import loopback
from geo.atlas.corpus import saved_corpus
from geo.model.settings import var_dir
from geo.parsing.gazetteer import load_gazetteer
from geo.view.assets import is_tile_request
from tests.browser.conftest import start_server, upload_to_form

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TEXT = "Officials met in Stepanakert on December 5, 2022.\n\nThen they flew to Portland, Maine."
PORTLAND_MAINE = "geonames-4975802"


@pytest.fixture
def own_var(tmp_path, monkeypatch, own_corpus):
    """A state folder and a corpus of its own, so this test's corpus is nobody else's; the gazetteer
    index is copied in."""
    load_gazetteer()  # built once for the session
    target = tmp_path / "var"
    shutil.copytree(var_dir() / "cache", target / "cache")
    own_corpus(target).enter(monkeypatch)  # the servers started below inherit it
    return target


def serve(tmp_path, name):
    return start_server(None, tmp_path / f"{name}.log")


def test_paste_review_save_and_find_it_on_the_map_after_a_restart(chromium_path, own_var, offline_page, tmp_path):
    server = serve(tmp_path, "first")
    try:
        page = offline_page
        page.goto(f"{server.url}/Add_article")
        page.get_by_label("Article text").fill(TEXT)  # the whole form is there at once
        page.get_by_label("Outlet").fill("Example <b>Times</b>")
        page.get_by_label("Date of publication").fill("2022-12-20")
        page.get_by_role("button", name="Find places").click()
        page.get_by_text("Review the places of").wait_for()
        page.get_by_text("“Portland” — 1×, confidence").wait_for()
        page.get_by_text("Example <b>Times</b>, 2022-12-20 · English. Towns, sites, countries and").wait_for()
        page.get_by_role("button", name="Save to the atlas").click()
        page.get_by_text("Saved as example-b-times-b-2022-12-20-").wait_for()
        expect(page.get_by_label("Article text")).to_have_value("")
        expect(page.get_by_label("Outlet *")).to_have_value("")
        assert page.get_by_role("button", name="Save to the atlas").count() == 0
    finally:
        loopback.stop(server.process)

    server = serve(tmp_path, "second")
    try:
        page.goto(f"{server.url}/?place={PORTLAND_MAINE}")
        page.frame_locator(MAP_FRAME).locator(f".atlas-place-{PORTLAND_MAINE}").wait_for()
        panel = page.get_by_text("Then they flew to Portland, Maine.")
        panel.wait_for()
        assert page.get_by_text("Example <b>Times</b>, 2022-12-20").first.is_visible()  # the outlet, as text
        assert page.dialogs == [] and [r for r in page.requests.blocked if not is_tile_request(r[1])] == []
    finally:
        loopback.stop(server.process)


def test_an_upload_that_is_not_utf8_is_refused_plainly(chromium_path, own_var, offline_page, tmp_path):
    bad = tmp_path / "story.txt"
    bad.write_bytes("Talks in Gen\xe8ve.".encode("latin-1"))
    server = serve(tmp_path, "upload")
    try:
        page = offline_page
        page.goto(f"{server.url}/Add_article")
        page.get_by_text("Upload a .txt or .md file").click()
        upload_to_form(page, str(bad))
        page.get_by_label("Outlet").fill("Example Times")
        page.get_by_label("Date of publication").fill("2022-12-20")
        page.get_by_role("button", name="Find places").click()
        # Markdown escaping puts an invisible word joiner after a colon before a digit (no emoji code).
        page.get_by_text(
            re.compile("story.txt:\u2060?1: column 13: not UTF-8: byte 0xe8 cannot be decoded; save the file as UTF-8")
        ).wait_for()
        assert page.get_by_text("Review the places of").count() == 0
        assert os.listdir(own_var) == ["cache"]  # nothing was saved: no file, and on a server no article
        assert (corpus := saved_corpus()) is None or corpus.articles() == []
    finally:
        loopback.stop(server.process)


MISSED = "Officials met in Stepanakert on December 5, 2022.\n\nFloods followed along the Indus near Sukkur."
SELECT_FRAME = 'iframe[title="ui.select_text.atlas_select_text"]'


def test_a_missed_place_is_selected_in_review_added_and_on_the_map_after_saving(
    chromium_path, own_var, offline_page, tmp_path
):
    server = serve(tmp_path, "missed")
    try:
        page = offline_page
        page.goto(f"{server.url}/Add_article")
        page.get_by_label("Article text").fill(MISSED)
        page.get_by_label("Outlet *").fill("Example Times")
        page.get_by_label("Date of publication").fill("2022-12-20")
        page.get_by_role("button", name="Find places").click()
        page.get_by_text("Review the places of").wait_for()
        assert page.get_by_text("“Indus”").count() == 0, "the geoparser misses the river"
        frame = page.frame_locator(SELECT_FRAME)
        frame.locator("#text").get_by_text("Floods followed").wait_for()
        # Double-click the word, as a reader selects it: the frame reports the words and where they stand.
        page.locator(SELECT_FRAME).scroll_into_view_if_needed()
        box = page.locator(SELECT_FRAME).bounding_box()
        word = frame.locator("#text").evaluate(
            """(el) => {
                const node = [...el.childNodes].find((n) => n.textContent.includes("Indus"));
                const range = document.createRange();
                const at = node.textContent.indexOf("Indus");
                range.setStart(node, at + 1);
                range.setEnd(node, at + 2);
                const r = range.getBoundingClientRect();
                return {x: r.x + r.width / 2, y: r.y + r.height / 2};
            }"""
        )
        page.mouse.dblclick(box["x"] + word["x"], box["y"] + word["y"])
        frame.get_by_text("“Indus”").wait_for()
        frame.get_by_role("button", name="Look up the selected words").click()
        page.get_by_text("“Indus” is").wait_for()
        picked = page.get_by_role("combobox", name="“Indus” is").input_value()
        assert picked.startswith("Indus · river · naturalearth: ne_10m_rivers_lake_centerlines")
        page.get_by_role("button", name="Add “Indus” to the places").click()
        page.get_by_text("Added by you").wait_for()
        page.get_by_role("button", name="Save to the atlas").click()
        page.get_by_text("Saved as example-times-2022-12-20").wait_for()
        page.goto(f"{server.url}/?place=ne-river-indus")
        page.frame_locator(MAP_FRAME).locator(".atlas-place-ne-river-indus").wait_for()
        page.get_by_text("Floods followed along the Indus near Sukkur.").first.wait_for()
        assert page.dialogs == [] and [r for r in page.requests.blocked if not is_tile_request(r[1])] == []
    finally:
        loopback.stop(server.process)


def test_a_russian_report_is_shown_as_russian_with_its_passages_in_russian(
    chromium_path, own_var, offline_page, tmp_path
):
    """The language is detected from the pasted text, named before the save and beside the passages
    after it, and each paragraph says its language to the browser (screen readers, hyphenation)."""
    server = serve(tmp_path, "russian")
    try:
        page = offline_page
        page.goto(f"{server.url}/Add_article")
        page.get_by_label("Article text").fill("Вчера в Ханкенди прошла встреча.\n\nДорога остаётся открытой.")
        page.get_by_label("Outlet").fill("Вестник")
        page.get_by_label("Date of publication").fill("2023-03-01")
        page.get_by_role("button", name="Find places").click()
        page.get_by_text("Вестник, 2023-03-01 · Russian. Towns, sites, countries and").wait_for()
        page.get_by_role("button", name="Save to the atlas").click()
        page.get_by_text("Saved as ").wait_for()
        page.goto(f"{server.url}/Article")
        page.get_by_text("Вестник, 2023-03-01 · Russian").wait_for()
        paragraph = page.locator(".article-paragraph", has_text="Вчера в Ханкенди прошла встреча.")
        expect(paragraph).to_have_attribute("lang", "ru")
        page.goto(f"{server.url}/?place=khankendi")
        quote = page.locator("blockquote.passage-text", has_text="Вчера в Ханкенди")
        expect(quote).to_have_attribute("lang", "ru")
        assert page.get_by_text("Вестник, 2023-03-01 · Russian").first.is_visible()
    finally:
        loopback.stop(server.process)


def test_dropping_a_saved_page_fills_the_form(chromium_path, own_var, offline_page, tmp_path):
    from tests.websites import PAGES

    server = serve(tmp_path, "page")
    try:
        page = offline_page
        page.goto(f"{server.url}/Add_article")
        page.get_by_text("From a web page").wait_for()
        # The page's own uploader: the form's is not drawn while "Paste it" is chosen.
        page.locator("input[type=file]").set_input_files(str(PAGES / "news_page.html"))
        page.get_by_text("Filled from news_page.html: check every field, then press Find places.").wait_for()
        text = page.get_by_label("Article text")
        expect(text).to_have_value(re.compile(r"^A convoy of twelve aid trucks reached Stepanakert"))
        assert "cookie" not in text.input_value().lower() and "Read more" not in text.input_value()
        expect(page.get_by_label("Outlet *")).to_have_value("Caucasus Ledger")
        expect(page.get_by_label("Author")).to_have_value("Anna Petrosyan")
        expect(page.get_by_label("Date of publication")).to_have_value("2023-01-17")
        expect(page.get_by_label("Web address", exact=True)).to_have_value(
            "https://ledger.example/news/2023/01/17/convoy-reaches-stepanakert"
        )
        expect(page.get_by_label("Title")).to_have_value("Convoy reaches Stepanakert after road reopens")
        page.get_by_role("button", name="Find places").click()
        page.get_by_text("Review the places of “Convoy reaches Stepanakert after road reopens”").wait_for()
        assert page.dialogs == [] and [r for r in page.requests.blocked if not is_tile_request(r[1])] == []
    finally:
        loopback.stop(server.process)
