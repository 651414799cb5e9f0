"""The Places page's table: every place with the counts the store keeps for it, per corpus version and filter.

The counts are kept as articles are saved (``place_stats``), so the table reads one row per
place, never the mentions; it is cached by the data's version and the chosen articles.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.store.rows import Stats
from geo.store.store import Store
from geo.view.mapview import kind_label

# What a reader sorts by first stands first: the name, then how much the articles say of it.
COLUMNS = (
    "name",
    "kind",
    "country",
    "articles",
    "passages",
    "events",
    "on the map now",
    "other names",
    "lat",
    "lon",
    "precision (m)",
    "coordinates from",
    "id",
)


def places_table(atlas: Store) -> pd.DataFrame:
    """One row per place with how many articles, passages (paragraphs) and events name it, the
    most named first: the counts the store keeps per place, read in one pass over the places."""
    places = atlas.places.values()
    stats = atlas.stats(p.id for p in places)
    none = Stats(0, 0, 0, 0, "")
    return pd.DataFrame(
        [
            {
                "name": p.name,
                "other names": "; ".join(p.alt_names),
                "kind": kind_label(p.kind),
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "precision (m)": p.precision_m,
                "coordinates from": p.coord_source,
                "articles": stats.get(p.id, none).articles,
                "passages": stats.get(p.id, none).passages,
                "events": stats.get(p.id, none).events,
                "on the map now": True,
                "id": p.id,
            }
            for p in places
        ],
        columns=list(COLUMNS),
    ).sort_values(["articles", "passages", "name"], ascending=[False, False, True], kind="stable")


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_table(_atlas: Store, key: str, articles: tuple[str, ...]) -> pd.DataFrame:
    """The table for one corpus version (``key``) and article filter; callers copy before changing it."""
    return places_table(_atlas)
