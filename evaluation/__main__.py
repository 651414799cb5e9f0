"""``python -m evaluation [--corpus own|lgl|gwn|all] [-v] [--samples N]``: ours beside geotext.

- ``own``: the project's annotated texts (``evaluation.scoring``): precision, recall and F1 of
  resolved places by id; ``-v`` lists every miss and every wrong place per text.
- ``ru``, ``hy``: Russian (factRuEval-2016) and Armenian (pioNER) news and encyclopaedia texts in
  ``../shared/benchmarks/ml``: recognition and throughput of ours alone (no gold points; geotext
  reads English only).
- ``lgl``, ``gwn``: the public corpora in ``../shared/benchmarks`` (``evaluation.corpora``):
  recognition, resolution (``sites``: acc@161 of the mentions resolved to towns and sites) and
  throughput; ``--samples N`` prints N errors of each class. Then the dots (what the map draws
  as fact: ``evaluation.scoring.Dots``) and, for ours, confidence against the share right.
  When the folder is absent, one line says so and the rest is still scored.
"""

from __future__ import annotations

import argparse
import random
import sys

from evaluation.corpora import (
    BENCHMARKS,
    CORPORA,
    RECOGNITION_ONLY,
    CorpusScore,
    fresh_parser,
    geotext,
    load_corpus,
    ours,
    race,
    run,
)
from evaluation.scoring import ROOT, SETS, Score, load_set, score_geotext, score_ours
from geo.atlas.atlas import load_atlas
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser


def own_table(parser: Geoparser, places: dict, verbose: bool) -> None:
    gazetteer = parser.gazetteer
    rows = []
    totals = {"ours": Score(), "geotext": Score()}
    count = 0
    for label, folder in SETS.items():
        cases = load_set(folder)
        count += len(cases)
        scores = {"ours": Score(), "geotext": Score()}
        for case in cases:
            for system, (score, wrong, missed) in (
                ("ours", score_ours(case, parser)),
                ("geotext", score_geotext(case, gazetteer, places)),
            ):
                scores[system].add(score)
                if verbose and (wrong or missed):
                    print(f"{label}/{case.name} {system}: wrong {wrong}, missed {missed}")
        for system, score in scores.items():
            totals[system].add(score)
            rows.append((label, len(cases), system, score))
    rows += [("all", count, system, score) for system, score in totals.items()]
    print(f"{'set':<9} {'texts':>5}  {'system':<8} {'TP':>4} {'FP':>4} {'FN':>4}  {'P':>5} {'R':>5} {'F1':>5}")
    for label, n, system, s in rows:
        print(
            f"{label:<9} {n:>5}  {system:<8} {s.tp:>4} {s.fp:>4} {s.fn:>4}  "
            f"{s.precision:>5.3f} {s.recall:>5.3f} {s.f1:>5.3f}"
        )


HEADER = (
    f"{'corpus':<7} {'system':<8} {'docs':>5} {'P':>5} {'R':>5} {'F1':>5} {'acc161':>6} {'sites':>6} {'med km':>7} "
    f"{'mean km':>8} {'AUC':>5} {'docs/s':>7} {'MB/s':>6}"
)


def corpus_line(corpus: str, system: str, s: CorpusScore) -> str:
    return (
        f"{corpus:<7} {system:<8} {s.docs:>5} {s.precision:>5.3f} {s.recall:>5.3f} {s.f1:>5.3f} "
        f"{s.acc161:>6.3f} {s.sites_acc161:>6.3f} "
        f"{s.median_km:>7.1f} {s.mean_km:>8.1f} {s.auc:>5.3f} {s.docs_per_s:>7.0f} {s.mb_per_s:>6.2f}"
    )


def recognition_line(corpus: str, s: CorpusScore) -> str:
    """A corpus without gold points: recognition and speed, the other columns left blank."""
    blank = f"{'-':>6} {'-':>6} {'-':>7} {'-':>8} {'-':>5}"
    return (
        f"{corpus:<7} {'ours':<8} {s.docs:>5} {s.precision:>5.3f} {s.recall:>5.3f} {s.f1:>5.3f} "
        f"{blank} {s.docs_per_s:>7.0f} {s.mb_per_s:>6.2f}"
    )


