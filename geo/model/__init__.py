"""The bottom layer: typed records, errors, settings, and reading data files and names.

Everything else in ``geo`` builds on these; they import nothing of the layers above.
"""
