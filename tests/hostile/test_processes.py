"""Families 7, 8 and 11: kill -9 in the middle of saves (20 rounds), 8 writers at once (3 rounds),
and the same article saved 24 times, in real processes (forked, so they start at once) on one
SQLite file. A save lands whole or not at all; every save that returned landed, under an id of
its own; the same outlet and text land once, the other saves refused."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import signal
import sqlite3
import time

from geo.atlas.corpus import Confirmed, Corpus, DuplicateArticle
from geo.model.models import Article, Place

MENTIONS = 300  # per article: a save is one transaction long enough to be cut in the middle
TOWN = Place(id="stepanakert", name="Stepanakert", kind="city", lat=39.8, lon=46.7, coord_source="t", precision_m=1)
FORK = multiprocessing.get_context("fork")


def save(path, writer: str, count: int, said) -> None:
    """Save ``count`` articles that all want the id "same-story", telling ``said`` each id; a
    writer named "same" saves one text, refusing it if it is saved already."""
    corpus = Corpus(path)
    said.send("ready")
    for n in range(count):
        if writer == "same":
            try:
                text = "The same story, told in Stepanakert."
                article = Article(id="same-story", outlet="X", date=dt.date(2023, 1, 2), title="T", text=text)
                said.send(corpus.save(article, [Confirmed(TOWN, ((25, 36),))]))
            except DuplicateArticle:
                said.send("refused")
            continue
        lead = f"{writer} {n} "
        text = lead + "Stepanakert. " * MENTIONS
        spans = tuple((len(lead) + i * 13, len(lead) + i * 13 + 11) for i in range(MENTIONS))
        article = Article(id="same-story", outlet="X", date=dt.date(2023, 1, 2), title="T", text=text)
        said.send(corpus.save(article, [Confirmed(TOWN, spans)]))


def start(path, writer: str, count: int):
    mine, theirs = FORK.Pipe(duplex=False)
    process = FORK.Process(target=save, args=(path, writer, count, theirs), daemon=True)
    process.start()
    theirs.close()
    return process, mine


def heard(pipe) -> list[str]:
    said = []
    while pipe.poll(0):
        try:
            said.append(pipe.recv())
        except (EOFError, OSError):  # a message cut short by the kill
            break
    return said


def whole(path) -> dict[str, int]:
    """Every saved article with its number of mentions, after SQLite's own integrity check."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = [r[0] for r in db.execute("SELECT id FROM articles")]
        counts = dict(db.execute("SELECT article, count(*) FROM mentions GROUP BY article").fetchall())
    return {i: counts.get(i, 0) for i in ids}


def test_kill_9_during_saves_leaves_no_half_article(tmp_path):
    path = tmp_path / "corpus.sqlite"
    rng = random.Random(10)
    for round_ in range(20):
        process, pipe = start(path, f"w{round_}", 1000)
        assert pipe.recv() == "ready"
        time.sleep(rng.uniform(0.01, 0.15))
        os.kill(process.pid, signal.SIGKILL)
        process.join(10)
        assert process.exitcode == -signal.SIGKILL, "the writer finished before it was killed"
        reported = set(heard(pipe)) - {"ready"}
        articles = whole(path)
        assert set(articles.values()) <= {MENTIONS}, "a save was cut in half"
        assert reported <= set(articles), "a save that returned did not land"
    assert articles, "no save landed between the kills: nothing was checked"


def test_eight_writers_at_once_all_land_with_ids_of_their_own(tmp_path):
    path = tmp_path / "corpus.sqlite"
    Corpus(path)
    landed: list[str] = []
    for round_ in range(3):
        writers = [start(path, f"r{round_}w{i}", 1) for i in range(8)]
        for process, pipe in writers:
            process.join(60)
            assert process.exitcode == 0
            landed += heard(pipe)[1:]
    assert len(landed) == 24 == len(set(landed))
    assert whole(path) == dict.fromkeys(landed, MENTIONS)


def test_the_same_article_saved_24_times_at_once_lands_once(tmp_path):
    path = tmp_path / "corpus.sqlite"
    Corpus(path)
    said: list[str] = []
    for _ in range(3):
        writers = [start(path, "same", 1) for _ in range(8)]
        for process, pipe in writers:
            process.join(60)
            assert process.exitcode == 0
            said += heard(pipe)[1:]
    assert sorted(said) == ["refused"] * 23 + ["same-story"]
    assert whole(path) == {"same-story": 1}
