"""Bulk import: many articles, one JSON object a line, geoparsed in worker processes.

Each worker builds its geoparser once; this process checks every line, skips the articles
the corpus holds already (same outlet and text) and saves the rest one by one, each in its
own transaction, with the same defaults as ``geo add``: towns and sites kept, countries and
regions left out. So an import cut short, even by kill -9, leaves whole articles only and can
simply be run again. Nothing reads the corpus back: the cost of a line does not grow with it.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pydantic import ValidationError

from geo.atlas.atlas import Atlas
from geo.atlas.corpus import Confirmed, Corpus, DuplicateArticle
from geo.atlas.intake import ArticleForm, to_article
from geo.model.errors import ParseTooLong, Problem
from geo.model.models import Article, Event

FIELDS = ("text", "outlet", "date", "author", "url", "title")
#: Lines read ahead of the one being saved, per worker: enough to keep workers busy, little memory.
AHEAD_PER_WORKER = 8


@dataclass
class Report:
    """What an import did: saved ids, duplicates skipped, and one Problem per bad line."""

    saved: list[str] = field(default_factory=list)
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)


def read_line(name: str, number: int, raw: bytes) -> ArticleForm | Problem:
    """One line as a checked form, or the Problem with it: ``FILE:LINE: field: what is wrong``."""

    def problem(column: str, message: str) -> Problem:
        return Problem(name, number, column, message)

    try:
        value = json.loads(raw)
    except UnicodeDecodeError as exc:
        return problem(f"column {exc.start + 1}", "not UTF-8")
    except json.JSONDecodeError as exc:
        return problem(f"column {exc.colno}", f"not JSON: {exc.msg}")
    if not isinstance(value, dict):
        return problem("-", f"a JSON object is expected, not {type(value).__name__}")
    unknown = [k for k in value if k not in FIELDS]
    if unknown:
        return problem(unknown[0], f"unknown field (the fields are {', '.join(FIELDS)})")
    wrong = [k for k, v in value.items() if not isinstance(v, str)]
    if wrong:
        return problem(wrong[0], "must be a string")
    try:
        return ArticleForm.model_validate(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        blank = err["type"] in {"missing", "string_too_short"} or err.get("input") == ""
        return problem(str(err["loc"][0]) if err["loc"] else "-", "is required" if blank else _message(err))


def _message(err: dict) -> str:
    return err["msg"].removeprefix("Value error, ")


def numbered_lines(stream) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a binary stream, numbered from 1 as an editor counts them."""
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield number, raw


# --- in each worker process -------------------------------------------------------------

_parser = None


def _start_worker(data_dir: str) -> None:
    """Build this worker's geoparser once: the gazetteer and the curated places."""
    global _parser
    from geo.atlas.atlas import load_atlas
    from geo.parsing.gazetteer import load_gazetteer
    from geo.parsing.geoparse import Geoparser

    _parser = Geoparser(load_atlas(data_dir).places.values(), load_gazetteer())


def parsed(item: tuple[int, ArticleForm]) -> tuple[int, tuple[Article, list[Confirmed], list[Event]] | str]:
    """Geoparse one article with ``geo add``'s defaults: what would be saved for it, or why not."""
    from geo.atlas import review

    number, form = item
    try:
        result = _parser.parse(form.text, article_date=form.date)
    except ParseTooLong as exc:  # one article over the budget must not stop the others
        return number, str(exc)
    confirmed = review.confirmed_of(review.initial_choices(result.places))
    return number, (to_article(form), confirmed, review.suggested_events(form.text, result.dates, confirmed))


# --- in the importing process ------------------------------------------------------------


def run(
    lines: Iterable[tuple[int, bytes]],
    name: str,
    corpus: Corpus,
    seed: Atlas,
    data_dir: str,
    *,
    workers: int,
    progress: Callable[[], None] = lambda: None,
) -> Report:
    """Import every line; ``progress`` is called once per line done, whatever became of it."""
    report = Report()
    room = threading.BoundedSemaphore(max(1, workers) * AHEAD_PER_WORKER)

    def todo() -> Iterator[tuple[int, ArticleForm]]:
        for number, raw in lines:
            form = read_line(name, number, raw)
            if isinstance(form, Problem):
                report.problems.append(form)
            elif corpus.find_duplicate(form.outlet, form.text) is not None:
                report.duplicates += 1
            else:
                room.acquire()
                yield number, form
                continue
            progress()

    def save(number: int, outcome: tuple[Article, list[Confirmed], list[Event]] | str) -> None:
        room.release()
        if isinstance(outcome, str):
            report.problems.append(Problem(name, number, "text", outcome))
        else:
            try:
                report.saved.append(corpus.save(*outcome, seed=seed))
            except DuplicateArticle:  # the same article twice in one file, or saved meanwhile by another process
                report.duplicates += 1
        progress()

    if workers <= 1:
        _start_worker(data_dir)
        for item in todo():
            save(*parsed(item))
        return report
    from geo.parsing.gazetteer import cached_tables

    cached_tables()  # a missing or damaged index built here once, not by every worker at once
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_start_worker, initargs=(data_dir,)) as pool:
        for result in pool.imap(parsed, todo(), chunksize=1):
            save(*result)
    return report
