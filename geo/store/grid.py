"""What the map's view can show, asked of the store: the places themselves when few, else counts per grid cell.

At a million articles a date range shows thousands of places; sending every one to the browser
to be clustered there made each view a few megabytes and each page load seconds of script. So
the map asks here for its view (its bounds and zoom) and gets at most ``MOST`` places, or the
places in view counted per cell of a grid as fine as the zoom (``cell_size``), in one query
whose grouping the database does. streamlit-folium's maintainer advises as much (its issue
#235: aggregate by the bounds the map returns).

The places are the ones the page would draw: the date rule (``Store.visible_rule``), sure ones
only unless the reader asks for the uncertain too (``Store.unsure``), and without the ones drawn
otherwise (``apart``: the areas shaded by their outlines; ``kinds_apart``: kinds turned off).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from typing import NamedTuple

from geo.store.store import Store, within

#: Places a view may hold and still be sent one by one.
MOST = 500
#: A grid cell's side in pixels at its zoom: about a thumb's width, as the clusters were.
CELL_PX = 64
#: The zoom the first view (no bounds reported yet) is taken at, given its extent: the map
#: fits the extent into about this many pixels (a desktop map less the reading drawer). The
#: map's own fit on opening is not reported back (streamlit-folium listens only once it has
#: drawn), so these cells stand until the reader first moves the map.
FIT_PX = 512
DEEPEST = 18

Box = tuple[float, float, float, float]  # south, west, north, east


class Cell(NamedTuple):
    """One grid cell of a view: how many places it holds, how many articles and passages name
    them (the counts the store keeps per place, added up), where to draw it (its places' mean
    position), the name of the place the most articles name, and the box its places fill, which
    a click zooms to."""

    lat: float
    lon: float
    places: int
    articles: int
    passages: int
    name: str
    box: Box


class Grid(NamedTuple):
    """What a view shows: place ids (``points``), and ``cells`` when the view held too many to
    send. ``whole``: the points are every place the filter shows, wherever the view is, so the
    answer does not change as the map moves. ``extent``: the box of every place the filter shows
    (what the map opens on and "All places" returns to), None when it shows none."""

    points: tuple[str, ...]
    cells: tuple[Cell, ...]
    whole: bool
    extent: Box | None


def cell_size(zoom: int) -> float:
    """A cell's side in degrees at a zoom: ``CELL_PX`` of a 256-pixel tile, so cells are a
    power of two's part of 360° and never straddle the antimeridian."""
    return 360 / 2 ** (max(0, min(DEEPEST, zoom)) + math.log2(256 / CELL_PX))


def fit_zoom(box: Box) -> int:
    """The zoom at which a box about fills the map (``FIT_PX``), for the first view."""
    south, west, north, east = box
    span = max(east - west, north - south, 1e-6)
    return max(0, min(DEEPEST, math.floor(math.log2(360 / span * FIT_PX / 256))))


def snapped(bounds: Box, size: float) -> Box:
    """The view grown to whole cells, so each cell counts all of its places whatever part of it
    shows, and a small pan asks the same question again."""
    south, west, north, east = bounds
    return (
        max(-90.0, math.floor(south / size) * size),
        math.floor(west / size) * size,
        min(90.0, math.ceil(north / size) * size),
        math.ceil(east / size) * size,
    )


