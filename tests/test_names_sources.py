"""Every name of a seed place in another language's script has its source in data/names.csv."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from geo.atlas.atlas import load_atlas
from geo.model.languages import LANGUAGES

DATA = Path(__file__).resolve().parents[1] / "data"
ROWS = list(csv.DictReader((DATA / "names.csv").open(encoding="utf-8", newline="")))
NOT_LATIN = re.compile("[\u0400-\u04ff\u0531-\u0587]")


@pytest.fixture(scope="module")
def seed():
    return load_atlas(DATA)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['place']}:{r['name']}" for r in ROWS])
def test_each_row_names_a_seed_place_with_a_source_or_says_why_none(seed, row):
    place = seed.places[row["place"]]
    assert row["language"] in LANGUAGES
    added = not row["note"].startswith("Not added")
    assert (row["name"] in place.names) == added
    assert row["source"].startswith(("https://", "http://")) or (not row["source"] and row["note"])


def test_no_name_in_cyrillic_or_armenian_letters_is_uncited(seed):
    cited = {(r["place"], r["name"]) for r in ROWS}
    uncited = [(place.id, name) for place in seed.places.values() for name in place.names if NOT_LATIN.search(name)]
    assert [pair for pair in uncited if pair not in cited] == []
    assert len(uncited) >= 20  # the contested places' forms in Russian and Armenian are there to check


REGION_ROWS = list(csv.DictReader((DATA / "regions" / "names.csv").open(encoding="utf-8", newline="")))
REGIONS = list(
    csv.DictReader(
        line for line in (DATA / "regions" / "regions.csv").open(encoding="utf-8") if not line.startswith("#")
    )
)


def test_every_name_of_a_region_is_cited_and_every_citation_names_one_of_its_names():
    """``data/regions``: each region's names (its name and ``alt_names``) are the names ``names.csv``
    cites for it, each with a web page and a language read; a point cites its source too."""
    names = {(r["id"], n) for r in REGIONS for n in (r["name"], *r["alt_names"].split(";")) if n}
    cited = {(r["place"], r["name"]) for r in REGION_ROWS}
    assert cited <= names and not {(p, n) for p, n in names - cited if NOT_LATIN.search(n)}
    assert all(r["language"] in LANGUAGES and r["source"].startswith(("https://", "http://")) for r in REGION_ROWS)
    assert all(r["coord_source"] and r["population_source"] and float(r["precision_m"]) > 0 for r in REGIONS)
    assert len(REGIONS) >= 16
