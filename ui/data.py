"""The atlas — the seed in ATLAS_DATA plus the saved corpus — loaded once per change, and the
geoparser and resolver chain the Add article page uses, built once per server process."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from geo.atlas.atlas import Atlas, load_atlas
from geo.atlas.corpus import default_path, load_corpus_atlas
from geo.model.errors import DataError

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    """ATLAS_DATA if set (tests point it at fixtures), else the project's own data/."""
    configured = os.environ.get("ATLAS_DATA")
    return Path(configured) if configured else PROJECT_ROOT / "data"


def _data_stamp(root: Path) -> float:
    """The newest modification time under the data folder: an edit to the data reloads it."""
    times = [p.stat().st_mtime for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    return max(times, default=0.0)


def _stamp(root: Path) -> float:
    """The newest modification time of the data or the corpus: a change to either reloads the atlas."""
    corpus = default_path()
    saved = [p.stat().st_mtime for p in corpus.parent.glob(f"{corpus.name}*")] if corpus.parent.is_dir() else []
    return max([_data_stamp(root), *saved])


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, stamp: float) -> Atlas:
    # The seed comes from its own cache: a save changes the corpus, not the data files.
    atlas = load_corpus_atlas(path, seed=_curated(path, _data_stamp(Path(path))))
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
        st.error("The atlas has problems; each line names the file at fault:")
        st.code("\n".join(str(p) for p in exc.problems))
        st.stop()


def is_saved(article_id: str) -> bool:
    """Whether an article was saved to the corpus, not shipped in the data folder's files."""
    return article_id not in _curated(str(data_dir()), _data_stamp(data_dir())).articles


def forget_atlas() -> None:
    """Drop the loaded atlas so the next run reads the corpus again (after a save)."""
    _load.clear()


@st.cache_resource(show_spinner=False, max_entries=2)
def _curated(path: str, stamp: float) -> Atlas:
    return load_atlas(path)


@st.cache_resource(show_spinner=False, max_entries=2)
def _geoparser(path: str, stamp: float):
    from geo.parsing.gazetteer import load_gazetteer
    from geo.parsing.geoparse import Geoparser

    return Geoparser(_curated(path, stamp).places.values(), load_gazetteer())


def get_geoparser():
    """A geoparser over the gazetteer and the curated places, built once per change of the data.

    Saved places are left out on purpose: they compete like any gazetteer entry, so one
    article's Springfield does not decide the next one's.
    """
    return _geoparser(str(data_dir()), _data_stamp(data_dir()))


@st.cache_resource(show_spinner=False, max_entries=2)
def _chain(path: str, stamp: float, online: bool, url: str, var: str):
    from geo.parsing.geocoders.chain import build_chain
    from geo.parsing.geocoders.gazetteer import GazetteerGeocoder

    return build_chain(_curated(path, stamp).places.values(), gazetteer=GazetteerGeocoder(), online=online)


def lookup(query: str):
    """A name through the resolver chain: curated, gazetteer, then Nominatim if ATLAS_ONLINE is set.

    One chain serves every session of the process (rebuilt only when the data or the settings
    change), so look-ups share one gazetteer and one rate limiter — whose turns are kept in the
    geocoder cache, shared with every other process too.
    """
    from geo.model.settings import nominatim_url, online_enabled, var_dir

    path = str(data_dir())
    return _chain(path, _data_stamp(Path(path)), online_enabled(), nominatim_url(), str(var_dir())).lookup(
        query, limit=8
    )
