"""`python -m geo add` and `resolve`: the Add article page's flow from the shell."""

from __future__ import annotations

import json

import pytest

from geo.cli import main

#: Each command reads or writes the corpus.
pytestmark = pytest.mark.store

TEXT = "Officials met in Stepanakert on December 5, 2022.\n\nThen in Portland, Maine and in Paris, Texas.\n"


@pytest.fixture
def article(tmp_path):
    """The story to add (the session's corpus starts empty, as in every test marked ``store``)."""
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def exported(capsys) -> dict:
    capsys.readouterr()
    assert main(["export"]) == 0
    return {f["id"]: f["properties"] for f in json.loads(capsys.readouterr().out)["features"]}


def test_an_added_article_is_in_the_export_with_its_source(article, capsys):
    assert main(["add", str(article), "--outlet", "Example Times", "--date", "2022-12-20"]) == 0
    assert "saved as example-times-2022-12-20-" in capsys.readouterr().out
    places = exported(capsys)
    (passage,) = places["geonames-4975802"]["passages"]  # Portland, Maine
    assert passage["source"] == {"outlet": "Example Times", "author": "", "date": "2022-12-20", "language": "en"}
    assert [p["source"]["outlet"] for p in places["khankendi"]["passages"]] == ["Azernews", "Azernews", "Example Times"]
    assert "2022-12-05" in [e["date_start"] for e in places["khankendi"]["events"]]


def test_corrections_pick_another_place_or_reject_one(article, capsys):
    args = ["add", str(article), "--outlet", "X", "--date", "2022-12-20"]
    assert main([*args, "--pick", "Paris=geonames-2988507", "--reject", "Portland"]) == 0
    places = exported(capsys)
    assert "geonames-2988507" in places  # Paris, France, as the reader said
    assert "geonames-4975802" not in places


def test_a_dry_run_saves_nothing(article, capsys):
    assert main(["add", str(article), "--outlet", "X", "--date", "2022-12-20", "--dry-run"]) == 0
    assert "khankendi\tKhankendi" in capsys.readouterr().out
    assert len(exported(capsys)) == 7


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2022-13-01"], "date: "),
        (["--date", "2022-12-20", "--pick", "Paris"], "--pick 'Paris': write NAME=ID"),
        (["--date", "2022-12-20", "--reject", "Atlantis"], "no place was found under the name 'Atlantis'"),
        (["--date", "2022-12-20", "--url", "ftp://x"], "url: the address must start with http:// or https://"),
    ],
)
def test_bad_values_are_one_line_and_save_nothing(article, capsys, extra, message):
    assert main(["add", str(article), "--outlet", "X", *extra]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and message in err[0]
    assert len(exported(capsys)) == 7


def test_resolve_goes_down_the_chain(capsys):
    assert main(["resolve", "Berdzor"]) == 0
    assert capsys.readouterr().out.startswith("lachin\tLachin\tAZ\t")
    assert main(["resolve", "Portland"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("geonames-5746545\tPortland\tOR, US") and first.endswith("(gazetteer)")
    assert main(["resolve", "Qwzzzq"]) == 2


def test_a_saved_place_does_not_decide_how_later_articles_read_a_name(article, tmp_path, capsys):
    illinois = tmp_path / "illinois.txt"
    illinois.write_text("The governor spoke in Springfield, Illinois.", encoding="utf-8")
    assert main(["add", str(illinois), "--outlet", "X", "--date", "2022-12-20"]) == 0
    massachusetts = tmp_path / "massachusetts.txt"
    massachusetts.write_text("The mayor of Springfield, Massachusetts, spoke.", encoding="utf-8")
    capsys.readouterr()
    assert main(["geoparse", str(massachusetts)]) == 0
    ids = [f["id"] for f in json.loads(capsys.readouterr().out)["features"]]
    assert "geonames-4951788" in ids and "geonames-4250542" not in ids


def test_places_counts_the_articles_naming_each_place(article, capsys):
    """`places` is the Places page's table: Khankendi, named by the seed and the added story."""
    assert main(["add", str(article), "--outlet", "Example Times", "--date", "2022-12-20"]) == 0
    saved = capsys.readouterr().out.split("saved as ", 1)[1].split()[0]

    def rows(*extra):
        assert main(["places", *extra]) == 0
        lines = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
        assert lines[0] == ["id", "name", "kind", "articles", "passages", "events", "confirmed"]
        return {line[0]: line[3:] for line in lines[1:]}

    everything = rows()
    # 2 Azernews paragraphs and 1 of the story; an event each; curated, so drawn as a fact
    assert everything["khankendi"] == ["2", "3", "2", "yes"]
    assert everything["geonames-4975802"][0] == "1" and everything["geneva"][0] == "1"  # Portland, Maine
    only_story = rows("--article", saved)
    assert only_story["khankendi"][:2] == ["1", "1"] and "geneva" not in only_story
    assert main(["places", "--article", "no-such-article"]) == 2


def test_articles_lists_them_and_remove_takes_a_saved_one_out(article, capsys):
    assert main(["add", str(article), "--outlet", "Example Times", "--date", "2022-12-20"]) == 0
    saved = capsys.readouterr().out.split("saved as ", 1)[1].split()[0]
    assert main(["articles"]) == 0
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()[1:]]
    assert [(row[0], row[-1]) for row in listed] == [
        ("azernews-2023-02-28-icrc-lachin-road", "data folder"),
        (saved, "corpus"),
    ]
    assert main(["remove", saved]) == 0
    # Stepanakert, Portland and Paris, and the states Maine and Texas, kept as areas
    assert capsys.readouterr().out == f"removed {saved}: 5 mention(s), 1 event(s)\n"
    assert "geonames-4975802" not in exported(capsys)  # Portland, Maine: only that story named it
    assert main(["remove", saved]) == 2
    assert "no saved article" in capsys.readouterr().err
    assert main(["remove", "azernews-2023-02-28-icrc-lachin-road"]) == 2
    assert "is a seed article" in capsys.readouterr().err


def test_search_finds_saved_places_beside_the_curated_ones(article, capsys):
    assert main(["search", "Portland"]) == 0
    assert capsys.readouterr().out == ""  # the seed names no Portland
    assert main(["add", str(article), "--outlet", "Example Times", "--date", "2022-12-20"]) == 0
    capsys.readouterr()
    assert main(["search", "portland"]) == 0
    assert capsys.readouterr().out.startswith("geonames-4975802\tPortland\t")
    assert main(["search", "Stepanakert"]) == 0  # a curated place saved with the article is still the curated one
    assert capsys.readouterr().out.splitlines()[0].startswith("khankendi\tKhankendi\tXankəndi")
