"""Bulk import: many articles, one JSON object a line, geoparsed in worker processes.

Each worker builds its geoparser once, then checks each line it is given, skips it if the corpus
holds the article already (same outlet and text), geoparses it and makes its rows
(``corpus.prepare``); this process reads the lines and saves the rows one by one, in the order of
the lines, and nothing else, so that every core geoparses. The defaults are ``geo add``'s: towns,
sites, countries and first-level areas kept (those the geoparser is unsure of kept unconfirmed),
counties, continents, seas and regions left out. Each article is saved whole or not at all (a
savepoint of its own), and the saves are committed together, up to COMMIT_EVERY of them or within
COMMIT_WITHIN seconds; an article counts as saved, in the report, once its commit is done. So an import cut
short, even by kill -9, leaves whole articles only, keeps every one it reported saved, and can
simply be run again. Nothing reads the corpus back, and the duplicate check is one index look-up.

Whatever stops an import early (Ctrl-C, a full disk, a worker killed or failing) ends it at
once, with what stopped it and the first line not done in the report: no thread or worker is
left waiting for work that will never come.
"""

from __future__ import annotations

import decimal
import io
import json
import multiprocessing
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from pydantic import ValidationError

from geo.atlas.atlas import Atlas
from geo.atlas.corpus import Confirmed, Corpus, DuplicateArticle, Prepared, prepare
from geo.atlas.database import Target
from geo.atlas.intake import MAX_TEXT_BYTES, ArticleForm, to_article
from geo.model.errors import AtlasError, ParseTooLong, Problem
from geo.model.models import Article, Event

FIELDS = ("text", "outlet", "date", "author", "url", "title", "language")
#: Saves committed together, at most, and the longest an uncommitted one waits, in seconds: batched,
#: a save writes each index page it touches once a batch, not once an article; the time bound keeps
#: what the app shows, and other writers' wait for the lock, within a second of the import.
COMMIT_EVERY = 1000
COMMIT_WITHIN = 1.0
#: Lines read ahead of the one being saved, per worker, and in bytes in all: enough to keep the
#: workers geoparsing while this process commits (half a second, in a large corpus), little memory.
AHEAD_PER_WORKER = 128
AHEAD_BYTES = 32 << 20
#: The longest line kept, in characters: a 2 MB text written with JSON's ASCII escapes ("\u00e9" for
#: the two bytes of "é") takes up to three times as many, and the other fields a little more.
MAX_LINE = 3 * MAX_TEXT_BYTES + 65_536
#: How far an over-long line is read on for its end: past that, the input is taken to be endless
#: or no JSON Lines at all (``/dev/zero``), and no more of it is read.
MAX_SKIP = 10 * MAX_LINE


@dataclass
class Report:
    """What an import did: saved ids, duplicates skipped, and one Problem per bad line; if it was
    stopped early, what stopped it and the first line not done (every line before it is)."""

    saved: list[str] = field(default_factory=list)
    #: Of those saved, how many have no place found in them: nothing of them shows on the map.
    placeless: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    stopped: BaseException | None = None
    #: The file (its name as given) and line where an import that stopped early stopped.
    at: tuple[str, int] = ("", 0)


class WorkerLost(AtlasError):
    """A geoparsing worker process ended without answering: killed, or out of memory."""


def read_line(name: str, number: int, raw: bytes) -> ArticleForm | Problem:
    """One line as a checked form, or the Problem with it: ``FILE:LINE: field: what is wrong``."""

    def problem(column: str, message: str) -> Problem:
        return Problem(name, number, column, message)

    try:  # a number, of any length, is kept as a Decimal: no field may be one, and says so below
        value = json.loads(raw, parse_int=decimal.Decimal)
    except UnicodeDecodeError as exc:
        return problem(f"column {exc.start + 1}", "not UTF-8")
    except json.JSONDecodeError as exc:
        return problem(f"column {exc.colno}", f"not JSON: {exc.msg}")
    except RecursionError:
        return problem("-", "not JSON this program can read: nested too deeply")
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


