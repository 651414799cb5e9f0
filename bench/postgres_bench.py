"""The corpus on PostgreSQL against the same corpus in SQLite, in the same run.

Generated articles (``bench.articles``) are geoparsed once, as ``geo import`` keeps their places,
then saved one by one into an SQLite file and into a database on a throwaway PostgreSQL server
(``tests/postgres.py``: Debian's postgresql and postgis packages), each save after the duplicate
check an import makes. Then each corpus is streamed as the export reads it, and its review
queue's first page counted; and the app's store (``geo.store``) asked what the map asks: its
seed written beside the corpus and the places the whole span shows, then, with the seed in place,
those places' counts and the ones in a view, and the busiest place's first page of articles.
Printed: seconds on each, and PostgreSQL's time as a multiple of SQLite's.

    .venv/bin/python -m bench.postgres_bench [--articles 200]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.articles import generate
from geo.atlas import bulk, decisions
from geo.atlas.atlas import load_atlas
from geo.atlas.corpus import Corpus
from geo.atlas.export import streamed
from geo.atlas.intake import ArticleForm
from geo.store.store import Store
from geo.view.reading import ReadingIndex
from tests.postgres import Server, binaries

ROOT = Path(__file__).resolve().parents[1]


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def steps(corpus: Corpus, outcomes: list, seed) -> dict[str, float]:
    """Seconds of each step on one corpus."""

    def save_all() -> None:
        for article, confirmed, events in outcomes:
            if corpus.find_duplicate(article.outlet, article.text) is None:
                corpus.save(article, confirmed, events, seed=seed)

    def export() -> None:
        for _ in streamed(Store(corpus.target, seed, f"bench:{corpus.target}")):
            pass

    return {
        "save, one transaction an article": timed(save_all),
        "export, streamed": timed(export),
        "review queue, first page": timed(lambda: decisions.queue(corpus)),
        **store_steps(corpus, seed),
    }


def store_steps(corpus: Corpus, seed) -> dict[str, float]:
    """Seconds of the map's questions to the store over one corpus."""
    store = Store(corpus.target, seed, f"bench:{corpus.target}:{time.time()}")  # a seed not written yet
    first = timed(lambda: store.visible_places(None, None))
    shown = store.visible_places(None, None)

    def map_view() -> None:
        fresh = store.narrowed()  # nothing cached
        places = fresh.visible_places(None, None)
        fresh.stats(places)
        fresh.in_bounds(places, (35.0, 40.0, 45.0, 50.0))

    busiest = max(shown, key=store.place_articles_count)
    return {
        "store: seed written, places shown": first,
        "store: the map's places, counts and view": timed(map_view),
        "store: busiest place's first page": timed(lambda: ReadingIndex(store.narrowed()).reading(busiest).page(0)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.postgres_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args(argv)
    found = binaries()
    if found is None:
        print("PostgreSQL with PostGIS is not installed (apt-get install postgresql postgresql-15-postgis-3)")
        return 1
    seed = load_atlas(ROOT / "data")
    parser_ = bulk._geoparser(str(ROOT / "data"))
    outcomes = [bulk.outcome(parser_, ArticleForm.model_validate(r)) for r in generate(args.articles, seed=7)]
    outcomes = [o for o in outcomes if not isinstance(o, str)]
    mentions = sum(len(s.spans) for _, confirmed, _ in outcomes for s in confirmed)
    server = Server(found)
    try:
        server.start()
        with tempfile.TemporaryDirectory() as folder:
            sqlite = steps(Corpus(Path(folder) / "corpus.sqlite"), outcomes, seed)
        postgres = steps(Corpus(server.database()), outcomes, seed)
    finally:
        server.stop()
    print(f"{len(outcomes)} articles, {mentions} mentions; seconds (PostgreSQL ÷ SQLite)")
    print("| | SQLite | PostgreSQL | ratio |\n|---|---|---|---|")
    for step, seconds in sqlite.items():
        print(f"| {step} | {seconds:.2f} | {postgres[step]:.2f} | {postgres[step] / seconds:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
