"""The atlas — the seed in ATLAS_DATA plus the saved corpus — loaded once per change, and the
geoparser and resolver chain the Add article page uses, built once per server process.

The corpus is known by its version (``Corpus.version``: it changes with every committed write,
from this process or any other), not by file times. When it changes, only the articles saved
since are read and added (``Corpus.read_since``); a removal reads everything again.
"""

from __future__ import annotations

import gc
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from geo.atlas.atlas import Atlas, load_atlas
from geo.atlas.corpus import Corpus, Mark, damaged, default_path
from geo.model.errors import DataError

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KEY_STATE = "atlas.data_key"  # the key of the atlas this run uses, so every cache of the run agrees on it


def data_dir() -> Path:
    """ATLAS_DATA if set (tests point it at fixtures), else the project's own data/."""
    configured = os.environ.get("ATLAS_DATA")
    return Path(configured) if configured else PROJECT_ROOT / "data"


def _data_stamp(root: Path) -> float:
    """The newest modification time under the data folder: an edit to the data reloads it."""
    times = [p.stat().st_mtime for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    return max(times, default=0.0)


@dataclass
class _Loaded:
    """The atlas last loaded for one data folder and corpus file, and how far it has read the corpus."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    atlas: Atlas | None = None
    version: str = ""
    mark: Mark = field(default_factory=Mark)


@st.cache_resource(show_spinner=False, max_entries=4)
def _loaded(path: str, stamp: float, corpus: str) -> _Loaded:
    return _Loaded()


def _current(path: str) -> tuple[Atlas, str]:
    """The atlas as the data and the corpus are now, and its key; only new articles are read."""
    stamp = _data_stamp(Path(path))
    # The seed comes from its own cache: a save changes the corpus, not the data files.
    seed = _curated(path, stamp)
    corpus_path = default_path()
    if not corpus_path.exists():
        return seed, f"{path}@{stamp}@none"
    corpus = Corpus(corpus_path, read_only=True)
    loaded = _loaded(path, stamp, str(corpus_path))
    with loaded.lock:
        version = corpus.version()
        if loaded.atlas is None or version != loaded.version:
            same_file = loaded.atlas is not None and version.split(":")[0] == loaded.version.split(":")[0]
            atlas, mark = corpus.read_since(loaded.atlas, seed, loaded.mark) if same_file else (None, Mark())
            if atlas is None:
                atlas, mark = corpus.read_since(seed, seed, Mark())
            _ = atlas.mentions  # indexed now, once, rather than on the first click
            loaded.atlas, loaded.version, loaded.mark = atlas, version, mark
            # The atlas's objects (hundreds of thousands at a corpus of thousands) live until the
            # next version, freed by reference counting then; left to the cycle collector, each of
            # its full passes walked them all and paused whichever click it fell in (0.4 s at
            # 10,000 articles). Frozen, they are never walked. But a frozen object that becomes
            # cyclic garbage is never freed either: the last version's atlas, and whatever the
            # page caches held then and have evicted since, grew the server 3.3 MB a reload. So
            # the last freeze is undone and collected first: one full pass a version (0.1-0.3 s
            # with the gazetteer), none on a click, and memory that levels off.
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        return loaded.atlas, f"{path}@{stamp}@{loaded.version}"


def data_key() -> str:
    """Which data and corpus version this run's atlas was loaded from: a key for caches."""
    key = st.session_state.get(KEY_STATE)
    return key if key is not None else _current(str(data_dir()))[1]


def atlas_key(atlas: Atlas) -> str:
    """Which data and article filter an atlas shows: the key its derived views are cached by."""
    return f"{data_key()}|{hash(tuple(atlas.articles))}"


def get_atlas() -> Atlas:
    """The validated atlas; bad data stops the page with every problem listed, no traceback."""
    try:
        try:
            atlas, st.session_state[KEY_STATE] = _current(str(data_dir()))
        except sqlite3.DatabaseError as exc:  # damage in the corpus found only as it is read
            raise damaged(exc) from None
        return atlas
    except DataError as exc:
        st.error("The atlas has problems; each line names the file at fault:")
        st.code("\n".join(str(p) for p in exc.problems))
        st.stop()


def is_saved(article_id: str) -> bool:
    """Whether an article was saved to the corpus, not shipped in the data folder's files."""
    return article_id not in _curated(str(data_dir()), _data_stamp(data_dir())).articles


def forget_atlas() -> None:
    """Drop the loaded atlas so the next run reads the whole corpus again (after a removal, at once)."""
    _loaded.clear()


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
    from geo.parsing.geocoders.chain import resolver_chain

    return resolver_chain(_curated(path, stamp).places.values(), online=online)


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
