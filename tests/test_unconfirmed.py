"""Issue 18, "Uncertain is not drawn as fact": a town the geoparser is unsure of is kept in the
corpus, marked unconfirmed, so the map can draw it apart; a sure one, a reader's pick and every
curated place are confirmed. The corpus is real SQLite and the CLI runs in processes of its own."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from geo.atlas.corpus import Confirmed, Corpus
from geo.atlas.review import Choice, confirmed_of, initial_choices
from geo.model.models import Article, Place
from tests.conftest import ROOT
from tests.whole import load_corpus_atlas

UNSURE = "Officials met in Springfield on Monday."  # which of the many Springfields: unsure
SURE = "WASHINGTON (Reuters) - The Senate voted."  # a dateline's capital: sure
NOWHERE = "Nothing at all happened, and nobody said where."


def geo(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m geo …`` as a user runs it, with the session's ATLAS_VAR."""
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        env=os.environ,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def line(text: str, outlet: str = "Example Times") -> str:
    return json.dumps({"text": text, "outlet": outlet, "date": "2024-03-04"}) + "\n"


def saved_places(atlas, article_id: str) -> dict[str, str]:
    """The names of the places a saved article keeps, by id."""
    return {pid: atlas.places[pid].name for pid in atlas.places_named_by(article_id)}


def test_an_import_keeps_an_unsure_town_unconfirmed_and_a_sure_one_confirmed(empty_corpus, atlas):
    result = geo("import", "-", "--workers", "1", stdin=line(UNSURE) + line(SURE) + line(NOWHERE))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "imported 3 article(s) (1 with no place found: nothing to show on the map); "
        "0 already in the corpus, skipped; 0 bad line(s)\n"
    )
    merged = load_corpus_atlas()
    unsure, sure, nowhere = Corpus(empty_corpus).article_rows()
    [(springfield, name)] = saved_places(merged, unsure[0]).items()
    assert name == "Springfield" and not merged.is_confirmed(springfield)
    [(washington, name)] = saved_places(merged, sure[0]).items()
    assert name == "Washington" and merged.is_confirmed(washington)
    assert not saved_places(merged, nowhere[0])
    assert all(merged.is_confirmed(pid) for pid in atlas.places)  # curated: facts
    # Narrowed to some articles, a place keeps the whole atlas's verdict.
    assert not merged.narrowed(articles=[unsure[0]]).is_confirmed(springfield)

    listed = geo("places")
    assert listed.returncode == 0, listed.stderr
    rows = [row.split("\t") for row in listed.stdout.splitlines()]
    assert rows[0][-1] == "confirmed"
    flags = {row[0]: row[-1] for row in rows[1:]}
    assert flags[springfield] == "no" and flags[washington] == "yes" and flags["khankendi"] == "yes"


def test_export_carries_the_flag_in_geojson_and_csv(empty_corpus):
    assert geo("import", "-", "--workers", "1", stdin=line(UNSURE) + line(SURE)).returncode == 0
    geojson = geo("export", "--format", "geojson")
    assert geojson.returncode == 0, geojson.stderr
    flags = {f["properties"]["name"]: f["properties"]["confirmed"] for f in json.loads(geojson.stdout)["features"]}
    assert flags["Springfield"] is False and flags["Washington"] is True and flags["Khankendi"] is True
    table = geo("export", "--format", "csv")
    assert table.returncode == 0, table.stderr
    cells = {row["name"]: row["confirmed"] for row in csv.DictReader(io.StringIO(table.stdout))}
    assert cells["Springfield"] == "False" and cells["Washington"] == "True"


def test_a_place_only_unsure_mentions_name_is_drawn_apart_until_one_is_sure(empty_corpus, atlas):
    town = Place(
        id="unsure-town",
        name="Unsureton",
        kind="town",
        lat=1.0,
        lon=2.0,
        coord_source="estimate: test",
        precision_m=1000,
    )
    text = "Unsureton flooded, and Khankendi too."
    at_seed = text.index("Khankendi")
    Corpus().save(
        Article(id="unsure", outlet="One", date="2024-03-04", title="t", text=text),
        [
            Confirmed(town, ((0, 9),), confirmed=False),
            Confirmed(atlas.places["khankendi"], ((at_seed, at_seed + 9),), False),
        ],
        seed=atlas,
    )
    merged = load_corpus_atlas()
    assert not merged.is_confirmed("unsure-town")
    assert merged.is_confirmed("khankendi")  # curated: a fact, whatever a saved article thought of it
    Corpus().save(
        Article(id="sure", outlet="Other", date="2024-03-05", title="t", text="Unsureton again."),
        [Confirmed(town, ((0, 9),), confirmed=True)],
        seed=atlas,
    )
    merged = load_corpus_atlas()
    assert merged.is_confirmed("unsure-town")
    # Narrowed to the unsure article, the place keeps the whole atlas's verdict.
    assert merged.narrowed(articles=["unsure"]).is_confirmed("unsure-town")


