"""``python -m geo``: every capability of the app from the command line.

Exit status: 0 on success, 2 on bad input or usage (one line per problem on stderr),
1 on an internal error, 130 when interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.atlas.atlas import Atlas, load_atlas
from geo.atlas.corpus import Corpus, DuplicateArticle, damaged, saved_corpus
from geo.atlas.decisions import PAGE_SIZE
from geo.atlas.export import streamed, write_csv, write_geojson
from geo.atlas.saved_ids import shown_id
from geo.atlas.target import refuse_own_files, write_whole
from geo.model.dates import iso_day
from geo.model.errors import AtlasError, DataError, ParseTooLong, Problem
from geo.model.fields import joined_lines, nfc, shown
from geo.model.languages import language_code
from geo.model.loading import MAX_TEXT_BYTES, decode_utf8, read_bounded, read_text
from geo.model.settings import var_dir
from geo.store.store import Store


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

    articles = commands.add_parser("articles", help="every article: id, date, outlet, title, and whether it is saved")
    articles.set_defaults(run=cmd_articles)

    places = commands.add_parser("places", help="every place with how many articles, passages and events name it")
    add_filters(places)
    places.set_defaults(run=cmd_places)

    show = commands.add_parser("show", help="one place: names, provenance, events and passages")
    show.add_argument("place")
    add_filters(show)
    show.set_defaults(run=cmd_show)

    geoparse = commands.add_parser("geoparse", help="find and resolve the places of any text, offline")
    geoparse.add_argument("file", help="a UTF-8 text file, or - for standard input")
    geoparse.add_argument("--format", choices=("geojson", "table"), default="geojson")
    geoparse.add_argument("--date", type=iso_date, help="the article's date, to resolve 'on Tuesday' (YYYY-MM-DD)")
    geoparse.add_argument("--language", type=language_arg, help="en, ru, hy, az or fr (default: detected)")
    geoparse.set_defaults(run=cmd_geoparse)

    add = commands.add_parser("add", help="geoparse an article and save it to the corpus, as the Add article page does")
    add.add_argument("file", help="a UTF-8 .txt or .md file, or - for standard input")
    add.add_argument("--outlet", required=True)
    add.add_argument("--date", help="YYYY-MM-DD (default: from a first line 'date YYYY-MM-DD Author')")
    add.add_argument("--author", help="(default: from the first line, as for --date)")
    add.add_argument("--url", default="")
    add.add_argument("--title", default="", help="(default: the first line of the text, marked as ours)")
    add.add_argument("--language", default="", help="en, ru, hy, az or fr (default: detected from the text)")
    add.add_argument("--reject", action="append", default=[], metavar="NAME", help="drop a place found under NAME")
    add.add_argument(
        "--pick", action="append", default=[], metavar="NAME=ID", help="place found under NAME is in fact ID"
    )
    add.add_argument("--dry-run", action="store_true", help="show what would be saved, save nothing")
    add.set_defaults(run=cmd_add)

    bulk = commands.add_parser("import", help="many articles, one JSON object a line, geoparsed and saved as add does")
    bulk.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help='JSON Lines files (shards of one import, read in turn), or - for standard input: {"text", "outlet", '
        '"date", …} a line',
    )
    bulk.add_argument(
        "--feed",
        metavar="URL|FILE",
        help="instead: an RSS 2.0 or Atom feed, or an OPML list of feeds; a URL is fetched only with ATLAS_ONLINE=1",
    )
    bulk.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="geoparsing processes (default: one per core)"
    )
    bulk.set_defaults(run=cmd_import)

    remove = commands.add_parser("remove", help="take a saved article out of the corpus, with its mentions and events")
    remove.add_argument("article", help="the saved article's id (python -m geo articles lists them)")
    remove.set_defaults(run=cmd_remove)

    review = commands.add_parser(
        "review", help="the places the geoparser was unsure of, most-named first; confirm, reject or pick"
    )
    review.add_argument("--page", type=int, default=1, help="which page of the queue (default: 1)")
    review.add_argument("--size", type=int, default=PAGE_SIZE, help=f"places a page (default: {PAGE_SIZE})")
    review.set_defaults(run=cmd_review)
    decisions = review.add_subparsers(dest="verdict", parser_class=_Parser)
    for verdict, what in (("confirm", "draw as a fact"), ("reject", "take off the map")):
        decide = decisions.add_parser(verdict, help=f"{what}: mentions as the queue lists them, or names")
        decide.add_argument("targets", nargs="+", metavar="MENTION_OR_NAME", help="ARTICLE:PARAGRAPH:START, or NAME")
        add_scope(decide)
    pick = decisions.add_parser("pick", help="the name means another place: one of its candidates (geo resolve)")
    pick.add_argument("targets", nargs=1, metavar="MENTION_OR_NAME", help="ARTICLE:PARAGRAPH:START, or NAME")
    pick.add_argument("place", metavar="PLACE_ID")
    add_scope(pick)

    resolve = commands.add_parser("resolve", help="look a name up through the resolver chain")
    resolve.add_argument("name")
    resolve.add_argument("--online", action="store_true", help="ask Nominatim too (or set ATLAS_ONLINE=1)")
    resolve.set_defaults(run=cmd_resolve)
    return parser


def add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", type=iso_date, help="only places with events from this day")
    parser.add_argument("--to", dest="end", type=iso_date, help="only places with events up to this day")
    parser.add_argument("--article", action="append", help="only what this article says (repeatable)")


def add_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--article", metavar="ID", help="the saved article a NAME is in")
    parser.add_argument(
        "--scope",
        choices=("mention", "article", "outlet"),
        help="that mention, that name in that article, or that name from that article's outlet"
        " (default: mention for a mention, article for a name)",
    )


def iso_date(value: str) -> dt.date:
    try:
        return iso_day(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


def language_arg(value: str) -> str:
    try:
        return language_code(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def filtered_store(args) -> Store:
    """The seed and the corpus, narrowed as the app narrows it: by article (the date range is each query's)."""
    store = Store.open(args.data)
    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start} is after --to {args.end}")
    unknown = [a for a in args.article or [] if a not in store.articles]
    if unknown:
        raise UsageError(f"unknown article '{unknown[0]}'")
    return store.narrowed(articles=args.article) if args.article else store


