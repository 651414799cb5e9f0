"""The hostile suite's helpers: the CLI in a process of its own, the one-line promise, and a fresh
ATLAS_VAR with the gazetteer index in it. (Its browser family, which needs the browser tests'
fixtures, is tests/browser/test_hostile_markup.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, no_sqlite_corpus

GEO = [sys.executable, "-m", "geo"]


def geo(*args: str, var: Path, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """``python -m geo …`` in its own process with its own ATLAS_VAR, as a user would run it."""
    environment = {**os.environ, "ATLAS_VAR": str(var), **env}
    return subprocess.run(
        [*GEO, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )


def one_clear_line(result: subprocess.CompletedProcess) -> str:
    """The promise for bad input and faults: exit 2 (or 0), one line on stderr, no traceback."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="session")
def gazetteer_index() -> Path:
    """The session's gazetteer index, built once (the other tests build it too): a fresh
    ATLAS_VAR links to it rather than spend seconds building its own."""
    from geo.parsing.gazetteer import cache_path, load_gazetteer

    load_gazetteer()
    return cache_path()


@pytest.fixture
def var(tmp_path, gazetteer_index) -> Iterator[Path]:
    """A fresh ATLAS_VAR of the test's own, with the gazetteer index in its cache (on PostgreSQL the
    corpus is the session's database, which a test marked ``store`` starts with empty)."""
    folder = tmp_path / "var"
    (folder / "cache").mkdir(parents=True)
    (folder / "cache" / gazetteer_index.name).symlink_to(gazetteer_index)
    yield folder
    no_sqlite_corpus(folder / "corpus.sqlite")
