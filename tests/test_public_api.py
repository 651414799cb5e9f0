"""The app reaches Streamlit, streamlit-folium and folium through their public API only.

Their private names change in any release without notice (the map once followed
streamlit-folium's private functions line for line), so an upgrade would break the map silently.
The scan reads the source (ui/, geo/, pages/, app.py) and fails on: an import of a private
name or from a module outside their public ones, and any ``x._name`` in a module that uses them
(there nearly every object is theirs). What the public API cannot do is allowed below, each with
the reason, and the code says the same where it does it.

The map's behaviour lives in static/map/*.js; the Python side only calls it, which the last
tests check.
"""

from __future__ import annotations

import ast
import re

from bench.loopback import ROOT
from geo.view import mapview
from geo.view.assets import MAP_JS, STATIC_URL

PACKAGES = ("streamlit", "streamlit_folium", "folium", "branca")
PUBLIC_MODULES = {
    "streamlit",
    "streamlit.components.v1",
    "streamlit_folium",
    "folium",
    "folium.plugins",
    "branca.element",
}
# (file, what) → the public API that is missing.
ALLOWED: dict[tuple[str, str], str] = {}


def _package(module: str) -> bool:
    return module.split(".")[0] in PACKAGES


def private_uses(source: str) -> list[tuple[int, str]]:
    """(line, what) for each private name of the packages that ``source`` imports or touches."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    uses_packages = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _package(alias.name):
                    uses_packages = True
                    if alias.name not in PUBLIC_MODULES:
                        found.append((node.lineno, alias.name))
        elif isinstance(node, ast.ImportFrom) and node.module and _package(node.module):
            uses_packages = True
            if node.module not in PUBLIC_MODULES:
                found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names if a.name.startswith("_")]
    if uses_packages:
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                found.append((node.lineno, f".{node.attr}"))
    return sorted(found)


def scanned() -> list[str]:
    files = [ROOT / "app.py"]
    for folder in ("ui", "geo", "pages"):
        files += (ROOT / folder).rglob("*.py")
    return sorted(str(f.relative_to(ROOT)) for f in files)


def test_the_scan_finds_private_names():
    """The scan itself: each way the app once reached into private names is caught."""
    bad = """
import streamlit_folium as sf
import folium
from streamlit.runtime.pages_manager import PagesManager
from streamlit_folium import _component_func
group = folium.FeatureGroup()
sf._get_map_string(group)
for child in group._children.values():
    child._id = "fixed"
"""
    assert [what for _, what in private_uses(bad)] == [
        "streamlit.runtime.pages_manager",
        "streamlit_folium._component_func",
        "._get_map_string",
        "._children",
        "._id",
    ]
    # A module that uses none of them keeps its own private names.
    assert private_uses("class A:\n    def f(self):\n        return self._x\n") == []
    assert private_uses("import streamlit as st\nfrom streamlit_folium import st_folium\nst.write(1)\n") == []


def test_the_app_uses_only_public_names():
    found = {}
    for name in scanned():
        for line, what in private_uses((ROOT / name).read_text()):
            if (name, what) not in ALLOWED:
                found[f"{name}:{line}"] = what
    assert found == {}


def test_each_allowed_exception_is_still_needed_and_says_why():
    for (name, what), _reason in ALLOWED.items():
        source = (ROOT / name).read_text()
        assert what in [w for _, w in private_uses(source)], f"{name} no longer uses {what}: drop it from ALLOWED"
        assert "Public API missing:" in source, f"{name} must say which public API is missing"


def test_the_map_templates_only_call_the_app_scripts():
    """No behaviour in Python strings: the map's templates hold no function, and each call they
    make in the page is to a function that a script the map loads from static/map/ defines."""
    assert all("function" not in t for t in (mapview._BASEMAP, mapview._PLACES))
    fmap = mapview.base_map()
    mapview.places_group('{"points": []}').add_to(fmap)
    page = fmap.get_root().render()
    called = re.findall(r"\b(atlas\w+)\(", page)
    assert sorted(called) == ["atlasDrawBasemap", "atlasDrawPlaces"]
    loaded = {src for _, src in MAP_JS}
    for function, name in zip(sorted(called), ("basemap", "places"), strict=True):
        assert f"{STATIC_URL}/map/{name}.js" in loaded
        assert f"window.{function} = function" in (ROOT / "static" / "map" / f"{name}.js").read_text()
