"""Countries and first-level areas as the map shades them: which outline is whose, and how many
of the shown articles name each.

An area is drawn as its outline, not as a dot at its middle: a dot in the centre of Brazil says
a story happened there. The outlines ship with the basemap (``static/basemap/areas-50m.geojson``,
made by ``static/basemap/derive.py``); the browser loads them once and this module only tells it
which outline each shown area takes, by key, so a view's layer carries no coordinates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from geo.model.models import Place
from geo.store.store import Store

AREAS_FILE = Path(__file__).resolve().parents[2] / "static" / "basemap" / "areas-50m.geojson"
#: The kinds drawn as an outline, when one is known for the place.
AREA_KINDS = frozenset({"country", "admin"})
#: The gazetteer's own ids carry the first-level code: "admin-za-02-kwazulu-natal" is ZA.02.
_ADMIN_ID = re.compile(r"^admin-([a-z]{2})-([a-z0-9]+)(?:-|$)")


class AreaFileError(ValueError):
    """The shipped outlines cannot be read: said in one line."""


def _folded(name: str) -> str:
    """A name as two sources spell it alike: case, accents and punctuation aside."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return re.sub(r"[\W_]", "", bare)


@cache
def outline_keys(path: Path = AREAS_FILE) -> tuple[frozenset[str], dict[tuple[str, str], str]]:
    """The keys of the outlines shipped, and each first-level area's key by (country, folded name)
    for the places whose id does not carry their code (a GeoNames state: "geonames-4736286").
    Read once per process: the file's properties, never its coordinates, are kept."""
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        keys = [(f["properties"]["k"], f["properties"]["n"]) for f in features]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise AreaFileError(f"{path}: the map's area outlines cannot be read ({err}); see static/README.md") from err
    names = {(key.split(".")[0], _folded(name)): key for key, name in keys if "." in key}
    return frozenset(k for k, _ in keys), names


def outline_of(place: Place) -> str | None:
    """The key of the outline a country or first-level area is drawn in, or None (it stays a dot).

    By code first (a country's ISO code; a first-level area's GeoNames code, from the gazetteer's
    id), by name within its country only as a fallback: for the places whose id carries no code,
    and for the areas that share their region's code ("admin-ph-03-nueva-ecija"), whose outlines
    are keyed "PH.03/Nueva Ecija" so that no one of them stands for the region.
    """
    if place.kind not in AREA_KINDS:
        return None
    keys, names = outline_keys()
    if place.kind == "country":
        return place.country if place.country in keys else None
    match = _ADMIN_ID.match(place.id)
    if match:
        key = f"{match[1].upper()}.{match[2].upper()}"
        if key in keys:
            return key
    return next((names[(place.country, _folded(n))] for n in place.names if (place.country, _folded(n)) in names), None)


class AreaIndex:
    """The shades of the areas a store's map draws: how many of the shown articles name each."""

    def __init__(self, atlas: Store):
        self.atlas = atlas

    def counts(self, visible: Iterable[str], start: dt.date | None, end: dt.date | None) -> dict[str, int]:
        """For each visible place drawn as an outline, how many of the articles the range shows
        name it (``Store.naming_counts``); an area no shown article names is left out."""
        shown = list(visible)
        kinds = self.atlas.kinds(shown)  # a column read: the records of the areas alone are built
        candidates = [pid for pid in shown if kinds.get(pid) in AREA_KINDS]
        areas = [p.id for p in self.atlas.place_records(candidates) if outline_of(p) is not None]
        return self.atlas.naming_counts(areas, start, end)
