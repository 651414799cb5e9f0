"""How fast an article in Russian, Armenian, Azerbaijani or French parses, against an English
article of the same length, in the same run: the issue asks for within 2x.

Articles: the English (LGL), Russian (factRuEval-2016) and Armenian (pioNER) texts of
``../shared/benchmarks`` (read in place; without them the bench says so and stops), and for
Azerbaijani and French the sample paragraphs of ``bench/texts/`` (news-like prose written for
this bench). Each language's texts are joined and cut into articles of ``--chars`` characters at
a paragraph or sentence end, so every language is timed on articles of one length (the samples
make one or two). Each round parses every language's articles with a parser that knows no text
yet (``evaluation.corpora.fresh_parser``), the languages taking turns, and the best round
counts; the ratio is seconds per article against English's. Language detection is part of what
is timed, as it is of every parse.

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
#: language → the benchmark corpus its articles come from, if there.
CORPORA = {"en": "lgl.json", "ru": "ml/factrueval_dev.json", "hy": "ml/pioner_dev.json"}
LANGUAGES = ("en", "ru", "hy", "az", "fr")


def source_text(language: str) -> str:
    """All the text there is in one language, paragraphs apart."""
    if language not in CORPORA:
        return (TEXTS / f"{language}.txt").read_text(encoding="utf-8")
    path = BENCHMARKS / CORPORA[language]
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
    sets = {language: articles(source_text(language), options.chars, options.articles) for language in LANGUAGES}
    fresh_parser(places, gazetteer).parse(sets["en"][0])  # first-use work (index tables) is not what is timed
    best = dict.fromkeys(LANGUAGES, float("inf"))
    for _ in range(options.rounds):
        for language, texts in sets.items():
            parser = fresh_parser(places, gazetteer)
            start = time.perf_counter()
            for text in texts:
                parser.parse(text)
            best[language] = min(best[language], (time.perf_counter() - start) / len(texts))
    print(f"articles of about {options.chars} characters, {options.articles} a language, best of {options.rounds}")
    for language in LANGUAGES:
        size = sum(len(t) for t in sets[language]) / len(sets[language])
        ratio = best[language] / best["en"]
        print(f"  {language}  {best[language] * 1000:7.2f} ms an article ({size:.0f} chars)  x{ratio:.2f} of English")
    return 0


if __name__ == "__main__":
    sys.exit(main())
