"""``python -m geo``: every capability of the app from the command line.

Exit status: 0 on success, 2 on bad input or usage (one line per problem on stderr),
1 on an internal error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from geo.atlas import Atlas, load_atlas
from geo.corpus import load_corpus_atlas
from geo.errors import AtlasError, DataError
from geo.export import to_geojson, to_table
from geo.loading import read_text


class UsageError(AtlasError):
    """The command line's words are off."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m geo", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", help="the data folder (default: data)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser("validate", help="check every data file; writes nothing")
    validate.add_argument("data_dir", nargs="?", help="the data folder (default: data)")
    validate.set_defaults(run=cmd_validate)

    export = commands.add_parser("export", help="the whole atlas, saved articles included, as GeoJSON or CSV")
    export.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    export.add_argument("--out", help="write to this file instead of stdout")
    add_filters(export)
    export.set_defaults(run=cmd_export)

    search = commands.add_parser("search", help="places any of whose names contains a text")
    search.add_argument("query")
    search.set_defaults(run=cmd_search)

    show = commands.add_parser("show", help="one place: names, provenance, events and passages")
    show.add_argument("place")
    add_filters(show)
    show.set_defaults(run=cmd_show)

    geoparse = commands.add_parser("geoparse", help="find and resolve the places of any text, offline")
    geoparse.add_argument("file", help="a UTF-8 text file, or - for standard input")
    geoparse.add_argument("--format", choices=("geojson", "table"), default="geojson")
    geoparse.add_argument("--date", type=iso_date, help="the article's date, to resolve 'on Tuesday' (YYYY-MM-DD)")
    geoparse.set_defaults(run=cmd_geoparse)
    return parser


def add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=iso_date, help="only places with events from this day")
    parser.add_argument("--to", dest="end", type=iso_date, help="only places with events up to this day")
    parser.add_argument("--article", action="append", help="only what this article says (repeatable)")


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


def filtered_atlas(args) -> Atlas:
    """The seed and the corpus, narrowed as the app narrows it: by article, then by date range."""
    atlas = load_corpus_atlas(args.data)
    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start} is after --to {args.end}")
    unknown = [a for a in args.article or [] if a not in atlas.articles]
    if unknown:
        raise UsageError(f"unknown article '{unknown[0]}'")
    return atlas.narrowed(articles=args.article, start=args.start, end=args.end)


def cmd_validate(args) -> int:
    atlas = load_atlas(args.data_dir or args.data)
    print(
        f"ok: {len(atlas.places)} places, {len(atlas.articles)} articles, "
        f"{len(atlas.events)} events, {len(atlas.mentions)} mentions"
    )
    return 0


def cmd_export(args) -> int:
    atlas = filtered_atlas(args)
    if args.format == "geojson":
        text = json.dumps(to_geojson(atlas), ensure_ascii=False, indent=1) + "\n"
    else:
        text = to_table(atlas).to_csv(index=False)
    write_output(text, args.out)
    return 0


def cmd_search(args) -> int:
    atlas = load_corpus_atlas(args.data)
    for place in atlas.search(args.query):
        print(f"{place.id}\t{place.name}\t{'; '.join(place.alt_names)}")
    return 0


def cmd_show(args) -> int:
    atlas = filtered_atlas(args)
    place = atlas.places.get(args.place)
    if place is None:
        raise UsageError(f"unknown place '{args.place}' (try: python -m geo search NAME)")
    print(f"{place.name} ({place.kind})")
    if place.alt_names:
        print(f"  also: {'; '.join(place.alt_names)}")
    print(f"  at {place.lat}, {place.lon} within {place.precision_m:g} m — {place.coord_source}")
    for event in atlas.events_of(place.id):
        until = " – ongoing" if event.ongoing else (f" – {event.date_end}" if event.date_end else "")
        print(f"  event {event.date_start}{until}: {event.summary}")
    for passage in atlas.passages(place.id):
        article = atlas.articles[passage.article]
        marked, last = [], 0
        for start, end in passage.spans:
            marked += [passage.text[last:start], "[", passage.text[start:end], "]"]
            last = end
        print(f"\n  {article.source_line}, paragraph {passage.paragraph}:\n  {''.join(marked)}{passage.text[last:]}")
    return 0


def cmd_geoparse(args) -> int:
    from geo import geoparse  # loads the gazetteer: only this command pays for it

    text = read_input(args.file)
    places = load_corpus_atlas(args.data).places.values()
    result = geoparse.geoparse(text, atlas_places=places, article_date=args.date)
    if args.format == "geojson":
        sys.stdout.write(json.dumps(geoparse.to_geojson(result), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(geoparse.to_table(result))
    return 0


def read_input(source: str) -> str:
    """A file's or standard input's text; unreadable, non-UTF-8 or empty input is one line."""
    if source != "-":
        return read_text(Path(source))
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"-: not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded"
        ) from None
    if not text.strip():
        raise UsageError("-: input is empty")
    return text


def write_output(text: str, out: str | None) -> None:
    """Stdout, or a file written whole or not at all (a temporary file renamed into place)."""
    if not out:
        sys.stdout.write(text)
        return
    path = Path(out)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{out}: cannot write: {exc.strerror or exc}") from None


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except AtlasError as exc:
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the promise is one line, never a traceback
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
