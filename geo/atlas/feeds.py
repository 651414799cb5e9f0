"""RSS 2.0 and Atom feeds, and OPML lists of feeds, as articles to import (``geo import --feed``).

A feed is XML from anyone, so it is parsed by defusedxml with DTDs refused: no entity is
expanded (the "billion laughs"), no external file or address is read, and nothing larger than
``MAX_BYTES`` is parsed at all. Each item becomes a line for ``geo.atlas.bulk.run``, which checks,
skips duplicates and saves as ``geo import`` does: its own text when the feed carries the full
article (``content:encoded``, Atom ``content``), else its link fetched and read as a page when
online is on, else a Problem that says why it was skipped.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from geo.atlas.fetcher import FEED, FEED_MAX_AGE, HTML, MAX_BYTES, fetch
from geo.atlas.pages import fragment_text, page_fields
from geo.model.errors import AtlasError, OnlineOff, Problem
from geo.model.fetch import excerpt
from geo.model.loading import read_bounded

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
#: An OPML list longer than this is cut here: each feed is a request to a site.
MAX_FEEDS = 200


class FeedError(AtlasError):
    """A feed or list of feeds that cannot be read."""


@dataclass(frozen=True)
class Item:
    """One entry of a feed, as the feed gives it; ``content`` is the full article's HTML, if given."""

    title: str
    link: str
    date: str
    author: str
    outlet: str
    content: str


def read_source(source: str) -> bytes:
    """A feed's bytes: fetched when ``source`` is a web address (online on), else read from a file."""
    if source.strip().lower().startswith(("http://", "https://")):
        return _fetched(source)
    try:
        with open(source, "rb") as stream:
            return read_bounded(stream, source, MAX_BYTES)
    except OSError as exc:
        raise FeedError(f"{source}: cannot read: {exc.strerror or exc}") from None


def parse(data: bytes, name: str) -> Element:
    """The XML's root, parsed safely; a DTD, an entity, malformed XML or a size past the cap is one line."""
    if len(data) > MAX_BYTES:
        raise FeedError(f"{name}: more than {MAX_BYTES:,} bytes: not read")
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError(f"{name}: refused: the XML declares {type(exc).__name__.removesuffix('Forbidden')}") from None
    except ParseError as exc:
        raise FeedError(f"{name}: not well-formed XML: {excerpt(str(exc), 120)}") from None


def feed_urls(root: Element, name: str) -> list[str]:
    """The feeds an OPML list names (``xmlUrl``), at most MAX_FEEDS."""
    urls = [o.get("xmlUrl", "").strip() for o in root.iter("outline") if o.get("xmlUrl", "").strip()]
    if not urls:
        raise FeedError(f"{name}: an OPML list with no feed (no outline with an xmlUrl)")
    return urls[:MAX_FEEDS]


def items(root: Element, name: str) -> list[Item]:
    """The entries of an RSS 2.0 or Atom feed, in the feed's order."""
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise FeedError(f"{name}: an RSS feed with no channel")
        outlet = _text(channel, "title") or _host(_text(channel, "link"))
        return [_rss_item(item, outlet) for item in channel.iter("item")]
    if root.tag == f"{ATOM}feed":
        outlet = _text(root, f"{ATOM}title") or _host(_atom_link(root))
        return [_atom_item(entry, outlet) for entry in root.iter(f"{ATOM}entry")]
    raise FeedError(f"{name}: not an RSS 2.0 or Atom feed, nor an OPML list (its root is <{excerpt(root.tag, 40)}>)")


def lines(source: str) -> Iterator[tuple[int, bytes | Problem]]:
    """Every item of the feed (or of every feed an OPML list names) as ``bulk.run``'s numbered lines:
    a JSON object of the article's fields, or the Problem that kept it out. Items are numbered
    from 1 across all feeds; a feed that cannot be read is one Problem, and the others go on. The
    source itself is read and parsed at once: if it cannot be, the error is raised here, one line."""
    root = parse(read_source(source), source)
    if root.tag == "opml":
        return _numbered([(url, None) for url in feed_urls(root, source)])
    return _numbered([(source, items(root, source))])


