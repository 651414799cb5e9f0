"""How fast an article in Russian, Armenian, Azerbaijani or French parses, against an English
article of the same length, in the same run: the issue asks for within 2x.

Articles: the Russian (factRuEval-2016) and Armenian (pioNER) texts of ``../shared/benchmarks``
against the English ones of LGL there (read in place; without them the bench says so and stops),
and the Azerbaijani and French sample paragraphs of ``bench/texts/`` (news-like prose written
for this bench) against their English renderings there (``en-az.txt``, ``en-fr.txt``): the same
news, so as many names. Each text is cut into articles of ``--chars`` characters at a paragraph
or sentence end, so every pair is timed on articles of one length (the samples make one or
two). Each round parses every article with a parser, made outside the clock, that knows no text
yet (``evaluation.corpora.fresh_parser``): every article is timed as the first a process reads,
so a language with few sample articles is neither favoured nor penalised. The texts take turns,
the best round counts, and the ratio is seconds per article against its English baseline's.
Language detection is part of what is timed, as it is of every parse.

Run ``python -m bench.languages_bench [--chars 1500] [--articles 40] [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from evaluation.corpora import BENCHMARKS, fresh_parser  # noqa: E402
from geo.atlas.atlas import load_atlas  # noqa: E402
from geo.parsing.gazetteer import load_gazetteer  # noqa: E402

TEXTS = Path(__file__).resolve().parent / "texts"
#: text → the benchmark corpus its articles come from; the others are in ``TEXTS``.
CORPORA = {"en": "lgl.json", "ru": "ml/factrueval_dev.json", "hy": "ml/pioner_dev.json"}
#: language → the English text it is timed against.
BASELINES = {"ru": "en", "hy": "en", "az": "en-az", "fr": "en-fr"}


def source_text(name: str) -> str:
    """All of one text (a corpus, or a sample of ``TEXTS``), paragraphs apart."""
    if name not in CORPORA:
        return (TEXTS / f"{name}.txt").read_text(encoding="utf-8")
    path = BENCHMARKS / CORPORA[name]
    return "\n\n".join(d["text"] for d in json.loads(path.read_text(encoding="utf-8")))


def articles(text: str, chars: int, count: int) -> list[str]:
    """Up to ``count`` articles of about ``chars`` characters, cut at a paragraph or sentence end;
    never the same text twice (a parser remembers what it has read)."""
    out: list[str] = []
    at = 0
    while len(out) < count and len(text) - at >= chars // 2:
        end = min(len(text), at + chars)
        cut = max(text.rfind("\n", at + chars // 2, end), text.rfind(". ", at + chars // 2, end))
        end = cut + 1 if cut > 0 and end < len(text) else end
        out.append(text[at:end])
        at = end
    return out


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--chars", type=int, default=1500, help="characters an article (default 1500)")
    args.add_argument("--articles", type=int, default=40, help="articles a language (default 40)")
    args.add_argument("--rounds", type=int, default=5, help="rounds; the best counts (default 5)")
    options = args.parse_args(argv)

    missing = [str(BENCHMARKS / name) for name in CORPORA.values() if not (BENCHMARKS / name).is_file()]
    if missing:
        print(f"{missing[0]}: not found, the languages are not timed", file=sys.stderr)
        return 1
    places = load_atlas(ROOT / "data").places.values()
    gazetteer = load_gazetteer()
    names = [*BASELINES, *dict.fromkeys(BASELINES.values())]
    sets = {name: articles(source_text(name), options.chars, options.articles) for name in names}
    fresh_parser(places, gazetteer).parse(sets["en"][0])  # first-use work (index tables) is not what is timed
    best = dict.fromkeys(names, float("inf"))
    for _ in range(options.rounds):
        for name, texts in sets.items():
            seconds = 0.0
            for text in texts:
                parser = fresh_parser(places, gazetteer)  # outside the clock
                start = time.perf_counter()
                parser.parse(text)
                seconds += time.perf_counter() - start
            best[name] = min(best[name], seconds / len(texts))
    print(f"articles of about {options.chars} characters, up to {options.articles} a text, best of {options.rounds}")
    for language, baseline in BASELINES.items():
        ratio = best[language] / best[baseline]
        print(
            f"  {language}  {best[language] * 1000:6.2f} ms an article ({len(sets[language])}),"
            f" {baseline} {best[baseline] * 1000:6.2f} ms ({len(sets[baseline])}): x{ratio:.2f} of English"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
