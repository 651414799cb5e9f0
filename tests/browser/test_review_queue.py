"""The Review page in Chromium: confirming an uncertain place there makes it a dot the map draws,
where before the map left it off (uncertain places are hidden by default)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from bench import loopback
from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Confirmed, Corpus
from geo.model.models import Article
from tests.browser.test_map import ROOT, drawn_ids, open_map
from tests.test_app_articles import GORIS, TEXT


@pytest.fixture
def unsure_goris(chromium_path, tmp_path, own_corpus):
    """A server whose corpus holds one article with Goris, which the geoparser was unsure of."""
    var = tmp_path / "var"
    home = own_corpus(var)
    article = Article(id="wire-goris", outlet="Wire", date=dt.date(2022, 12, 20), title="Goris", text=TEXT)
    start = TEXT.index("Goris")
    kept = [Confirmed(GORIS, ((start, start + 5),), confirmed=False)]
    Corpus(home.target).save(article, kept, seed=load_atlas(ROOT / "data"))
    try:
        server = loopback.start("app.py", var / "streamlit.log", env=home.env)
    except loopback.ServerError as exc:
        pytest.fail(str(exc))
    yield server
    loopback.stop(server.process)


def test_confirming_on_the_review_page_puts_the_place_on_the_map(unsure_goris, offline_page):
    assert "ATLAS_READ_ONLY" not in os.environ
    frame = open_map(offline_page, unsure_goris.url)
    assert "khankendi" in drawn_ids(frame) and GORIS.id not in drawn_ids(frame)

    offline_page.goto(f"{unsure_goris.url}/Review")
    offline_page.get_by_text("1 uncertain place(s), most-named first").wait_for()
    offline_page.locator("blockquote mark", has_text="Goris").wait_for()
    offline_page.get_by_role("button", name="Confirm").click()
    offline_page.get_by_text("Confirmed “Goris” for this mention only: 1 mention(s).").wait_for()
    offline_page.get_by_text("No uncertain place is waiting").wait_for()

    frame = open_map(offline_page, unsure_goris.url)
    assert GORIS.id in drawn_ids(frame), "a confirmed place is drawn as a fact"
    assert not offline_page.requests.blocked