def _numbered(feeds: list[tuple[str, list[Item] | None]]) -> Iterator[tuple[int, bytes | Problem]]:
    """The items of each feed, numbered on across feeds; a feed of an OPML list (``None``) is
    fetched and read when its turn comes."""
    number = 0
    for name, entries in feeds:
        try:
            found = entries if entries is not None else items(parse(_fetched(name), name), name)
        except AtlasError as exc:
            number += 1
            yield number, Problem(name, number, "feed", str(exc).removeprefix(f"{name}: "))
            continue
        for item in found:
            number += 1
            yield number, _line(item, name, number)


def _fetched(url: str) -> bytes:
    """A feed an OPML list names: a web address only, fetched (online on); never a local file,
    which a list from anywhere could otherwise make this program read."""
    return fetch(url, FEED, max_age=FEED_MAX_AGE, instead="save the feed and import its file instead").body


def _line(item: Item, name: str, number: int) -> bytes | Problem:
    """One item as a JSON line of the article's fields, from the feed or from its fetched page."""
    values = {"text": "", "outlet": item.outlet, "author": item.author, "date": item.date, "url": item.link}
    values["language"] = ""  # the fetched page's declared one, else detected from the text on import
    values["title"] = item.title
    text = fragment_text(item.content) if item.content else ""
    if not text:
        if not item.link:
            return Problem(name, number, "link", "only a summary in the feed, and no link to the article: skipped")
        try:
            answer = fetch(item.link, HTML)
            page = page_fields(answer.body, item.link, answer.charset)
        except OnlineOff:
            return Problem(
                name,
                number,
                "link",
                "only a summary in the feed, and online is off (ATLAS_ONLINE=1 fetches its link): skipped",
            )
        except AtlasError as exc:
            return Problem(name, number, "link", f"skipped: {exc}")
        text = page.text
        for key, value in page.form_values().items():
            values[key] = values[key] or value
    values["text"] = text
    return json.dumps(values, ensure_ascii=False).encode("utf-8")


def _rss_item(item: Element, outlet: str) -> Item:
    return Item(
        title=_text(item, "title"),
        link=_text(item, "link"),
        date=_rss_date(_text(item, "pubDate") or _text(item, "{http://purl.org/dc/elements/1.1/}date")),
        author=_text(item, DC_CREATOR) or _text(item, "author"),
        outlet=outlet,
        content=_text(item, CONTENT),
    )


def _atom_item(entry: Element, outlet: str) -> Item:
    content = entry.find(f"{ATOM}content")
    markup = ""
    if content is not None and not content.get("src"):
        kind = content.get("type", "text")
        if kind == "xhtml":
            markup = "".join(_serialised(child) for child in content)
        else:
            markup = (content.text or "") if kind == "html" else _escaped(content.text or "")
    return Item(
        title=_text(entry, f"{ATOM}title"),
        link=_atom_link(entry),
        date=_iso_day(_text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated")),
        author=_text(entry, f"{ATOM}author/{ATOM}name"),
        outlet=outlet,
        content=markup,
    )


def _atom_link(element: Element) -> str:
    for link in element.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "").strip()
    return ""


def _text(element: Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _rss_date(value: str) -> str:
    """An RFC 822 date (RSS's) as YYYY-MM-DD, or as it was written: the form then says what is wrong."""
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return _iso_day(value)


def _iso_day(value: str) -> str:
    try:
        return dt.datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return value.strip()


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")


def _serialised(element: Element) -> str:
    """Atom's XHTML content as plain HTML: its tags without their namespace, which HTML has not."""
    element = copy.deepcopy(element)
    for node in element.iter():
        if isinstance(node.tag, str):
            node.tag = node.tag.rpartition("}")[2]
    return tostring(element, encoding="unicode")


def _escaped(text: str) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
