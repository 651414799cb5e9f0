"""What every page does first: configure, load the atlas, read the address, draw the filter."""

from __future__ import annotations

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


def _leave_pages_folder_mode() -> None:
    """Run the page again through ``app.py`` if Streamlit ran it in its old ``pages/`` mode.

    Until some session has run ``app.py``'s ``st.navigation``, Streamlit takes ``pages/`` for
    an old-style app and runs the page asked for directly, under a sidebar of its own ("app"
    and the file names). The first reader to arrive through a link to a page, not the map,
    would keep that sidebar. Clearing the flag Streamlit keeps for that (``st.navigation``
    clears it too) and rerunning lets ``app.py`` name the pages and pick the same one.
    """
    # Public API missing: Streamlit has no public way to leave its pages-folder mode, nor to
    # say that ``pages/`` holds ``st.navigation``'s pages rather than an old-style app; its
    # internal flag is all there is. ``st.navigation`` clears it, but nothing public tells a page
    # which mode ran it, and a page run on its own (as AppTest runs each) must not navigate.
    # Renaming the folder would avoid the mode, but the design fixes ``pages/``.
    # (tests/test_public_api.py allows this import and no other.)
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
