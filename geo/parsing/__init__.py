"""Finding places and dates in any text, offline: the geoparser, its gazetteer and rules,
and the resolver chain (``geocoders``) that turns a name into candidates.

The modules in ``COMPILED`` run a few thousand times a text (one call per name, sense and
occurrence), so ``make`` also compiles them with mypyc, from these same sources, into
``BUILT``. They are put before the sources here only while the sources are the ones they were
compiled from (``SOURCES``, a digest); otherwise, or with ``ATLAS_PURE_PYTHON=1``, the sources
run, as on a machine with no C compiler.
"""

import hashlib
import os
import sys
import warnings
from pathlib import Path

COMPILED = ("traps", "disambiguation", "geoparse", "nametable")
BUILT = Path(__file__).resolve().parents[2] / "build" / "mypyc" / "geo" / "parsing"


def sources_digest() -> str:
    """What the compiled modules are made from: their sources and this Python."""
    digest = hashlib.sha1(sys.version.encode())
    for name in COMPILED:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()


def compiled_path(built: Path = BUILT) -> list[str]:
    """``[built]`` when the modules compiled there were made from these sources, else ``[]``:
    nothing compiled, ``ATLAS_PURE_PYTHON`` set, or sources changed since (which warns)."""
    stamp = built / "SOURCES"
    if os.environ.get("ATLAS_PURE_PYTHON") or not stamp.is_file():
        return []
    if stamp.read_text(encoding="utf-8").strip() == sources_digest():
        return [str(built)]
    warnings.warn(
        f"geo/parsing: {', '.join(COMPILED)} changed since they were compiled; `make` compiles them again. "
        "Their sources run till then",
        stacklevel=2,
    )
    return []


__path__[:0] = compiled_path()