def cmd_validate(args) -> int:
    atlas = load_atlas(args.data_dir or args.data)
    print(
        f"ok: {len(atlas.places)} places, {len(atlas.articles)} articles, "
        f"{len(atlas.events)} events, {len(atlas.mentions)} mentions"
    )
    return 0


@contextmanager
def streamed_atlas(args, *, texts: bool = True) -> Iterator[Iterator]:
    """The seed and the corpus as export features, narrowed as the app narrows them, read place by place."""
    found = streamed(filtered_store(args), args.start, args.end, texts=texts)
    try:
        yield found
    finally:
        found.close()  # its read transaction ends with it


def cmd_export(args) -> int:
    """To stdout, or ``--out``: never over the data folder's or ATLAS_VAR's files, never half written."""
    out = Path(args.out) if args.out else None
    if out is not None:
        refuse_own_files(out, [Path(args.data), var_dir()])
    with streamed_atlas(args) as found:
        write = write_geojson if args.format == "geojson" else write_csv
        if out is None:
            write(found, sys.stdout)
            return 0
        try:
            write_whole(out, lambda stream: write(found, stream))
        except OSError as exc:
            raise UsageError(f"{args.out}: cannot write: {exc.strerror or exc}") from None
    return 0


def cmd_search(args) -> int:
    """Names are all a search reads: the seed's places and the corpus's (one query), as the app searches."""
    for place in Store.open(args.data).search(args.query):
        print(row(place.id, place.name, "; ".join(place.alt_names)), end="")
    return 0


