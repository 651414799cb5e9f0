"""`python -m geo import`: many articles a line each, in worker processes, rerunnable after kill -9.

The corpus-level tests run on both backends (``corpus_target``): SQLite, and the tests' PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

from bench.articles import generate
from geo.atlas.corpus import Corpus
from geo.atlas.database import connect
from geo.cli import main
from geo.model.errors import ServerError
from tests.conftest import ROOT
from tests.whole import merged_with


def write_lines(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def saved_texts(target) -> list[tuple[str, str]]:
    with closing(connect(target)) as db:
        return [tuple(row) for row in db.execute("SELECT outlet, text FROM articles ORDER BY rowid")]


def test_good_lines_are_saved_bad_ones_reported_and_duplicates_skipped(corpus_target, tmp_path, capsys):
    good = list(generate(4, seed=3))
    source = tmp_path / "news.jsonl"
    lines = [
        json.dumps(good[0]),
        "{not json",
        json.dumps({**good[1], "outlet": ""}),
        json.dumps(good[1]),
        "",
        json.dumps({**good[2], "date": "2022-02-30"}),
        json.dumps({**good[2], "outlt": "typo"}),
        json.dumps(good[2]),
        json.dumps(good[0]),  # the same article again in the same file
        json.dumps([1, 2]),
        json.dumps({**good[3], "author": 7}),
        json.dumps(good[3]),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(source), "--workers", "2"]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{source}:2: column 2: not JSON: Expecting property name enclosed in double quotes",
        f"{source}:3: outlet: is required",
        f"{source}:6: date: Input should be a valid date or datetime, day value is outside expected range",
        f"{source}:7: outlt: unknown field (the fields are text, outlet, date, author, url, title, language)",
        f"{source}:10: -: a JSON object is expected, not list",
        f"{source}:11: author: must be a string",
    ]
    assert out == "imported 4 article(s); 1 already in the corpus, skipped; 6 bad line(s)\n"
    assert saved_texts(corpus_target) == [(r["outlet"], r["text"]) for r in good]
    # Run again: every good line is already there.
    assert main(["import", str(source), "--workers", "1"]) == 2
    assert capsys.readouterr().out == "imported 0 article(s); 5 already in the corpus, skipped; 6 bad line(s)\n"
    assert len(saved_texts(corpus_target)) == 4


def test_an_import_is_what_add_would_save(corpus_target, tmp_path, capsys):
    """Same defaults as add: towns and areas kept, the same events; read from standard input."""
    (record,) = generate(1, seed=11)
    story = tmp_path / "story.txt"
    story.write_text(record["text"], encoding="utf-8")
    assert main(["add", str(story), "--outlet", "Elsewhere", "--date", record["date"], "--dry-run"]) == 0
    expected = capsys.readouterr().out.splitlines()
    source = tmp_path / "one.jsonl"
    write_lines(source, [record])
    with source.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "geo", "import", "-", "--workers", "1"], cwd=ROOT, stdin=stdin, capture_output=True
        )
    assert done.returncode == 0, done.stderr
    (article_id,) = merged_with(Corpus(), _seed()).articles.keys() - _seed().articles.keys()
    atlas = merged_with(Corpus(), _seed())
    places = {pid for pid in atlas.places if atlas.passages(pid, [article_id])}
    assert places == {line.split("\t")[0] for line in expected if not line.startswith("event ")}
    assert len([e for e in atlas.events.values() if e.article == article_id]) == sum(
        line.startswith("event ") for line in expected
    )


def _seed():
    from geo.atlas.atlas import load_atlas

    return load_atlas(ROOT / "data")


def test_add_of_a_saved_article_says_so_and_saves_nothing(corpus_target, tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("Officials met in Stepanakert on December 5, 2022.\n", encoding="utf-8")
    args = ["add", str(story), "--outlet", "Example Times", "--date", "2022-12-20"]
    assert main(args) == 0
    saved = capsys.readouterr().out.split("saved as ", 1)[1].strip()
    assert Corpus().find_duplicate(" Example Times", "Officials met in Stepanakert on December 5, 2022.\n\n") == saved
    assert Corpus().find_duplicate("Other Times", "Officials met in Stepanakert on December 5, 2022.") is None
    assert main(args) == 2
    said = capsys.readouterr().err
    assert said == f"{story}: already in the corpus as {saved} (same outlet and text); nothing saved\n"
    assert main([*args[:3], "Other Times", *args[4:]]) == 0  # another outlet's copy is another article
    assert len(saved_texts(corpus_target)) == 2


def count(target) -> int:
    try:
        with closing(connect(target)) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except (sqlite3.OperationalError, ServerError):  # not created yet
        return 0


def test_an_import_killed_mid_way_leaves_whole_articles_and_runs_again(corpus_target, tmp_path):
    records = list(generate(1000, seed=5))  # more than one commit: see bulk.COMMIT_WITHIN
    source = tmp_path / "many.jsonl"
    write_lines(source, records)
    command = [sys.executable, "-m", "geo", "import", str(source), "--workers", "2"]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while count(corpus_target) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the importer and its workers, at once
    process.communicate()
    before = count(corpus_target)
    assert 5 <= before < len(records), "the import should have been killed part-way"
    with closing(connect(corpus_target)) as db:  # no article without its mentions: each save was whole
        (whole,) = db.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article FROM mentions)").fetchone()
    assert whole == 0
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout == (
        f"imported {len(records) - before} article(s); {before} already in the corpus, skipped; 0 bad line(s)\n"
    )
    assert sorted(saved_texts(corpus_target)) == sorted((r["outlet"], r["text"]) for r in records)


def test_an_unreadable_file_or_bad_workers_is_one_line(empty_corpus, tmp_path, capsys):
    assert main(["import", str(tmp_path / "missing.jsonl")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'missing.jsonl'}: cannot read: ")
    assert main(["import", str(tmp_path / "missing.jsonl"), "--workers", "0"]) == 2
    assert capsys.readouterr().err == "--workers 0: at least 1\n"


def test_the_add_article_page_says_an_article_is_saved_already(empty_corpus, tmp_path, capsys):
    from streamlit.testing.v1 import AppTest

    from ui.markup import md

    text = "Officials met in Stepanakert on December 5, 2022."
    story = tmp_path / "story.txt"
    story.write_text(text, encoding="utf-8")
    assert main(["add", str(story), "--outlet", "Example Times", "--date", "2022-12-20"]) == 0
    saved = capsys.readouterr().out.split("saved as ", 1)[1].strip()

    def reviewed(outlet: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "pages" / "4_Add_article.py"), default_timeout=120)
        at.run()
        at.text_area(key="add.text").input(text)  # the whole form at once, sent by its button
        fields = {t.label.split(" *")[0].split(" (")[0]: t for t in at.text_input}
        fields["Outlet"].input(outlet)
        fields["Date of publication"].input("2022-12-20")
        next(b for b in at.button if b.label == "Find places").click().run()
        assert not at.exception
        return at

    duplicate = reviewed("Example Times")
    assert [w.value for w in duplicate.warning] == [
        f"This article (same outlet and text) is already in the corpus as [{md(saved)}](./Article?article={saved})."
    ]
    assert "Save to the atlas" not in [b.label for b in duplicate.button]
    other = reviewed("Other Times")
    assert not other.warning
    assert [b.disabled for b in other.button if b.label == "Save to the atlas"] == [False]


def test_an_imported_hard_wrapped_text_is_saved_with_its_lines_joined(corpus_target, tmp_path, capsys):
    record = {
        "text": "Talks were held in the\ncity of Geneva on Monday.\nThey ended.",
        "outlet": "Wire",
        "date": "2023-03-01",
    }
    source = tmp_path / "news.jsonl"
    write_lines(source, [record])
    assert main(["import", str(source), "--workers", "1"]) == 0
    capsys.readouterr()
    assert saved_texts(corpus_target) == [("Wire", "Talks were held in the city of Geneva on Monday.\nThey ended.")]


def test_an_import_keeps_the_countries_and_provinces_an_article_names(corpus_target, tmp_path, capsys):
    """A story about Spain maps Spain: areas are kept (unconfirmed when the parser is unsure), not dropped."""
    record = {
        "text": "Spain will change its time zone on 1 March 2023, the government said.\n\n"
        "Farmers in KwaZulu-Natal protested on 2 March 2023.",
        "outlet": "Wire",
        "date": "2023-03-03",
    }
    source = tmp_path / "news.jsonl"
    write_lines(source, [record])
    assert main(["import", str(source), "--workers", "1"]) == 0
    assert "no place found" not in capsys.readouterr().out
    atlas = merged_with(Corpus(), _seed())
    (article_id,) = atlas.articles.keys() - _seed().articles.keys()
    kinds = {atlas.places[p].name: atlas.places[p].kind for p in atlas.places if atlas.passages(p, [article_id])}
    assert kinds == {"Spain": "country", "KwaZulu-Natal": "admin"}
    dated = {p for e in atlas.events.values() if e.article == article_id for p in e.places}
    assert {atlas.places[p].name for p in dated} == {"Spain", "KwaZulu-Natal"}


def test_shards_are_one_import_and_an_article_in_two_is_saved_once(empty_corpus, tmp_path, capsys):
    first, second, third = (tmp_path / f"shard-{n}.jsonl" for n in (1, 2, 3))
    records = list(generate(5, seed=21))
    write_lines(first, records[:3])
    second.write_text(f"{json.dumps(records[2])}\n{{broken\n{json.dumps(records[3])}\n", encoding="utf-8")
    write_lines(third, records[4:])
    assert main(["import", str(first), str(second), str(third), "--workers", "2"]) == 2
    out, err = capsys.readouterr()
    assert err == f"{second}:2: column 2: not JSON: Expecting property name enclosed in double quotes\n"
    assert out == "imported 5 article(s); 1 already in the corpus, skipped; 1 bad line(s)\n"
    assert saved_texts(empty_corpus) == [(r["outlet"], r["text"]) for r in records]
    # One shard again, and one unreadable: nothing is imported, the missing file named.
    assert main(["import", str(first), str(tmp_path / "missing.jsonl")]) == 2
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'missing.jsonl'}: cannot read: ")
    assert main(["import", str(third), "-", "-"]) == 2
    assert capsys.readouterr().err == "- (standard input) can be read once\n"
