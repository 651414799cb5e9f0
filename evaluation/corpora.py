"""Scoring on the public news corpora in ``../shared/benchmarks`` (LGL, GeoWebNews), read in place.

The rules are the ones that corpora's README states, so figures compare with published ones:

- recognition: a predicted mention is one ``[start, end]`` span of one found place; it matches a
  gold toponym when the spans overlap, one-to-one, largest overlap first; P/R/F1 over all
  mentions of the corpus;
- resolution, on matched pairs whose gold has a point: great-circle error in km; acc@161, median
  and mean error, and AUC (Gritta et al. 2018): the area under the sorted ln(1 + km) curve by the
  trapezoid rule, over ln(20039) × (n − 1);
- dots (``evaluation.scoring.Dots``): the confirmed mentions of towns and sites, and how many
  are right (matched, within 161 km); and a reliability table of confidence against the share right;
- throughput: documents and MB of UTF-8 a second, parse only, the parser built before the clock.

geotext finds names only, with neither span nor point: each name it reports is taken at every
place the text writes it (whole words), and placed at the gazetteer's most populous place of that
name, which is as kind to it as a resolver that knows nothing of the text can be.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from geotext import GeoText

from evaluation.scoring import Dots, Reliability, Score, verdicts
from geo.model.distance import km
from geo.model.models import Place
from geo.parsing.gazetteer import Gazetteer
from geo.parsing.geoparse import Geoparser, forget_texts

#: Beside the project, as CI has it: ``../shared/benchmarks`` from the project root.
BENCHMARKS = Path(__file__).resolve().parents[1].parent / "shared" / "benchmarks"
#: Russian (factRuEval-2016) and Armenian (pioNER) are scored on recognition alone: they have no points.
CORPORA = {"lgl": "lgl.json", "gwn": "geowebnews.json", "ru": "ml/factrueval_dev.json", "hy": "ml/pioner_dev.json"}
#: The corpora without gold points, and in languages geotext does not read: recognition and speed only.
RECOGNITION_ONLY = frozenset(("ru", "hy"))
#: Half the Earth's circumference in km: the largest error there can be (AUC's scale).
MAX_KM = 20039

#: A mention: start, end, the point it was placed at (None when unplaced), and whether the place
#: found is a town or site (not a country, area or continent), for acc@161 on those alone; a
#: found mention may add whether it is confirmed and its confidence (``evaluation.scoring.Dots``).
Mention = tuple


@dataclass
class Doc:
    id: str
    text: str
    gold: list[Mention]


@dataclass
class CorpusScore(Score):
    """Counts and errors summed over a corpus, and the time its parses took."""

    errors_km: list[float] = field(default_factory=list)
    site_errors_km: list[float] = field(default_factory=list)  # of the pairs whose found place is a town or site
    seconds: float = 0.0
    docs: int = 0
    megabytes: float = 0.0
    dots: Dots = field(default_factory=Dots)
    reliability: Reliability = field(default_factory=Reliability)

    @property
    def acc161(self) -> float:
        return sum(e < 161 for e in self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def sites_acc161(self) -> float:
        """acc@161 on towns and sites alone: what country and area points do not blur."""
        errors = self.site_errors_km
        return sum(e < 161 for e in errors) / len(errors) if errors else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def auc(self) -> float:
        return auc(self.errors_km)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0


def auc(errors_km: list[float]) -> float:
    """Gritta et al.'s AUC: trapezoids under the sorted ln(1 + km), scaled to [0, 1]."""
    if len(errors_km) < 2:
        return 0.0
    ys = sorted(math.log1p(e) for e in errors_km)
    area = sum((a + b) / 2 for a, b in pairwise(ys))
    return area / (math.log(MAX_KM) * (len(ys) - 1))


def load_corpus(key: str, folder: Path = BENCHMARKS) -> list[Doc] | None:
    """The corpus's documents, or None when the file is not there (say, no ``../shared``)."""
    path = folder / CORPORA[key]
    if not path.is_file():
        return None
    docs = []
    for d in json.loads(path.read_text(encoding="utf-8")):
        gold = [
            (t["start"], t["end"], None if t.get("lat") is None else (t["lat"], t["lon"]), True) for t in d["toponyms"]
        ]
        docs.append(Doc(str(d["id"]), d["text"], gold))
    return docs


