"""Where an export may write, and how: never over the atlas's own files, and never half.

``geo export --out var/corpus.sqlite`` once replaced the corpus with GeoJSON and exited 0. The
atlas keeps its curated data in the data folder and what it saves (the corpus, its journal, the
caches) under ATLAS_VAR: a path inside either, or a symbolic or hard link to a file there, is
refused before anything is written. Paths are compared resolved, and files by device and inode,
so no spelling of the path gets around the rule.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from geo.model.errors import AtlasError


class OwnFile(AtlasError):
    """An export was to be written over a file the atlas itself keeps."""


def refuse_own_files(out: Path, folders: Iterable[Path]) -> None:
    """Raise OwnFile if ``out`` lies in one of ``folders`` or is a link to a file there."""
    resolved = out.resolve()
    try:
        target = out.stat()
    except OSError:
        target = None
    for folder in folders:
        home = folder.resolve()
        if resolved == home or resolved.is_relative_to(home):
            raise OwnFile(f"{out}: inside {folder}, where the atlas keeps its own files; export somewhere else")
        if target is None or not home.is_dir():
            continue
        for root, _, files in os.walk(home):
            for name in files:
                kept = os.lstat(os.path.join(root, name))
                if (kept.st_dev, kept.st_ino) == (target.st_dev, target.st_ino):
                    raise OwnFile(
                        f"{out}: the same file as {Path(root, name)}, which the atlas keeps; export somewhere else"
                    )


def write_whole(out: Path, write: Callable[[TextIO], None]) -> None:
    """``write`` into a temporary file beside ``out``, which then takes its place in one step: an
    export that fails half way leaves ``out`` as it was and no temporary file. A device or a pipe
    (``/dev/stdout``, a FIFO) is written as it is: there is no file there to replace."""
    if out.exists() and not out.is_file():
        with out.open("w", encoding="utf-8", newline="") as stream:
            write(stream)
        return
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(name, 0o666 & ~mask)  # as an open() would make it, not mkstemp's owner-only
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.replace(name, out)
    finally:
        Path(name).unlink(missing_ok=True)
