"""The resolver's modules compiled by mypyc (``geo.parsing.COMPILED``): the same answers as
their sources, and never an older build than the sources.

Compiling runs the very sources, so what these tests guard is what compiling changes: a
constant copied where the source compares identity, an int where a bool was declared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings

import pytest

import geo.parsing
import geo.parsing.traps
from evaluation.corpora import load_corpus
from geo.parsing import COMPILED, compiled_path, sources_digest
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser, to_geojson
from tests.conftest import ROOT

compiled = geo.parsing.traps.__file__.endswith(".so")
#: Parses the texts given as JSON on stdin, prints their GeoJSON: in a process of its own, where
#: ``ATLAS_PURE_PYTHON`` decides what is imported.
PARSE = """
import json, sys
from geo.atlas.atlas import load_atlas
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser, to_geojson
parser = Geoparser(load_atlas(sys.argv[1]).places.values(), load_gazetteer())
print(json.dumps([to_geojson(parser.parse(t)) for t in json.load(sys.stdin)], default=str))
"""


def texts() -> list[str]:
    """Our own texts, and every tenth of the public corpora when they are beside the project."""
    own = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "evaluation").rglob("*.txt"))]
    public = [d.text for key in ("lgl", "gwn") for d in (load_corpus(key) or [])[::10]]
    return own + public


@pytest.mark.skipif(not compiled, reason="geo.parsing.COMPILED is not compiled (make compiles it)")
def test_compiled_modules_answer_as_their_sources(atlas, tmp_path):
    sample = texts()
    ours = [to_geojson(r) for r in map(Geoparser(atlas.places.values(), load_gazetteer()).parse, sample)]
    env = {**os.environ, "ATLAS_PURE_PYTHON": "1"}
    pure = subprocess.run(
        [sys.executable, "-c", PARSE, str(ROOT / "data")],
        input=json.dumps(sample),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert json.loads(json.dumps(ours, default=str)) == json.loads(pure.stdout)


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI promises a C compiler")
def test_ci_compiles_the_resolver():
    for name in COMPILED:
        module = __import__(f"geo.parsing.{name}", fromlist=["_"])
        assert module.__file__.endswith(".so"), f"make did not compile geo/parsing/{name}.py"


def test_a_build_is_used_only_while_its_sources_are_unchanged(tmp_path, monkeypatch):
    monkeypatch.delenv("ATLAS_PURE_PYTHON", raising=False)
    assert compiled_path(tmp_path) == []  # nothing compiled there
    (tmp_path / "SOURCES").write_text(sources_digest() + "\n", encoding="utf-8")
    assert compiled_path(tmp_path) == [str(tmp_path)]
    monkeypatch.setenv("ATLAS_PURE_PYTHON", "1")
    assert compiled_path(tmp_path) == []
    monkeypatch.delenv("ATLAS_PURE_PYTHON")
    (tmp_path / "SOURCES").write_text("0" * 40 + "\n", encoding="utf-8")  # built from other sources
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert compiled_path(tmp_path) == []
    assert "changed since they were compiled" in str(caught[0].message)


def test_the_digest_changes_with_any_compiled_source(monkeypatch, tmp_path):
    before = sources_digest()
    for name in COMPILED:
        (tmp_path / f"{name}.py").write_bytes((ROOT / "geo" / "parsing" / f"{name}.py").read_bytes())
    monkeypatch.setattr(geo.parsing, "__file__", str(tmp_path / "__init__.py"))
    assert sources_digest() == before
    (tmp_path / f"{COMPILED[-1]}.py").write_text("# edited\n", encoding="utf-8")
    assert sources_digest() != before
