"""Builds the one compiled module, ``geo.parsing._scan``; ``make`` runs ``setup.py build_ext --inplace``.

The app is not installed as a package: it runs from its folder. Without a C compiler the
build fails, ``make`` says so, and ``geo.parsing.runs`` and ``geo.parsing.eventdates`` use their Python loops.
"""

from setuptools import Extension, setup

setup(
    name="article-atlas",
    packages=[],
    ext_modules=[Extension("geo.parsing._scan", ["geo/parsing/_scan.c"])],
)
