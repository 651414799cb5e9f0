"""The article filter in the sidebar, the same on every page: the whole corpus, or chosen articles."""

from __future__ import annotations

import streamlit as st

from geo.atlas.atlas import Atlas
from ui.data import data_key
from ui.markup import md
from ui.state import ARTICLES_KEY

WIDGET_KEY = "atlas.articles_widget"


@st.cache_resource(show_spinner=False, max_entries=16)
def _narrowed(_atlas: Atlas, key: str, articles: tuple[str, ...]) -> Atlas:
    narrowed = _atlas.narrowed(articles=articles)
    _ = narrowed.mentions
    return narrowed


def chosen_articles(atlas: Atlas) -> list[str]:
    """The articles chosen in the address (``?article=…``, repeatable) or earlier this session."""
    if "article" in st.query_params:
        wanted = st.query_params.get_all("article")
        unknown = [a for a in wanted if a not in atlas.articles]
        if unknown:
            st.warning(f"The atlas has no article with the id “{md(unknown[0])}”; showing every article.", icon="⚠️")
            st.query_params.pop("article", None)
            wanted = []
        st.session_state[ARTICLES_KEY] = wanted
    return [a for a in st.session_state.get(ARTICLES_KEY, []) if a in atlas.articles]


def _changed() -> None:
    chosen = st.session_state[WIDGET_KEY]
    st.session_state[ARTICLES_KEY] = chosen
    st.query_params.pop("article", None)
    if chosen:
        st.query_params["article"] = chosen


def article_filter(atlas: Atlas) -> Atlas:
    """The atlas as the reader filters it; with one article there is nothing to choose."""
    chosen = chosen_articles(atlas)
    if len(atlas.articles) > 1:
        with st.sidebar:
            st.subheader("Articles")
            st.session_state[WIDGET_KEY] = chosen
            st.multiselect(
                "Show what these articles say (empty: all)",
                options=list(atlas.articles),
                format_func=lambda a: f"{atlas.articles[a].title} — {atlas.articles[a].source_line}",
                key=WIDGET_KEY,
                on_change=_changed,
            )
    if not chosen or set(chosen) == set(atlas.articles):
        return atlas
    st.query_params["article"] = chosen
    return _narrowed(atlas, data_key(), tuple(sorted(chosen)))
