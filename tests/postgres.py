"""A throwaway PostgreSQL server with PostGIS for the tests: a real one, never a mock.

Debian's ``postgresql`` and ``postgresql-15-postgis-3`` packages give the binaries. The cluster
lives in a temporary folder (its socket too) and listens on a free port of 127.0.0.1 only,
with a password, as a team's server would ask for one. initdb refuses to run as root, as CI
runs: then the server runs as the ``postgres`` user Debian's package creates (or ``nobody``),
and the folder is theirs. Each test gets a database of its own, copied from a template that has
PostGIS already (creating the extension takes seconds; copying the template does not).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "atlas"
TEMPLATE = "atlas_template"


def binaries() -> Path | None:
    """The newest PostgreSQL's bin folder with a PostGIS for it, or None where there is none."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(Path(f).parent.name), reverse=True)
    for folder in folders:
        postgis = f"/usr/share/postgresql/{Path(folder).parent.name}/extension/postgis.control"
        if (Path(folder) / "initdb").exists() and Path(postgis).exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One cluster: started by ``start``, a fresh database by ``database()``, gone after ``stop``."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
        self.password = secrets.token_hex(12)
        self.port = _free_port()
        self.owner = None
        if os.geteuid() == 0:  # initdb will not run as root
            names = [u.pw_name for u in pwd.getpwall()]
            self.owner = "postgres" if "postgres" in names else "nobody"
        self._numbers = itertools.count(1)

    def _run(self, *command: str) -> None:
        as_owner = ["runuser", "-u", self.owner, "--"] if self.owner else []
        done = subprocess.run([*as_owner, *command], capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr or done.stdout}")

    def start(self) -> None:
        (self.root / "password").write_text(self.password)
        if self.owner:
            shutil.chown(self.root, self.owner)
            shutil.chown(self.root / "password", self.owner)
        data = self.root / "data"
        self._run(
            str(self.bin / "initdb"), "-D", str(data), "-U", USER, "--pwfile", str(self.root / "password"),
            "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync", "--locale=C",
        )  # fmt: skip
        # No fsync: a test's database is thrown away, and waiting for the disk only slows the tests.
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        with self._admin() as db:
            db.execute(f"CREATE DATABASE {TEMPLATE}")
        import psycopg

        with psycopg.connect(self.url(TEMPLATE), autocommit=True) as db:
            db.execute("CREATE EXTENSION postgis")

    def url(self, database: str) -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def _admin(self):
        import psycopg

        return psycopg.connect(self.url("postgres"), autocommit=True)

    def database(self) -> str:
        """A new empty database with PostGIS, and its URL."""
        name = f"test_{next(self._numbers)}"
        with self._admin() as db:
            db.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        return self.url(name)

    def drop(self, url: str) -> None:
        with self._admin() as db:
            db.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


#: The corpus's tables not emptied by ``empty``: its version and migrations, which it sets as a new database's.
KEPT = ("meta", "migrations")


def empty(url: str) -> None:
    """Empty the corpus at ``url`` as deleting an SQLite corpus empties it, but faster than a new
    database and without cutting the connections that the app's processes keep: every table of the
    corpus truncated, its schema and migrations kept, and a new ``meta`` id and version 0, so a
    process that cached the old corpus by its version reads the new one. The ``seed`` schema stays,
    for a process that wrote it knows it written."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("SET lock_timeout = '20s'")  # a reader left in a transaction fails the test, not hangs it
        tables = [
            row[0]
            for row in db.execute(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'"
                " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
            )
            if row[0] not in KEPT
        ]
        if not tables:
            return
        with db.transaction():
            names = ", ".join(f'"{name}"' for name in tables)
            db.execute(f"TRUNCATE {names} RESTART IDENTITY")
            db.execute("UPDATE meta SET value = substr(md5(random()::text), 1, 16) WHERE key = 'id'")
            db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
