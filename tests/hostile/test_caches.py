"""Caches are data, never code: what is read back from ``$ATLAS_VAR/cache`` may have been planted
or damaged, and is then rebuilt (the gazetteer index) or taken for a miss (the geocoder's answers),
with at most one warning line, never a traceback, never code run.
"""

from __future__ import annotations

import json
import logging
import pickle
import random
import sqlite3
import time
from array import array
from pathlib import Path

import pytest

from geo.cli import main
from geo.model.errors import IndexDamaged
from geo.parsing import gazetteer as gz
from geo.parsing import indexfile
from tests.hostile.conftest import geo, one_clear_line
from tests.hostile.test_geocoder import Fake, answer


class Planted:
    """Unpickled, this would create ``marker``: proof that a loader ran code from the file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.fixture
def cache(tmp_path, monkeypatch, gazetteer_index) -> dict:
    """A fresh ATLAS_VAR whose index, when rebuilt, is the session's (counted, and seconds faster)."""
    tables = {**gz.load_gazetteer(gazetteer_index)._t}
    builds = []

    def build():
        builds.append(1)
        return tables

    monkeypatch.setenv("ATLAS_VAR", str(tmp_path / "var"))
    monkeypatch.setattr(gz, "build_tables", build)
    gz.cache_path().parent.mkdir(parents=True)
    return {"tables": tables, "builds": builds, "sound": gazetteer_index.read_bytes()}


def loaded_after_rebuilding(cache: dict, caplog) -> None:
    """The index loads, was rebuilt once with one warning saying so, and the file now reads back."""
    with caplog.at_level(logging.WARNING):
        gazetteer = gz.load_gazetteer()
    assert gazetteer.lookup("Yerevan"), "the rebuilt index serves"
    assert cache["builds"] == [1]
    (record,) = caplog.records
    assert record.getMessage().startswith(f"{gz.cache_path()}: the gazetteer index is damaged (")
    assert indexfile.decode(gz.cache_path().read_bytes())["version"] == gz.source_version()


def test_a_planted_pickle_runs_no_code_and_the_index_is_rebuilt(cache, tmp_path, caplog):
    marker = tmp_path / "ran"
    gz.cache_path().write_bytes(pickle.dumps(Planted(marker)))
    loaded_after_rebuilding(cache, caplog)
    assert not marker.exists()


def test_through_the_command_line_a_planted_pickle_is_one_warning_and_the_parse_goes_on(tmp_path):
    """A real rebuild, in a process of its own: the parse answers, the file planted runs nothing."""
    var, marker, story = tmp_path / "var", tmp_path / "ran", tmp_path / "story.txt"
    story.write_text("Officials met in Tbilisi.\n", encoding="utf-8")
    (var / "cache").mkdir(parents=True)
    planted = var / "cache" / gz.cache_path().name
    planted.write_bytes(pickle.dumps(Planted(marker)))
    result = geo("geoparse", str(story), "--format", "table", var=var)
    assert result.returncode == 0 and "Tbilisi" in result.stdout
    assert "the gazetteer index is damaged (not a gazetteer index); rebuilding it" in one_clear_line(result)
    assert not marker.exists()
    assert planted.read_bytes().startswith(indexfile.MAGIC)


def flip(data: bytes, rng: random.Random, count: int) -> bytes:
    damaged = bytearray(data)
    for at in rng.sample(range(len(data)), count):
        damaged[at] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def zero(data: bytes, rng: random.Random, size: int) -> bytes:
    at = rng.randrange(len(data) - size)
    return data[:at] + bytes(size) + data[at + size :]


#: Twelve kinds of damage, each of a random place and size, the same every run.
CORRUPTIONS = {
    "one flipped bit": lambda d, r: flip(d, r, 1),
    "eight flipped bits": lambda d, r: flip(d, r, 8),
    "a flipped bit in the digest": lambda d, r: d[:30] + bytes([d[30] ^ 1]) + d[31:],
    "a flipped bit in the column list": lambda d, r: d[:130] + bytes([d[130] ^ 4]) + d[131:],
    "cut short": lambda d, r: d[: r.randrange(len(d))],
    "cut to its first line": lambda d, r: d[: d.index(b"\n") + 1],
    "a block of zeros": lambda d, r: zero(d, r, 4096),
    "all zeros": lambda d, r: bytes(len(d)),
    "bytes appended": lambda d, r: d + r.randbytes(100),
    "a line break appended": lambda d, r: d + b"\n",
    "empty": lambda d, r: b"",
    "random bytes": lambda d, r: r.randbytes(len(d)),
}


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_a_damaged_index_is_rebuilt_never_used(kind, cache, caplog):
    damaged = CORRUPTIONS[kind](cache["sound"], random.Random(kind))
    assert damaged != cache["sound"]
    with pytest.raises(IndexDamaged):
        indexfile.decode(damaged)
    gz.cache_path().write_bytes(damaged)
    loaded_after_rebuilding(cache, caplog)