def cmd_articles(args) -> int:
    """The articles the app shows: the seed's (in the data folder) and those saved to the corpus."""
    seed = load_atlas(args.data)
    out = io.StringIO()
    out.write("id\tdate\toutlet\ttitle\tstored\n")
    for article in seed.articles.values():
        out.write(row(article.id, article.date, article.outlet, article.title, "data folder"))
    saved = corpus.article_rows() if (corpus := saved_corpus()) else []
    for article_id, date, outlet, title in saved:
        out.write(row(shown_id(article_id, seed.articles), date, outlet, title, "corpus"))
    sys.stdout.write(out.getvalue())
    return 0


def cmd_remove(args) -> int:
    """Take a saved article out of the corpus; a seed article is refused with where it lives."""
    if args.article in load_atlas(args.data).articles:
        raise UsageError(f"'{args.article}' is a seed article: it lives in {args.data}/ and is edited there")
    removed = Corpus().remove(args.article) if saved_corpus() else None
    if removed is None:
        raise UsageError(f"no saved article '{args.article}' (python -m geo articles lists them)")
    print(f"removed {shown(args.article)}: {removed[0]} mention(s), {removed[1]} event(s)")
    return 0


def cmd_places(args) -> int:
    """The Places page's table: with --article, "articles" says how many of those name a place."""
    out = io.StringIO()
    out.write("id\tname\tkind\tarticles\tpassages\tevents\tconfirmed\n")
    with streamed_atlas(args, texts=False) as found:
        for place, feature in found:
            props = feature["properties"]
            passages, events = props["passages"], props["events"]
            articles = len({p["article"] for p in passages})
            sure = "yes" if props["confirmed"] else "no"
            out.write(row(place.id, place.name, place.kind, articles, len(passages), len(events), sure))
    sys.stdout.write(out.getvalue())
    return 0


def cmd_show(args) -> int:
    atlas = filtered_store(args)
    place = atlas.places.get(args.place)
    if place is not None and (args.start or args.end) and place.id not in atlas.visible_places(args.start, args.end):
        place = None  # the date rule hides it, as on the map
    if place is None:
        raise UsageError(f"unknown place '{args.place}' (try: python -m geo search NAME)")
    print(f"{shown(place.name)} ({place.kind})")
    if place.alt_names:
        print(f"  also: {shown('; '.join(place.alt_names))}")
    print(f"  at {place.lat}, {place.lon} within {place.precision_m:g} m — {shown(place.coord_source)}")
    for event in atlas.events_of(place.id):
        until = " – ongoing" if event.ongoing else (f" – {event.date_end}" if event.date_end else "")
        print(f"  event {event.date_start}{until}: {shown(event.summary)}")
    for passage in atlas.passages(place.id):
        article = atlas.articles[passage.article]
        marked, last = [], 0
        for start, end in passage.spans:
            marked += [passage.text[last:start], "[", passage.text[start:end], "]"]
            last = end
        text = shown("".join(marked) + passage.text[last:])
        unsure = "" if passage.confirmed else " (uncertain placement: not confirmed)"
        print(f"\n  {shown(article.source_line)}, paragraph {passage.paragraph}{unsure}:\n  {text}")
    return 0


