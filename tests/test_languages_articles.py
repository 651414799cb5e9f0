"""A Russian, an Armenian and an Azerbaijani report of the Lachin road, added as the app adds them
(``geo add``, which saves through the Add article page's own ``review`` and ``Corpus.save``), map
what the English seed maps, each passage in its own language with that language shown.

The three texts (tests/fixtures/languages/) were written for these tests, not taken from an outlet.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from geo.cli import main
from tests.conftest import DATA, ROOT
from tests.whole import load_corpus_atlas

FIXTURES = ROOT / "tests" / "fixtures" / "languages"
LANGUAGES = {"ru": "Russian", "hy": "Armenian", "az": "Azerbaijani"}
SCRIPT = {"ru": "[\u0400-\u04ff]", "hy": "[\u0531-\u0587]", "az": "[əƏğıİ]"}
ROAD = "lachin-khankendi-road"
#: What "the road, towns and deposits" are: the kinds of place a reader follows the story by.
KINDS = {"road", "town", "city", "deposit"}
PUBLISHED = "2023-03-01"


def text_of(code: str) -> str:
    """The fixture's text, its header comment (the lines starting with "#") left out."""
    lines = (FIXTURES / f"{code}-lachin-road.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("#"))


def add(tmp_path, capsys, text: str, outlet: str, *extra: str) -> str:
    """The article saved with ``geo add`` (its language left to detection); returns its id."""
    path = tmp_path / f"{outlet}.txt"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["add", str(path), "--outlet", outlet, "--date", PUBLISHED, *extra]) == 0
    return re.search(r"saved as (\S+)", capsys.readouterr().out).group(1).rstrip(";")


def mapped(atlas, article_id: str) -> set[str]:
    return {m.place for m in atlas.mentions if m.article == article_id and atlas.places[m.place].kind in KINDS}


@pytest.fixture
def saved(empty_corpus, tmp_path, capsys):
    """The English seed's text and the three reports, saved one after another into an empty corpus."""
    english = (DATA / "articles" / "2023-02-28-azernews-icrc-lachin-road.txt").read_text(encoding="utf-8")
    ids = {"en": add(tmp_path, capsys, english, "English copy")}
    ids |= {code: add(tmp_path, capsys, text_of(code), f"Test {code}") for code in LANGUAGES}
    return ids, load_corpus_atlas(DATA)


def test_each_report_is_stored_in_its_detected_language_with_its_passages_in_it(saved):
    ids, atlas = saved
    for code, name in LANGUAGES.items():
        article = atlas.articles[ids[code]]
        assert article.language == code
        assert article.source_line == f"Test {code}, {PUBLISHED} · {name}"
        road = [m for m in atlas.mentions if m.article == ids[code] and m.place == ROAD]
        assert road, f"the {name} report names the road"
        for mention in road:
            passage = article.paragraphs[mention.paragraph - 1]
            assert re.search(SCRIPT[code], passage), passage
            assert passage[mention.start : mention.end] == mention.text
    assert atlas.articles[ids["en"]].language == "en"


@pytest.mark.usefixtures("saved")
def test_the_road_panel_shows_each_report_in_its_own_language_with_the_language_named():
    at = AppTest.from_file(str(ROOT / "pages" / "0_Map.py"), default_timeout=120)
    at.query_params["place"] = ROAD
    at.run()
    assert not at.exception
    html = next(m.value for m in at.markdown if 'class="place-panel"' in m.value)
    for code, name in LANGUAGES.items():
        assert f"Test {code}, {PUBLISHED} · {name}" in html
    assert "Лачинский коридор" in html and "Laçın dəhlizi" in html


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_report_maps_the_road_towns_and_deposits_the_english_seed_maps(saved, code):
    """Geneva as "в Женеве", "Ժնևում", "Cenevrədə"; Stepanakert, Drmbon and Kashen in the Armenian
    genitive: inflected names, found by their case endings."""
    ids, atlas = saved
    english = mapped(atlas, ids["en"])
    assert {ROAD, "lachin", "khankendi", "gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit"} <= english
    assert english <= mapped(atlas, ids[code])
    days = {e.date_start.isoformat() for e in atlas.events.values() if e.article == ids[code]}
    assert {"2022-12-12", "2022-12-10", "2023-02-28"} <= days