def numbered_lines(stream, name: str) -> Iterator[tuple[int, bytes | Problem]]:
    """The non-blank lines of a binary stream, numbered from 1 as an editor counts them: a line
    ends at LF, CR LF or a CR alone (which no JSON string may hold raw). A line longer than
    MAX_LINE is never held whole: it is read on in pieces to its end and becomes a Problem; one
    with no end within MAX_SKIP ends the input there."""
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="surrogateescape", newline=None)
    for number, line in enumerate(iter(lambda: text.readline(MAX_LINE + 1), ""), start=1):
        if len(line) <= MAX_LINE or line.endswith("\n"):
            if line.strip():
                yield number, line.encode("utf-8", "surrogateescape")
            continue
        skipped = len(line)
        while line and not line.endswith("\n") and skipped <= MAX_SKIP:
            line = text.readline(MAX_LINE)
            skipped += len(line)
        if skipped > MAX_SKIP:
            yield number, Problem(name, number, "-", f"no line end in {MAX_SKIP:,} characters: the rest is not read")
            return
        yield number, Problem(name, number, "-", f"longer than the {MAX_LINE:,} characters a line may have")


#: A line of a source: its name and the line's number in it.
Line = tuple[str, int]


# --- in each worker process -------------------------------------------------------------

_parser = None
#: The worker's own connection to the corpus, for the duplicate check (it reads what is committed).
_reader: Corpus | None = None
#: What geoparsing one article comes to: what would be saved for it, or why it cannot be.
Outcome = tuple[Article, list[Confirmed], list[Event]] | str
#: What a worker makes of one line: the rows to save, the Problem with it, or DUPLICATE.
Done = Prepared | Problem | None
DUPLICATE = None


def _geoparser(data_dir: str):
    """A geoparser as ``geo add`` builds it: the gazetteer and the curated places."""
    from geo.atlas.atlas import load_atlas
    from geo.parsing.gazetteer import load_gazetteer
    from geo.parsing.geoparse import Geoparser

    return Geoparser(load_atlas(data_dir).places.values(), load_gazetteer())


def _start_worker() -> None:
    """Leave Ctrl-C to the importing process, which stops the import and says what was saved: a
    worker ignores it (it was held back while the worker started, see ``_submit``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def parsed(data_dir: str, target: Target, line: Line, raw: bytes) -> Done:
    """In a worker: one line checked, looked for in the corpus, geoparsed and made into rows; the
    worker's geoparser and connection made for its first line (so a failure to make them is this
    line's answer, not a worker that dies at start). The importing process does nothing but save:
    it was the one part of an import that does not run on every core."""
    global _parser, _reader
    if _parser is None:
        _parser = _geoparser(data_dir)
    if _reader is None:
        _reader = Corpus(target, read_only=True).reader()
    return done(_parser, _reader, line, raw)


def done(parser, corpus: Corpus, line: Line, raw: bytes, parsing=nullcontext) -> Done:
    """What one line comes to, in a worker or in the importing process: an article already in
    the corpus is not geoparsed (an interrupted import run again skips what it saved at once).
    Only the geoparsing runs inside ``parsing()``: the importing process lets a Ctrl-C stop it
    there, never inside the duplicate query, whose connection the last commit still needs."""
    form = read_line(*line, raw)
    if isinstance(form, Problem):
        return form
    if corpus.find_duplicate(form.outlet, form.text) is not None:
        return DUPLICATE
    with parsing():
        result = outcome(parser, form)
    return Problem(*line, "text", result) if isinstance(result, str) else prepare(*result)


def outcome(parser, form: ArticleForm) -> Outcome:
    """One article geoparsed with ``geo add``'s defaults: what would be saved for it, or why not."""
    from geo.atlas import review

    try:
        result = parser.parse(form.text, article_date=form.date, language=form.language or None)
    except ParseTooLong as exc:  # one article over the budget must not stop the others
        return str(exc)
    confirmed = review.confirmed_of(review.initial_choices(result.places))
    return to_article(form), confirmed, review.suggested_events(form.text, result.dates, confirmed)