def cmd_geoparse(args) -> int:
    from geo.parsing import geoparse  # loads the gazetteer: only this command pays for it

    text = joined_lines(read_input(args.file))  # as ``geo add`` would store it: spans are offsets into that
    # Only the curated seed is "curated": saved places compete like any gazetteer entry.
    try:
        places = load_atlas(args.data).places.values()
        result = geoparse.geoparse(text, atlas_places=places, article_date=args.date, language=args.language)
    except ParseTooLong as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    if args.format == "geojson":
        sys.stdout.write(json.dumps(geoparse.to_geojson(result), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.writelines(shown(line) + "\n" for line in geoparse.to_table(result).splitlines())
    return 0


#: Said of a saved article in which no place was found, rather than that its places are on the map.
NOTHING_SHOWN = "nothing to show on the map"


def cmd_add(args) -> int:
    """One article, as the Add article page saves it; one already saved (same outlet and text) is refused.

    Only the curated seed is read, not the corpus: the cost of an add does not grow with it.
    """
    from geo.atlas import review
    from geo.atlas.intake import read_form, split_header, to_article
    from geo.parsing.geoparse import Geoparser

    header, body = split_header(read_input(args.file))
    values = {"text": body, "outlet": args.outlet, "url": args.url, "title": args.title, "language": args.language}
    values["date"] = args.date or header.get("date") or ""
    values["author"] = args.author if args.author is not None else header.get("author", "")
    form = read_form(values)
    writable = None if args.dry_run else Corpus()  # a corpus that cannot be written says so before the parse
    corpus = saved_corpus()
    existing = corpus.find_duplicate(form.outlet, form.text) if corpus else None
    if existing is not None:
        raise UsageError(f"{args.file}: {DuplicateArticle(existing)}")
    seed = load_atlas(args.data)
    try:
        parser = Geoparser(seed.places.values(), _gazetteer())
        result = parser.parse(form.text, article_date=form.date, language=form.language or None)
    except ParseTooLong as exc:
        raise UsageError(f"{args.file}: {exc}") from None
    choices = review.initial_choices(result.places)
    _apply_corrections(choices, args.reject, args.pick, seed, corpus)
    confirmed = review.confirmed_of(choices)
    events = review.suggested_events(form.text, result.dates, confirmed)
    for item in confirmed:
        unsure = () if item.confirmed else ("unconfirmed",)
        cells = (item.place.id, item.place.name, item.place.coord_source, f"{len(item.spans)} mention(s)", *unsure)
        print(row(*cells), end="")
    for event in events:
        print(f"event {event.date_start}{' – ongoing' if event.ongoing else ''}: {shown(event.summary)}")
    if args.dry_run:
        return 0
    try:
        article_id = writable.save(to_article(form), confirmed, events, seed=seed)
    except DuplicateArticle as exc:  # saved by someone else while this one was being read
        raise UsageError(f"{args.file}: {exc}") from None
    print(f"saved as {article_id}" if confirmed else f"saved as {article_id}; no place found in it: {NOTHING_SHOWN}")
    return 0


def cmd_import(args) -> int:
    """Many articles, one JSON object a line (``geo.atlas.bulk``), or the items of feeds
    (``geo.atlas.feeds``), saved alike. Exit 2 if any line or item was bad or skipped."""
    from tqdm import tqdm

    from geo.atlas import bulk

    if args.workers < 1:
        raise UsageError(f"--workers {args.workers}: at least 1")
    if (not args.files) == (args.feed is None):
        raise UsageError("give JSON Lines files, or --feed URL|FILE (one of the two)")
    if args.files.count("-") > 1:
        raise UsageError("- (standard input) can be read once")
    seed = load_atlas(args.data)
    corpus = Corpus()
    if args.feed is not None:
        from geo.atlas import feeds

        unit, sources = "item", [(args.feed, feeds.lines(args.feed))]
    else:
        unit, sources = "line", [(name, _lines_of(name)) for name in args.files]
        for name in args.files:  # every file is readable, before any is imported
            if name != "-":
                try:
                    open(name, "rb").close()
                except OSError as exc:
                    raise UsageError(f"{name}: cannot read: {exc.strerror or exc}") from None
    with tqdm(desc="import", unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:
        report = bulk.run(sources, corpus, seed, args.data, workers=args.workers, progress=bar.update)
    order = {name: n for n, (name, _) in enumerate(sources)}
    for problem in sorted(report.problems, key=lambda p: (order.get(p.file, 0), p.line)):  # a feed names its items
        print(shown(problem), file=sys.stderr)
    placeless = f" ({report.placeless} with no place found: {NOTHING_SHOWN})" if report.placeless else ""
    print(
        f"imported {len(report.saved)} article(s){placeless}; {report.duplicates} already in the corpus, skipped; "
        f"{len(report.problems)} bad {unit}(s)"
    )
    if report.stopped is not None:
        why, status = _why_stopped(report.stopped, corpus)
        print(
            f"{why}; the import stopped at {unit} {report.at[1]} of {report.at[0]} with {len(report.saved)} article(s) "
            "saved: "
            "run the same command again to finish it (what is saved is skipped)",
            file=sys.stderr,
        )
        return status
    return 2 if report.problems else 0


def _lines_of(name: str) -> Iterator[tuple[int, bytes | Problem]]:
    """The numbered lines of one file (or of standard input, ``-``), opened when the import reaches
    it and closed when it is done: a thousand shards hold one file open at a time."""
    from geo.atlas import bulk

    if name == "-":
        yield from bulk.numbered_lines(sys.stdin.buffer, name)
        return
    with open(name, "rb") as source:
        yield from bulk.numbered_lines(source, name)


def _why_stopped(exc: BaseException, corpus: Corpus) -> tuple[str, int]:
    """What stopped an import, in words, and the exit status: 130 for Ctrl-C, as shells give
    for SIGINT; 2 for a fault of the input or the machine (full disk, a worker killed); 1 for ours."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted", 130
    if isinstance(exc, sqlite3.DatabaseError):
        exc = damaged(exc, corpus.path)
    if isinstance(exc, AtlasError):
        return str(exc), 2
    return f"internal error: {type(exc).__name__}: {exc}", 1


def _apply_corrections(choices, reject: list[str], pick: list[str], seed: Atlas, corpus: Corpus | None) -> None:
    """--reject and --pick NAME=ID, where ID is a curated or saved place, a candidate, or any place the chain knows."""
    from geo.atlas.review import place_from_candidate

    by_name = {}
    for choice in choices:
        for name in {choice.found.name, *choice.found.matched}:
            by_name.setdefault(name.casefold(), []).append(choice)
    for name in reject:
        for choice in _named(by_name, name):
            choice.place = None
    chain = None
    for item in pick:
        name, sep, place_id = item.partition("=")
        if not sep:
            raise UsageError(f"--pick {item!r}: write NAME=ID")
        for choice in _named(by_name, name):
            choice.picked = True  # the reader's own choice is confirmed, sure or not the geoparser was
            options = [c for c in choice.found.candidates if c.key == place_id]
            known = seed.places.get(place_id) or (corpus.place(place_id) if corpus else None)
            if known is not None:
                choice.place = known
            elif options:
                choice.place = place_from_candidate(options[0])
            else:
                chain = chain or _chain(seed, online=False)
                found = [c for c in chain.lookup(name, limit=20).candidates if c.key == place_id]
                if not found:
                    raise UsageError(f"--pick {item!r}: {place_id} is not a place known for '{name}'")
                choice.place = place_from_candidate(found[0])


def _named(by_name: dict, name: str) -> list:
    """The choices found under a name as --pick or --reject gives it: in NFC, as the text is."""
    key = nfc(name).casefold()
    if key not in by_name:
        raise UsageError(f"no place was found under the name '{name}'")
    return by_name[key]


def _gazetteer():
    from geo.parsing.gazetteer import load_gazetteer

    return load_gazetteer()


def _chain(atlas: Atlas, *, online: bool | None):
    from geo.parsing.geocoders.chain import resolver_chain

    return resolver_chain(atlas.places.values(), online=online)


def cmd_review(args) -> int:
    """The review queue a page at a time, or a decision on it (``geo.atlas.decisions``)."""
    from geo.atlas import decisions

    if args.verdict is None:
        return _list_queue(args)
    if saved_corpus() is None:
        raise UsageError("the corpus is empty: nothing to review")
    corpus = Corpus()
    for ref in args.targets:
        on = decisions.target(corpus, ref, args.article)
        scope = args.scope or ("mention" if on.mention else "article")
        place = None
        if args.verdict == "pick":
            found = _chain(load_atlas(args.data), online=False).lookup(on.name, limit=20).candidates
            place = decisions.choose(decisions.alternatives(found), args.place, on.name)
        changed = decisions.decide(corpus, args.verdict, scope, on, place)
        what = {"mention": f"mention {on.ref}", "article": f"'{on.name}' in {on.article}"}.get(
            scope, f"'{on.name}' from this outlet"
        )
        print(f"{args.verdict}: {shown(what)}: {changed} mention(s) changed")
    return 0


def _list_queue(args) -> int:
    from geo.atlas import decisions

    if args.page < 1 or args.size < 1:
        raise UsageError(f"--page {args.page} --size {args.size}: both at least 1")
    corpus = saved_corpus()
    page = decisions.queue(corpus, args.page, args.size) if corpus else decisions.QueuePage([], 0, args.page, args.size)
    out = io.StringIO()
    out.write("mention\tplace\tname\tarticles\tmentions\toutlet\tdate\tpassage\n")
    for entry in page.entries:
        start, end = entry.span
        text = entry.passage
        passage = f"{text[:start]}[{text[start:end]}]{text[end:]}"
        place = f"{entry.place.name} ({entry.place.id})"
        cells = (entry.target.ref, place, entry.target.name, entry.articles, entry.mentions)
        out.write(row(*cells, entry.outlet, entry.date, passage))
    out.write(f"page {page.page} of {page.pages}: {page.total} unconfirmed place(s)\n")
    sys.stdout.write(out.getvalue())
    return 0


def cmd_resolve(args) -> int:
    if not args.name.strip():
        raise UsageError("resolve: the name to look up is empty")
    lookup = _chain(load_atlas(args.data), online=True if args.online else None).lookup(args.name)
    for source, why in lookup.failures.items():
        print(f"{source} could not answer: {shown(why)}", file=sys.stderr)
    if not lookup.candidates:
        print(f"no place known as '{shown(args.name)}'", file=sys.stderr)
        return 2
    for c in lookup.candidates:
        where = ", ".join(x for x in (c.admin1, c.country) if x)
        place = (c.key, c.name, where, f"{c.lat:.5f}, {c.lon:.5f}", c.coord_source, f"({lookup.answered_by})")
        print(row(*place), end="")
    return 0


def row(*cells: object) -> str:
    """One line of tab-separated columns, each cell ``shown``: a field's tab, line break or direction
    control cannot add a column or a row, or turn the line around."""
    return "\t".join(shown(cell) for cell in cells) + "\n"


def read_input(source: str) -> str:
    """A file's, a device's or standard input's text, in NFC; unreadable, non-UTF-8, empty or
    endless input (more than an article may be, ``/dev/zero``) is one line."""
    if source != "-":
        return nfc(read_text(Path(source), MAX_TEXT_BYTES))
    text = decode_utf8(read_bounded(sys.stdin.buffer, "-", MAX_TEXT_BYTES), "-")
    if not text.strip():
        raise UsageError("-: input is empty")
    return nfc(text)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except DataError as exc:
        for problem in exc.problems:
            print(shown(problem), file=sys.stderr)
        return 2
    except AtlasError as exc:  # shown: a value quoted in the message cannot break the one line
        print(shown(exc), file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:  # damage in the corpus found only as it is read
        print(shown(damaged(exc).problems[0]), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:  # Ctrl-C: one line, and the status shells give for SIGINT
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise is one line, never a traceback
        print(f"internal error: {type(exc).__name__}: {shown(exc)}", file=sys.stderr)
        return 1
