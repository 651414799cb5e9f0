"""Places: the places the filters show, in a searchable, sortable table, with the atlas to download."""

import json

import streamlit as st

from geo.atlas.export import streamed, to_geojson, to_table
from ui.data import data_key
from ui.filters import shown_line
from ui.markup import md
from ui.page import setup
from ui.places import cached_table
from ui.state import ARTICLES_KEY, open_on_map

atlas, view = setup("Places")
st.title("Places")

query = st.text_input("Search any name or spelling", placeholder="e.g. Stepanakert, Berdzor, Drmbon, Kashen")
hidden_too = st.checkbox("Also list the places the date range hides", value=False)
table = cached_table(atlas, data_key(), tuple(sorted(st.session_state.get(ARTICLES_KEY) or ()))).copy()
table["on the map now"] = table["id"].isin(set(view.visible(atlas)))
rows = table if hidden_too else table[table["on the map now"]]
if query.strip():
    rows = rows[rows["id"].isin({p.id for p in atlas.search(query)})]
    if rows.empty:
        st.info(f"No place shown goes by a name containing “{md(query)}”.")
st.caption(
    f"{shown_line(atlas, view)}; {len(rows):,} listed. Click a column header to sort; pick a row to open it. "
    "To compare articles, choose them in the sidebar: “articles” counts how many of them name each place."
)
picked = st.dataframe(
    rows,
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(rows), 600),  # Streamlit's table draws only the rows in view, however many
    on_select="rerun",
    selection_mode="single-row",
    key="places.table",
    column_config={
        "name": st.column_config.TextColumn(width="medium"),
        "kind": st.column_config.TextColumn(width="small"),
        "country": st.column_config.TextColumn(width="small"),
        "other names": st.column_config.TextColumn(width="medium"),
        "id": None,  # the address of a place, not something to read: hidden
        "lat": st.column_config.NumberColumn(format="%.5f", width="small"),
        "lon": st.column_config.NumberColumn(format="%.5f", width="small"),
        "precision (m)": st.column_config.NumberColumn(format="localized", width="small"),
        "coordinates from": st.column_config.TextColumn(width="medium"),
        "articles": st.column_config.NumberColumn(width="small"),
        "passages": st.column_config.NumberColumn(width="small"),
        "events": st.column_config.NumberColumn(width="small"),
        "on the map now": st.column_config.CheckboxColumn(width="small"),
    },
)
selected = picked.selection.rows if picked else []
if selected:
    place_id = rows.iloc[selected[0]]["id"]
    if st.button(f"Open {md(atlas.places[place_id].name)} on the map", type="primary"):
        open_on_map(view, place_id)

st.subheader("Download the atlas")
st.caption("Everything the chosen articles say, whatever the date range; prepared when you press a button.")
left, right = st.columns(2)
left.download_button(
    "GeoJSON (every place, its passages and events)",
    lambda: json.dumps(to_geojson(streamed(atlas)), ensure_ascii=False, indent=1),
    file_name="article-atlas.geojson",
    mime="application/geo+json",
)
right.download_button(
    "CSV (one row per place)",
    lambda: to_table(streamed(atlas)).to_csv(index=False),
    file_name="article-atlas.csv",
    mime="text/csv",
)
