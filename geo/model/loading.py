"""Reading data files into validated records, every problem pinned to file, line and column.

Nothing here writes: a bad file is reported and left exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

from pydantic import BaseModel, ValidationError

from geo.model.errors import DataError, Problem

T = TypeVar("T", bound=BaseModel)

#: The most an article's text may be: 2 MB of UTF-8, whether uploaded, pasted, added or geoparsed.
MAX_TEXT_BYTES = 2_000_000
HEADER_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.*?)\s*$")
# Control characters no text of ours holds: NUL and the other C0 codes but tab, line and page breaks,
# DEL, and the C1 codes (U+0080-U+009F, one of which a terminal reads as an escape).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def control_character(text: str) -> tuple[int, int, str] | None:
    """The line, column and name (``U+0000``) of the first control character in a text, or None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    at = found.start()
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1, f"U+{ord(found.group()):04X}"


def decode_utf8(data: bytes, where: str) -> str:
    """Bytes as UTF-8 text (a BOM dropped); a bad byte, or a NUL or other control character
    (binary data, or text another program cut short), is a DataError giving its line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded"
        raise DataError([Problem(where, line, f"column {column}", message)]) from None
    found = control_character(text)
    if found:
        line, column, name = found
        raise DataError([Problem(where, line, f"column {column}", f"not text: control character {name}")])
    return text


def read_bounded(stream: BinaryIO, where: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a file, a device, a pipe or standard input: one byte more is read
    only to know there is more, so ``/dev/zero`` or an endless pipe is refused at the limit instead
    of filling the memory. Past the limit is a DataError naming it."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DataError([Problem(where, 0, "-", f"more than the {limit:,} bytes allowed")])
    return data


def read_text(path: Path, limit: int | None = None) -> str:
    """A file's text as UTF-8; an empty file, a bad byte, or more than ``limit`` bytes is a
    DataError naming its place."""
    try:
        with path.open("rb") as stream:
            data = stream.read() if limit is None else read_bounded(stream, str(path), limit)
    except OSError as exc:
        raise DataError([Problem(str(path), 0, "-", f"cannot read file: {exc.strerror or exc}")]) from None
    text = decode_utf8(data, str(path))
    if not text.strip():
        raise DataError([Problem(str(path), 1, "-", "file is empty")])
    return text


def read_csv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with the line each starts on; missing columns fail up front."""
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise DataError([Problem(str(path), 1, "-", f"not valid CSV: {exc}")]) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise DataError([Problem(str(path), 1, c, "missing column") for c in missing])
    duplicated = sorted({h for h in header if header.count(h) > 1})
    if duplicated:
        raise DataError([Problem(str(path), 1, c, "column appears twice") for c in duplicated])
    problems: list[Problem] = []
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                problems.append(
                    Problem(str(path), start, "-", f"has {len(cells)} fields, the header has {len(header)}")
                )
                continue
            rows.append((start, dict(zip(header, cells, strict=True))))
    except csv.Error as exc:
        problems.append(Problem(str(path), reader.line_num, "-", f"not valid CSV: {exc}"))
    if problems:
        raise DataError(problems)
    yield from rows


def validate_rows(path: Path, model: type[T], required: tuple[str, ...]) -> list[tuple[int, T]]:
    """Every row of a CSV as a ``model``; all rows' problems are reported together."""
    records: list[tuple[int, T]] = []
    problems: list[Problem] = []
    fields = set(model.model_fields)
    for line, row in read_csv(path, required):
        values = {k: v for k, v in row.items() if k in fields}
        try:
            records.append((line, model.model_validate(values)))
        except ValidationError as exc:
            problems.extend(_problems(path, line, exc))
    if problems:
        raise DataError(problems)
    return records


def _problems(path: Path, line: int, exc: ValidationError) -> Iterator[Problem]:
    for err in exc.errors(include_url=False):
        column = str(err["loc"][0]) if err["loc"] else "-"
        value = err.get("input")
        shown = f" (got {value!r})" if isinstance(value, str) and err["type"] != "missing" else ""
        yield Problem(str(path), line, column, f"{err['msg']}{shown}")


def read_article_text(path: Path) -> tuple[str | None, str | None, str]:
    """An article file's header date and author, if its first line has them, and its body."""
    text = read_text(path)
    first, _, rest = text.partition("\n")
    header = HEADER_LINE.match(first)
    if header:
        return header.group(1), header.group(2), rest
    return None, None, text


def read_geometry(path: Path) -> dict:
    """A GeoJSON geometry (or a Feature holding one) with every position checked."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError([Problem(str(path), exc.lineno, f"column {exc.colno}", f"not JSON: {exc.msg}")]) from None
    geometry = data.get("geometry", data) if isinstance(data, dict) else None
    kinds = {"Point": 0, "LineString": 1, "Polygon": 2, "MultiLineString": 2, "MultiPolygon": 3}
    if not isinstance(geometry, dict) or geometry.get("type") not in kinds:
        raise DataError([Problem(str(path), 1, "type", f"not a GeoJSON geometry of types {', '.join(kinds)}")])
    positions = _positions(geometry.get("coordinates"), kinds[geometry["type"]])
    bad = [p for p in positions if not _is_position(p)]
    if positions is None or not positions or bad:
        shown = f": {bad[0]!r}" if bad else ""
        raise DataError([Problem(str(path), 1, "coordinates", f"not [lon, lat] positions in range{shown}")])
    return geometry


def _positions(value: object, depth: int) -> list | None:
    if not isinstance(value, list):
        return None
    if depth == 0:
        return [value]
    found: list = []
    for item in value:
        inner = _positions(item, depth - 1)
        if inner is None:
            return None
        found.extend(inner)
    return found


def _is_position(p: object) -> bool:
    return (
        isinstance(p, list)
        and len(p) in (2, 3)
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in p)
        and -180 <= p[0] <= 180
        and -90 <= p[1] <= 90
    )
