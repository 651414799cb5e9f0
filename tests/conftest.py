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


@pytest.fixture(scope="session")
def postgres_server():
    """The tests' own PostgreSQL server with PostGIS (``tests/postgres.py``), started once a session
    and stopped at its end. Where PostgreSQL or PostGIS is not installed the tests that need it are
    skipped, but on CI, which installs both (.ci/run), that is a failure."""
    from tests.postgres import Server, binaries

    found = binaries()
    if found is None:
        reason = "PostgreSQL with PostGIS is not installed (apt-get install postgresql postgresql-15-postgis-3)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = Server(found)
    try:
        server.start()
        yield server
    finally:
        server.stop()


#: The corpus's two backends: every test taking ``database`` or ``corpus_target`` runs on each.
BACKENDS = ("sqlite", "postgres")


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def module_database(request, tmp_path_factory, name: str):
    """An empty corpus database for a module whose fixture is parametrised by ``BACKENDS``: a file,
    or a database on the tests' PostgreSQL server (its URL), dropped after the module."""
    if request.param == "sqlite":
        return tmp_path_factory.mktemp(name) / "corpus.sqlite"
    server = request.getfixturevalue("postgres_server")
    url = server.database()
    request.addfinalizer(lambda: server.drop(url))
    return url


@pytest.fixture
def database(backend, request, tmp_path):
    """An empty corpus database of the test's own: a file in ``tmp_path``, or a database on the
    tests' PostgreSQL server (its URL), dropped afterwards."""
    if backend == "sqlite":
        yield tmp_path / "corpus.sqlite"
        return
    server = request.getfixturevalue("postgres_server")
    url = server.database()
    yield url
    server.drop(url)


@pytest.fixture
def corpus_target(backend, request, monkeypatch):
    """Where ``Corpus()`` and the command line read and write, empty: the session's file under
    ATLAS_VAR (``empty_corpus``), or a database on the tests' server named by ATLAS_DATABASE_URL,
    as a team's would be."""
    if backend == "sqlite":
        monkeypatch.delenv("ATLAS_DATABASE_URL", raising=False)
        yield request.getfixturevalue("empty_corpus")
        return
    url = request.getfixturevalue("database")
    monkeypatch.setenv("ATLAS_DATABASE_URL", url)
    yield url
