"""The article filter in the sidebar, the same on every page: the whole corpus, or chosen articles.

A corpus has thousands of articles, so the filter does not list them all: the reader searches
by outlet, date or title words and picks from the matches, newest first. What is chosen lives
in the address (``?article=…``, repeatable), so every page and every shared link agrees.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geo.atlas.atlas import Atlas
from geo.model.fields import nfc
from geo.model.names import fold
from ui.data import data_key
from ui.markup import md
from ui.state import ARTICLES_KEY

WIDGET_KEY = "atlas.articles_widget"
QUERY_KEY = "atlas.articles_query"
OFFERED = 50  # matches offered at once: enough to pick from, few enough to send on every run


@dataclass(frozen=True)
class ArticleIndex:
    """Every article's searchable words (title, outlet, author, date), newest first, built once per corpus."""

    ids: tuple[str, ...]
    words: tuple[str, ...]

    def search(self, query: str) -> list[str]:
        """The articles holding every word of the query, spelling and accents aside, newest first."""
        needles = fold(nfc(query)).split()
        return [a for a, words in zip(self.ids, self.words, strict=True) if all(n in words for n in needles)]


def index_of(atlas: Atlas) -> ArticleIndex:
    newest = sorted(atlas.articles.values(), key=lambda a: (a.date, a.id), reverse=True)
    return ArticleIndex(
        tuple(a.id for a in newest),
        tuple(fold(f"{a.title} {a.outlet} {a.author} {a.date.isoformat()}") for a in newest),
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def _index(_atlas: Atlas, key: str) -> ArticleIndex:
    return index_of(_atlas)


@st.cache_resource(show_spinner=False, max_entries=16)
def _narrowed(_atlas: Atlas, key: str, articles: tuple[str, ...]) -> Atlas:
    narrowed = _atlas.narrowed(articles=articles)
    _ = narrowed.mentions
    return narrowed


def corpus_line(atlas: Atlas) -> str:
    """The corpus in one line — "12 articles from 4 outlets, 2022-12-01–2023-02-28" — however large it grows."""
    articles = list(atlas.articles.values())
    if not articles:
        return "No articles yet."
    outlets = sorted({a.outlet for a in articles})
    first, last = min(a.date for a in articles), max(a.date for a in articles)
    count = f"{len(articles):,} article{'s' * (len(articles) != 1)}"
    source = md(outlets[0]) if len(outlets) == 1 else f"{len(outlets):,} outlets"
    days = str(first) if first == last else f"{first}–{last}"
    return f"{count} from {source}, {days}"


def offered(atlas: Atlas, also: list[str] = ()) -> list[str]:
    """The articles a list offers: those the sidebar's search matches (every one while no word is
    typed), newest first, at most ``OFFERED``; ``also`` (the chosen ones) always among them."""
    matches = _index(atlas, data_key()).search(st.session_state.get(QUERY_KEY, ""))
    return list(dict.fromkeys([*also, *matches[:OFFERED]]))


def chosen_articles(atlas: Atlas, problems: list[str]) -> list[str]:
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


def _label(atlas: Atlas, article_id: str) -> str:
    article = atlas.articles[article_id]
    return f"{article.date} · {article.outlet} · {article.title}"


def article_filter(atlas: Atlas, problems: list[str]) -> Atlas:
    """The atlas as the reader filters it; with one article there is nothing to choose."""
    chosen = chosen_articles(atlas, problems)
    if len(atlas.articles) > 1:
        with st.sidebar:
            st.subheader("Articles")
            st.caption(corpus_line(atlas))
            query = st.text_input(
                "Find articles by outlet, date or title words", key=QUERY_KEY, placeholder="e.g. Reuters 2022-12"
            )
            matches = _index(atlas, data_key()).search(query)
            st.session_state[WIDGET_KEY] = chosen
            st.multiselect(
                "Show what these articles say (empty: all)",
                options=offered(atlas, chosen),
                format_func=lambda a: _label(atlas, a),
                key=WIDGET_KEY,
                on_change=_changed,
            )
            if len(matches) > OFFERED:
                st.caption(f"{OFFERED} of {len(matches):,} matches offered, newest first; add words to narrow.")
            elif query.strip() and not matches:
                st.caption(f"No article matches “{md(query)}”.")
    if not chosen or set(chosen) == set(atlas.articles):
        return atlas
    st.query_params["article"] = chosen
    return _narrowed(atlas, data_key(), tuple(sorted(chosen)))