# --- in the importing process ------------------------------------------------------------


#: Where an import reads its lines: (a name for the reports, its numbered lines), one after another.
Sources = Iterable[tuple[str, Iterable[tuple[int, bytes | Problem]]]]


def run(
    sources: Sources,
    corpus: Corpus,
    seed: Atlas,
    data_dir: str,
    *,
    workers: int,
    progress: Callable[[], None] = lambda: None,
) -> Report:
    """Import every line of every source, in order; ``progress`` is called once per line done,
    whatever became of it. Many sources (shards of one export) are one import: one pool of
    workers, one report, an article in two of them saved once.

    Call it from the main thread: it answers Ctrl-C (see ``_Interrupts``). Anything that stops
    it early is in the report, not raised.
    """
    report = Report()
    pending: deque[tuple[Line, Future, int]] = deque()  # submitted to the workers, in order, with their bytes
    ahead = [0]  # the bytes of the lines pending

    def lines() -> Iterator[tuple[Line, bytes]]:
        for name, numbered in sources:
            for number, raw in numbered:
                report.at = (name, number)
                interrupts.check()
                if isinstance(raw, Problem):
                    report.problems.append(raw)
                    progress()
                else:
                    yield (name, number), raw

    def save(line: Line, result: Done) -> None:
        if isinstance(result, Problem):
            report.problems.append(result)
        elif result is DUPLICATE:
            report.duplicates += 1
        else:
            try:
                unsaved.append((line, corpus.store(result, seed=seed), not result.counts))
            except DuplicateArticle:  # the same article twice in one file, or saved meanwhile by another process
                report.duplicates += 1
        progress()
        if len(unsaved) >= COMMIT_EVERY or time.monotonic() - committed_at[0] >= COMMIT_WITHIN:
            commit()

    def commit() -> None:
        """What was saved since the last commit, committed and only then reported saved. Saves the
        database undid, or a commit that failed, are lost: reported as not done, and no later commit
        may count them."""
        if lost:
            return
        kept = False
        try:
            kept = commit_held()
        finally:
            if kept:
                report.saved += [article for _, article, _ in unsaved]
                report.placeless += sum(placeless for _, _, placeless in unsaved)
                unsaved.clear()
            elif unsaved:
                lost.append(True)
        committed_at[0] = time.monotonic()

    def save_first(pool: ProcessPoolExecutor | None = None) -> None:
        """The first line in hand saved once its worker answers; only then is it no longer pending."""
        while True:
            interrupts.check()
            try:
                result = pending[0][1].result(timeout=0.25)  # a Ctrl-C meanwhile is seen within this
                break
            except TimeoutError:
                if pool is not None and _lost_worker(pool):
                    raise BrokenProcessPool("a worker ended") from None
                if time.monotonic() - committed_at[0] >= COMMIT_WITHIN:
                    commit()
                continue
        save(pending[0][0], result)
        ahead[0] -= pending.popleft()[2]

    def crowded() -> bool:
        return len(pending) >= workers * AHEAD_PER_WORKER or ahead[0] >= AHEAD_BYTES

    interrupts = _Interrupts()
    unsaved: list[tuple[Line, str, bool]] = []  # (line, id, placeless) saved since the last commit
    lost: list[bool] = []  # [True] once saves were undone: nothing from the first unsaved line on is committed
    committed_at = [time.monotonic()]
    try:
        with interrupts.answered(), corpus.held() as commit_held:
            try:
                if workers <= 1:
                    parser = _geoparser(data_dir)
                    for line, raw in lines():
                        interrupts.check()
                        result = done(parser, corpus, line, raw, parsing=interrupts.at_once)
                        save(line, result)
                else:
                    from geo.parsing.gazetteer import cached_tables

                    cached_tables()  # a missing or damaged index built here once, not by every worker at once
                    with _pool(workers) as pool:
                        for line, raw in lines():
                            pending.append((line, _submit(pool, data_dir, corpus.target, line, raw), len(raw)))
                            ahead[0] += len(raw)
                            while pending and (crowded() or pending[0][1].done()):
                                save_first(pool)
                        while pending:
                            save_first(pool)
            finally:  # whatever stops the import, the whole articles saved so far are kept
                commit()
    except BrokenProcessPool:
        report.stopped = WorkerLost("a geoparsing worker process ended without answering (killed, or out of memory)")
    except (Exception, KeyboardInterrupt) as exc:
        report.stopped = exc
    if report.stopped is not None and (unsaved or pending):
        report.at = unsaved[0][0] if unsaved else pending[0][0]
    return report


