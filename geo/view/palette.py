"""One colour per article, the same on the map, the panel and the timeline.

An article's colour starts from its id (CRC32 into the palette), so it does not hang on what else
is shown; but ten colours hashed freely collide (three articles share one a time in four), and a
reader cannot tell two articles of one colour apart. So the articles an atlas shows take their
colours in order, oldest first: each its hashed colour, or the next one that none of the nine
before it holds. Any ten articles in a row differ, and an atlas of ten or fewer has no two alike.
The palette is Tableau 10, whose neighbours stay apart for most kinds of colour vision.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from weakref import finalize

PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)

#: Each atlas's colours by the atlas's id, dropped with the atlas (an atlas is not hashable).
_ASSIGNED: dict[int, dict[str, str]] = {}


def article_colour(article_id: str) -> str:
    """An article's own colour, from its id alone: CRC32 of the id, into the palette."""
    return PALETTE[_slot(article_id)]


def _slot(article_id: str) -> int:
    return zlib.crc32(article_id.encode("utf-8")) % len(PALETTE)


def assigned(article_ids: Iterable[str]) -> dict[str, str]:
    """Colours for articles given oldest first: each its own colour, or the next free one among
    the ten it is counted with, so that no two of those ten share a colour."""
    colours: dict[str, str] = {}
    taken: set[int] = set()
    for n, article_id in enumerate(article_ids):
        if n % len(PALETTE) == 0:
            taken = set()
        slot = _slot(article_id)
        while slot in taken:
            slot = (slot + 1) % len(PALETTE)
        taken.add(slot)
        colours[article_id] = PALETTE[slot]
    return colours


#: Up to this many articles, each is told apart from the nine beside it in time; past it, each
#: wears its own colour (``article_colour``), worked out alone, and several share one.
COLOURED = 5000


def colours_of(atlas) -> dict[str, str]:
    """The colour of every article a store shows, worked out once per store."""
    key = id(atlas)
    found = _ASSIGNED.get(key)
    if found is None:
        ordered = atlas.oldest_first(COLOURED)
        found = _ASSIGNED[key] = assigned(ordered or ())
        finalize(atlas, _ASSIGNED.pop, key, None)
    return found


def colour_in(atlas, article_id: str) -> str:
    """An article's colour in an atlas; its own colour if the atlas does not show it."""
    return colours_of(atlas).get(article_id) or article_colour(article_id)
