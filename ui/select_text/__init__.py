"""A tiny local component: the article's text, where the reviewer selects the words of a missed place.

Its page (``index.html``) is plain HTML and JavaScript that Streamlit serves from this folder:
no npm build and no CDN, so it works offline like the rest of the app.
"""

from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

_component = components.declare_component("atlas_select_text", path=str(Path(__file__).parent))


def select_text(text: str, marks: list[tuple[int, int]], *, key: str) -> dict | None:
    """The text with ``marks`` highlighted; returns ``{"text", "start", "end"}`` of the last selection sent, or None."""
    return _component(text=text, marks=[list(m) for m in marks], key=key, default=None)
