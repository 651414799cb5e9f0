"""Lakes, rivers and named regions (valleys, deltas, ranges, deserts) from Natural Earth, offline.

The GeoNames gazetteer holds towns, not water or landforms, so the review's look-up asks this
too: "Indus", "the Indus river", "Lake Sevan" or "Fergana Valley" each find one feature, at a
representative point with the radius it spreads over (``data/naturalearth/physical/``,
derived by ``data/naturalearth/derive_physical.py``). Loaded once per process, on first use.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from geo.model.names import NameIndex
from geo.parsing.geocoders.base import Candidate, Geocoder

FEATURES = Path(__file__).resolve().parents[2] / "data" / "naturalearth" / "physical" / "features.csv"
VERSION = "4.1"
#: Words a writer puts around a feature's name that Natural Earth leaves out ("the Indus river").
_AROUND = re.compile(r"^(?:the\s+)?(?P<name>.+?)(?:\s+(?:river|valley|lake|mountains|desert))?$", re.IGNORECASE)


@lru_cache(maxsize=2)
def features(path: Path = FEATURES) -> tuple[tuple[Candidate, ...], NameIndex]:
    """Every feature as a candidate, and an index of all their names."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    found = tuple(
        Candidate(
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            kind=row["kind"],
            coord_source=f"naturalearth: {row['layer']} {VERSION}, {row['feature']}",
            precision_m=float(row["precision_m"]),
            source="Natural Earth",
            place_id=row["id"],
            alt_names=tuple(n for n in row["alt_names"].split(";") if n),
        )
        for row in rows
    )
    index = NameIndex((name, number) for number, c in enumerate(found) for name in (c.name, *c.alt_names))
    return found, index


def spellings(query: str) -> list[str]:
    """The query as written, then without the words around a name: "the Indus river" → "Indus"."""
    query = " ".join(query.split())
    m = _AROUND.match(query)
    bare = m.group("name") if m else query
    return list(dict.fromkeys([query, bare, f"Lake {bare}", f"{bare} Valley"]))


class PhysicalGeocoder(Geocoder):
    """Exact names (spelling and accents aside) of Natural Earth's lakes, rivers and regions, largest first."""

    name = "Natural Earth"

    def __init__(self, path: Path = FEATURES):
        self._path = path

    def geocode(self, query: str, *, limit: int = 5) -> list[Candidate]:
        found, index = features(self._path)
        numbers: dict[int, None] = {}
        for spelling in spellings(query):
            number = index.number(spelling)
            if number is not None:
                numbers.update(dict.fromkeys(key for key, _ in index.owners(number)))
        return sorted((found[n] for n in numbers), key=lambda c: -c.precision_m)[:limit]
