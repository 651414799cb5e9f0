"""The seed article as data: its places, their names, passages and events."""

import datetime as dt

import pytest

from tests.conftest import SEED_ARTICLE

SEED_PLACES = {
    "geneva",
    "icrc-headquarters",
    "lachin",
    "khankendi",
    "lachin-khankendi-road",
    "gizilbulagh-gold-deposit",
    "damirli-copper-molybdenum-deposit",
}


def test_the_seed_article_is_read_with_its_source(atlas):
    article = atlas.articles[SEED_ARTICLE]
    assert (article.outlet, article.author, article.date) == ("Azernews", "Sabina Mammadli", dt.date(2023, 2, 28))
    assert article.title_is_ours
    assert len(article.paragraphs) == 10
    assert article.paragraphs[0].startswith("Azerbaijani Deputy Foreign Minister")
    assert article.source_line == "Azernews, Sabina Mammadli, 2023-02-28 · English"


def test_every_place_of_the_article_is_in_the_atlas_with_provenance(atlas):
    assert set(atlas.places) == SEED_PLACES
    for place in atlas.places.values():
        assert place.coord_source and place.precision_m > 0


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Stepanakert", "khankendi"),
        ("Khankandi", "khankendi"),
        ("Berdzor", "lachin"),
        ("Drmbon", "gizilbulagh-gold-deposit"),
        ("Heyvalı", "gizilbulagh-gold-deposit"),
        ("heyvali", "gizilbulagh-gold-deposit"),
        ("Kashen", "damirli-copper-molybdenum-deposit"),
        ("Tsaghkashen", "damirli-copper-molybdenum-deposit"),
        ("Genève", "geneva"),
    ],
)
def test_any_common_name_finds_a_contested_place(atlas, name, place):
    assert place in [p.id for p in atlas.search(name)]


def test_the_road_is_a_line_and_towns_are_points(atlas):
    assert atlas.geometries["lachin-khankendi-road"]["type"] == "LineString"
    assert "lachin" not in atlas.geometries


def paragraphs(atlas, place):
    return [p.paragraph for p in atlas.passages(place)]


def test_every_spelling_of_the_road_links_its_paragraph(atlas):
    # "Lachin-Khankandi road" (1), "Lachin road" (3, 4), "the road" (4, 5, curated), "Lachin-Khankendi road" (7)
    assert paragraphs(atlas, "lachin-khankendi-road") == [1, 3, 4, 5, 7]


def test_a_mention_span_points_at_the_name_in_the_text(atlas):
    (first, *_) = atlas.passages("gizilbulagh-gold-deposit", articles=[SEED_ARTICLE])
    spans = [first.text[s:e] for s, e in first.spans]
    assert first.paragraph == 8  # curated: "Azerbaijani lands, where the Russian peacekeepers ..."
    assert spans == ["Azerbaijani lands, where the Russian peacekeepers are temporarily deployed"]
    quoted = atlas.passages("gizilbulagh-gold-deposit")[1]
    assert [quoted.text[s:e] for s, e in quoted.spans] == ["Gizilbulagh"]
    assert quoted.text[quoted.spans[0][0] - 1] == "'"


def test_the_towns_are_linked_where_the_road_name_names_them(atlas):
    mentions = [m for m in atlas.mentions if m.place == "khankendi"]
    assert [(m.paragraph, m.text, m.how) for m in mentions] == [(1, "Khankandi", "part"), (7, "Khankendi", "part")]


def test_indirect_references_carry_their_reason(atlas):
    curated = [m for m in atlas.mentions if m.how == "curated" and m.place == "lachin-khankendi-road"]
    assert {m.paragraph for m in curated} == {4, 5}
    assert all(m.text == "the road" and m.reason for m in curated)


def test_events_cover_single_days_and_an_ongoing_range(atlas):
    events = {e.id: e for e in atlas.events.values()}
    assert [e.date_start.isoformat() for e in atlas.events_of("damirli-copper-molybdenum-deposit")] == [
        "2022-12-03",
        "2022-12-07",
        "2022-12-10",
    ]
    protest = events["protest-2022-12-12"]
    assert protest.ongoing and protest.date_end is None
    assert protest.overlaps(dt.date(2023, 6, 1), None)
    assert not events["talks-2022-12-03"].overlaps(dt.date(2022, 12, 4), dt.date(2022, 12, 6))


def test_narrowing_to_the_inspection_hides_geneva_and_keeps_the_deposits(atlas):
    start, end = dt.date(2022, 12, 9), dt.date(2022, 12, 11)
    visible = {p for p in atlas.places if atlas.is_visible(p, start, end)}
    assert "geneva" not in visible
    assert {"gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit"} <= visible
    assert "lachin-khankendi-road" not in visible  # the protest begins on the 12th


def test_the_date_span_runs_from_the_first_talks_to_the_article(atlas):
    assert atlas.date_span() == (dt.date(2022, 12, 3), dt.date(2023, 2, 28))


HARD_WRAPPED = (
    "Dog-nappers hit the county\n"
    "Jerry Hughes bought his dog in Canton and the\n"
    "dog was taken from his yard on Tuesday night, as police in the county seat\n"
    "Said later. The dog was found.\n"
    "A second paragraph."
)


def test_lines_broken_inside_a_sentence_are_joined_as_a_new_text_comes_in():
    from geo.atlas.intake import read_form, to_article

    form = read_form({"text": HARD_WRAPPED, "outlet": "The Courier", "date": "2023-02-28"})
    assert form.text == (
        "Dog-nappers hit the county\n"
        "Jerry Hughes bought his dog in Canton and the dog was taken from his yard on Tuesday night, as police"
        " in the county seat Said later. The dog was found.\n"
        "A second paragraph."
    )
    article = to_article(form)
    assert article.paragraphs == [
        "Dog-nappers hit the county",  # a title: short, and the next line opens a sentence
        "Jerry Hughes bought his dog in Canton and the dog was taken from his yard on Tuesday night, as police"
        " in the county seat Said later. The dog was found.",
        "A second paragraph.",
    ]
    assert article.title == "Dog-nappers hit the county"
    # A text with blank lines is cut at them, and its lines are kept as written.
    kept = read_form({"text": "One.\n\nTwo lines\nof one.", "outlet": "The Courier", "date": "2023-02-28"})
    assert kept.text == "One.\n\nTwo lines\nof one."
    assert to_article(kept).paragraphs == ["One.", "Two lines\nof one."]


def test_a_saved_articles_paragraphs_are_numbered_as_they_were():
    """Saved mentions hold a paragraph number and offsets into it: a saved text is cut at every
    line break as before, whatever new texts are joined into."""
    from geo.model.models import paragraphs_of

    assert paragraphs_of(HARD_WRAPPED) == HARD_WRAPPED.split("\n")
