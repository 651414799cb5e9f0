"""The atlas, loaded once per server process from the folder ATLAS_DATA names."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from geo.atlas import Atlas, load_atlas
from geo.errors import DataError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """ATLAS_DATA if set (tests point it at fixtures), else the project's own data/."""
    configured = os.environ.get("ATLAS_DATA")
    return Path(configured) if configured else PROJECT_ROOT / "data"


def _stamp(root: Path) -> float:
    """The newest modification time under the folder: an edit to the data reloads the atlas."""
    times = [p.stat().st_mtime for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    return max(times, default=0.0)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, stamp: float) -> Atlas:
    atlas = load_atlas(path)
    # Compute the mentions now, once, rather than on the first click.
    _ = atlas.mentions
    return atlas


def data_key() -> str:
    """Which data the atlas was loaded from, and when it last changed: a key for caches."""
    return f"{data_dir()}@{_stamp(data_dir())}"


def get_atlas() -> Atlas:
    """The validated atlas; bad data stops the page with every problem listed, no traceback."""
    try:
        return _load(str(data_dir()), _stamp(data_dir()))
    except DataError as exc:
        st.error(f"The atlas data in {data_dir()} has problems:")
        st.code("\n".join(str(p) for p in exc.problems))
        st.stop()
