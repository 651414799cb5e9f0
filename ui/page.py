"""What every page does first: configure, load the atlas, read the address, draw the filter."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.store.store import Store
from ui.articles import article_filter, corpus_line
from ui.data import get_atlas
from ui.filters import date_filter
from ui.state import View, current_view

STYLE = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 2.8rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2rem; padding-top: 0; }
mark { background: #ffe58a; padding: 0 1px; }
a.mention { color: inherit; text-decoration: none; }
a.mention.curated mark { background: none; border-bottom: 2px dotted #c98a00; }
.paragraph-number { color: #888; font-size: 0.8em; margin-right: 0.4em; }
.passage-source { color: #666; font-size: 0.85em; }
blockquote.passage-text { margin: 0.2em 0 1em 0; opacity: 1; }  /* Streamlit greys quotes */
</style>"""


def setup(title: str, *, date_filter_now: bool = True, playback: bool = False) -> tuple[Store, View]:
    """Page config, atlas and view for a page; the sidebar filter is drawn on the way.

    The map page draws the filter last instead (``date_filter_now=False``): Streamlit loads
    a widget's code when the widget first arrives, and the slider's would hold up the map.
    ``playback`` offers time playback under the date filter.
    """
    _leave_pages_folder_mode()
    st.set_page_config(page_title=f"{title} · Article Atlas", page_icon="🗺️", layout="wide")
    st.markdown(STYLE, unsafe_allow_html=True)
    whole = get_atlas()
    problems: list[str] = []
    atlas = article_filter(whole, problems)
    view = current_view(atlas, whole, problems)
    if date_filter_now:
        date_filter(atlas, view, playback_too=playback)
    return atlas, view


def header(atlas: Store) -> None:
    """What the page shows, in one line however large the corpus: "N articles from M outlets, DATE–DATE"."""
    st.caption(f"Every place named in {corpus_line(atlas)}.")


#: The app's pages in the order the navigation lists them, the map first (``pages/``'s files).
PAGES = (
    ("0_Map.py", "Map"),
    ("1_Timeline.py", "Timeline"),
    ("2_Places.py", "Places"),
    ("3_Article.py", "Article"),
    ("4_Add_article.py", "Add article"),
    ("6_Review.py", "Review"),
    ("5_About.py", "About"),
)
PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"
NAMED_KEY = "atlas.pages_named"  # the session's pages were named by st.navigation


def navigation() -> st.Page:
    """``app.py``'s navigation: the pages named, the one the address asks for to run. By absolute
    path, so that a page run as its own main script (as AppTest runs each) can name them too."""
    st.session_state[NAMED_KEY] = True
    return st.navigation(
        [st.Page(PAGES_DIR / file, title=title, default=not n) for n, (file, title) in enumerate(PAGES)]
    )


def _leave_pages_folder_mode() -> None:
    """Run the page again through ``app.py`` if the session has not been through it.

    Until some session has run ``app.py``'s ``st.navigation``, Streamlit takes ``pages/`` for an
    old-style app and runs the page asked for directly, under a sidebar of its own ("app" and the
    file names). The first reader to arrive through a link to a page, not the map, would keep that
    sidebar. ``st.navigation`` ends that mode for the server; called here, before anything is
    drawn, and followed by a rerun, it lets ``app.py`` name the pages and pick the same one. A
    session that came through ``app.py`` has them named already; a page run on its own (AppTest)
    names them once and runs again as itself.
    """
    if not st.session_state.get(NAMED_KEY):
        navigation()
        st.rerun()
