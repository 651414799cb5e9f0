"""The article filter in the sidebar, the same on every page: the whole corpus, or chosen articles.

A corpus has thousands of articles, so the filter does not list them all: the reader searches
by outlet, date or title words and picks from the matches, newest first. What is chosen lives
in the address (``?article=…``, repeatable), so every page and every shared link agrees.
"""

from __future__ import annotations

import streamlit as st

from geo.model.fields import nfc
from geo.model.names import fold
from geo.store.store import Store
from ui.data import data_key
from ui.markup import md
from ui.state import ARTICLES_KEY

WIDGET_KEY = "atlas.articles_widget"
QUERY_KEY = "atlas.articles_query"
OFFERED = 50  # matches offered at once: enough to pick from, few enough to send on every run


def matches(atlas: Store, query: str, limit: int) -> list[str]:
    """The articles holding every word of the query (outlet, date, title, author; spelling and
    accents aside), newest first, at most ``limit``: answered by the store, not a list of all."""
    return atlas.newest_articles(fold(nfc(query)).split(), limit)


@st.cache_resource(show_spinner=False, max_entries=16)
def _narrowed(_atlas: Store, key: str, articles: tuple[str, ...]) -> Store:
    return _atlas.narrowed(articles=articles)


def corpus_line(atlas: Store) -> str:
    """The corpus in one line — "12 articles from 4 outlets, 2022-12-01–2023-02-28" — however large it grows."""
    summary = _summary(atlas, data_key())
    if summary is None:
        return "No articles yet."
    count, outlets, outlet, first, last = summary
    source = md(outlet) if outlets == 1 else f"{outlets:,} outlets"
    days = str(first) if first == last else f"{first}–{last}"
    return f"{count:,} article{'s' * (count != 1)} from {source}, {days}"


@st.cache_resource(show_spinner=False, max_entries=4)
def _summary(_atlas: Store, key: str):
    return _atlas.summary()


def offered(atlas: Store, also: list[str] = ()) -> list[str]:
    """The articles a list offers: those the sidebar's search matches (every one while no word is
    typed), newest first, at most ``OFFERED``; ``also`` (the chosen ones) always among them."""
    found = matches(atlas, st.session_state.get(QUERY_KEY, ""), OFFERED)
    return list(dict.fromkeys([*also, *found]))


def chosen_articles(atlas: Store, problems: list[str]) -> list[str]:
    """The articles chosen in the address or earlier this session; an unknown id is noted in ``problems``."""
    if "article" in st.query_params:
        wanted = st.query_params.get_all("article")
        unknown = [a for a in wanted if a not in atlas.articles]
        if unknown:
            listed = ", ".join(f"“{md(a)}”" for a in unknown)
            problems.append(f"The atlas has no article with the id {listed}; showing the others it knows.")
            wanted = [a for a in wanted if a in atlas.articles]
            st.query_params.pop("article", None)
            if wanted:
                st.query_params["article"] = wanted
        st.session_state[ARTICLES_KEY] = wanted
    return [a for a in st.session_state.get(ARTICLES_KEY, []) if a in atlas.articles]


def _changed() -> None:
    chosen = st.session_state[WIDGET_KEY]
    st.session_state[ARTICLES_KEY] = chosen
    st.query_params.pop("article", None)
    if chosen:
        st.query_params["article"] = chosen


def _label(atlas: Store, article_id: str) -> str:
    article = atlas.articles[article_id]
    return f"{article.date} · {article.outlet} · {article.title}"


def article_filter(atlas: Store, problems: list[str]) -> Store:
    """The atlas as the reader filters it; with one article there is nothing to choose."""
    chosen = chosen_articles(atlas, problems)
    if len(atlas.articles) > 1:
        with st.sidebar:
            st.subheader("Articles")
            st.caption(corpus_line(atlas))
            query = st.text_input(
                "Find articles by outlet, date or title words", key=QUERY_KEY, placeholder="e.g. Reuters 2022-12"
            )
            found = matches(atlas, query, OFFERED + 1)
            st.session_state[WIDGET_KEY] = chosen
            st.multiselect(
                "Show what these articles say (empty: all)",
                options=offered(atlas, chosen),
                format_func=lambda a: _label(atlas, a),
                key=WIDGET_KEY,
                on_change=_changed,
            )
            if len(found) > OFFERED:
                st.caption(f"The {OFFERED} newest matches offered; add words to narrow.")
            elif query.strip() and not found:
                st.caption(f"No article matches “{md(query)}”.")
    if not chosen or len(set(chosen)) == len(atlas.articles):
        return atlas
    st.query_params["article"] = chosen
    return _narrowed(atlas, data_key(), tuple(sorted(chosen)))
