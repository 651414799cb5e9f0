"""`python -m geo export`: the whole atlas as CONTRACTS.md describes it."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest

from geo.cli import main

#: Each export reads the corpus.
pytestmark = pytest.mark.store


def export(capsys, *args) -> str:
    assert main(["export", *args]) == 0
    return capsys.readouterr().out


def test_geojson_has_every_place_with_names_provenance_passages_and_events(capsys):
    collection = json.loads(export(capsys, "--format", "geojson"))
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert len(features) == 7
    for feature in features.values():
        props = feature["properties"]
        assert re.fullmatch(r"[a-z0-9-]+", feature["id"]) and props["id"] == feature["id"]
        assert {"name", "alt_names", "kind", "coord_source", "precision_m", "passages", "events"} <= set(props)
        for passage in props["passages"]:
            assert passage["text"] and passage["paragraph"] >= 1
            assert passage["source"] == {
                "outlet": "Azernews", "author": "Sabina Mammadli", "date": "2023-02-28", "language": "en",
            }  # fmt: skip
    khankendi = features["khankendi"]
    assert khankendi["geometry"] == {"type": "Point", "coordinates": [46.7528, 39.8177]}  # [lon, lat]
    assert "Stepanakert" in khankendi["properties"]["alt_names"]
    road = features["lachin-khankendi-road"]
    assert road["geometry"]["type"] == "LineString"
    (protest,) = road["properties"]["events"]
    assert protest == {
        "id": "protest-2022-12-12",
        "article": "azernews-2023-02-28-icrc-lachin-road",
        "date_start": "2022-12-12",
        "date_end": None,
        "ongoing": True,
        "summary": protest["summary"],
    }


def test_csv_is_the_same_atlas_as_a_table(capsys):
    table = pd.read_csv(io.StringIO(export(capsys, "--format", "csv")))
    assert len(table) == 7
    row = table.set_index("id").loc["gizilbulagh-gold-deposit"]
    assert "Drmbon" in row["alt_names"].split(";")
    assert [p["paragraph"] for p in json.loads(row["passages"])] == [8, 9, 10]


def test_out_writes_a_whole_file(tmp_path, capsys):
    target = tmp_path / "atlas.geojson"
    assert main(["export", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert list(tmp_path.iterdir()) == [target]


def test_an_unwritable_out_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "missing" / "atlas.geojson")]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_the_date_range_and_article_filters_narrow_the_export(capsys):
    collection = json.loads(export(capsys, "--from", "2022-12-09", "--to", "2022-12-11"))
    assert sorted(f["id"] for f in collection["features"]) == [
        "damirli-copper-molybdenum-deposit",
        "gizilbulagh-gold-deposit",
    ]
    assert main(["export", "--from", "2022-12-12", "--to", "2022-12-11"]) == 2
    assert main(["export", "--article", "no-such-article"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 2


def test_show_prints_a_place_with_its_highlighted_passages(capsys):
    assert main(["show", "gizilbulagh-gold-deposit"]) == 0
    out = capsys.readouterr().out
    assert "within 2500 m — estimate: point of the village Drmbon/Heyvalı" in out
    assert "Azernews, Sabina Mammadli, 2023-02-28 · English, paragraph 9" in out
    assert "the '[Gizilbulagh]' gold deposit" in out


def test_search_finds_a_place_by_any_name(capsys):
    assert main(["search", "Berdzor"]) == 0
    assert capsys.readouterr().out.startswith("lachin\tLachin\t")