#: Files in the format, with a good digest, written by someone else: the numbers do not hold.
CRAFTED = {
    "a row number out of range": lambda t: t.update(rows=t["rows"][:-1] + array("q", [10**9])),
    "a kind out of range": lambda t: t.update(kinds=t["kinds"][:-1] + b"\xff"),
    "a column cut short": lambda t: t.update(lat=t["lat"][:-1]),
    "a column of another kind": lambda t: t.update(names=array("q", [1])),
    "a column more": lambda t: t.update(extra=b""),
    "a column less": lambda t: t.pop("fame"),
}


@pytest.mark.parametrize("kind", CRAFTED)
def test_an_index_with_a_good_digest_but_bad_columns_is_rebuilt(kind, cache, caplog):
    tables = indexfile.decode(cache["sound"])
    CRAFTED[kind](tables)
    gz.cache_path().write_bytes(indexfile.encode(tables))
    loaded_after_rebuilding(cache, caplog)


def test_a_sound_index_is_read_back_as_written(cache):
    gz.cache_path().write_bytes(cache["sound"])
    assert len(gz.load_gazetteer()) == len(cache["tables"]["ids"])
    assert cache["builds"] == []


@pytest.fixture
def nominatim(var, monkeypatch):
    """A fake Nominatim that knows Geneva, for ``geo resolve NAME --online`` run in this process."""
    server = Fake()
    server.body = json.dumps([answer()]).encode()
    monkeypatch.setenv("NOMINATIM_URL", server.url)
    monkeypatch.setenv("ATLAS_VAR", str(var))
    yield server
    server.close()


NAME = "Qqzzyx Geneva"
GOOD = json.dumps(
    [
        {
            "name": "Geneva",
            "lat": 46.2,
            "lon": 6.1,
            "kind": "city",
            "coord_source": "nominatim:x/1",
            "precision_m": 4000.0,
            "source": "nominatim",
            "country": "CH",
            "admin1": "",
            "population": 0,
            "place_id": "",
            "alt_names": [],
        }
    ]
)
#: Rows as another program, a damaged disk or an attacker may leave them: (answer, fetched).
BAD_ROWS = {
    "not JSON": ("[{", "now"),
    "a number for the answer": (42, "now"),
    "bytes for the answer": (b"\x80\x00\xff", "now"),
    "an object, not a list": ('{"name": "Geneva"}', "now"),
    "a place of wrong types": ('[{"name": 1, "lat": "north"}]', "now"),
    "a place with a NaN latitude": (GOOD.replace("46.2", "NaN"), "now"),
    "a place off the globe": (GOOD.replace("46.2", "460.2"), "now"),
    "a place with fields unknown": (GOOD.replace('"alt_names"', '"__class__"'), "now"),
    "a date that is words": (GOOD, "yesterday"),
    "no date": (GOOD, None),
    "a pickle for the answer": (pickle.dumps(Planted(Path("/nonexistent"))), "now"),
}


def planted(var: Path, answer_, fetched) -> None:
    path = var / "cache" / "geocode.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS answers (source TEXT, query TEXT, lim INTEGER, answer TEXT,"
            " fetched REAL, PRIMARY KEY (source, query, lim))"
        )
        row = ("nominatim", NAME.casefold(), 5, answer_, time.time() if fetched == "now" else fetched)
        db.execute("INSERT INTO answers VALUES (?, ?, ?, ?, ?)", row)
    db.close()


def asked_again(nominatim, capsys) -> str:
    """The look-up asked the server once and answered with its place: what it wrote on stderr."""
    assert main(["resolve", NAME, "--online"]) == 0
    out, err = capsys.readouterr()
    assert "nominatim:relation/1685488" in out, err
    assert len(nominatim.arrivals) == 1
    return err


