"""The Add article page's logic in Streamlit's AppTest: form checks, review, save, the corpus on every page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from geo.atlas.corpus import Corpus
from tests.conftest import ROOT
from tests.whole import load_corpus_atlas

TEXT = "Officials met in Stepanakert on December 5, 2022.\n\nThen in Portland, Maine and in Paris, Texas."


def page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "4_Add_article.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return at


def review_boxes(at: AppTest) -> list:
    """The review's select boxes: the form's own (the language) left out."""
    return [s for s in at.selectbox if s.key != "add.language"]


def fill(at: AppTest, outlet: str, date: str, text: str = TEXT) -> AppTest:
    at.text_area(key="add.text").input(text)  # the whole form at once, sent by its button
    fields = {t.label.split(" *")[0].split(" (")[0]: t for t in at.text_input}
    fields["Outlet"].input(outlet)
    fields["Date of publication"].input(date)
    return find_places(at).click().run()


def find_places(at: AppTest):
    """The form's button, after the page's own "Fetch the page"."""
    return next(b for b in at.button if b.label == "Find places")


def test_the_whole_form_shows_at_once(empty_corpus):
    at = page()
    labels = [t.label for t in at.text_input]
    assert at.text_area(key="add.text") and any(label.startswith("Outlet") for label in labels)
    assert [b.label for b in at.button] == ["Fetch the page", "Find places"]


def test_a_missing_outlet_is_asked_for(empty_corpus):
    at = fill(page(), "", "2022-12-20")
    assert [e.value for e in at.error] == ["Please correct: outlet: is required"]
    assert not review_boxes(at)


def test_a_text_over_the_parse_budget_is_one_message_and_no_review(empty_corpus, monkeypatch):
    monkeypatch.setenv("ATLAS_PARSE_SECONDS", "0.000001")
    at = fill(page(), "Example Times", "2022-12-20")
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith("The pasted text: parsing stopped after ")
    assert error.endswith("raise ATLAS&#95;PARSE&#95;SECONDS")  # escaped for Markdown
    assert not review_boxes(at) and "Save to the atlas" not in [b.label for b in at.button]


def test_review_then_save_puts_the_article_in_the_corpus(empty_corpus):
    at = fill(page(), "Example Times", "2022-12-20")
    assert not at.exception and not at.error
    choices = {s.label.split("”")[0].strip("“"): s for s in at.selectbox}
    assert choices["Stepanakert"].value.id == "khankendi"
    assert choices["Maine"].value.kind == "admin"  # a state starts kept, as a town does
    assert choices["Portland"].options[0].startswith("Portland (Maine, US) · town · geonames:4975802")
    assert any(o.startswith("Portland (Oregon, US) · city") for o in choices["Portland"].options)
    choices["Paris"].select_index(len(choices["Paris"].options) - 1).run()  # the reader rejects Paris
    [save] = [b for b in at.button if b.label == "Save to the atlas"]
    save.click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Saved as example-times-2022-12-20-")
    assert at.text_area(key="add.text").value == "" and all(t.value == "" for t in at.text_input)
    assert "Save to the atlas" not in [b.label for b in at.button], "nothing invites a second save"

    places = AppTest.from_file(str(ROOT / "pages" / "2_Places.py"), default_timeout=60)
    places.run()
    shown = places.dataframe[0].value.to_string()
    assert "Portland" in shown and "Paris" not in shown


def test_a_typed_name_the_parser_missed_is_looked_up_and_added(empty_corpus):
    at = fill(page(), "Example Times", "2022-12-20")
    text = TEXT.replace("Paris, Texas.", "Paris, Texas, by the Indus.")
    at.text_area(key="add.text").input(text)
    find_places(at).click().run()  # find places again, in the text that names the river
    assert not at.exception
    at.text_input(key="add.missed_name").input("Indus").run()
    [look_up] = [b for b in at.button if b.label == "Look up this name"]
    look_up.click().run()
    [pick] = [s for s in at.selectbox if s.label.startswith("“Indus” is")]
    assert pick.value.place_id == "ne-river-indus"
    [add] = [b for b in at.button if b.label.startswith("Add “Indus”")]
    add.click().run()
    assert not at.exception
    assert "**Added by you**" in [m.value for m in at.markdown]
    added = [s for s in at.selectbox if s.label.startswith("“Indus” — 1×, confidence 1.00")]
    assert added and added[0].value.id == "ne-river-indus" and added[0].value.kind == "river"
    at.text_input(key="add.missed_name").input("Qwxzvilleton").run()
    next(b for b in at.button if b.label == "Look up this name").click().run()
    assert any("No place known as “Qwxzvilleton”" in i.value for i in at.info)


CAPITALS = [
    "Oslo",
    "Stockholm",
    "Helsinki",
    "Copenhagen",
    "Dublin",
    "Lisbon",
    "Madrid",
    "Rome",
    "Vienna",
    "Prague",
    "Warsaw",
    "Budapest",
    "Athens",
    "Sofia",
    "Bucharest",
    "Belgrade",
    "Zagreb",
    "Tallinn",
    "Riga",
    "Vilnius",
    "Kyiv",
    "Tbilisi",
    "Yerevan",
    "Baku",
    "Ankara",
    "Cairo",
    "Nairobi",
    "Lima",
]


def test_a_long_review_shows_a_page_at_a_time_and_keeps_every_choice(empty_corpus):
    at = page()
    text = "\n\n".join(f"Delegates met in {city} on {day} March 2023." for day, city in enumerate(CAPITALS, 1))
    at.text_area(key="add.text").input(text)
    fields = {t.label.split(" *")[0].split(" (")[0]: t for t in at.text_input}
    fields["Outlet"].input("Example Times")
    fields["Date of publication"].input("2023-03-31")
    find_places(at).click().run()
    assert not at.exception
    pages = {s.label: s for s in at.selectbox if s.label.startswith("Showing")}
    assert [o for o in pages["Showing names"].options] == ["1–25 of 28", "26–28 of 28"]
    assert len([s for s in at.selectbox if s.label.startswith("“")]) == 25
    # On the second pages: leave out Lima, and Nairobi's event; then go back to the first pages.
    pages["Showing names"].select_index(1).run()
    [lima] = [s for s in at.selectbox if s.label.startswith("“Lima”")]
    lima.select_index(len(lima.options) - 1).run()
    [events] = [s for s in at.selectbox if s.label == "Showing events"]
    events.select_index(1).run()
    [nairobi] = [c for c in at.checkbox if "Nairobi" in c.label]
    nairobi.uncheck().run()
    for label in ("Showing names", "Showing events"):
        next(s for s in at.selectbox if s.label == label).select_index(0).run()
    assert not [s for s in at.selectbox if s.label.startswith("“Lima”")], "Lima is on the other page"
    [save] = [b for b in at.button if b.label == "Save to the atlas"]
    save.click().run()
    assert not at.exception and at.success[0].value.startswith("Saved as example-times-2023-03-31")

    saved = load_corpus_atlas()
    names = {p.name for p in saved.places.values()}
    assert "Oslo" in names and "Nairobi" in names and "Lima" not in names
    days = sorted(e.date_start.day for e in saved.events.values() if e.article.startswith("example-times"))
    assert days == list(range(1, 27)), "every event but Nairobi's (and Lima's, with no place left), on either page"


def saved_and_said(at: AppTest) -> str:
    [save] = [b for b in at.button if b.label == "Save to the atlas"]
    save.click().run()
    assert not at.exception
    return at.success[0].value


def test_a_text_with_no_place_is_saved_and_said_to_show_nothing(empty_corpus):
    at = fill(page(), "Example Times", "2022-12-20", "Nothing at all happened, and nobody said where.")
    said = saved_and_said(at)
    assert said.startswith("Saved as ") and said.endswith("No place found in it: nothing to show on the map.")
    assert "Open it on the map" not in " ".join(m.value for m in at.markdown)


def test_an_unsure_town_is_saved_unconfirmed_unless_the_reader_picks_it(empty_corpus):
    text = "Officials met in Springfield on Monday."
    at = fill(page(), "Example Times", "2022-12-20", text)
    [springfield] = review_boxes(at)
    assert "unsure" in springfield.label
    resolved = springfield.value.id
    assert saved_and_said(at).endswith("Its places are on the map and on every page.")
    assert [(m.place, m.confirmed) for m in Corpus().mentions()] == [(resolved, False)]

    at = fill(page(), "Other Times", "2022-12-20", text)
    review_boxes(at)[0].select_index(1).run()  # another Springfield, the reader's own pick
    other = review_boxes(at)[0].value.id
    assert other != resolved
    saved_and_said(at)
    assert {(m.place, m.confirmed) for m in Corpus().mentions()} == {(resolved, False), (other, True)}


def test_the_language_is_detected_unless_the_reader_picks_one(empty_corpus):
    at = fill(page(), "Vestnik", "2022-12-20", "Вчера в Ханкенди прошла встреча.")
    assert "2022-12-20 · Russian" in " ".join(c.value for c in at.caption)  # shown before the save
    saved_and_said(at)
    assert [a.language for a in Corpus().articles()] == ["ru"]
    assert at.selectbox(key="add.language").value == ""  # the next article's is detected again

    at = page()
    at.selectbox(key="add.language").select("fr")
    saved_and_said(fill(at, "Le Courrier", "2022-12-21", "Officials met in Stepanakert."))
    assert sorted(a.language for a in Corpus().articles()) == ["fr", "ru"]


def test_a_saved_page_fills_the_form_for_the_reader_to_check(empty_corpus):
    from tests.websites import PAGES

    at = page()
    at.file_uploader[0].upload("convoy.html", (PAGES / "news_page.html").read_bytes(), "text/html").run()
    assert not at.exception and not at.error
    assert [s.value for s in at.success] == ["Filled from convoy.html: check every field, then press Find places."]
    assert at.text_area(key="add.text").value.startswith("A convoy of twelve aid trucks reached Stepanakert")
    assert "cookie" not in at.text_area(key="add.text").value.lower()
    fields = {key: at.text_input(key=f"add.{key}").value for key in ("outlet", "author", "date", "url", "title")}
    assert fields == {
        "outlet": "Caucasus Ledger",
        "author": "Anna Petrosyan",
        "date": "2023-01-17",
        "url": "https://ledger.example/news/2023/01/17/convoy-reaches-stepanakert",
        "title": "Convoy reaches Stepanakert after road reopens",
    }
    find_places(at).click().run()
    assert not at.exception and not at.error
    assert "Stepanakert" in [s.label.split("”")[0].strip("“") for s in at.selectbox]


def test_a_link_with_online_off_is_one_clear_line(empty_corpus, monkeypatch):
    monkeypatch.delenv("ATLAS_ONLINE", raising=False)
    at = page()
    at.text_input(key="add.link").input("https://ledger.example/news/convoy")
    next(b for b in at.button if b.label == "Fetch the page").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "https:\u2060//ledger.example/news/convoy is not fetched: online is off (ATLAS&#95;ONLINE=1 turns it on); "
        "save the page in your browser and add the .html file instead"
    ]
    assert at.text_area(key="add.text").value == ""


def test_a_link_with_online_on_fills_the_form(empty_corpus, monkeypatch):
    from geo.atlas import fetcher
    from geo.model.settings import var_dir
    from tests.websites import CONVOY, serving

    for stale in (var_dir() / "cache").glob("web.sqlite*"):
        stale.unlink()
    monkeypatch.setenv("ATLAS_ONLINE", "1")
    with serving() as site:
        at = page()
        at.text_input(key="add.link").input(site.url + CONVOY)
        next(b for b in at.button if b.label == "Fetch the page").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="add.url").value == site.url + CONVOY
    assert at.text_input(key="add.outlet").value == "Caucasus Ledger"
    assert fetcher.MIN_DELAY_SECONDS == 1.0 and len(site.requests) == 1


def test_a_saved_page_that_cannot_be_read_is_one_escaped_line_and_fills_nothing(empty_corpus):
    at = page()
    at.file_uploader[0].upload("<img src=x onerror=alert(1)>.html", b"<html><body></body></html>", "text/html").run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "&lt;img src=x onerror=alert(1)&gt;.html: no article text was found in the page"
    ]
    assert at.text_input(key="add.outlet").value == "" and not at.success
