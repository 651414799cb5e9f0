"""Shared fixtures: the real data folder, and a throw-away copy of it to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_ARTICLE = "azernews-2023-02-28-icrc-lachin-road"


@pytest.fixture(scope="session")
def atlas():
    from geo.atlas.atlas import load_atlas

    return load_atlas(DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ that a test may damage."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True, scope="session")
def _private_var(tmp_path_factory):
    """The session writes its state (corpus, caches) to a folder of its own, never to var/."""
    if "ATLAS_VAR" in os.environ:
        yield
        return
    patch = pytest.MonkeyPatch()
    patch.setenv("ATLAS_VAR", str(tmp_path_factory.mktemp("var")))
    yield
    patch.undo()


@pytest.fixture
def empty_corpus():
    """The session's corpus starts and ends empty (its gazetteer cache stays), and the app's
    cached atlas is dropped with it, so a page test reads the corpus the test wrote."""
    from geo.atlas.corpus import default_path
    from ui import data

    def clear():
        for stale in corpus.parent.glob(f"{corpus.name}*"):
            stale.unlink()
        data._store.clear()

    corpus = default_path()
    clear()
    yield corpus
    clear()