def test_geo_add_says_when_no_place_was_found(empty_corpus, tmp_path):
    nowhere = tmp_path / "nowhere.txt"
    nowhere.write_text(NOWHERE, encoding="utf-8")
    result = geo("add", str(nowhere), "--outlet", "Example Times", "--date", "2024-03-04")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("saved as example-times-2024-03-04-")
    assert result.stdout.endswith("; no place found in it: nothing to show on the map\n")


def test_geo_add_keeps_an_unsure_town_unconfirmed_and_a_pick_confirmed(empty_corpus, tmp_path):
    unsure = tmp_path / "unsure.txt"
    unsure.write_text(UNSURE, encoding="utf-8")
    dry = geo("add", str(unsure), "--outlet", "Example Times", "--date", "2024-03-04", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    [kept] = [row.split("\t") for row in dry.stdout.splitlines() if row.endswith("\tunconfirmed")]
    picked = geo(
        "add", str(unsure), "--outlet", "Example Times", "--date", "2024-03-04", "--pick", f"Springfield={kept[0]}"
    )
    assert picked.returncode == 0, picked.stderr
    assert "unconfirmed" not in picked.stdout and "no place found" not in picked.stdout
    assert load_corpus_atlas().is_confirmed(kept[0])


def test_review_keeps_an_unsure_town_and_a_readers_pick_confirms_it(atlas):
    from geo.parsing.gazetteer import load_gazetteer
    from geo.parsing.geoparse import Geoparser

    found = Geoparser(atlas.places.values(), load_gazetteer()).parse(f"{UNSURE} Floods hit KwaZulu-Natal.").places
    choices = initial_choices(found)
    assert [(c.found.name, c.place is not None) for c in choices] == [("Springfield", True), ("KwaZulu-Natal", True)]
    kept = {c.place.name: c for c in confirmed_of(choices)}
    assert not kept["Springfield"].confirmed
    choices[0].picked = True
    assert {c.place.name: c.confirmed for c in confirmed_of(choices)}["Springfield"]
    # Two names for one place: confirmed if either is.
    twice = [Choice(found[0], choices[0].place), Choice(found[0], choices[0].place, picked=True)]
    assert [c.confirmed for c in confirmed_of(twice)] == [True]


OLD_MENTIONS = """
CREATE TABLE mentions (
    article TEXT NOT NULL REFERENCES articles(id), place TEXT NOT NULL,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX mentions_by_article ON mentions(article);
CREATE INDEX mentions_by_place ON mentions(place, article, paragraph, start, end);
"""


@pytest.mark.sqlite("an SQLite file of the schema before the flag")
def test_a_corpus_saved_before_the_flag_reads_and_migrates_as_all_confirmed(empty_corpus, atlas):
    """A database from before ``mentions-confirmed``: read as it is, every saved place a fact; the
    first write adds the column, every row already saved confirmed."""
    town = Place(
        id="old-town", name="Oldtown", kind="town", lat=1.0, lon=2.0, coord_source="estimate: test", precision_m=1000
    )
    Corpus(empty_corpus).save(
        Article(id="old", outlet="Old Times", date="2020-01-01", title="t", text="Oldtown flooded."),
        [Confirmed(town, ((0, 7),), confirmed=False)],
        seed=atlas,
    )
    with sqlite3.connect(empty_corpus) as db:  # back to the schema before the flag
        rows = db.execute("SELECT article, place, paragraph, start, end, text FROM mentions").fetchall()
        db.execute("DROP TABLE mentions")
        db.executescript(OLD_MENTIONS)
        db.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)", rows)
        db.execute("DELETE FROM migrations WHERE name = 'mentions-confirmed'")
    assert load_corpus_atlas().is_confirmed("old-town")  # read-only: nothing migrated
    assert [m.confirmed for m in Corpus(empty_corpus, read_only=True).mentions()] == [True]

    Corpus(empty_corpus)  # opened for writing: migrated
    with sqlite3.connect(empty_corpus) as db:
        assert db.execute("SELECT confirmed FROM mentions").fetchall() == [(1,)]
        assert db.execute("SELECT 1 FROM migrations WHERE name = 'mentions-confirmed'").fetchone()
    assert load_corpus_atlas().is_confirmed("old-town")
