"""How fast the geoparser is: gazetteer cold load, and throughput against geotext in the same run.

- cold load: a new Python process imports ``geo.parsing.gazetteer`` and loads the cached index
  (built first if missing); the median of several processes, import included.
- throughput: our ``Geoparser.parse`` (names, resolution, dates) and ``geotext.GeoText``
  (names only) parse the same multi-megabyte texts in rounds, taking turns, on the same machine
  in the same run; the ratio is ours/geotext, of the best round of each, and of the first.
  Two kinds of text: the evaluation texts repeated (the same text every round), and varied
  ones (their paragraphs shuffled, a third of the lowercase words swapped for others and
  lowercase filler sentences mixed in; a new text every round), so that no sentence and few
  contexts around a name repeat, and what the parser remembers of earlier texts helps only
  as much as a stream of new articles would let it.
- floors: finding the names alone (cutting into runs and scanning the distinct ones), and
  cutting the text into runs, which every character passes through.
- ours again with ``geo.parsing.runs`` in Python, as on a machine where ``make`` found no C compiler.

Run ``python bench/geoparse_bench.py [--mb 3] [--runs 3]`` or ``python -m bench.geoparse_bench``.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from geotext import GeoText  # noqa: E402

from geo.atlas.atlas import load_atlas  # noqa: E402
from geo.parsing.gazetteer import load_gazetteer  # noqa: E402
from geo.parsing.geoparse import Geoparser  # noqa: E402
from geo.parsing.runs import Runs  # noqa: E402

COLD_LOAD = (
    "import time; t = time.perf_counter(); from geo.parsing.gazetteer import load_gazetteer; "
    "g = load_gazetteer(); g.index.number('Paris'); print(time.perf_counter() - t)"
)


def cold_load_s(processes: int) -> float:
    """Median seconds for a new process to import the module and load the cached index."""
    load_gazetteer()  # make sure the cache exists, so what is timed is a load, not a build
    times = []
    for _ in range(processes):
        out = subprocess.run([sys.executable, "-c", COLD_LOAD], cwd=ROOT, capture_output=True, text=True, check=True)
        times.append(float(out.stdout))
    return statistics.median(times)


def _evaluation_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "evaluation").rglob("*.txt"))]


def bench_text(megabytes: float) -> str:
    """The evaluation texts, repeated."""
    one = "\n\n".join(_evaluation_texts())
    return "\n\n".join([one] * (int(megabytes * 1_000_000 / len(one)) + 1))


def varied_text(megabytes: float, seed: int = 4) -> str:
    """The evaluation paragraphs shuffled, lowercase words swapped at random, filler mixed in.

    Names and their capitals stay; what is around them changes from copy to copy.
    """
    rng = random.Random(seed)
    paragraphs = [p for t in _evaluation_texts() for p in t.split("\n\n") if p.strip()]
    words = sorted({w for p in paragraphs for w in re.findall(r"\b[a-z]+\b", p)})
    swap = lambda m: rng.choice(words) if rng.random() < 0.33 else m.group(0)  # noqa: E731
    out, size = [], 0
    while size < megabytes * 1_000_000:
        paragraph = re.sub(r"\b[a-z]+\b", swap, rng.choice(paragraphs))
        if rng.random() < 0.5:
            paragraph += " " + " ".join(rng.choices(words, k=rng.randint(8, 30))) + "."
        out.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(out)


def timed(contenders: dict, texts: list[str]) -> dict[str, list[float]]:
    """Seconds of each contender on each text, taking turns text by text, so a slow spell of
    the machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for text in texts:
        for name, run in contenders.items():
            start = time.perf_counter()
            run(text)
            times[name].append(time.perf_counter() - start)
    return times


def scan_only(parser: Geoparser, text: str) -> None:
    """What finding names costs before any is weighed: the floor under ``parse``."""
    parser.read_runs(parser.runs.find(text))


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--mb", type=float, default=3.0, help="size of the text, in megabytes (default 3)")
    args.add_argument("--runs", type=int, default=5, help="rounds; the best counts (default 5)")
    args.add_argument("--processes", type=int, default=5, help="new processes for the cold load (default 5)")
    options = args.parse_args(argv)

    load = cold_load_s(options.processes)
    print(f"gazetteer cold load (new process, cached index): {load:.3f} s (median of {options.processes})")

    places = load_atlas(ROOT / "data").places.values()
    parser, python = Geoparser(places, load_gazetteer()), Geoparser(places, load_gazetteer())
    python.runs = Runs(python.runs.tails, use_compiled=False)
    if not parser.runs.compiled:
        print("geo.parsing._scan is not built (make builds it): both lines of ours are the Python loops")
    parser.parse(bench_text(0.01))  # warm both: first-use caches and index loading are not what is measured
    GeoText(bench_text(0.01))
    repeated = bench_text(options.mb)
    kinds = {
        "the evaluation texts repeated, the same every round": [repeated] * options.runs,
        "the evaluation texts varied, a new text every round": [
            varied_text(options.mb, seed) for seed in range(1, options.runs + 1)
        ],
    }
    for label, texts in kinds.items():
        size_mb = len(texts[0].encode("utf-8")) / 1_000_000
        times = timed(
            {
                "ours": parser.parse,
                "geotext": GeoText,
                "scans": lambda text: scan_only(parser, text),
                "cut": parser.runs.find,
                "python": python.parse,
            },
            texts,
        )
        ours, theirs, scans, cut, slow = (min(times[k]) for k in ("ours", "geotext", "scans", "cut", "python"))
        first = times["geotext"][0] / times["ours"][0]
        print(f"text: {size_mb:.2f} MB, {label} ({options.runs} rounds)")
        print(f"  ours    {size_mb / ours:8.2f} MB/s  ({ours:.3f} s)")
        print(f"  geotext {size_mb / theirs:8.2f} MB/s  ({theirs:.3f} s)")
        print(f"  ratio ours/geotext: {theirs / ours:.2f} (best rounds), {first:.2f} (first round)")
        print(f"  (of ours, finding the names alone: {size_mb / scans:.2f} MB/s;")
        print(f"   cutting the text into runs: {size_mb / cut:.2f} MB/s)")
        print(f"  ours, geo.parsing.runs in Python: {size_mb / slow:.2f} MB/s, ratio {theirs / slow:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
