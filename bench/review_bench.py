"""How long the review queue takes to page, and a decision to land, as the corpus grows.

``python -m bench.review_bench [ARTICLES]``: a corpus of ARTICLES generated articles (default
100,000), five mentions each, of 20,000 places of which 4,000 only unsure, written straight into SQLite in one go (the
geoparser is not what is measured), then the queue's first and a far page, and a decision on a
mention, on a name in an article and on a name from an outlet of a thousand articles.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from geo.atlas import decisions
from geo.atlas.corpus import Corpus, fingerprint, restat
from geo.model.models import Place
from geo.store.rows import PLACE_COLUMNS, place_row

PLACES = 20_000
#: Places numbered below this are named only unsure: the queue holds them.
UNSURE = 4_000


def build(path: Path, articles: int) -> Corpus:
    corpus = Corpus(path)
    rng = random.Random(7)
    with corpus.writing() as db:
        db.executemany(
            f"INSERT INTO places ({PLACE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                place_row(Place(id=f"p{i}", name=f"Town {i}", kind="town", lat=0, lon=0, coord_source="bench",
                                precision_m=1000))
                for i in range(PLACES)
            ),
        )  # fmt: skip
        now = dt.datetime.now(dt.UTC).isoformat()
        for n in range(articles):
            places = rng.sample(range(PLACES), 5)
            text = " ".join(f"Town {p} said." for p in places)
            outlet = f"Outlet {n % 100}"
            db.execute(
                "INSERT INTO articles (id, outlet, author, date, title, title_is_ours, url, text, saved_at,"
                " fingerprint) VALUES (?, ?, '', '2024-01-01', 't', 1, '', ?, ?, ?)",
                (f"a{n}", outlet, text, now, fingerprint(outlet, text)),
            )
            at = 0
            for p in places:
                name = f"Town {p}"
                db.execute(
                    "INSERT INTO mentions (article, place, paragraph, start, end, text, confirmed)"
                    " VALUES (?, ?, 1, ?, ?, ?, ?)",
                    (f"a{n}", f"p{p}", at, at + len(name), name, int(p >= UNSURE)),
                )
                at += len(name) + 6
        restat(db)  # the counts a save keeps, counted once for the lot
    return corpus


def timed(what: str, call) -> object:
    start = time.perf_counter()
    result = call()
    print(f"{what}: {(time.perf_counter() - start) * 1000:.1f} ms")
    return result


def main(articles: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        corpus = timed(f"build {articles:,} articles", lambda: build(Path(folder) / "corpus.sqlite", articles))
        first = timed("queue, page 1", lambda: decisions.queue(corpus, 1))
        timed(f"queue, page {first.pages // 2} of {first.pages}", lambda: decisions.queue(corpus, first.pages // 2))
        print(f"{first.total:,} unsure places")
        entry = first.entries[0]
        timed("confirm one mention", lambda: decisions.decide(corpus, "confirm", "mention", entry.target))
        name = decisions.Target(entry.target.article, entry.target.name)
        timed("reject a name in an article", lambda: decisions.decide(corpus, "reject", "article", name))
        other = first.entries[1].target
        changed = timed("confirm a name from an outlet", lambda: decisions.decide(corpus, "confirm", "outlet", other))
        print(f"  ({changed} mention(s) changed)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