class _Interrupts:
    """Ctrl-C asks the import to stop, and is answered where stopping is safe: between lines and
    saves, while waiting for a worker, and while geoparsing in this process. Never inside a save
    (what is reported saved is what was saved), nor inside the pool's own bookkeeping, where an
    exception can leave a lock held and the pool hung for good."""

    def __init__(self) -> None:
        self.asked = self.raising = False

    def __call__(self, signum, frame) -> None:
        self.asked = True
        if self.raising:
            raise KeyboardInterrupt

    def check(self) -> None:
        if self.asked:
            raise KeyboardInterrupt

    @contextmanager
    def answered(self) -> Iterator[None]:
        previous = signal.signal(signal.SIGINT, self)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)

    @contextmanager
    def at_once(self) -> Iterator[None]:
        """Code that holds no lock another thread needs: a Ctrl-C stops it where it is."""
        self.check()
        self.raising = True
        try:
            yield
        finally:
            self.raising = False


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes that end with the import, however it ends: an import stopped early stops
    them at once (they hold nothing to save, and one may be seconds into loading the gazetteer).

    A worker that dies breaks the pool (BrokenProcessPool) rather than being replaced while its
    article is waited for forever, as ``multiprocessing.Pool`` would.

    A worker stopped while it sends its answer leaves half a message in the results pipe; the
    pool's own thread then waits for the rest for good, and so does the import as it shuts the pool
    down. Once the workers are stopped, this process closes its end of that pipe too, which no one
    here writes to: with every writer gone, the half message reads as the end of the pipe, which the
    pool takes for a broken pool and ends.
    """
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
    try:
        yield pool
    except BaseException:
        # Public API missing: Python 3.11's ProcessPoolExecutor cannot stop its workers (3.14 adds
        # terminate_workers()) nor end a read cut short, so this reaches its processes and the
        # results pipe's writing end, which it never uses in this process.
        for process in list(pool._processes.values()):
            process.terminate()
        pool._result_queue._writer.close()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _lost_worker(pool: ProcessPoolExecutor) -> bool:
    """Whether a worker has ended while the import still needs it (killed, or out of memory).

    The pool finds that out itself, unless the worker died halfway through sending an answer: its
    thread then waits for the rest of that answer for good, and no future ever fails. Asked here
    while waiting, so the import ends (``_pool`` then stops the rest) instead of waiting with it.
    """
    # Public API missing: ProcessPoolExecutor does not say which of its workers are alive.
    return any(process.exitcode is not None for process in list((pool._processes or {}).values()))


def _submit(pool: ProcessPoolExecutor, data_dir: str, target: Target, line: Line, raw: bytes) -> Future:
    """``pool.submit``, with Ctrl-C held back meanwhile: a worker it starts inherits it held, so no
    Ctrl-C reaches a worker before it sets it aside (as ``multiprocessing.resource_tracker`` does);
    this process answers it as soon as it is let go."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        return pool.submit(parsed, data_dir, target, line, raw)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
