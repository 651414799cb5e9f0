"""One colour per article, the same on the map and the timeline.

The colour comes from the article's id, not from its position in a list, so it stays the same
whatever the filter shows and however the corpus grows. Past ten articles colours repeat; the
palette is Tableau 10, whose neighbours stay apart for most kinds of colour vision.
"""

from __future__ import annotations

import zlib

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


def article_colour(article_id: str) -> str:
    """A stable colour for an article: CRC32 of its id, into the palette."""
    return PALETTE[zlib.crc32(article_id.encode("utf-8")) % len(PALETTE)]
