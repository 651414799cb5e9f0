"""Derive ``seas.csv``: the seas, oceans, gulfs and straits that Who's On First names in Armenian
and Russian, each at one representative point with the radius it spreads over.

    python data/whosonfirst/derive.py CHECKOUT seas.csv

``CHECKOUT`` is a local copy of the repository whosonfirst-data/whosonfirst-data-admin-xy (nothing
is fetched); its records of placetype ``marinearea`` and ``ocean`` are read, the rest skipped.
Why: GeoNames' towns and CLDR's countries and areas hold no water, so an Armenian text's
"Սև ծովում" (on the Black Sea) or "Միջերկրական ծովի" found nothing. Who's On First names its
marine areas in many languages (``name:hye_x_preferred``, ``name:rus_x_preferred`` and their
variants, which it took from Wikidata).

Each name becomes one row. A name several records share (the North and South Pacific are both
"Խաղաղ օվկիանոս") is one row at the point of the largest of them, its radius spanning them all.
The point is the record's label point (``lbl:``), else its centroid (``geom:``); the radius is
half the diagonal of the bounding box (``geom:bbox``), two significant figures: a sea is not a
point, and the radius says how far from it the water may be meant.

Some labels name the land a water is called after, not the water ("Ալյասկա" for the Gulf of
Alaska, "Մեն" for the Gulf of Maine, "Կոլումբիա" for the Columbia River's mouth): a name is kept
only if it says it is water (``WATER_WORDS``), or the gazetteer knows no place of that name,
which ``geo.parsing.gazetteer`` checks when it reads the table.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PLACETYPES = ("marinearea", "ocean")
#: WOF's language tags → the project's language codes.
LANGUAGES = {"hye": "hy", "rus": "ru"}
COLUMNS = ("id", "name", "kind", "lat", "lon", "precision_m", "language", "translated")


def names_of(props: dict) -> list[tuple[str, str]]:
    """(language, name) of a record's preferred and variant names in ``LANGUAGES``, in order."""
    out: list[tuple[str, str]] = []
    for tag, language in LANGUAGES.items():
        for suffix in ("preferred", "variant"):
            for name in props.get(f"name:{tag}_x_{suffix}") or []:
                if name.strip() and (language, name.strip()) not in out:
                    out.append((language, name.strip()))
    return out


def _physical():
    """Natural Earth's derive script, whose radius rule a sea's radius follows too."""
    path = HERE.parent / "naturalearth" / "derive_physical.py"
    spec = importlib.util.spec_from_file_location("derive_physical", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def radius_m(bbox: str) -> int:
    """Half the diagonal of a "west,south,east,north" box, in metres, as Natural Earth's features'."""
    return _physical().rounded_radius(tuple(float(v) for v in bbox.split(",")))


def union(boxes: list[str]) -> str:
    sides = [[float(v) for v in b.split(",")] for b in boxes]
    return ",".join(str(f(s[i] for s in sides)) for i, f in ((0, min), (1, min), (2, max), (3, max)))


def rows(records: list[dict]) -> list[dict]:
    """One row per (language, name), at the largest record's point."""
    by_name: dict[tuple[str, str], list[dict]] = {}
    for props in records:
        if props.get("wof:placetype") not in PLACETYPES or not props.get("geom:bbox"):
            continue
        for key in names_of(props):
            by_name.setdefault(key, []).append(props)
    out = []
    for (language, name), sharing in sorted(by_name.items()):
        largest = max(sharing, key=lambda p: (float(p.get("geom:area_square_m") or 0), -int(p["wof:id"])))
        lat = largest.get("lbl:latitude", largest["geom:latitude"])
        lon = largest.get("lbl:longitude", largest["geom:longitude"])
        out.append(
            {
                "id": largest["wof:id"],
                "name": largest["wof:name"],
                "kind": "sea",
                "lat": round(float(lat), 4),
                "lon": round(float(lon), 4),
                "precision_m": radius_m(union([p["geom:bbox"] for p in sharing])),
                "language": language,
                "translated": name,
            }
        )
    return out


def read(checkout: Path) -> list[dict]:
    """The properties of every record in a checkout (alternate geometries, ``-alt-``, left out)."""
    records = []
    for path in sorted(checkout.glob("data/**/*.geojson")):
        if "-alt-" not in path.name:
            records.append(json.loads(path.read_text(encoding="utf-8"))["properties"])
    return records


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    found = rows(read(Path(argv[0])))
    with open(argv[1], "w", encoding="utf-8", newline="") as f:
        f.write(
            "# Who's On First (whosonfirst-data-admin-xy), marinearea and ocean records; names from"
            " Wikidata (CC0), records CC BY 4.0; derived by derive.py\n"
        )
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
