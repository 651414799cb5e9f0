"""Streamlit-side code shared by the pages: the cached atlas, the address, the filter, the panel.

Everything that imports Streamlit lives here or in the pages; ``geo`` stays free of it.
"""
