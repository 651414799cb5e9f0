"""Shared fixtures: the real data folder, a throw-away copy of it to break, and the session's corpus.

The session's corpus is on one backend, ``ATLAS_TEST_BACKEND``: ``sqlite`` (the default), the file
under ATLAS_VAR, or ``postgres``, a database on the tests' own PostgreSQL server (``tests/postgres.py``)
that ATLAS_DATABASE_URL names for the whole session, so the CLI's and Streamlit's processes a test
starts write there too. ``make test`` runs the whole suite on SQLite, then again on PostgreSQL the
tests marked ``store``: those that read or write a corpus. The marker is given here, by the fixtures
a test takes (``STORE_FIXTURES``) or by hand; on SQLite an unmarked test finds ATLAS_DATABASE_URL
naming a server that is not there (``UNMARKED``), so one that reaches a corpus fails rather than
escape the PostgreSQL leg, and on PostgreSQL a test that wrote the SQLite file fails.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_ARTICLE = "azernews-2023-02-28-icrc-lachin-road"

#: The session's backend, and the two there are.
BACKEND = os.environ.get("ATLAS_TEST_BACKEND", "sqlite").strip() or "sqlite"
BACKENDS = ("sqlite", "postgres")
if BACKEND not in BACKENDS:
    raise pytest.UsageError(f"ATLAS_TEST_BACKEND={BACKEND!r}: one of {', '.join(BACKENDS)}")
#: A test taking one of these (itself or through another fixture) reads or writes a corpus.
STORE_FIXTURES = frozenset({"backend", "empty_corpus", "app_server", "own_corpus"})
#: ATLAS_DATABASE_URL for an unmarked test on SQLite: nothing listens on port 1, and the name says why.
UNMARKED = "postgresql://unmarked@127.0.0.1:1/this_test_reaches_the_corpus_mark_it_store?connect_timeout=2"


def pytest_configure(config):
    config.addinivalue_line("markers", "store: reads or writes a corpus, so runs on PostgreSQL too")
    config.addinivalue_line("markers", "sqlite(why): a store test of SQLite's own file or engine, skipped on PG")


def pytest_collection_modifyitems(config, items):
    """Mark the tests that touch a corpus ``store``; on PostgreSQL keep only them, and on SQLite leave
    out the tests of the server alone (``postgres_server`` without ``backend``): they run on PostgreSQL."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        browser = "tests/browser/" in str(item.fspath).replace(os.sep, "/")
        sqlite = item.get_closest_marker("sqlite")
        if browser or sqlite or names & STORE_FIXTURES or "postgres_server" in names:
            item.add_marker(pytest.mark.store)
        if sqlite and BACKEND == "postgres":
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {sqlite.args[0]}"))
    if BACKEND == "postgres":
        kept = [item for item in items if item.get_closest_marker("store")]
    else:
        kept = [item for item in items if not _server_only(item)]
    if len(kept) < len(items):
        chosen = {id(item) for item in kept}
        config.hook.pytest_deselected(items=[item for item in items if id(item) not in chosen])
        items[:] = kept


