"""The hostile suite's family 1 (the rest is in tests/hostile/): 33 HTML and Markdown payloads in
every field, on every page, in a real Chromium.

Outlet, author, title, text, place names, other names, coordinate source, note and event
summaries all carry them. A page passes when no request left 127.0.0.1, no element points at
the payloads' host, no dialog opened, no icon, emoji or colour was made of them, and their
words are on the page as written.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bench import loopback
from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Confirmed, Corpus, slug
from geo.model.models import Article, Event, Place
from geo.parsing.gazetteer import cache_path, load_gazetteer
from geo.view.assets import is_tile_request
from tests.browser.conftest import start_server, upload_to_form
from tests.conftest import DATA
from tests.hostile.payloads import EVIL, MARKUP

ALL = " ".join(MARKUP)
TOWN = "Hostile Town"


def hostile_corpus(target) -> None:
    """One article per payload (outlet, author and title rotate through them) naming one place
    that carries every payload, and an omnibus article holding them all."""
    seed = load_atlas(DATA)
    town = Place(
        id="hostile-town", name=TOWN, alt_names=tuple(MARKUP), kind="town", lat=40.5, lon=45.5,
        coord_source=f"estimate: {ALL}", precision_m=5000, note=ALL,
    )  # fmt: skip
    bare = Place(id="hostile-q", name=ALL, kind="village", lat=40.9, lon=45.9, coord_source="test", precision_m=50)
    corpus = Corpus(target)
    for i, payload in enumerate(MARKUP):
        text = f"{payload} — seen in {TOWN}."
        at = text.index(TOWN)
        article = Article(
            id=slug(f"hostile {i}"), outlet=payload, author=MARKUP[(i + 11) % 33], title=MARKUP[(i + 22) % 33],
            date=dt.date(2023, 1, 1 + i % 28), url="https://news.example.org/story", text=text,
        )  # fmt: skip
        event = Event(
            id="e", article="x", date_start=article.date, places=("hostile-town",), paragraphs=(1,), summary=payload
        )
        corpus.save(
            article, [Confirmed(town, ((at, at + len(TOWN)), (0, len(payload.split("\n")[0]))))], [event], seed=seed
        )
    paragraphs = [f"{p} — in {TOWN}." for p in MARKUP]
    text = "\n\n".join(paragraphs)
    spans = tuple((m.start(), m.end()) for m in re.finditer(TOWN, text))
    omnibus = Article(id="hostile-all", outlet=ALL, author=ALL, title=ALL, date=dt.date(2023, 2, 1), text=text)
    event = Event(id="all", article="x", date_start=omnibus.date, places=("hostile-q",), paragraphs=(1,), summary=ALL)
    corpus.save(omnibus, [Confirmed(town, spans), Confirmed(bare, ((0, 1),))], [event], seed=seed)


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory, own_corpus):
    var = tmp_path_factory.mktemp("hostile-var")
    home = own_corpus(var)
    hostile_corpus(home.target)
    load_gazetteer()  # the session's index, linked so the server does not spend a minute building its own
    (var / "cache").mkdir()
    (var / "cache" / cache_path().name).symlink_to(cache_path())
    with pytest.MonkeyPatch.context() as patch:
        home.enter(patch)
        running = start_server(None, var / "streamlit.log")
    yield running
    loopback.stop(running.process)


def visible_text(page) -> str:
    """Everything the page shows, in every frame, word joiners (the escape's) taken out."""
    return "\n".join(frame.locator("body").inner_text() for frame in page.frames).replace("\u2060", "")


def assert_inert(page, *, shown: tuple[str, ...] = ()) -> None:
    for _ in range(20):  # a loaded machine renders late: wait (10 s at most) for the words to be there
        if all(words in visible_text(page) for words in shown):
            break
        page.wait_for_timeout(500)
    page.wait_for_timeout(800)  # late renders: images, icons, fonts
    left = [r for r in page.requests.blocked if not is_tile_request(r[1])]  # online map tiles, when there is a network
    assert left == [], f"requests left 127.0.0.1: {left}"
    assert page.dialogs == [], f"a payload ran a script: {page.dialogs}"
    for frame in page.frames:
        pointing = frame.locator(f'[src*="{EVIL}"], [href*="{EVIL}"], [poster*="{EVIL}"], [style*="{EVIL}"]')
        assert pointing.count() == 0, f"an element points at {EVIL} in {frame.url}"
        assert frame.locator('img[src="x"], iframe[src*="frame"], svg[onload]').count() == 0
        icons = frame.locator('[data-testid="stIconMaterial"]').all_inner_texts()
        assert "home" not in icons, "':material/home:' became an icon"
    text = visible_text(page)
    assert "😄" not in text, "':smile:' became an emoji"
    for words in shown:
        assert words in text, f"{words!r} is not on the page as written"


def test_the_map_and_the_panels_of_hostile_places(server, offline_page):
    offline_page.goto(f"{server.url}/?place=hostile-town")
    offline_page.locator("h3.place-name").wait_for()
    assert offline_page.locator("blockquote.passage-text").count() >= 33
    assert_inert(offline_page, shown=(*(p.split("\n")[0] for p in MARKUP), ":red[coloured] text"))
    offline_page.goto(f"{server.url}/?place=hostile-q")
    offline_page.locator("h3.place-name").wait_for()
    assert_inert(offline_page, shown=(MARKUP[0], MARKUP[9], ":material/home: icon"))


def test_the_article_page(server, offline_page):
    offline_page.goto(f"{server.url}/Article?article=hostile-all")
    offline_page.locator(".article-paragraph").nth(32).wait_for()
    assert_inert(offline_page, shown=tuple(p.split("\n")[0] for p in MARKUP))
    offline_page.goto(f"{server.url}/Article?article={slug('hostile 29')}")
    offline_page.locator(".article-paragraph").first.wait_for()
    assert_inert(offline_page, shown=(MARKUP[29], MARKUP[(29 + 11) % 33]))


def test_the_about_timeline_and_places_pages(server, offline_page):
    offline_page.goto(f"{server.url}/About")
    offline_page.get_by_text("How the coordinates were found").wait_for()
    assert_inert(offline_page, shown=tuple(p.split("\n")[0] for p in MARKUP))
    offline_page.goto(f"{server.url}/Timeline")
    offline_page.get_by_text("Click a bar").wait_for()
    assert_inert(offline_page)
    offline_page.goto(f"{server.url}/Places")
    offline_page.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert_inert(offline_page)


UPLOADS = ["<img src=x onerror=alert(1)>.txt", "**bold** [x](y) :smile:.md", "`code` $x$ ~~s~~ :red[r].txt"]


@pytest.mark.parametrize("name", UPLOADS)
def test_a_hostile_file_name_shows_as_text_in_the_error(server, offline_page, name):
    offline_page.goto(f"{server.url}/Add_article")
    offline_page.get_by_text("Upload a .txt or .md file").click()
    upload = {"name": name, "mimeType": "text/plain", "buffer": b"Text with a NUL \x00 byte in Tbilisi."}
    upload_to_form(offline_page, [upload])
    offline_page.get_by_role("button", name="Find places").click()
    alert = offline_page.locator('[data-testid="stAlertContentError"]')
    alert.wait_for()
    for _ in range(20):  # the alert's box may be drawn before its text
        if alert.inner_text().strip():
            break
        offline_page.wait_for_timeout(250)
    assert name in alert.inner_text().replace("\u2060", "")
    assert_inert(offline_page)


def test_hostile_values_in_the_review_of_a_new_article(server, offline_page):
    offline_page.goto(f"{server.url}/Add_article")
    text = "Talks in Tbilisi on 3 March 2023: :material/home: and :smile: and ![](http://evil.example/r.png)."
    offline_page.get_by_label("Article text").fill(text)
    offline_page.get_by_label("Article text").press("Control+Enter")
    offline_page.get_by_label("Outlet *", exact=True).fill(f"[Outlet](http://{EVIL}/o) ![](http://{EVIL}/o.png)")
    offline_page.get_by_label("Date of publication").fill("2023-03-04")
    offline_page.get_by_label("Title (if empty", exact=False).last.fill(f"**Title** :material/home: http://{EVIL}/t")
    offline_page.get_by_role("button", name="Find places").click()
    offline_page.get_by_text("Review the places of").wait_for(timeout=60_000)
    offline_page.get_by_text("Save to the atlas").wait_for()
    assert_inert(offline_page, shown=(f"**Title** :material/home: http://{EVIL}/t", ":material/home: and :smile:"))
