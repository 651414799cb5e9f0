"""About: where the article and the coordinates come from, the names in use, the licences."""

import pandas as pd
import streamlit as st

from geo.view.assets import VENDORED
from ui.articles import corpus_line
from ui.markup import esc, link, md
from ui.page import setup

SOURCES_LISTED = 50  # saved articles named here, the newest; the sidebar's search finds the rest

atlas, view = setup("About")
st.title("About Article Atlas")
st.markdown(
    "Article Atlas shows on a map every place a news article refers to, and lets you read the article "
    "through its places. It adds nothing to the article: each passage is shown with its outlet, author "
    "and date, and each place with every name it goes by."
)

st.header("Sources")
# The curated articles, then the newest saved ones: a corpus of a million is named in one line.
curated = atlas.seed
newest = [a for a in atlas.newest_articles((), SOURCES_LISTED + len(curated.articles)) if a not in curated.articles]
for article in [*curated.articles.values(), *(atlas.articles[a] for a in newest[:SOURCES_LISTED])]:
    line = f"- **{esc(article.title)}** — {esc(article.source_line)}"
    if article.title_is_ours:
        line += " (the title is the atlas's own: the text we hold carries none)"
    if article.url:
        line += f" — {link(article.url, 'original')}"
    st.markdown(line, unsafe_allow_html=True)
more = atlas.article_count() - len(curated.articles) - len(newest[:SOURCES_LISTED])
if more > 0:
    st.markdown(
        f"- and {more:,} older saved article{'s' * (more != 1)}, of {corpus_line(atlas)} (the sidebar finds them)."
    )

st.header("How the coordinates were found")
st.markdown(
    "Each place records where its coordinates come from (`coord_source`) and a radius (`precision_m`) within "
    "which it lies. `geonames:<id>` is a GeoNames gazetteer entry; a cited page is named as such; "
    "`estimate: …` says how an approximate point was reached — the map draws a dashed circle of the stated "
    "radius around those."
)
kinds = {"geonames": 0, "estimate": 0, "other": 0}
for place in curated.places.values():
    source = place.coord_source.split(":", 1)[0].strip().lower()
    kinds[source if source in kinds else "other"] += 1
st.caption(
    f"{kinds['geonames']} from GeoNames, {kinds['estimate']} estimated, {kinds['other']} from other cited sources."
)
st.table(  # st.table reads Markdown in its cells, so the texts go through the one escape too
    pd.DataFrame(
        [
            {
                "place": md(p.name),
                "lat": p.lat,
                "lon": p.lon,
                "within": f"{p.precision_m:,.0f} m",  # metres, not "3,000.0000"
                "coordinates from": md(p.coord_source),
            }
            for p in curated.places.values()
        ]
    ).set_index("place"),
)

st.header("Names in use")
st.markdown(
    "Several places here go by different names in Azerbaijani, Armenian, Russian and English usage, and "
    "the choice of name is itself contested. The atlas files each place under the name the article uses; "
    "every other name in use is shown beside it, and searching any of them finds the place."
)
st.dataframe(
    pd.DataFrame(
        [
            {"place": p.name, "other names in use": "; ".join(p.alt_names)}
            for p in curated.places.values()
            if p.alt_names
        ]
    ),
    hide_index=True,
    width="stretch",
)

st.header("Licences")
st.markdown(
    "The map works offline: its scripts, styles and basemap are served by the app from `static/`, "
    "each with its upstream licence."
)
st.dataframe(
    pd.DataFrame(
        [
            {"asset": v.name, "version": v.version, "licence": v.licence, "from": v.origin, "licence file": v.path}
            for v in VENDORED
        ]
    ),
    hide_index=True,
    width="stretch",
)
st.markdown(
    "- **Article text**: © its outlet; quoted so that its places can be read on the map.\n"
    "- **GeoNames** coordinates: CC BY 4.0, GeoNames (geonames.org).\n"
    "- **Online layers** (fetched only when chosen in the map's layer control, or OpenStreetMap's from the start "
    "when ATLAS_ONLINE is on): © OpenStreetMap contributors (ODbL); "
    "CARTO light basemap © CARTO; Esri World Imagery © Esri and its data providers."
)
