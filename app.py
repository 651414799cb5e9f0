"""Article Atlas: the map page (placeholder until the map app lands)."""

import streamlit as st

from geo.atlas import load_atlas

st.set_page_config(page_title="Article Atlas", layout="wide")
atlas = load_atlas("data")
st.title("Article Atlas")
st.write(f"{len(atlas.places)} places in {len(atlas.articles)} article(s).")
