"""Adding an article in Chromium: paste, review, save — and the places are on the map after a restart."""

from __future__ import annotations

import os
import shutil

import pytest

from bench import loopback
from geo.model.settings import var_dir
from geo.parsing.gazetteer import load_gazetteer
from geo.view.assets import is_tile_request
from tests.browser.conftest import start_server

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TEXT = "Officials met in Stepanakert on December 5, 2022.\n\nThen they flew to Portland, Maine."
PORTLAND_MAINE = "geonames-4975802"


@pytest.fixture
def own_var(tmp_path, monkeypatch):
    """A state folder of its own, so this test's corpus is nobody else's; the gazetteer index is copied in."""
    load_gazetteer()  # built once for the session
    target = tmp_path / "var"
    shutil.copytree(var_dir() / "cache", target / "cache")
    monkeypatch.setenv("ATLAS_VAR", str(target))  # the servers started below inherit it
    return target


def serve(tmp_path, name):
    return start_server(None, tmp_path / f"{name}.log")


def test_paste_review_save_and_find_it_on_the_map_after_a_restart(chromium_path, own_var, offline_page, tmp_path):
    server = serve(tmp_path, "first")
    try:
        page = offline_page
        page.goto(f"{server.url}/Add_article")
        page.get_by_label("Article text").fill(TEXT)
        page.get_by_label("Article text").press("Control+Enter")  # as a reader's click elsewhere would
        page.get_by_label("Outlet").fill("Example <b>Times</b>")
        page.get_by_label("Date of publication").fill("2022-12-20")
        page.get_by_role("button", name="Find places").click()
        page.get_by_text("Review the places of").wait_for()
        page.get_by_text("“Portland” — 1×, confidence").wait_for()
        page.get_by_text("Example <b>Times</b>, 2022-12-20. Towns and sites start confirmed").wait_for()
        page.get_by_role("button", name="Save to the atlas").click()
        page.get_by_text("Saved as example-b-times-b-2022-12-20-").wait_for()
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
        page.locator("input[type=file]").set_input_files(str(bad))
        page.get_by_text(
            "story.txt:1: column 13: not UTF-8: byte 0xe8 cannot be decoded; save the file as UTF-8"
        ).wait_for()
        assert page.get_by_role("button", name="Find places").count() == 0
        assert os.listdir(own_var) == ["cache"]  # nothing was saved
    finally:
        loopback.stop(server.process)
