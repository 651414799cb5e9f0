"""The atlas — the seed in ATLAS_DATA plus the saved corpus — loaded once per change, and the
geoparser and resolver chain the Add article page uses, built once per server process."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from geo.atlas import Atlas
from geo.corpus import default_path, load_corpus_atlas
from geo.errors import DataError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """ATLAS_DATA if set (tests point it at fixtures), else the project's own data/."""
    configured = os.environ.get("ATLAS_DATA")
    return Path(configured) if configured else PROJECT_ROOT / "data"


def _stamp(root: Path) -> float:
    """The newest modification time of the data or the corpus: a change to either reloads the atlas."""
    times = [p.stat().st_mtime for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    corpus = default_path()
    times += [p.stat().st_mtime for p in corpus.parent.glob(f"{corpus.name}*")]
    return max(times, default=0.0)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, stamp: float) -> Atlas:
    atlas = load_corpus_atlas(path)
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


def forget_atlas() -> None:
    """Drop the loaded atlas so the next run reads the corpus again (after a save)."""
    _load.clear()


@st.cache_resource(show_spinner=False, max_entries=2)
def _geoparser(_atlas: Atlas, key: str):
    from geo.gazetteer import load_gazetteer
    from geo.geoparse import Geoparser

    return Geoparser(_atlas.places.values(), load_gazetteer())


def get_geoparser(atlas: Atlas):
    """A geoparser over the gazetteer and every place the atlas knows, built once per atlas."""
    return _geoparser(atlas, data_key())


def lookup(query: str):
    """A name through the resolver chain: curated, gazetteer, then Nominatim if ATLAS_ONLINE is set."""
    from geo.geocoders.chain import build_chain
    from geo.geocoders.gazetteer import GazetteerGeocoder

    return build_chain(get_atlas().places.values(), gazetteer=GazetteerGeocoder()).lookup(query, limit=8)
