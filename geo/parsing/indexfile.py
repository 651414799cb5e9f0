"""The gazetteer index on disk: plain columns behind a digest, never a pickle.

Why not pickle: whatever a later process reads back from ``$ATLAS_VAR`` is data anyone who can
write there may have planted or a disk may have damaged, and unpickling runs code. This format
only ever yields numbers and text: a first line naming the format, the byte order and the
SHA-256 of the rest; a line of JSON listing the columns (name, kind, size in bytes); then the
columns' bytes one after another. A file that fails any check is ``IndexDamaged``, and is rebuilt.

Kinds: an ``array`` type code (numbers, in this machine's byte order), ``bytes``, ``text`` (one
string) or ``lines`` (a tuple of strings, none holding a line break).
"""

from __future__ import annotations

import hashlib
import json
import sys
from array import array
from typing import BinaryIO

from geo.model.errors import IndexDamaged

MAGIC = b"atlas-gazetteer-index"
NUMBERS = frozenset("qdH")


def encode(tables: dict) -> bytes:
    """The file's bytes for a dict of columns (``array``, ``bytes``, ``str`` or a list of ``str``)."""
    columns, parts = [], []
    for name, column in tables.items():
        kind: str
        if isinstance(column, array):
            kind, data = column.typecode, column.tobytes()
        elif isinstance(column, bytes | bytearray):
            kind, data = "bytes", bytes(column)
        elif isinstance(column, str):
            kind, data = "text", column.encode()
        else:
            if any("\n" in item for item in column):
                raise ValueError(f"column {name}: an item holds a line break")
            kind, data = "lines", "\n".join(column).encode()
        columns.append([name, kind, len(data)])
        parts.append(data)
    payload = json.dumps(columns).encode() + b"\n" + b"".join(parts)
    return b"%s %s %s\n" % (MAGIC, sys.byteorder.encode(), hashlib.sha256(payload).hexdigest().encode()) + payload


def dump(tables: dict, f: BinaryIO) -> None:
    """Write ``encode(tables)`` to an open binary file."""
    f.write(encode(tables))


def decode(data: bytes) -> dict:
    """The columns of a file's bytes; ``IndexDamaged`` if anything is off, with what.

    Read through a memoryview: the columns are copied once, into what they become."""
    end = data.find(b"\n", 0, 200)
    fields = data[:end].split(b" ")
    if end < 0 or len(fields) != 3 or fields[0] != MAGIC:
        raise IndexDamaged("not a gazetteer index")
    if fields[1] != sys.byteorder.encode():
        raise IndexDamaged("written on a machine of another byte order")
    if hashlib.sha256(memoryview(data)[end + 1 :]).hexdigest().encode() != fields[2]:
        raise IndexDamaged("its digest does not match its contents")
    start = data.find(b"\n", end + 1) + 1
    body = memoryview(data)[start:]
    try:
        tables, at = {}, 0
        for name, kind, size in json.loads(data[end + 1 : start]):
            if not (isinstance(name, str) and type(size) is int and 0 <= size <= len(body) - at):
                raise IndexDamaged(f"column {name!r}: bad size")
            tables[name] = _column(kind, body[at : at + size])
            at += size
    except (ValueError, TypeError, RecursionError) as exc:  # JSON, unpacking, UTF-8, array sizes
        raise IndexDamaged(f"unreadable columns ({exc})") from None
    if at != len(body):
        raise IndexDamaged("bytes left over after the last column")
    return tables


def _column(kind: object, data: memoryview):
    if kind in NUMBERS:
        column = array(kind)
        column.frombytes(data)
        return column
    if kind == "bytes":
        return bytes(data)
    if kind == "text":
        return str(data, "utf-8")
    if kind == "lines":
        return tuple(str(data, "utf-8").split("\n"))
    raise IndexDamaged(f"unknown column kind {kind!r}")
