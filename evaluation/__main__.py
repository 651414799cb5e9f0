"""``python -m evaluation [-v]``: precision, recall and F1 of resolved places, ours and geotext's.

See ``evaluation.scoring`` for what counts as found; ``-v`` lists every miss and every
wrong place per text.
"""

from __future__ import annotations

import sys

from evaluation.scoring import ROOT, SETS, Score, load_set, score_geotext, score_ours
from geo.atlas.atlas import load_atlas
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    places = load_atlas(ROOT.parent / "data").places
    gazetteer = load_gazetteer()
    parser = Geoparser(places.values(), gazetteer)
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
