"""Caches are data, never code: what is read back from ``$ATLAS_VAR/cache`` may have been planted
or damaged, and is then rebuilt (the gazetteer index) or taken for a miss (the geocoder's answers),
with at most one warning line, never a traceback, never code run.
"""

from __future__ import annotations

import logging
import pickle
import random
from array import array
from pathlib import Path

import pytest

from geo.model.errors import IndexDamaged
from geo.parsing import gazetteer as gz
from geo.parsing import indexfile
from tests.hostile.conftest import geo, one_clear_line


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
