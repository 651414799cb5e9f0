"""What the reader is looking at — selected place and date range — kept in the address.

The address (``?place=…&from=…&to=…``, as CONTRACTS.md promises) is the source of truth, so
any view can be shared. Session state backs it up because Streamlit drops the query string
when the reader switches pages from the sidebar; every page writes the address back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlencode

import streamlit as st

from geo.model.dates import iso_day
from geo.store.store import Store
from geo.view.areas import AreaIndex
from ui.data import data_key
from ui.markup import md

PLACE_KEY = "atlas.place"
ARTICLES_KEY = "atlas.articles"
RANGE_KEY = "atlas.range"
#: The parameters the app reads; Streamlit's own (``embed``…) are let through without a word.
KNOWN = frozenset({"place", "from", "to", "article"})
STREAMLIT_OWN = frozenset({"embed", "embed_options"})
NAMES_SHOWN, NAME_SHOWN = 5, 40  # unknown parameters named in the warning, and characters of each


@dataclass(frozen=True)
class View:
    """The selection and date range in force for this run of a page."""

    place: str | None
    start: dt.date | None
    end: dt.date | None
    full: tuple[dt.date, dt.date] | None

    @property
    def narrowed(self) -> bool:
        """Whether the range is narrower than all the events' span."""
        return self.full is not None and (self.start, self.end) != self.full

    def visible(self, atlas: Store) -> list[str]:
        """The places drawn under the date-range rule, in the atlas's order (cached per corpus version,
        article filter and range, so every page and every click counts the same places without recounting)."""
        articles = tuple(sorted(st.session_state.get(ARTICLES_KEY) or ()))
        return list(_visible(atlas, data_key(), articles, self.start, self.end))

    def area_counts(self, atlas: Store, visible: tuple[str, ...], shown: str) -> dict[str, int]:
        """``geo.view.areas.AreaIndex.counts`` for the places shown, cached like ``visible`` (the
        index once per corpus version and article filter, the counts per range and ``shown``, which
        names whatever else chose ``visible``: the places' ids are never hashed on a click)."""
        articles = tuple(sorted(st.session_state.get(ARTICLES_KEY) or ()))
        return _area_counts(atlas, data_key(), articles, visible, self.start, self.end, shown)


@dataclass
class Parsed:
    """The address's parameters, checked: what survives, and a polite line per problem."""

    place: str | None = None
    range: tuple[dt.date, dt.date] | None = None
    problems: list[str] = field(default_factory=list)


@st.cache_resource(show_spinner=False, max_entries=32)
def _visible(_atlas: Store, key: str, articles: tuple[str, ...], start, end) -> tuple[str, ...]:
    return _atlas.visible_places(start, end)


@st.cache_resource(show_spinner=False, max_entries=8)
def _area_index(_atlas: Store, key: str, articles: tuple[str, ...]) -> AreaIndex:
    return AreaIndex(_atlas)


@st.cache_resource(show_spinner=False, max_entries=32)
def _area_counts(_atlas: Store, key: str, articles: tuple[str, ...], _visible: tuple[str, ...], start, end, shown: str):
    return _area_index(_atlas, key, articles).counts(_visible, start, end)


def parse(params: dict[str, str], atlas: Store, whole: Store | None = None) -> Parsed:
    """Check ``place``, ``from`` and ``to``; anything wrong is dropped and explained.

    ``atlas`` is what the article filter lets through, ``whole`` everything: a place of
    another article is known, only not shown, and the reader is told so.
    """
    result = Parsed()
    place = params.get("place")
    if place is not None:
        found = place_named(whole or atlas, place)
        if found in atlas.places:
            result.place = found
        elif found is not None:
            result.problems.append(
                f"{md((whole or atlas).places[found].name)} is not among the places of the articles chosen in the "
                "sidebar; showing their map instead."
            )
        else:
            result.problems.append(f"The atlas has no place with the id “{md(place)}”; showing the whole map instead.")
    if "from" not in params and "to" not in params:
        return result
    full = atlas.date_span()
    if full is None:
        result.problems.append("The atlas has no dated events, so the date range in the address is ignored.")
        return result
    days = {}
    for name in ("from", "to"):
        raw = params.get(name)
        if raw is None:
            continue
        try:
            days[name] = iso_day(raw)
        except ValueError:
            result.problems.append(
                f"“{name}={md(raw)}” is not a date written as YYYY-MM-DD; showing all dates instead."
            )
    if len(days) < len([n for n in ("from", "to") if n in params]):
        return result
    start, end = days.get("from", full[0]), days.get("to", full[1])
    if start > end:
        result.problems.append(f"The range starts ({start}) after it ends ({end}); showing all dates instead.")
        return result
    start, end = max(start, full[0]), min(end, full[1])
    if start > end:
        result.problems.append(
            f"No event falls between {days.get('from', full[0])} and {days.get('to', full[1])}; "
            f"the events run from {full[0]} to {full[1]}. Showing all dates instead."
        )
        return result
    result.range = (start, end)
    return result


