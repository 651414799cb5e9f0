"""Builds the one compiled module, ``geo._scan``; ``make`` runs ``setup.py build_ext --inplace``.

The app is not installed as a package: it runs from its folder. Without a C compiler the
build fails, ``make`` says so, and ``geo.runs`` and ``geo.eventdates`` use their Python loops.
"""

from setuptools import Extension, setup

setup(
    name="article-atlas",
    packages=[],
    ext_modules=[Extension("geo._scan", ["geo/_scan.c"])],
)