def map_grid(
    store: Store,
    start: dt.date | None,
    end: dt.date | None,
    bounds: Box | None,
    zoom: int | None,
    *,
    sure_only: bool = True,
    kinds_apart: Collection[str] = (),
    apart: Collection[str] = (),
    most: int = MOST,
) -> Grid:
    """The places the map's view (``bounds``, ``zoom``) shows in [start, end]: all of them when
    the filter shows at most ``most`` (then the view does not matter), else those in the view
    when it holds at most ``most``, else its grid cells. With no view yet, the view is the
    extent of every place shown."""
    shown, args = _shown(store, start, end, None, sure_only, kinds_apart, apart)
    count, south, west, north, east = store.rows(
        f"SELECT count(*), min(lat), min(lon), max(lat), max(lon) FROM ({shown}) AS shown", args
    )[0]
    extent = None if not count else (south, west, north, east)
    if count <= most:
        return Grid(_ids(store, shown, args), (), True, extent)
    if bounds is None or zoom is None:
        bounds, zoom = extent, fit_zoom(extent)
    size = cell_size(zoom)
    view = snapped(bounds, size)
    shown, args = _shown(store, start, end, view, sure_only, kinds_apart, apart)
    (in_view,) = store.rows(f"SELECT count(*) FROM ({shown}) AS shown", args)[0]
    if in_view <= most:
        return Grid(_ids(store, shown, args), (), False, extent)
    return Grid((), _cells(store, shown, args, size), False, extent)


def _shown(
    store: Store,
    start: dt.date | None,
    end: dt.date | None,
    view: Box | None,
    sure_only: bool,
    kinds_apart: Collection[str],
    apart: Collection[str],
) -> tuple[str, list]:
    """One query of the places drawn, both sources, each with its order and the counts kept for
    it: (id, name, lat, lon, articles, passages, source, row)."""
    rule, rule_args = store.visible_rule(start, end)
    inside, box = within(view)
    parts, args = [], []
    stat = {
        column: " + ".join(
            f"COALESCE((SELECT {column} FROM {s}.place_stats WHERE place = p.id), 0)" for s in store.sources
        )
        for column in ("articles", "passages")
    }
    for n, source in enumerate(store.sources):
        where = [rule, inside]
        where_args: list = [*rule_args, *box]
        if source != "seed":
            where.append("p.id NOT IN (SELECT id FROM seed.places)")
            if sure_only:
                where.append(f"p.id NOT IN ({store.unsure()})")
        if kinds_apart:
            where.append(f"p.kind NOT IN ({', '.join('?' * len(kinds_apart))})")
            where_args += list(kinds_apart)
        if apart:
            where.append(f"p.id NOT IN ({', '.join('?' * len(apart))})")
            where_args += list(apart)
        chosen = store.chosen_places
        if chosen is not None:
            where.append(f"p.id IN ({', '.join('?' * len(chosen))})" if chosen else "FALSE")
            where_args += sorted(chosen)
        parts.append(
            f"SELECT p.id, p.name, p.lat, p.lon, {stat['articles']} AS articles, {stat['passages']} AS passages,"
            f" {n} AS source, p.rowid AS row FROM {source}.places p WHERE {' AND '.join(where)}"
        )
        args += where_args
    return " UNION ALL ".join(parts), args


def _ids(store: Store, shown: str, args: list) -> tuple[str, ...]:
    """The places' ids in the store's order: the seed's first, then the saved ones as saved."""
    return tuple(r[0] for r in store.rows(f"SELECT id FROM ({shown}) AS shown ORDER BY source, row", args))


def _cells(store: Store, shown: str, args: list, size: float) -> tuple[Cell, ...]:
    """The places counted per cell, by the database: the cell's place the most articles name
    found by ranking within it."""
    whole = store.whole_part
    rows = store.rows(
        f"WITH celled AS (SELECT s.*, {whole('(s.lat + 90) / ?')} AS r, {whole('(s.lon + 180) / ?')} AS c"
        f" FROM ({shown}) AS s),"
        " ranked AS (SELECT celled.*, row_number() OVER (PARTITION BY r, c ORDER BY articles DESC, id) AS n"
        " FROM celled)"
        " SELECT avg(lat), avg(lon), count(*), sum(articles), sum(passages), max(CASE WHEN n = 1 THEN name END),"
        " min(lat), min(lon), max(lat), max(lon) FROM ranked GROUP BY r, c ORDER BY r, c",
        [size, size, *args],
    )
    return tuple(
        Cell(lat, lon, places, int(articles), int(passages), name or "", (south, west, north, east))
        for lat, lon, places, articles, passages, name, south, west, north, east in rows
    )
