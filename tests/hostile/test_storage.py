"""Families 4–6: a damaged, empty or read-only corpus database, and a full disk. Reading what is
sound works, even read-only; every fault is one line naming the file or folder at fault."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Confirmed, Corpus
from geo.cli import main
from geo.model.models import Article
from geo.parsing import gazetteer
from geo.parsing.gazetteer import cache_path
from tests.conftest import DATA, ROOT
from tests.hostile.conftest import GEO, geo, one_clear_line
from tests.hostile.storage import disk_full_after, read_only

STORY = "Officials met in Tbilisi on 3 January 2023.\n\nThen they drove to Yerevan.\n"


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def saved(var, n: int = 1) -> None:
    seed = load_atlas(DATA)
    corpus = Corpus(var / "corpus.sqlite")
    for i in range(n):
        text = f"Talks {i} in Stepanakert."
        article = Article(id=f"talks-{i}", outlet="X", date=dt.date(2023, 1, 2), title=f"Talks {i}", text=text)
        at = text.index("Stepanakert")
        corpus.save(article, [Confirmed(seed.places["khankendi"], ((at, at + 11),))], seed=seed)


def damaged(var) -> None:
    saved(var, 40)
    data = (var / "corpus.sqlite").read_bytes()
    (var / "corpus.sqlite").write_bytes(data[:4096] + bytes(4096) * 2 + data[12288:])


FAULTS = {
    "zero bytes": lambda var: (var / "corpus.sqlite").write_bytes(b""),
    "random bytes": lambda var: (var / "corpus.sqlite").write_bytes(os.urandom(20_000)),
    "a database of something else": lambda var: sqlite3.connect(var / "corpus.sqlite").execute("CREATE TABLE t(x)"),
    "a database never written": lambda var: sqlite3.connect(var / "corpus.sqlite").execute("PRAGMA user_version=3"),
    "damaged pages": damaged,
    "a folder in its place": lambda var: (var / "corpus.sqlite").mkdir(),
    "a header cut short": lambda var: (var / "corpus.sqlite").write_bytes(b"SQLite format 3\x00" + bytes(50)),
}
READABLE = {"zero bytes", "a database never written"}


@pytest.mark.sqlite("a damaged corpus file")
@pytest.mark.parametrize("fault", FAULTS)
def test_a_broken_corpus_is_one_line_naming_it_or_reads_as_empty(var, story, fault, monkeypatch, capsys):
    FAULTS[fault](var)
    monkeypatch.setenv("ATLAS_VAR", str(var))
    for command in (
        ["articles"],
        ["export", "--format", "csv"],
        ["add", str(story), "--outlet", "X", "--date", "2023-01-04"],
    ):
        status = main(command)
        err = capsys.readouterr().err
        if fault in READABLE:
            assert status == 0, err
        else:
            (line,) = err.splitlines()
            assert status == 2 and line.startswith(str(var / "corpus.sqlite")), line


@pytest.mark.sqlite("a damaged corpus file")
@pytest.mark.parametrize("fault", ["zero bytes", "random bytes", "damaged pages"])
def test_the_app_names_the_corpus_file_not_the_data_folder(var, fault, monkeypatch):
    FAULTS[fault](var)
    monkeypatch.setenv("ATLAS_VAR", str(var))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # the map, as a reader opens it
    assert not at.exception, at.exception
    if fault == "zero bytes":
        assert not at.error
    else:
        assert at.code and at.code[0].value.startswith(str(var / "corpus.sqlite")), [c.value for c in at.code]
        assert "data/" not in at.error[0].value


@pytest.mark.sqlite("the corpus file on read-only storage")
def test_a_sound_corpus_on_read_only_storage_is_read(var, story):
    saved(var, 3)
    assert (
        geo("add", str(story), "--outlet", "Y", "--date", "2023-01-04", var=var).returncode == 0
    )  # left in WAL mode, as the app leaves it
    command = [*GEO, "articles"]
    result = subprocess.run(
        read_only(var, command), cwd=ROOT, env={**os.environ, "ATLAS_VAR": str(var)}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()].count("talks-2") == 1
    writing = subprocess.run(
        read_only(var, [*GEO, "add", str(story), "--outlet", "Z", "--date", "2023-01-04"]),
        cwd=ROOT, env={**os.environ, "ATLAS_VAR": str(var)}, capture_output=True, text=True,
    )  # fmt: skip
    assert one_clear_line(writing) == (
        f"{var}: read-only, so saved articles cannot be written there (set ATLAS_VAR to a writable folder)"
    )


@pytest.mark.sqlite("the corpus file on read-only storage")
def test_an_empty_read_only_atlas_var_reads_the_seed_and_refuses_a_save_in_one_line(tmp_path, story):
    var = tmp_path / "var"
    var.mkdir()
    env = {**os.environ, "ATLAS_VAR": str(var)}
    reading = subprocess.run(read_only(var, [*GEO, "articles"]), cwd=ROOT, env=env, capture_output=True, text=True)
    assert reading.returncode == 0 and "azernews" in reading.stdout, reading.stderr
    writing = subprocess.run(
        read_only(var, [*GEO, "add", str(story), "--outlet", "Z", "--date", "2023-01-04"]),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert one_clear_line(writing).startswith(f"{var}: read-only")
    assert list(var.iterdir()) == []


def test_a_full_disk_leaves_no_temporary_file_and_later_runs_work(var, story):
    """The index is written by a process whose files cannot grow past 64 kB, as on a full disk."""
    target = var / "cache" / "gazetteer-new.index"
    write = f"import pathlib, geo.parsing.gazetteer as g; g._write(pathlib.Path({str(target)!r}), {{1: bytes(10**6)}})"
    env = {**os.environ, "ATLAS_VAR": str(var)}
    full = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "preexec_fn": disk_full_after(64_000)}
    result = subprocess.run([sys.executable, "-c", write], **full)
    line = one_clear_line(result)
    assert line == (
        f"{var / 'cache'}: the gazetteer index cannot be cached there (File too large); "
        "it is rebuilt on every run until it can be"
    )
    assert sorted(p.name for p in (var / "cache").iterdir()) == [cache_path().name]  # no temporary file left
    later = subprocess.run([*GEO, "geoparse", str(story), "--format", "table"], **full)
    assert later.returncode == 0 and "Tbilisi" in later.stdout and not later.stderr, later.stderr


def test_no_space_left_is_one_warning_and_the_index_still_serves(tmp_path, monkeypatch, caplog):
    def fill(tables, f):
        f.write(bytes(1 << 20))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gazetteer.indexfile, "dump", fill)
    gazetteer._write(tmp_path / "gazetteer-x.index", {})
    assert list(tmp_path.iterdir()) == []
    (record,) = caplog.records
    assert "cannot be cached there (No space left on device)" in record.getMessage()
