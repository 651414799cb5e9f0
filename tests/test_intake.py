"""What a reader hands in is checked before it becomes an article."""

import datetime as dt

import pytest

from geo.atlas.intake import MAX_TEXT_BYTES, IntakeError, decode_upload, read_form, split_header, to_article

FORM = {"text": "Talks were held in Geneva.", "outlet": "Example Times", "date": "2023-03-01"}


def test_a_utf8_text_file_is_read():
    assert decode_upload("story.txt", "Kraków".encode()) == "Kraków"
    assert decode_upload("story.md", "\ufeffGöteborg".encode()) == "Göteborg"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("story.pdf", b"%PDF", "story.pdf: only .txt and .md files can be added"),
        ("story.txt", b"x" * (MAX_TEXT_BYTES + 1), "is more than the 2,000,000 allowed"),
        (
            "story.txt",
            b"line one\nGen\xe8ve",
            "story.txt:2: column 4: not UTF-8: byte 0xe8 cannot be decoded; save the file as UTF-8",
        ),
        ("story.txt", b"  \n ", "story.txt: the file is empty"),
    ],
)
def test_bad_uploads_are_refused_with_one_clear_sentence(name, data, message):
    with pytest.raises(IntakeError, match=message.replace(".", r"\.").replace("(", r"\(").replace(")", r"\)")):
        decode_upload(name, data)


def test_the_seed_files_header_fills_date_and_author():
    values, body = split_header(" date 2023-02-28 Sabina Mammadli\n\nText.")
    assert values == {"date": "2023-02-28", "author": "Sabina Mammadli"}
    assert body.strip() == "Text."


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"outlet": "  "}, "outlet: is required"),
        ({"date": "28/02/2023"}, "date: '28/02/2023' is not a date written as YYYY-MM-DD"),
        ({"date": (dt.date.today() + dt.timedelta(days=2)).isoformat()}, "date: the date is in the future"),
        ({"url": "javascript:alert(1)"}, "url: the address must start with http:// or https://"),
        ({"text": ""}, "text: is required"),
    ],
)
def test_bad_form_values_name_the_field(change, message):
    with pytest.raises(IntakeError, match=message):
        read_form({**FORM, **change})


def test_an_article_without_a_title_gets_one_marked_as_ours():
    article = to_article(read_form(FORM))
    assert (article.title, article.title_is_ours) == ("Talks were held in Geneva.", True)
    assert article.id == "example-times-2023-03-01-talks-were-held-in-geneva"


def test_a_hard_wrapped_texts_lines_are_joined_blanks_and_windows_breaks_too():
    form = read_form({**FORM, "text": "Talks were held in   \r\n  the city of Geneva\r\non Monday.\r\nThey ended."})
    assert form.text == "Talks were held in the city of Geneva on Monday.\nThey ended."
