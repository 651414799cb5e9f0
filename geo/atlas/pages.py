"""A news page's HTML as an article's fields: its text without the page around it, and its
title, author, date, outlet and address from its metadata (``<meta>``, JSON-LD, the byline).

trafilatura finds the article in the page: menus, "read more" links, related stories, comments,
cookie banners and footers never reach the text. It runs offline (nothing is downloaded at
import or use); the HTML is parsed by lxml's HTML parser, which resolves no entity and loads
nothing. The reader checks every field in the review form before anything is saved.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
import trafilatura

from geo.model.errors import AtlasError
from geo.model.languages import declared_language

#: A feed's own boilerplate: the link to the rest, and WordPress's line about where it was posted.
_MORE = re.compile(r"(continue reading|read more|read the full (story|article)|keep reading)\W*$", re.IGNORECASE)
_POSTED = re.compile(r"^The post .+ appeared first on .+$")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "tr", "pre", "figcaption")


class NoArticle(AtlasError):
    """A page in which no article text could be found."""


@dataclass(frozen=True)
class PageFields:
    """What a page says of itself, each field blank when it does not say. ``language`` is the
    page's declared language (``<html lang>``), kept for the article's language when it has one."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    outlet: str = ""
    url: str = ""
    language: str = ""

    def form_values(self) -> dict[str, str]:
        """The fields the review form holds (``geo.atlas.intake.ArticleForm``); the language only
        when the page declares one the atlas reads, else blank, to be detected from the text."""
        values = {k: getattr(self, k) for k in ("text", "outlet", "author", "date", "url", "title")}
        return values | {"language": declared_language(self.language)}


def page_fields(html: bytes | str, url: str = "", charset: str | None = None) -> PageFields:
    """The article in a page, and its metadata; ``url`` is where it was fetched from, if it was.
    A page with no article text in it is a NoArticle."""
    if isinstance(html, bytes) and charset:
        html = html.decode(charset if _known(charset) else "utf-8", errors="replace")
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NoArticle("this is no web page that can be read")
    language = (tree.get("lang") or "").strip()[:35]
    found = trafilatura.bare_extraction(
        tree,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
    )
    text = paragraphs(found.text if found is not None else "")
    first, _, rest = text.partition("\n\n")
    if rest and found.title and first.casefold() == found.title.strip().casefold():
        text = rest  # the headline is the title, kept apart; a text that opens with it would say it twice
    if not text:
        raise NoArticle("no article text was found in the page")
    address = url or found.url or ""
    host = (urlsplit(address).hostname or found.hostname or "").removeprefix("www.")
    return PageFields(
        text=text,
        title=found.title or "",
        author=found.author or "",
        date=_past_day(found.date),
        outlet=found.sitename or host,
        url=address if address.startswith(("http://", "https://")) else "",
        language=language,
    )


def paragraphs(text: str) -> str:
    """trafilatura's lines (one a paragraph) as paragraphs apart by a blank line, as articles are stored."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def fragment_text(html: str) -> str:
    """The text of an HTML fragment that is all article (a feed's full content): one paragraph a
    block, scripts and styles dropped."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in [*root.iter("script", "style", "iframe", "form")]:
        element.drop_tree()
    for link in [a for a in root.iter("a") if _MORE.match(a.text_content().strip())]:
        link.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    text = paragraphs(re.sub(r"[^\S\n]+", " ", root.text_content()))
    return "\n\n".join(p for p in text.split("\n\n") if not _POSTED.match(p))


def _past_day(value: str | None) -> str:
    """trafilatura's YYYY-MM-DD, if it is one and not in the future (a guess the reader may fill)."""
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return ""
    return value if day <= dt.date.today() else ""


def _known(charset: str) -> bool:
    try:
        codecs.lookup(charset)
    except LookupError:
        return False
    return True
