"""``python -m geo``: every capability of the app from the command line.

Exit status: 0 on success, 2 on bad input or usage (one line per problem on stderr),
1 on an internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geo.atlas import load_atlas
from geo.errors import AtlasError, DataError
from geo.export import to_geojson, to_table


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

    export = commands.add_parser("export", help="the whole atlas as GeoJSON or CSV")
    export.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    export.add_argument("--out", help="write to this file instead of stdout")
    export.set_defaults(run=cmd_export)
    return parser


def cmd_validate(args) -> int:
    atlas = load_atlas(args.data_dir or args.data)
    print(
        f"ok: {len(atlas.places)} places, {len(atlas.articles)} articles, "
        f"{len(atlas.events)} events, {len(atlas.mentions)} mentions"
    )
    return 0


def cmd_export(args) -> int:
    atlas = load_atlas(args.data)
    if args.format == "geojson":
        text = json.dumps(to_geojson(atlas), ensure_ascii=False, indent=1) + "\n"
    else:
        text = to_table(atlas).to_csv(index=False)
    write_output(text, args.out)
    return 0


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
