"""Places: every place in a searchable, sortable table, with the atlas to download."""

import json

import pandas as pd
import streamlit as st

from geo.atlas.export import to_geojson, to_table
from geo.view.mapview import kind_label
from ui.markup import md
from ui.page import setup
from ui.state import open_on_map

atlas, view = setup("Places")
st.title("Places")

query = st.text_input("Search any name or spelling", placeholder="e.g. Stepanakert, Berdzor, Drmbon, Kashen")
found = atlas.search(query) if query.strip() else list(atlas.places.values())
visible = set(view.visible(atlas))
passages = {p.id: atlas.passages(p.id) for p in found}
table = pd.DataFrame(
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
            "articles": len({passage.article for passage in passages[p.id]}),
            "passages": len(passages[p.id]),
            "events": len(atlas.events_of(p.id)),
            "on the map now": p.id in visible,
            "id": p.id,
        }
        for p in found
    ],
    columns=[
        "name",
        "other names",
        "kind",
        "country",
        "lat",
        "lon",
        "precision (m)",
        "coordinates from",
        "articles",
        "passages",
        "events",
        "on the map now",
        "id",
    ],
)
if query.strip() and not found:
    st.info(f"No place goes by a name containing “{md(query)}”.")
st.caption(
    f"{len(found)} of {len(atlas.places)} places. Click a column header to sort; pick a row to open it. "
    "To compare articles, choose them in the sidebar: “articles” counts how many of them name each place."
)
picked = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="places.table",
    column_config={
        "lat": st.column_config.NumberColumn(format="%.5f"),
        "lon": st.column_config.NumberColumn(format="%.5f"),
    },
)
rows = picked.selection.rows if picked else []
if rows:
    place_id = table.iloc[rows[0]]["id"]
    if st.button(f"Open {md(atlas.places[place_id].name)} on the map", type="primary"):
        open_on_map(view, place_id)

st.subheader("Download the atlas")
left, right = st.columns(2)
left.download_button(
    "GeoJSON (every place, its passages and events)",
    json.dumps(to_geojson(atlas), ensure_ascii=False, indent=1),
    file_name="article-atlas.geojson",
    mime="application/geo+json",
)
right.download_button(
    "CSV (one row per place)",
    to_table(atlas).to_csv(index=False),
    file_name="article-atlas.csv",
    mime="text/csv",
)
