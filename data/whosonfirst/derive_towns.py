"""Derive ``towns.csv``: the Armenian names Who's On First gives the towns and villages of Armenia
and its neighbours, each tied to the GeoNames town the gazetteer holds.

    python data/whosonfirst/derive_towns.py towns.csv CHECKOUT...

Each ``CHECKOUT`` is a local copy of one of the repositories whosonfirst-data/whosonfirst-data-admin-
``am``, ``az``, ``ge``, ``ir`` and ``tr`` (nothing is fetched); their records of placetype
``locality`` are read, the rest skipped. Why: GeoNames, which the gazetteer's towns are, has
Armenian names for few towns outside Armenia ("Գորի", "Գյանջա", "Մանազկերտ" were unknown), and
Armenian news names its neighbours' towns as often as its own. Who's On First records carry
Wikidata's names (``name:hye_x_preferred`` and ``…_variant``) and the record's GeoNames id
(``wof:concordances`` ``gn:id``), which ties a name to one gazetteer row; a record without that id
is left out, as nothing says which town it is.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

COLUMNS = ("geonameid", "wof_id", "name", "country", "translated")
TAGS = ("name:hye_x_preferred", "name:hye_x_variant")
#: A name in Armenian letters: some records' Armenian names are their Latin ones ("Goris").
ARMENIAN = re.compile(r"^[\u0531-\u0587' .\-]+$")


def rows(records: list[dict]) -> list[dict]:
    """One row per (GeoNames id, Armenian name) of the localities, by GeoNames id."""
    out: dict[tuple[int, str], dict] = {}
    for props in records:
        gid = (props.get("wof:concordances") or {}).get("gn:id")
        if props.get("wof:placetype") != "locality" or not gid:
            continue
        for tag in TAGS:
            for name in props.get(tag) or []:
                if ARMENIAN.match(name.strip()):
                    out.setdefault(
                        (int(gid), name.strip()),
                        {
                            "geonameid": int(gid),
                            "wof_id": props["wof:id"],
                            "name": props.get("wof:name", ""),
                            "country": props.get("wof:country", ""),
                            "translated": name.strip(),
                        },
                    )
    return [out[key] for key in sorted(out)]


def read(checkout: Path) -> list[dict]:
    """The properties of every record in a checkout (alternate geometries, ``-alt-``, left out)."""
    return [
        json.loads(path.read_text(encoding="utf-8"))["properties"]
        for path in sorted(checkout.glob("data/**/*.geojson"))
        if "-alt-" not in path.name
    ]


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    found = rows([props for checkout in argv[1:] for props in read(Path(checkout))])
    with open(argv[0], "w", encoding="utf-8", newline="") as f:
        f.write(
            "# Who's On First (whosonfirst-data-admin-am, -az, -ge, -ir, -tr), locality records with a GeoNames id;"
            " names from Wikidata (CC0), records CC BY 4.0; derived by derive_towns.py\n"
        )
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