def place_named(atlas: Store, wanted: str) -> str | None:
    """The place an address names: its id, or any of its names ("stepanakert" finds Khankendi).

    The store's folded names answer; a slug's hyphens stand for spaces.
    """
    if wanted in atlas.places:
        return wanted
    for name in dict.fromkeys((wanted, wanted.replace("-", " "))):
        owners = [p.id for p in atlas.find(name) if p.id in atlas.places]
        if owners:
            return owners[0]
    return None


def unknown_parameters(names: list[str]) -> list[str]:
    """A polite word on parameters the app does not read, so a mistyped link is not silently ignored."""
    unknown = [n for n in dict.fromkeys(names) if n not in KNOWN | STREAMLIT_OWN]
    if not unknown:
        return []
    listed = ", ".join(f"“{md(n[:NAME_SHOWN])}”" for n in unknown[:NAMES_SHOWN])
    more = f" and {len(unknown) - NAMES_SHOWN:,} more" if len(unknown) > NAMES_SHOWN else ""
    return [f"The atlas does not read {listed}{more} in an address (it reads place, from, to and article)."]


def warn_once(problems: list[str]) -> None:
    """Every problem with the address, in one line: a link that asks for much gets one answer."""
    if problems:
        st.warning(" ".join(problems), icon="⚠️")


def current_view(atlas: Store, whole: Store | None = None, problems: list[str] | None = None) -> View:
    """This run's view: from the address, else the session; bad parameters warn (together with
    ``problems`` found before, the article filter's) and drop."""
    params = {k: st.query_params[k] for k in ("place", "from", "to") if k in st.query_params}
    parsed = parse(params, atlas, whole)
    unknown = unknown_parameters(list(st.query_params))
    warn_once([*(problems or []), *parsed.problems, *unknown])
    drop_unknown()
    state = st.session_state
    if "place" in params:
        state[PLACE_KEY] = parsed.place
    if "from" in params or "to" in params:
        state[RANGE_KEY] = parsed.range
    place = state.get(PLACE_KEY)
    if place not in atlas.places:
        place = None
    full = atlas.date_span()
    start, end = state.get(RANGE_KEY) or full or (None, None)
    view = View(place, start, end, full)
    write_address(view)
    return view


def drop_unknown() -> None:
    """Take the parameters the app does not read out of the address in one step: deleting them one
    by one sent the browser a new address per parameter (a link with a thousand took 22 s to load)."""
    if any(name not in KNOWN | STREAMLIT_OWN for name in st.query_params):
        st.query_params.from_dict({name: st.query_params.get_all(name) for name in st.query_params if name in KNOWN})


def write_address(view: View) -> None:
    """Make the address show the view, touching only the parameters that changed."""
    wanted = {"place": view.place}
    if view.narrowed:
        wanted |= {"from": view.start.isoformat(), "to": view.end.isoformat()}
    else:
        wanted |= {"from": None, "to": None}
    for key, value in wanted.items():
        if value is None and key in st.query_params:
            del st.query_params[key]
        elif value is not None and st.query_params.get(key) != value:
            st.query_params[key] = value


def select_place(place_id: str | None) -> None:
    """Select a place (or none) and put it in the address."""
    st.session_state[PLACE_KEY] = place_id
    if place_id is None:
        st.query_params.pop("place", None)
    else:
        st.query_params["place"] = place_id


def set_range(start: dt.date, end: dt.date, full: tuple[dt.date, dt.date] | None) -> None:
    """Set the date range and put it in the address (left out when it is the full span)."""
    st.session_state[RANGE_KEY] = (start, end)
    if full is not None and (start, end) == full:
        st.query_params.pop("from", None)
        st.query_params.pop("to", None)
    else:
        st.query_params["from"] = start.isoformat()
        st.query_params["to"] = end.isoformat()


def map_params(view: View, place_id: str) -> dict[str, str | list[str]]:
    """The address parameters that open a place on the map, keeping the date range and article filter."""
    params: dict[str, str | list[str]] = {"place": place_id}
    if view.narrowed:
        params |= {"from": view.start.isoformat(), "to": view.end.isoformat()}
    articles = st.session_state.get(ARTICLES_KEY)
    if articles:
        params["article"] = list(articles)
    return params


def map_link(view: View, place_id: str) -> str:
    """A relative link that opens a place on the map page, keeping the date range and article filter."""
    return "./?" + urlencode(map_params(view, place_id), doseq=True)


def open_on_map(view: View, place_id: str) -> None:
    """Go to the map page with the place selected, the address saying so."""
    st.session_state[PLACE_KEY] = place_id
    st.switch_page("pages/0_Map.py", query_params=map_params(view, place_id))
