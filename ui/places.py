"""The Places page's table, built in one pass over the mentions and events per corpus version and filter.

Counting passages and events place by place would scan every mention and every event for
each place (places × mentions); here each mention and each event is read once, and the
result is cached by the data's version and the chosen articles, not rebuilt on a click.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd
import streamlit as st

from geo.atlas.atlas import Atlas
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


def places_table(atlas: Atlas) -> pd.DataFrame:
    """One row per place with how many articles, passages (paragraphs) and events name it, the
    most named first."""
    paragraphs: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for mention in atlas.mentions:
        paragraphs[mention.place].add((mention.article, mention.paragraph))
    events: dict[str, int] = defaultdict(int)
    for event in atlas.events.values():
        for place_id in set(event.places):
            events[place_id] += 1
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
                "articles": len({article for article, _ in paragraphs[p.id]}),
                "passages": len(paragraphs[p.id]),
                "events": events[p.id],
                "on the map now": True,
                "id": p.id,
            }
            for p in atlas.places.values()
        ],
        columns=list(COLUMNS),
    ).sort_values(["articles", "passages", "name"], ascending=[False, False, True], kind="stable")


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_table(_atlas: Atlas, key: str, articles: tuple[str, ...]) -> pd.DataFrame:
    """The table for one corpus version (``key``) and article filter; callers copy before changing it."""
    return places_table(_atlas)
