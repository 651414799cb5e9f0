"""`python -m geo validate`: each kind of bad data gives one line FILE:LINE: COLUMN: problem.

Every case also checks the promise that validation writes nothing.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from geo.cli import main
from tests.conftest import ROOT


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def validate(folder: Path, capsys) -> tuple[int, list[str]]:
    before = snapshot(folder)
    status = main(["validate", str(folder)])
    assert snapshot(folder) == before, "validate changed a file"
    err = capsys.readouterr().err
    return status, err.splitlines()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_data_is_valid(capsys):
    assert main(["validate", str(ROOT / "data")]) == 0
    assert capsys.readouterr().out.startswith("ok: 7 places")


BAD = [
    ("latitude out of range", "locations.csv", "46.20222,6.14569", "96.2,6.14569", "locations.csv:2: lat: "),
    ("latitude not a number", "locations.csv", "46.20222,6.14569", "north,6.14569", "locations.csv:2: lat: "),
    ("longitude out of range", "locations.csv", "46.20222,6.14569", "46.2,186.1", "locations.csv:2: lon: "),
    (
        "duplicate id",
        "locations.csv",
        "icrc-headquarters,ICRC headquarters",
        "geneva,ICRC headquarters",
        "locations.csv:3: id: duplicate id 'geneva' (first on line 2)",
    ),
    (
        "alt name shared",
        "locations.csv",
        "Genève;Genf",
        "Genève;Stepanakert",
        "locations.csv:5: alt_names: name 'stepanakert' is also a name of 'geneva' (line 2)",
    ),
    (
        "event with unknown place",
        "events.csv",
        "geneva;icrc-headquarters",
        "geneva;atlantis",
        "events.csv:6: places: unknown place 'atlantis'",
    ),
    (
        "event date not stated",
        "events.csv",
        "talks-2022-12-07,azernews-2023-02-28-icrc-lachin-road,2022-12-07",
        "talks-2022-12-07,azernews-2023-02-28-icrc-lachin-road,2022-12-08",
        "events.csv:3: date_start: 2022-12-08 is stated neither in its passages nor as the article's date",
    ),
    (
        "event ends before it starts",
        "events.csv",
        "2022-12-10,,false",
        "2022-12-10,2022-12-01,false",
        "events.csv:4: -: Value error, date_end is before date_start",
    ),
    (
        "curated quote not in the paragraph",
        "references.csv",
        "the monitoring area,",
        "the mining area,",
        "references.csv:6: quote: 'the mining area' not found in paragraph 10",
    ),
]


@pytest.mark.parametrize(("case", "file", "old", "new", "expected"), BAD, ids=[b[0] for b in BAD])
def test_bad_data_is_one_clear_line(data_copy, capsys, case, file, old, new, expected):
    replace(data_copy / file, old, new)
    status, lines = validate(data_copy, capsys)
    assert status == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{data_copy / expected.split(':')[0]}:")
    assert expected in lines[0]


def test_a_missing_column_is_named(data_copy, capsys):
    replace(data_copy / "locations.csv", "kind,lat,lon", "kind,latitude,lon")
    status, lines = validate(data_copy, capsys)
    assert status == 2
    assert lines == [f"{data_copy / 'locations.csv'}:1: lat: missing column"]


def test_an_empty_file_is_named(data_copy, capsys):
    (data_copy / "events.csv").write_text("", encoding="utf-8")
    status, lines = validate(data_copy, capsys)
    assert (status, lines) == (2, [f"{data_copy / 'events.csv'}:1: -: file is empty"])


def test_a_file_that_is_not_utf8_gives_line_and_column(data_copy, capsys):
    path = data_copy / "locations.csv"
    path.write_bytes(path.read_bytes().replace("Genève".encode(), "Gen\xe8ve".encode("latin-1")))
    status, lines = validate(data_copy, capsys)
    assert (status, lines) == (2, [f"{path}:2: column 18: not UTF-8: byte 0xe8 cannot be decoded"])


def test_a_broken_article_file_is_named(data_copy, capsys):
    article = next((data_copy / "articles").glob("*.txt"))
    article.write_bytes(b"\xff\xfe broken")
    status, lines = validate(data_copy, capsys)
    assert status == 2 and lines[0].startswith(f"{article}:1: column 1: not UTF-8")


def test_several_problems_are_all_reported(data_copy, capsys):
    replace(data_copy / "locations.csv", "46.20222,6.14569", "96.2,186.1")
    status, lines = validate(data_copy, capsys)
    assert status == 2
    assert [line.split(": ")[1] for line in lines] == ["lat", "lon"]


def test_the_command_line_prints_no_traceback_and_exits_2(data_copy):
    replace(data_copy / "locations.csv", "46.20222,6.14569", "north,6.14569")
    run = subprocess.run(
        [sys.executable, "-m", "geo", "validate", str(data_copy)], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert len(run.stderr.splitlines()) == 1


def test_usage_errors_exit_2_with_one_line(capsys):
    assert main(["frobnicate"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
