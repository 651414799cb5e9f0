"""``python -m geo geoparse``: output formats, exit codes and one-line errors for bad input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from geo.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = str(DATA / "articles/2023-02-28-azernews-icrc-lachin-road.txt")


def run(capsys, *argv: str, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(["--data", str(DATA), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_geojson_of_the_seed_article_names_its_places(capsys):
    code, out, err = run(capsys, "geoparse", SEED, "--format", "geojson")
    assert (code, err) == (0, "")
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    ids = {f["id"] for f in collection["features"]}
    assert {"geneva", "lachin", "khankendi", "gizilbulagh-gold-deposit", "damirli-copper-molybdenum-deposit"} <= ids
    geneva = next(f for f in collection["features"] if f["id"] == "geneva")
    assert geneva["properties"]["country"] == "CH"
    assert geneva["geometry"]["coordinates"] == pytest.approx([6.14569, 46.20222])


def test_table_is_aligned_text_with_the_dates(capsys):
    code, out, _ = run(capsys, "geoparse", SEED, "--format", "table", "--date", "2023-02-28")
    assert code == 0
    header, *lines = out.splitlines()
    assert header.split()[:3] == ["name", "kind", "id"]
    assert header.index("kind") == next(line for line in lines if line.startswith("Geneva")).index("city")
    assert "  2022-12-12  December 12, 2022" in lines


def test_standard_input_is_read_with_a_dash(capsys, monkeypatch):
    code, out, _ = run(
        capsys, "geoparse", "-", "--format", "table", stdin=b"Rain in Portland, Maine.", monkeypatch=monkeypatch
    )
    assert code == 0 and "Portland" in out


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["geoparse", "no/such/file.txt"], None, "cannot read file"),
        (["geoparse", "-"], b"\xff\xfe bad bytes", "not UTF-8"),
        (["geoparse", "-"], b"  \n", "empty"),
        (["geoparse", SEED, "--date", "2023-02-30"], None, "not a date"),
        (["geoparse", SEED, "--format", "xml"], None, "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, monkeypatch, argv, stdin, message):
    code, out, err = run(capsys, *argv, stdin=stdin, monkeypatch=monkeypatch)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_an_empty_file_exits_2(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    code, _, err = run(capsys, "geoparse", str(empty))
    assert code == 2 and "empty" in err


def test_a_hard_wrapped_text_is_parsed_with_its_lines_joined_as_geo_add_stores_it(capsys, monkeypatch):
    wrapped = b"Rain fell all day long on the crowded streets and parks of New\nYork, and more is coming."
    code, out, _ = run(capsys, "geoparse", "-", "--format", "table", stdin=wrapped, monkeypatch=monkeypatch)
    assert code == 0
    assert any(line.startswith("New York") and line.endswith("New York") for line in out.splitlines()), out
