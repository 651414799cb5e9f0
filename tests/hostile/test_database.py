"""A shared corpus's server at fault: a URL that is none, nothing listening, a wrong password, a
server that never answers, one that stops, a connection cut mid-read. Each is one line naming the
server, never its password, within a deadline: the command line runs in a process of its own, as
a user runs it, and a hang would fail the test at the process's own timeout."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from geo.atlas.corpus import Corpus
from geo.model.errors import DatabaseUnavailable
from geo.model.models import Article
from tests.hostile.conftest import geo, one_clear_line
from tests.postgres import Server, binaries

SECRET = "s3cret-pass"


def failing(url: str, var) -> str:
    """``geo articles`` against ``url``: exit 2 and its one line, which never shows the password."""
    result = geo("articles", var=var, timeout=90, ATLAS_DATABASE_URL=url)
    line = one_clear_line(result)
    assert result.returncode == 2 and SECRET not in result.stderr + result.stdout, result.stderr
    return line


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("url", [f"mysql://atlas:{SECRET}@127.0.0.1/atlas", "corpus.sqlite", "postgresql//x"])
def test_a_url_that_is_not_postgresql_is_one_line(url, tmp_path):
    assert "is not a postgresql:// URL" in failing(url, tmp_path)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (f"postgresql://atlas:{SECRET}@127.0.0.1:5432/atlas?sslmode=sometimes", "sslmode"),
        (f"postgresql://atlas:{SECRET}@127.0.0.1:port/atlas", "port"),
        (f"postgresql://atlas:{SECRET}@[::1/atlas", "IPv6"),
    ],
)
def test_a_url_the_client_cannot_read_is_one_line(url, says, tmp_path):
    line = failing(url, tmp_path)
    assert "cannot connect" in line and says in line


def test_nothing_listening_is_one_line(tmp_path):
    line = failing(f"postgresql://atlas:{SECRET}@127.0.0.1:{_port()}/atlas", tmp_path)
    assert line.startswith("postgresql://atlas:***@127.0.0.1:") and "cannot connect" in line
    assert "refused" in line


def test_a_wrong_password_is_one_line(postgres_server, tmp_path):
    url = postgres_server.url("postgres").replace(postgres_server.password, SECRET)
    assert "password authentication failed" in failing(url, tmp_path)


def test_a_server_that_never_answers_is_named_at_its_deadline(tmp_path):
    """Something listens but never speaks: the connect deadline (here 1 s, from the URL) ends the wait."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"postgresql://atlas:{SECRET}@127.0.0.1:{silent.getsockname()[1]}/atlas?connect_timeout=1"
        line = failing(url, tmp_path)
    assert "cannot connect" in line and "timeout" in line


def test_a_server_that_stopped_is_one_line(postgres_server, tmp_path):
    """A server of its own, with a corpus in it, stopped: the corpus is named as out of reach."""
    server = Server(binaries())
    try:
        server.start()
        url = server.database()
        article = Article(
            id="talks", outlet="Wire", date=dt.date(2023, 3, 1), title="Talks", title_is_ours=True, text="Talks."
        )
        Corpus(url).save(article, [])
        assert "talks\t" in geo("articles", var=tmp_path, ATLAS_DATABASE_URL=url).stdout
    finally:
        server.stop()
    assert "cannot connect" in failing(url.replace(server.password, SECRET), tmp_path)


def test_a_connection_cut_mid_read_is_one_line(postgres_server):
    """What a server shutting down does to its clients (ends their sessions), in the middle of a read."""
    url = postgres_server.database()
    corpus = Corpus(url)
    with corpus.reading() as reading:
        (pid,) = reading.db.execute("SELECT pg_backend_pid()").fetchone()
        with Corpus(url).writing() as admin:
            admin.execute("SELECT pg_terminate_backend(?)", (pid,))
        with pytest.raises(DatabaseUnavailable, match="the server stopped answering") as caught:
            list(reading.db.stream("SELECT id FROM places"))
    assert "\n" not in str(caught.value) and postgres_server.password not in str(caught.value)
    postgres_server.drop(url)
