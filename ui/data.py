"""The store — the seed in ATLAS_DATA and the saved corpus, read by query — and the geoparser and
resolver chain the Add article page uses, built once per server process.

The corpus is the one every reader and writer uses (``default_target``: the SQLite file under
ATLAS_VAR, or the server ATLAS_DATABASE_URL names), so the pages read what the Add article and
Review pages write. It is known by its version (``Corpus.version``: it changes with every committed write,
from this process or any other), not by file times. A new version is a new ``Store``, which reads
nothing until a page asks; the server holds no copy of the corpus.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import streamlit as st

from geo.atlas.atlas import Atlas, load_atlas
from geo.atlas.corpus import damaged, default_target, saved_corpus
from geo.model.errors import DataError, Problem, ServerError
from geo.store.store import Store, data_stamp, seed_key

PROJECT_ROOT = Path(__file__).resolve().parents[1]
KEY_STATE = "atlas.data_key"  # the key of the atlas this run uses, so every cache of the run agrees on it


def data_dir() -> Path:
    """ATLAS_DATA if set (tests point it at fixtures), else the project's own data/."""
    configured = os.environ.get("ATLAS_DATA")
    return Path(configured) if configured else PROJECT_ROOT / "data"


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(path: str, stamp: float, corpus: str, version: str) -> Store:
    """One store per data version and corpus version (``corpus``: a file or a server URL): it
    reads nothing until asked, and its caches of records (a fixed number) go with it when the
    corpus changes."""
    return Store(corpus, _curated(path, stamp), seed_key(Path(path)))


def _current(path: str) -> tuple[Store, str]:
    """The store as the data and the corpus are now, and its key."""
    stamp = data_stamp(Path(path))
    target = default_target()
    corpus = saved_corpus()
    version = corpus.version() if corpus else "none"
    return _store(path, stamp, str(target), version), f"{path}@{stamp}@{version}"


def data_key() -> str:
    """Which data and corpus version this run's atlas was loaded from: a key for caches."""
    key = st.session_state.get(KEY_STATE)
    return key if key is not None else _current(str(data_dir()))[1]


def atlas_key(atlas: Store) -> str:
    """Which data and article filter a store shows: the key its derived views are cached by."""
    return f"{data_key()}|{atlas.chosen}"


def get_atlas() -> Store:
    """The store over the validated seed and the corpus; bad data stops the page with every problem
    listed, no traceback."""
    try:
        try:
            atlas, st.session_state[KEY_STATE] = _current(str(data_dir()))
        except sqlite3.DatabaseError as exc:  # damage in the corpus found only as it is read
            raise damaged(exc) from None
        except ServerError as exc:  # the server's one line (never its password), as the CLI prints it
            raise DataError([Problem("ATLAS_DATABASE_URL", 0, "-", str(exc))]) from None
        return atlas
    except DataError as exc:
        show_problems(exc)
        st.stop()


def show_problems(exc: DataError) -> None:
    """Every problem of bad data or a damaged corpus, one line each naming its file; no traceback."""
    st.error("The atlas has problems; each line names the file at fault:")
    st.code("\n".join(str(p) for p in exc.problems))


def is_saved(article_id: str) -> bool:
    """Whether an article was saved to the corpus, not shipped in the data folder's files."""
    return article_id not in _curated(str(data_dir()), data_stamp(data_dir())).articles


def forget_atlas() -> None:
    """Drop the stores, so the next run reads the corpus as it is now."""
    _store.clear()


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
    return _geoparser(str(data_dir()), data_stamp(data_dir()))


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
    return _chain(path, data_stamp(Path(path)), online_enabled(), nominatim_url(), str(var_dir())).lookup(
        query, limit=8
    )
