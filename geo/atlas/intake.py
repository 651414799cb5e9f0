"""Checking what a reader hands in — an uploaded file, a pasted text, the form about it — before it
becomes an Article. Every refusal is one sentence a person can act on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from geo.model.dates import day_written
from geo.model.errors import AtlasError, DataError
from geo.model.fields import blank, body, joined_lines, one_line, plain_line
from geo.model.languages import language_code
from geo.model.loading import HEADER_LINE, MAX_TEXT_BYTES, decode_utf8
from geo.model.models import Article, web_address
from geo.parsing.language import detect_language

if TYPE_CHECKING:
    from geo.atlas.pages import PageFields

UPLOAD_SUFFIXES = (".txt", ".md")
#: A page saved from a browser ("Save page as… HTML only").
PAGE_SUFFIXES = (".html", ".htm")


class IntakeError(AtlasError):
    """A file or form value that cannot be taken as it is."""


def decode_upload(name: str, data: bytes) -> str:
    """An uploaded file's text, or an IntakeError that says what is wrong and where."""
    if PurePath(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise IntakeError(f"{name}: only {' and '.join(UPLOAD_SUFFIXES)} files can be added")
    if len(data) > MAX_TEXT_BYTES:
        raise IntakeError(f"{name}: {len(data):,} bytes is more than the {MAX_TEXT_BYTES:,} allowed")
    try:
        text = decode_utf8(data, name)
    except DataError as exc:
        raise IntakeError(f"{exc}; save the file as UTF-8") from None
    if not text.strip():
        raise IntakeError(f"{name}: the file is empty")
    return text


def read_saved_page(name: str, data: bytes) -> PageFields:
    """A saved web page's article and metadata, for the form; read offline. A file that is no
    page, too large, or has no article text in it is an IntakeError in one line."""
    from geo.atlas.fetcher import MAX_BYTES
    from geo.atlas.pages import page_fields

    if PurePath(name).suffix.lower() not in PAGE_SUFFIXES:
        raise IntakeError(f"{name}: only {' and '.join(PAGE_SUFFIXES)} pages can be read")
    if len(data) > MAX_BYTES:
        raise IntakeError(f"{name}: {len(data):,} bytes is more than the {MAX_BYTES:,} a page may have")
    try:
        return page_fields(data)
    except AtlasError as exc:
        raise IntakeError(f"{name}: {exc}") from None


def read_link(url: str) -> PageFields:
    """The page at ``url`` fetched (only with online on: ``geo.atlas.fetcher``) and read as a
    saved page is; every failure, online off included, is an IntakeError in one line."""
    from geo.atlas.fetcher import HTML, fetch
    from geo.atlas.pages import page_fields

    try:
        answer = fetch(url, HTML)
        return page_fields(answer.body, url.strip(), answer.charset)
    except AtlasError as exc:
        raise IntakeError(str(exc)) from None


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A first line "date YYYY-MM-DD Author" (as in the seed files) as form values, and the body."""
    first, _, rest = text.lstrip("\ufeff").partition("\n")
    header = HEADER_LINE.match(first)
    if not header:
        return {}, text
    return {"date": header.group(1), "author": header.group(2)}, rest


class ArticleForm(BaseModel):
    """What the reader says about an article; the title is ours unless they give one."""

    model_config = ConfigDict(str_strip_whitespace=True)

    text: str = Field(min_length=1)
    outlet: str = Field(min_length=1, max_length=200)
    author: str = Field(default="", max_length=200)
    date: dt.date
    url: str = Field(default="", max_length=2000)
    title: str = Field(default="", max_length=300)
    #: ISO 639-1; blank: detected from the text (``to_article``).
    language: str = ""

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        """NFC with plain line breaks, and a hard-wrapped text's lines joined (``joined_lines``), so
        spans are offsets into the text that is stored and a passage is a whole paragraph; a
        control character (binary data, a text cut short, a forged line) is refused with where."""
        if not isinstance(value, str):
            return value
        text = joined_lines(body(value))
        if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            raise ValueError(f"the text is longer than {MAX_TEXT_BYTES:,} bytes")
        return "" if blank(text) else text

    @field_validator("outlet", "author", "url", "title", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        """One line that prints as one row: see ``geo.model.fields``; blank when nothing shows."""
        return one_line(value) if isinstance(value, str) else value

    @field_validator("date", mode="before")
    @classmethod
    def _written_as_a_date(cls, value: object) -> object:
        """YYYY-MM-DD only: pydantic would read "0" or "1672531200.0" as a Unix time."""
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise ValueError("not a date written as YYYY-MM-DD")
        return day_written(value) if value.strip() else ""

    @field_validator("date")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError("the date is in the future")
        return value

    _url = field_validator("url")(classmethod(lambda cls, value: web_address(value)))

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        return language_code(value) if value else ""


def read_form(values: dict) -> ArticleForm:
    """The form checked field by field; the first problem becomes "field: what is wrong"."""
    try:
        return ArticleForm.model_validate(values)
    except ValidationError as exc:
        problems = [f"{err['loc'][0] if err['loc'] else 'form'}: {_plain(err)}" for err in exc.errors()]
        raise IntakeError("; ".join(problems)) from None


def _plain(err: dict) -> str:
    if err["type"] in {"missing", "string_too_short"} or err.get("input") == "":
        return "is required"
    return err["msg"].removeprefix("Value error, ")


def to_article(form: ArticleForm) -> Article:
    """The checked form as an Article with a readable id; a missing title is taken from the text and marked
    ours, a language not given is detected from the text."""
    from geo.atlas.corpus import slug

    title, ours = form.title, False
    if not title:
        first = plain_line(form.text.strip().split("\n", 1)[0])
        title, ours = (first[:117] + "…" if len(first) > 120 else first), True
    return Article(
        id=slug(f"{form.outlet} {form.date.isoformat()} {title}"),
        outlet=form.outlet,
        author=form.author,
        date=form.date,
        title=title,
        title_is_ours=ours,
        url=form.url,
        text=form.text,
        language=form.language or detect_language(form.text),
    )
