"""Derive ``admin1.csv``: every country's first-level areas as GeoNames names them, by their codes.

    python data/geonames/derive_admin1.py admin1CodesASCII.txt

GeoNames' ``admin1CodesASCII.txt`` gives each first-level area its code (the ``admin1`` column of
every town in cities500), its name, its ASCII name and its own GeoNames id. The offline
gazetteer's first-level areas come from Natural Earth's label points, which for many countries are
the areas one level down filed under the region's code (Spain's provinces under Catalonia's
"56", Italy's under Tuscany's) or carry a local name ("Bayern"): without this table Catalonia,
Tuscany, Bavaria or Wallonia were no places at all, in any language.

The file read is GeoNames' export as openeventdata/es-geonames commits it (commit
``341083fe90995e2fa80fc166d80828c34be88a9e``, 2023-04-20; GeoNames data is CC BY 4.0, © GeoNames,
https://www.geonames.org). Nothing is fetched; a malformed line stops the derivation.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERSION = "GeoNames admin1CodesASCII.txt (CC BY 4.0), as openeventdata/es-geonames commit 341083fe (2023-04-20) has it"


def areas(path: Path) -> list[list]:
    """(country, admin1 code, GeoNames id, name, ASCII name) per area, in code order."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        fields = line.split("\t")
        if len(fields) != 4 or "." not in fields[0] or not fields[3].isdigit():
            raise SystemExit(f"{path}:{number}: not a line of admin1CodesASCII.txt")
        country, code = fields[0].split(".", 1)
        rows.append([country, code, int(fields[3]), fields[1].strip(), fields[2].strip()])
    return sorted(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python data/geonames/derive_admin1.py ADMIN1_CODES_ASCII_TXT", file=sys.stderr)
        return 2
    rows = areas(Path(argv[0]))
    with (HERE / "admin1.csv").open("w", encoding="utf-8", newline="") as out:
        out.write(f"# {VERSION}: each first-level area's code, GeoNames id and names; derived by derive_admin1.py\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["country", "admin1", "geonameid", "name", "asciiname"])
        writer.writerows(rows)
    print(json.dumps({"areas": len(rows)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
