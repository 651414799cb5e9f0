"""Article Atlas: the app's entry point, which names its pages; the map comes first.

``streamlit run app.py`` serves it. Each page lives in ``pages/`` and reads the core (``geo``)
through ``ui``; naming them here gives the sidebar their titles ("Map", not "app"). No
icons: Streamlit fetches Material ones from Google's servers, and emoji depend on the fonts.
"""

import streamlit as st

PAGES = [
    st.Page("pages/0_Map.py", title="Map", default=True),
    st.Page("pages/1_Timeline.py", title="Timeline"),
    st.Page("pages/2_Places.py", title="Places"),
    st.Page("pages/3_Article.py", title="Article"),
    st.Page("pages/4_Add_article.py", title="Add article"),
    st.Page("pages/6_Review.py", title="Review"),
    st.Page("pages/5_About.py", title="About"),
]

st.navigation(PAGES).run()
