"""Article Atlas core: places, articles, events and the links between them.

This package knows no screen: the Streamlit app and the command line both read it.
"""

__version__ = "0.1.0"
