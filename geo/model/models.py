"""Typed records of the atlas. Pydantic validates them, so loaders hold no checks of their own."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from geo.model.languages import LANGUAGES, language_code

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

# What the curated data, the gazetteer (counties, continents and seas too) and Natural Earth's physical
# features can make a place of: a reviewer may pick any of them.
Kind = Literal[
    "continent",
    "country",
    "admin",
    "county",
    "city",
    "town",
    "village",
    "road",
    "deposit",
    "site",
    "building",
    "region",
    "lake",
    "river",
    "sea",
]


def split_list(value: object) -> object:
    """A CSV cell with ``;``-separated items becomes a list; blanks are dropped."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    return value


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Place(_Record):
    """A place with where its coordinates come from and how precise they are."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    alt_names: tuple[str, ...] = ()
    kind: Kind
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    country: str = ""
    coord_source: str = Field(min_length=1)
    precision_m: float = Field(gt=0)
    geometry: str = ""
    note: str = ""

    _split = field_validator("alt_names", mode="before")(split_list)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the place goes by, the atlas name first."""
        return (self.name, *self.alt_names)


def web_address(value: str) -> str:
    """An article's address: empty, or http(s) with a host and nothing that could break out of a link."""
    if not value:
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c in value for c in " \t\n\"'<>()`"):
        raise ValueError("the address must start with http:// or https:// and hold no spaces, quotes or brackets")
    return value


class Article(_Record):
    """A news article: its text and who published it when."""

    id: str = Field(pattern=ID_PATTERN)
    file: str = ""
    outlet: str = Field(min_length=1)
    author: str = ""
    date: dt.date
    title: str = Field(min_length=1)
    title_is_ours: bool = False
    url: str = ""
    text: str = ""
    #: ISO 639-1, one of ``geo.model.languages.LANGUAGES``: the seed's and older saved articles are English.
    language: str = "en"

    _url = field_validator("url")(classmethod(lambda cls, value: web_address(value)))
    _language = field_validator("language")(classmethod(lambda cls, value: language_code(value)))

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs, numbered from 1 by their position plus one."""
        return paragraphs_of(self.text)

    @property
    def source_line(self) -> str:
        """Outlet, author, date and language: shown with every passage."""
        who = f", {self.author}" if self.author else ""
        return f"{self.outlet}{who}, {self.date.isoformat()} · {self.language_name}"

    @property
    def language_name(self) -> str:
        return LANGUAGES[self.language]


def paragraphs_of(text: str) -> list[str]:
    """Split a body into paragraphs at blank lines, or at single newlines if it has none."""
    return [text[start:end] for start, end in paragraph_bounds(text)]


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """Where each paragraph of ``text`` starts and ends, so offsets into the whole text map to paragraphs."""
    separator = r"\n[^\S\n]*\n\s*" if re.search(r"\n[^\S\n]*\n", text) else r"\n\s*"
    bounds, start = [], 0
    for gap in [*re.finditer(separator, text), None]:
        end = gap.start() if gap else len(text)
        chunk = text[start:end]
        if chunk.strip():
            left = start + len(chunk) - len(chunk.lstrip())
            bounds.append((left, start + len(chunk.rstrip())))
        start = gap.end() if gap else len(text)
    return bounds


class Event(_Record):
    """Something dated that the article reports: one day, a range, or a range still going on."""

    id: str = Field(pattern=ID_PATTERN)
    article: str
    date_start: dt.date
    date_end: dt.date | None = None
    ongoing: bool = False
    places: tuple[str, ...] = Field(min_length=1)
    paragraphs: tuple[int, ...] = Field(min_length=1)
    summary: str = Field(min_length=1)

    _split = field_validator("places", "paragraphs", mode="before")(split_list)

    @field_validator("date_end", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _range_is_ordered(self) -> Event:
        if self.date_end is not None and self.date_end < self.date_start:
            raise ValueError("date_end is before date_start")
        if self.ongoing and self.date_end is not None:
            raise ValueError("an ongoing event has no date_end")
        return self

    @property
    def last_day(self) -> dt.date:
        """The event's last day: its end, its only day, or none at all while it goes on."""
        return last_day(self.date_start, self.date_end, self.ongoing)

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """First and last day, as the date rule (``overlaps``) reads them."""
        return self.date_start, self.last_day

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Whether any day of the event lies in [start, end] (``overlaps``)."""
        return overlaps(self.span, start, end)


def last_day(first: dt.date, end: dt.date | None, ongoing: bool) -> dt.date:
    """An event's last day as the date rule reads it: its end, its only day, or none at all
    (``date.max``) while it goes on. The export reads its events as written, through this too."""
    return dt.date.max if ongoing else (end or first)


def known_last_day(event: Event, published: dt.date) -> dt.date:
    """An event's last day as far as its article knows: its end, or for one still going on, the
    article's date (what the feed and the Timeline's span show; the date rule keeps it open-ended)."""
    return event.date_end or (published if event.ongoing else event.date_start)


def overlaps(span: tuple[dt.date, dt.date], start: dt.date | None, end: dt.date | None) -> bool:
    """The date rule, the one copy every view and the export apply: whether any day of an event's
    ``span`` (first day, ``last_day``) lies in [start, end]; open ends are unbounded."""
    first, last = span
    return (end is None or first <= end) and (start is None or last >= start)


def visible(spans: Iterable[tuple[dt.date, dt.date]], start: dt.date | None, end: dt.date | None) -> bool:
    """The date-range rule for a place, given the spans of the events that name it: hidden only
    when it has dated events and every one lies outside [start, end]. The map, Places, the
    Timeline's counts, the export and ``geo places`` all ask this, so they agree on a range."""
    dated = False
    for span in spans:
        if overlaps(span, start, end):
            return True
        dated = True
    return not dated


class Reference(_Record):
    """A curated link for an indirect mention ("the road"), kept with the reason for it."""

    article: str
    paragraph: int = Field(ge=1)
    place: str
    quote: str = Field(min_length=1)
    reason: str = Field(min_length=1)


class Mention(_Record):
    """Where a place is named in an article: a span within one paragraph."""

    place: str
    article: str
    paragraph: int
    start: int
    end: int
    text: str
    how: Literal["name", "part", "curated"] = "name"
    reason: str = ""
    #: False for a saved mention the geoparser was unsure of and no reader confirmed: the map
    #: does not draw its place as a fact on its word alone (``Atlas.is_confirmed``).
    confirmed: bool = True


class Passage(_Record):
    """A paragraph that speaks of a place, with the spans that name it."""

    article: str
    paragraph: int
    text: str
    spans: tuple[tuple[int, int], ...] = ()
    #: False when no mention in it is confirmed: the place may be drawn as a fact on another
    #: article's word while this one's naming of it stays uncertain.
    confirmed: bool = True
