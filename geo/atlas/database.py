"""The one way to a corpus database: an embedded SQLite file, or a PostgreSQL server shared by a team.

``connect(target)`` takes a file path (SQLite, the default, under ATLAS_VAR) or a
``postgresql://`` URL (``ATLAS_DATABASE_URL``) and gives a ``Database``: the same few calls
on both, SQL written once with ``?`` placeholders. What differs between the two lives here
(how a transaction is taken, what the schema holds, how a JSON field is read), so the corpus,
the decisions and the export write one code path.

A server that cannot be reached, refuses the password or stops answering is one line
(``DatabaseUnavailable``) within a deadline, never a traceback or a hang.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from geo.model.errors import DatabaseUnavailable, ServerError

SCHEMES = ("postgresql", "postgres")
#: Seconds to reach a server and log in, unless the URL says (``?connect_timeout=N``): past
#: that a server that does not answer is named, rather than waited for.
CONNECT_SECONDS = 10
#: The key of the lock every PostgreSQL writer takes first: one writer at a time, as SQLite's
#: ``BEGIN IMMEDIATE`` gives, so rows are numbered in the order they commit (the store lists
#: saved places and articles in that order) and the duplicate check sees every earlier save.
WRITER_LOCK = 0x61746C6173  # "atlas"

Target = Path | str
#: Rows a PostgreSQL cursor sends at a time to ``Database.stream``.
STREAM_BATCH = 2000
_cursors = itertools.count(1)


def is_url(target: Target | None) -> bool:
    """Whether ``target`` names a PostgreSQL server rather than an SQLite file (by its scheme
    alone: a malformed URL is still one, for the server's client to name what is wrong)."""
    return isinstance(target, str) and target.partition("://")[0].lower() in SCHEMES


def shown(url: str) -> str:
    """A server URL as it may be printed: its password left out (all but the scheme, when the
    URL is too malformed to find it)."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return f"{url.partition('://')[0]}://…"
    if password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{password}@", ":***@", 1)))


def connect(target: Target, *, read_only: bool = False) -> Database:
    """A connection to the database at ``target``: a path is an SQLite file (``read_only`` opens
    it without writing anything, even on read-only storage), a URL a PostgreSQL server."""
    if is_url(target):
        return _postgres(str(target), read_only)
    return Database(_sqlite(Path(target), read_only), "sqlite", str(target))


def _sqlite(path: Path, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        db = sqlite3.connect(path, timeout=30, isolation_level=None)
        db.execute("PRAGMA foreign_keys=ON")
    else:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30, isolation_level=None)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:
            if os.access(path.parent, os.W_OK):
                raise
            # Read-only storage without the -shm file WAL readers need: nobody can be writing
            # there, so the file is read as it stands.
            db.close()
            db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
    db.execute("PRAGMA busy_timeout=30000")
    return db


#: Connections to servers that a closed ``Database`` left open, for the next ``connect`` in the
#: same thread and process: logging in again costs more than most of the statements a call runs.
_idle = threading.local()
#: Idle connections kept per thread, the oldest closed past it.
IDLE_KEPT = 4


def _postgres(url: str, read_only: bool) -> Database:
    import psycopg

    key = (url, read_only, os.getpid())
    idle: dict = _idle.__dict__.setdefault("connections", {})
    kept = idle.pop(key, None)
    if kept is not None and not kept.conn.closed:
        return kept
    options = {} if "connect_timeout=" in url else {"connect_timeout": CONNECT_SECONDS}
    try:
        conn = psycopg.connect(url, autocommit=True, application_name="atlas", **options)
    except psycopg.Error as exc:  # libpq's own check of the URL too: an unknown option, a bad port
        # libpq may quote the URL it could not read: the message shows it as ``shown`` does.
        why = _first_line(exc).replace(url, shown(url))
        raise DatabaseUnavailable(f"{shown(url)}: cannot connect: {why}") from None
    if read_only:
        conn.execute("SET default_transaction_read_only = on")
    return Database(conn, "postgres", shown(url), key)


def _first_line(exc: BaseException) -> str:
    return next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)


class Database:
    """One connection, SQLite's or PostgreSQL's, in autocommit until ``begin``: the calls the
    corpus needs, SQL with ``?`` placeholders on both. PostgreSQL's errors come out as
    ``ServerError`` with the server's first line, so every front end prints one line."""

    def __init__(self, conn: Any, dialect: str, name: str, key: tuple | None = None):
        self.conn = conn
        self._key = key  # what ``_postgres`` keeps it idle by
        #: "sqlite" or "postgres": what the few statements that must differ go by.
        self.dialect = dialect
        self.name = name
        self._columns: dict[str, set[str]] = {}

    @property
    def postgres(self) -> bool:
        return self.dialect == "postgres"

    def execute(self, sql: str, params: Sequence = ()) -> Any:
        """Run one statement; the cursor answers ``fetchone``, ``fetchall``, iteration and ``rowcount``."""
        if not self.postgres:
            return self.conn.execute(sql, params)
        with self._named():
            return self.conn.execute(_placeholders(sql), params)

    def stream(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        """The rows of a long answer, a batch at a time, inside a transaction (``begin``): SQLite
        steps through them as read; PostgreSQL keeps the rest on the server (a cursor) rather
        than sending the whole answer at once, so an export's memory stays flat there too."""
        if not self.postgres:
            yield from self.conn.execute(sql, params)
            return
        with self._named(), self.conn.cursor(name=f"stream_{next(_cursors)}") as cursor:
            cursor.itersize = STREAM_BATCH
            cursor.execute(_placeholders(sql), params)
            yield from cursor

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        if not self.postgres:
            self.conn.executemany(sql, rows)
            return
        with self._named(), self.conn.cursor() as cursor:
            cursor.executemany(_placeholders(sql), list(rows))

    def script(self, sql: str) -> None:
        """Several statements without parameters, as a schema is written."""
        if not self.postgres:
            self.conn.executescript(sql)
            return
        with self._named():
            self.conn.execute(sql)

    def begin(self, *, write: bool = False) -> None:
        """A transaction: a writer waits for the one before it (SQLite's ``BEGIN IMMEDIATE``, a lock
        on PostgreSQL), a reader sees one snapshot throughout (PostgreSQL's REPEATABLE READ; SQLite
        gives one to any transaction)."""
        if not self.postgres:
            self.conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            return
        if write:
            self.execute("BEGIN")
            self.execute("SELECT pg_advisory_xact_lock(?)", (WRITER_LOCK,))
        else:
            self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        """Undo the open transaction, if any; a connection already lost has nothing left to undo."""
        if self.in_transaction:
            with suppress(sqlite3.Error, DatabaseUnavailable):
                self.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        if not self.postgres:
            return self.conn.in_transaction
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        """Done with it: a server's connection, sound and outside a transaction, is kept for the
        thread's next ``connect`` to the same URL (``_idle``); anything else is closed."""
        if self._key is not None and not self.conn.closed:
            self.rollback()  # a reader's snapshot ends here, as closing would end it
        if self._key is not None and not self.conn.closed and not self.in_transaction:
            idle: dict = _idle.__dict__.setdefault("connections", {})
            if self._key not in idle:
                idle[self._key] = self
                while len(idle) > IDLE_KEPT:
                    oldest = idle.pop(next(iter(idle)))
                    if oldest._key[2] == os.getpid():  # a forked child leaves its parent's sessions be
                        oldest.conn.close()
                return
        self.conn.close()

    def tables(self) -> set[str]:
        """The tables of this database (PostgreSQL: of the schema the connection works in)."""
        if self.postgres:
            # The catalog, not information_schema, whose views take milliseconds to answer.
            query = "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'"
        else:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
        return {row[0] for row in self.execute(query)}

    def has(self, name: str) -> bool:
        """Whether a table or an index of this name exists."""
        if self.postgres:
            return self.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0]
        return self.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    def has_column(self, table: str, column: str) -> bool:
        """Whether ``table`` has ``column``: a database from before a migration may lack it."""
        if table not in self._columns:
            if self.postgres:
                query = "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0"
            else:
                query = "SELECT name FROM pragma_table_info(?)"
            self._columns[table] = {row[0] for row in self.execute(query, (table,))}
        return column in self._columns[table]

    def forget_columns(self) -> None:
        """After a migration changed the tables: ``has_column`` asks again."""
        self._columns.clear()

    def whole_part(self, expression: str) -> str:
        """SQL for the whole part of a number that is never negative (a grid cell's index): SQLite's
        ``floor`` needs a build with its math functions, and PostgreSQL's cast rounds."""
        if self.postgres:
            return f"floor({expression})"
        return f"CAST({expression} AS INTEGER)"

    def json_value(self, column: str, key: str) -> str:
        """SQL for one top-level field of a JSON record stored as text, as its JSON value: a
        string, a number, true/false (SQLite gives 1/0) or null."""
        if self.postgres:  # the record is text: read as jsonb, and ``->`` keeps the field's JSON type
            return f"({column}::jsonb -> '{key}')"
        return f"json_extract({column}, '$.{key}')"

    def _named(self):
        return _ServerErrors(self.name)


def _placeholders(sql: str) -> str:
    """SQLite's ``?`` as psycopg's ``%s`` (a literal ``%`` doubled). No statement of ours has a
    ``?`` or ``%`` inside a string literal."""
    return sql.replace("%", "%%").replace("?", "%s")


class _ServerErrors:
    """A PostgreSQL error raised as ``ServerError`` (``DatabaseUnavailable`` when the connection is
    lost): the server's name and its first line."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        import psycopg

        if exc is None or not isinstance(exc, psycopg.Error):
            return False
        if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
            raise DatabaseUnavailable(f"{self.name}: the server stopped answering: {_first_line(exc)}") from None
        raise ServerError(f"{self.name}: the server refused: {_first_line(exc)}") from None
