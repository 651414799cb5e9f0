"""How long a text just under the 2 MB limit takes to become a review, against a tenth of it.

``geo add --dry-run`` does for any text what the Add article page does: the geoparse, the
first choice for every place found, and the events of every paragraph that names one. A text
packed with place names and dates ("On 12 March 2023 troops reached Aba near Zug.") makes
the most of each; before issue 10 the events took time growing with dates × paragraphs and
confirmed places × their mentions, so a 2 MB text took minutes. Both texts are parsed in
the same run; the ratio 2 MB / 200 kB is 10 for work that grows linearly, 100 for quadratic.

Run ``python bench/long_text_bench.py [--runs 2]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from geo.atlas import review  # noqa: E402
from geo.atlas.atlas import load_atlas  # noqa: E402
from geo.atlas.intake import MAX_TEXT_BYTES  # noqa: E402
from geo.parsing.gazetteer import load_gazetteer  # noqa: E402
from geo.parsing.geoparse import Geoparser  # noqa: E402


def dense_text(size: int, gazetteer, seed: int = 10) -> str:
    """Sentences of place names and dates, a paragraph break every ten or so, ``size`` bytes at most."""
    rng = random.Random(seed)
    names = [gazetteer.row(i).name for i in range(0, len(gazetteer), 7) if gazetteer.row(i).name.isascii()]
    out, length = [], 0
    while True:
        day, a, b = rng.randint(1, 28), rng.choice(names), rng.choice(names)
        sentence = f"On {day} March 2023 troops reached {a} near {b}." + ("\n\n" if rng.random() < 0.1 else " ")
        if length + len(sentence.encode()) > size:
            return "".join(out)
        out.append(sentence)
        length += len(sentence.encode())


def review_time(parser: Geoparser, text: str) -> float:
    """Seconds from text to review: parse, first choices, suggested events (no saving)."""
    start = time.perf_counter()
    result = parser.parse(text)
    choices = review.initial_choices(result.places)
    review.suggested_events(text, result.dates, review.confirmed_of(choices))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=2)
    args = options.parse_args(argv)
    gazetteer = load_gazetteer()
    parser = Geoparser(load_atlas(ROOT / "data").places.values(), gazetteer)
    big = dense_text(MAX_TEXT_BYTES - 10_000, gazetteer)
    small = dense_text(len(big.encode()) // 10, gazetteer)
    for run in range(1, args.runs + 1):
        parser._read = {}  # what the parser remembers of earlier texts would flatter later runs
        tenth = review_time(parser, small)
        parser._read = {}
        whole = review_time(parser, big)
        print(
            f"run {run}: {len(big.encode()) / 1e6:.2f} MB in {whole:.1f} s, a tenth of it in {tenth:.2f} s; "
            f"ratio {whole / tenth:.1f} (linear 10, quadratic 100)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
