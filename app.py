"""Article Atlas: the app's entry point, which names its pages; the map comes first.

``streamlit run app.py`` serves it. Each page lives in ``pages/`` and reads the core (``geo``)
through ``ui``; naming them here (``ui.page.navigation``) gives the sidebar their titles ("Map",
not "app"). No icons: Streamlit fetches Material ones from Google's servers, and emoji depend
on the fonts.

The store reads the corpus as each page asks, so damage to the corpus file may first show in a
page's query: it is caught here, for every page, and named in one line as on loading.
"""

from geo.model.errors import DataError
from ui.data import show_problems
from ui.page import navigation

try:
    navigation().run()
except DataError as exc:  # damage a page's query found past what loading the store read
    show_problems(exc)