@pytest.mark.parametrize("kind", BAD_ROWS)
def test_a_bad_row_in_the_geocoder_cache_is_a_miss(kind, nominatim, var, capsys):
    planted(var, *BAD_ROWS[kind])
    assert asked_again(nominatim, capsys) == ""
    assert main(["resolve", NAME, "--online"]) == 0  # and now answered from the row written over it
    assert len(nominatim.arrivals) == 1


def test_a_good_row_is_an_answer(nominatim, var, capsys):
    planted(var, GOOD, "now")
    assert main(["resolve", NAME, "--online"]) == 0
    assert "nominatim:x/1" in capsys.readouterr().out and nominatim.arrivals == []


def test_a_bad_turn_in_the_rate_limiter_is_reset(nominatim, var, capsys):
    with sqlite3.connect(var / "cache" / "geocode.sqlite") as db:
        db.execute("CREATE TABLE turns (source TEXT PRIMARY KEY, next_at REAL NOT NULL)")
        db.execute("INSERT INTO turns VALUES ('nominatim', 'soon')")
    db.close()
    assert asked_again(nominatim, capsys) == ""


def damaged_pages(path: Path) -> None:
    """A real cache with many answers whose middle pages are overwritten with noise."""
    planted(path.parents[1], GOOD, "now")
    with sqlite3.connect(path) as db:
        db.executemany("INSERT INTO answers VALUES ('x', ?, 5, ?, 0)", [(str(i), GOOD * 5) for i in range(2000)])
    db.close()
    data = bytearray(path.read_bytes())
    data[8192 : len(data) - 8192] = random.Random(1).randbytes(len(data) - 16384)
    path.write_bytes(bytes(data))


DAMAGED_FILES = {
    "random bytes": lambda p: p.write_bytes(random.Random(2).randbytes(50_000)),
    "a cut-short header": lambda p: p.write_bytes(b"SQLite format 3\x00\x10\x00"),
    "a JSON file": lambda p: p.write_text(GOOD),
    "damaged pages": damaged_pages,
}


@pytest.mark.parametrize("kind", DAMAGED_FILES)
def test_a_damaged_geocoder_cache_is_started_afresh_with_one_warning(kind, nominatim, var, capsys, caplog):
    path = var / "cache" / "geocode.sqlite"
    DAMAGED_FILES[kind](path)
    with caplog.at_level(logging.WARNING):
        assert asked_again(nominatim, capsys) == ""
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}: the geocoder cache is damaged ("), warnings
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM answers").fetchone() == (1,)
    db.close()


def test_through_the_command_line_a_damaged_geocoder_cache_is_one_warning(var):
    server = Fake()
    server.body = json.dumps([answer()]).encode()
    try:
        (var / "cache" / "geocode.sqlite").write_bytes(b"\x00" * 4096 + b"not a database")
        result = geo("resolve", NAME, "--online", var=var, NOMINATIM_URL=server.url)
    finally:
        server.close()
    assert "the geocoder cache is damaged (file is not a database); starting afresh" in one_clear_line(result)
    assert result.returncode == 0 and "nominatim:relation/1685488" in result.stdout


@pytest.mark.store
def test_an_import_with_workers_rebuilds_a_damaged_index_once(tmp_path, gazetteer_index):
    """The workers used to crash on a damaged index and be started again without end."""
    var, source = tmp_path / "var", tmp_path / "articles.jsonl"
    (var / "cache").mkdir(parents=True)
    damaged = flip(gazetteer_index.read_bytes(), random.Random(3), 1)
    (var / "cache" / gazetteer_index.name).write_bytes(damaged)
    articles = [{"text": f"Talks {i} opened in Tbilisi.", "outlet": "X", "date": f"2023-01-0{i}"} for i in (1, 2, 3)]
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    result = geo("import", str(source), "--workers", "2", var=var, timeout=600)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("the gazetteer index is damaged (its digest does not match its contents)") == 1
    assert indexfile.decode((var / "cache" / gazetteer_index.name).read_bytes())["version"] == gz.source_version()
    assert "imported 3 article(s)" in result.stderr + result.stdout, result.stderr
