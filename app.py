"""Article Atlas: the app's entry point, which names its pages; the map comes first.

``streamlit run app.py`` serves it. Each page lives in ``pages/`` and reads the core (``geo``)
through ``ui``; naming them here gives the sidebar their titles ("Map", not "app"). No
icons: Streamlit fetches Material ones from Google's servers, and emoji depend on the fonts.

The store reads the corpus as each page asks, so damage to the corpus file may first show in a
page's query: it is caught here, for every page, and named in one line as on loading.
"""

import streamlit as st

from geo.model.errors import DataError
from ui.data import show_problems

PAGES = [
    st.Page("pages/0_Map.py", title="Map", default=True),
    st.Page("pages/1_Timeline.py", title="Timeline"),
    st.Page("pages/2_Places.py", title="Places"),
    st.Page("pages/3_Article.py", title="Article"),
    st.Page("pages/4_Add_article.py", title="Add article"),
    st.Page("pages/6_Review.py", title="Review"),
    st.Page("pages/5_About.py", title="About"),
]

try:
    st.navigation(PAGES).run()
except DataError as exc:  # damage a page's query found past what loading the store read
    show_problems(exc)