def match(predicted: list[Mention], gold: list[Mention]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, gold index) of overlapping spans, largest overlap first.

    Gold sorted by start once, each predicted span reads only the gold spans that can reach it.
    """
    order_g = sorted(range(len(gold)), key=lambda j: gold[j][0])
    starts = [gold[j][0] for j in order_g]
    longest = max((g[1] - g[0] for g in gold), default=0)
    pairs = []
    for i, (start, end, *_) in enumerate(predicted):
        for j in order_g[bisect_left(starts, start - longest) : bisect_left(starts, end)]:
            overlap = min(end, gold[j][1]) - max(start, gold[j][0])
            if overlap > 0:
                pairs.append((-overlap, i, j))
    pairs.sort()
    used_p, used_g, matched = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def score_doc(score: CorpusScore, predicted: list[Mention], gold: list[Mention], misses: list | None = None) -> None:
    """Add one document's counts and errors; ``misses`` collects (kind, predicted or gold) for samples."""
    pairs = match(predicted, gold)
    score.tp += len(pairs)
    score.fp += len(predicted) - len(pairs)
    score.fn += len(gold) - len(pairs)
    judged = verdicts(predicted, gold, pairs)
    score.dots.add(predicted, judged)
    score.reliability.add(predicted, judged)
    for i, j in pairs:
        g, p = gold[j][2], predicted[i][2]
        if g is not None and p is not None:
            error = km(p, g)
            score.errors_km.append(error)
            if predicted[i][3]:
                score.site_errors_km.append(error)
            if misses is not None and error >= 161:
                misses.append(("far", predicted[i], gold[j], error))
    if misses is not None:
        found_p, found_g = {i for i, _ in pairs}, {j for _, j in pairs}
        misses.extend(("fp", p) for i, p in enumerate(predicted) if i not in found_p)
        misses.extend(("fn", g) for j, g in enumerate(gold) if j not in found_g)


def race(docs: list[Doc], systems: dict[str, Callable[[], Callable[[str], list[Mention]]]], rounds: int = 3):
    """Seconds per system: the best of ``rounds`` passes over the corpus, systems taking turns.

    Each pass gets a system made afresh (outside the clock) by its factory, so the geoparser
    remembers nothing of the pass before (see ``fresh_parser``): as on a stream of new articles.
    Taking turns and the best pass keep a busy machine from favouring either.
    """
    best = dict.fromkeys(systems, math.inf)
    for _ in range(rounds):
        for name, make in systems.items():
            system = make()
            best[name] = min(best[name], timed(docs, system)[1])
    return best


def fresh_parser(places: Iterable[Place], gazetteer: Gazetteer) -> Geoparser:
    """A parser that knows no text yet, in a process that remembers none either
    (``forget_texts``): else a second pass over the same texts finds their verdicts and rows
    already made, and the best of several passes times what no user's new text gets."""
    forget_texts(gazetteer)
    return Geoparser(places, gazetteer)


def ours(parser: Geoparser) -> Callable[[str], list[Mention]]:
    def mentions(text: str) -> list[Mention]:
        return [
            (s, e, (p.lat, p.lon), not p.is_area, p.confirmed, p.confidence)
            for p in parser.parse(text).places
            for s, e in p.spans
        ]

    return mentions


def geotext(gazetteer: Gazetteer) -> Callable[[str], list[Mention]]:
    """geotext's names at every whole-word place the text writes them, at the most populous sense."""
    points: dict[str, tuple[tuple[float, float] | None, bool]] = {}

    def point(name: str) -> tuple[tuple[float, float] | None, bool]:
        if name not in points:
            rows = [row for row, _ in gazetteer.lookup(name)]
            best = max(rows, key=lambda r: r.population, default=None)
            is_site = best is not None and best.kind in ("city", "town", "village")
            points[name] = (None if best is None else (best.lat, best.lon), is_site)
        return points[name]

    def mentions(text: str) -> list[Mention]:
        found = GeoText(text)
        names = dict.fromkeys([*found.cities, *found.countries])
        out = []
        for name in names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                out.append((m.start(), m.end(), *point(name)))
        return out

    return mentions


def timed(docs: list[Doc], system: Callable[[str], list[Mention]]) -> tuple[list[list[Mention]], float]:
    """Every document's mentions, and the seconds their parses took."""
    start = time.perf_counter()
    found = [system(d.text) for d in docs]
    return found, time.perf_counter() - start


def run(
    docs: list[Doc], system: Callable[[str], list[Mention]], misses: list | None = None, seconds: float | None = None
) -> CorpusScore:
    """Parse every document (timed: the parse alone, unless ``seconds`` says how long it took
    in a fairer measure), then score them all."""
    score = CorpusScore(docs=len(docs), megabytes=sum(len(d.text.encode()) for d in docs) / 1e6)
    found, score.seconds = timed(docs, system)
    if seconds is not None:
        score.seconds = seconds
    for d, predicted in zip(docs, found, strict=True):
        sample: list | None = [] if misses is not None else None
        score_doc(score, predicted, d.gold, sample)
        if misses is not None:
            misses.extend((d, *m) for m in sample)
    return score
