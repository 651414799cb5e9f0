"""What every page does first: configure, load the atlas, read the address, draw the filter."""

from __future__ import annotations

import streamlit as st

from geo.atlas import Atlas
from ui.data import get_atlas
from ui.filters import date_filter
from ui.state import View, current_view

STYLE = """<style>
mark { background: #ffe58a; padding: 0 1px; }
a.mention { color: inherit; text-decoration: none; }
a.mention.curated mark { background: none; border-bottom: 2px dotted #c98a00; }
.paragraph-number { color: #888; font-size: 0.8em; margin-right: 0.4em; }
.passage-source { color: #666; font-size: 0.85em; }
blockquote.passage-text { margin: 0.2em 0 1em 0; }
</style>"""


def setup(title: str) -> tuple[Atlas, View]:
    """Page config, atlas and view for a page; the sidebar filter is drawn on the way."""
    st.set_page_config(page_title=f"{title} · Article Atlas", page_icon="🗺️", layout="wide")
    st.markdown(STYLE, unsafe_allow_html=True)
    atlas = get_atlas()
    view = current_view(atlas)
    date_filter(atlas, view)
    return atlas, view
