"""What every page does first: configure, load the atlas, read the address, draw the filter."""

from __future__ import annotations

import streamlit as st

from geo.atlas import Atlas
from ui.data import get_atlas
from ui.filters import date_filter
from ui.state import View, current_view


def setup(title: str) -> tuple[Atlas, View]:
    """Page config, atlas and view for a page; the sidebar filter is drawn on the way."""
    st.set_page_config(page_title=f"{title} · Article Atlas", page_icon="🗺️", layout="wide")
    atlas = get_atlas()
    view = current_view(atlas)
    date_filter(atlas, view)
    return atlas, view