def dots_line(corpus: str, system: str, s: CorpusScore) -> str:
    d = s.dots
    return f"{corpus:<7} {system:<8} {d.dots:>6} {d.right:>6} {d.precision:>6.3f}"


def reliability_lines(corpus: str, s: CorpusScore) -> list[str]:
    """Confidence bins against the share right, all mentions and towns and sites apart."""
    lines = [f"{corpus}: confidence   mentions  right   sites  right"]
    for lo, hi, n, share, sites, sites_share in s.reliability.rows():
        lines.append(f"  {lo:.2f}–{hi:.2f}   {n:>8} {share:>6.3f} {sites:>7} {sites_share:>6.3f}")
    n, share = s.reliability.at_least(0.8)
    sites, sites_share = s.reliability.at_least(0.8, sites=True)
    lines.append(f"  ≥ 0.80      {n:>8} {share:>6.3f} {sites:>7} {sites_share:>6.3f}")
    return lines


def print_samples(misses: list, n: int) -> None:
    """A few errors of each class, the same ones from run to run (a fixed seed)."""
    rng = random.Random(9)
    for kind in ("fp", "fn", "far"):
        of_kind = [m for m in misses if m[1] == kind]
        print(f"-- {kind}: {len(of_kind)}")
        for m in rng.sample(of_kind, min(n, len(of_kind))):
            doc, (start, end, *_) = m[0], m[2]
            around = doc.text[max(0, start - 40) : end + 40].replace("\n", " ")
            extra = f" {m[4]:.0f} km, gold {m[3][2]}, ours {m[2][2]}" if kind == "far" else ""
            print(f"   {doc.id}: {doc.text[start:end]!r}{extra} … {around!r}")


def main(argv: list[str]) -> int:
    args = argparse.ArgumentParser(prog="python -m evaluation")
    args.add_argument("--corpus", choices=["own", *CORPORA, "all"], default="all")
    args.add_argument("-v", "--verbose", action="store_true")
    args.add_argument("--samples", type=int, default=0, metavar="N")
    args.add_argument("--rounds", type=int, default=3, help="timed passes per system, the best kept")
    opts = args.parse_args(argv)
    places = load_atlas(ROOT.parent / "data").places
    gazetteer = load_gazetteer()
    parser = Geoparser(places.values(), gazetteer)
    if opts.corpus in ("own", "all"):
        own_table(parser, places, opts.verbose)
    keys = list(CORPORA) if opts.corpus == "all" else [opts.corpus] if opts.corpus in CORPORA else []
    lines, dots, reliability = [], [], []
    for key in keys:
        docs = load_corpus(key)
        if docs is None:
            print(f"{BENCHMARKS / CORPORA[key]}: not found, {key} not scored", file=sys.stderr)
            continue
        misses: list | None = [] if opts.samples else None
        if key in RECOGNITION_ONLY:
            seconds = race(docs, {"ours": lambda: ours(fresh_parser(places.values(), gazetteer))}, opts.rounds)
            lines.append(recognition_line(key, run(docs, ours(parser), misses, seconds["ours"])))
            if misses is not None:
                print(f"== {key}")
                print_samples(misses, opts.samples)
            continue
        seconds = race(
            docs,
            {"ours": lambda: ours(fresh_parser(places.values(), gazetteer)), "geotext": lambda: geotext(gazetteer)},
            opts.rounds,
        )
        ours_score = run(docs, ours(parser), misses, seconds["ours"])
        theirs = run(docs, geotext(gazetteer), seconds=seconds["geotext"])
        lines += [corpus_line(key, "ours", ours_score), corpus_line(key, "geotext", theirs)]
        dots += [dots_line(key, "ours", ours_score), dots_line(key, "geotext", theirs)]
        reliability += reliability_lines(key, ours_score)
        lines.append(f"{key:<7} docs/s, ours ÷ geotext: {ours_score.docs_per_s / max(1e-9, theirs.docs_per_s):.2f}×")
        if misses is not None:
            print(f"== {key}")
            print_samples(misses, opts.samples)
    if lines:
        print(HEADER, *lines, sep="\n")
    if dots:
        print(f"\n{'corpus':<7} {'system':<8} {'dots':>6} {'right':>6} {'dot P':>6}", *dots, sep="\n")
        print("", *reliability, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