def _server_only(item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return "postgres_server" in names and "backend" not in names


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
    """The session writes its state (corpus, caches) to a folder of its own, never to var/, and
    never to a server the environment names: the corpus is the session backend's."""
    patch = pytest.MonkeyPatch()
    if "ATLAS_VAR" not in os.environ:
        patch.setenv("ATLAS_VAR", str(tmp_path_factory.mktemp("var")))
    patch.delenv("ATLAS_DATABASE_URL", raising=False)
    yield
    patch.undo()


@pytest.fixture(autouse=True, scope="session")
def _session_corpus(_private_var, request):
    """On PostgreSQL, the session's corpus: one database on the tests' server, named by
    ATLAS_DATABASE_URL from the first test to the last (the app's server processes included)."""
    if BACKEND != "postgres":
        yield None
        return
    server = request.getfixturevalue("postgres_server")
    url = server.database()
    patch = pytest.MonkeyPatch()
    patch.setenv("ATLAS_DATABASE_URL", url)
    yield url
    patch.undo()


@pytest.fixture(autouse=True)
def _store_guard(request, _session_corpus):
    """A test marked ``store`` starts with the session's corpus empty (``empty_corpus``, which on
    PostgreSQL fails one that wrote the SQLite file instead). On SQLite an unmarked test finds
    ATLAS_DATABASE_URL naming no server (``UNMARKED``), so one that reaches a corpus fails."""
    if request.node.get_closest_marker("store"):
        request.getfixturevalue("empty_corpus")
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ATLAS_DATABASE_URL", UNMARKED)
        yield


def no_sqlite_corpus(path: Path) -> None:
    """On PostgreSQL, fail a test that left an SQLite corpus at ``path``: it wrote the file, not the
    server, so it tested SQLite twice (skip it on PostgreSQL, saying why, if it must)."""
    if BACKEND == "postgres" and path.exists():
        path.unlink()
        pytest.fail(f"{path}: written on the PostgreSQL leg, so this test wrote SQLite, not the server")


@pytest.fixture
def empty_corpus(_session_corpus):
    """The session's corpus starts and ends empty (its gazetteer cache stays), and the app's
    cached atlas is dropped with it, so a page test reads the corpus the test wrote. On PostgreSQL
    the session's database is emptied (``tests.postgres.empty``) and its URL given."""
    from geo.atlas.corpus import default_path
    from tests.postgres import empty
    from ui import data

    def clear():
        no_sqlite_corpus(corpus)
        if _session_corpus:
            empty(_session_corpus)
        for stale in corpus.parent.glob(f"{corpus.name}*"):
            stale.unlink()
        data._store.clear()

    corpus = default_path()
    clear()
    yield _session_corpus or corpus
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


def corpus_of(var: Path) -> Path | str:
    """The corpus that a process started with ATLAS_VAR=``var`` writes: its file, or on PostgreSQL
    the session's database (the process inherits ATLAS_DATABASE_URL)."""
    return os.environ.get("ATLAS_DATABASE_URL") or Path(var) / "corpus.sqlite"


def corpus_rows(target: Path | str, sql: str, params: tuple = ()) -> list[tuple]:
    """The rows of one query on the corpus at ``target`` (a file or a server), as a test reads what
    a save left there; a corpus not created yet reads as an empty one."""
    from contextlib import closing

    from geo.atlas.corpus import open_corpus

    with closing(open_corpus(target, read_only=True)) as db:
        return [tuple(row) for row in db.execute(sql, params)]


class Home(NamedTuple):
    """A corpus of a test's own, beside the session's: where to write it, and the environment
    (ATLAS_VAR, and on PostgreSQL ATLAS_DATABASE_URL) that a process reading it is started with."""

    target: Path | str
    env: dict[str, str]

    def enter(self, patch: pytest.MonkeyPatch) -> None:
        """Point this process (and those it starts) at this corpus, until ``patch`` is undone."""
        for name, value in self.env.items():
            patch.setenv(name, value)


@pytest.fixture(scope="session")
def own_corpus(request):
    """``own_corpus(var)``: an empty corpus for a server or page a test points at a state folder of
    its own, ``var/corpus.sqlite``, or on PostgreSQL a new database on the tests' server (dropped
    with the server at the session's end)."""

    def home(var: Path) -> Home:
        Path(var).mkdir(parents=True, exist_ok=True)
        if BACKEND == "postgres":
            url = request.getfixturevalue("postgres_server").database()
            return Home(url, {"ATLAS_VAR": str(var), "ATLAS_DATABASE_URL": url})
        return Home(Path(var) / "corpus.sqlite", {"ATLAS_VAR": str(var)})

    return home


@pytest.fixture(scope="session")
def backend() -> str:
    """The session's backend (``ATLAS_TEST_BACKEND``): a test taking it, or ``database`` or
    ``corpus_target``, runs once on each leg of ``make test``."""
    return BACKEND


def module_database(request, tmp_path_factory, name: str):
    """An empty corpus database for a module's fixture (which takes ``backend``): a file, or on the
    PostgreSQL leg a database on the tests' server (its URL), dropped after the module."""
    if BACKEND == "sqlite":
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
def corpus_target(backend, empty_corpus):
    """Where ``Corpus()`` and the command line read and write, empty: the session's corpus, the file
    under ATLAS_VAR or the database on the tests' server that ATLAS_DATABASE_URL names, as a
    team's would be."""
    return empty_corpus
