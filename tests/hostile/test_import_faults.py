"""Family 8, an import meets a fault: a full disk, Ctrl-C, a worker killed or failing, a line no
reader expects (nested 1,000 deep, a 5,000-digit number, CR alone between lines, no line end at
all), and a corpus of an older schema. Each ends by itself in one line saying what was saved and
how to finish (run it again), nothing half-saved; a bad line is reported and the rest imported.

A process that does not end is caught by the subprocess timeout, never by timing it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.articles import generate
from geo.atlas.bulk import MAX_LINE, MAX_SKIP
from geo.atlas.corpus import MIGRATIONS, Confirmed, Corpus, fingerprint
from geo.atlas.intake import ArticleForm, to_article
from geo.cli import main
from geo.model.models import Article
from tests.conftest import ROOT, corpus_of, corpus_rows
from tests.hostile.conftest import GEO, geo, one_clear_line
from tests.hostile.storage import disk_full_after

STOPPED = re.compile(
    r"the import stopped at line (\d+) of .* with (\d+) article\(s\) saved: run the same command again"
)


def news(tmp_path: Path, n: int, seed: int = 8) -> tuple[Path, list[dict]]:
    records = list(generate(n, seed=seed))
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return source, records


def saved(target: Path | str) -> list[tuple[str, str]]:
    """(outlet, text) of every saved article; each must have its mentions: no half article."""
    assert corpus_rows(target, "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article FROM mentions)") == [(0,)]
    return corpus_rows(target, "SELECT outlet, text FROM articles ORDER BY rowid")


def count(target: Path | str) -> int:
    return corpus_rows(target, "SELECT count(*) FROM articles")[0][0]


def finished_by_running_again(source: Path, var: Path, records: list[dict], before: int) -> None:
    again = geo("import", str(source), "--workers", "2", var=var, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout == (
        f"imported {len(records) - before} article(s); {before} already in the corpus, skipped; 0 bad line(s)\n"
    )
    assert sorted(saved(corpus_of(var))) == sorted((r["outlet"], r["text"]) for r in records)


@pytest.mark.sqlite("fills the disk under the SQLite file")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_full_disk_ends_the_import_saying_what_was_saved(var, tmp_path, workers):
    """Files stop growing 60 kB past the empty corpus: a few articles fit, then the disk is full."""
    source, records = news(tmp_path, 12)
    path = var / "corpus.sqlite"
    Corpus(path)
    full = disk_full_after(path.stat().st_size + 60_000)
    env = {**os.environ, "ATLAS_VAR": str(var)}
    result = subprocess.run(
        [*GEO, "import", str(source), "--workers", workers],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, preexec_fn=full,
    )  # fmt: skip
    line = one_clear_line(result)
    assert result.returncode == 2
    assert line.startswith(f"no space left to save to {path}: ") and "nothing was half-saved" in line, line
    assert "damaged" not in line
    at, reported = map(int, STOPPED.search(line).groups())
    before = len(saved(path))
    assert reported == before < len(records) and at == before + 1, line
    finished_by_running_again(source, var, records, before)


_SMALL_DISK = (
    'keep=$3 && mount -t tmpfs -o size="$1" tmpfs "$0" && mkdir "$0/cache" && ln -s "$2" "$0/cache/" && shift 3'
    ' && { "$@"; status=$?; cp "$0"/corpus.sqlite* "$keep"; exit $status; }'
)


def on_a_small_disk(var: Path, size: str, index: Path, keep: Path, command: list[str]) -> list[str]:
    """``command`` with ``var`` on a file system of ``size`` of its own (tmpfs, in a mount namespace
    of our own): a disk that really fills, so SQLite finds no space (SQLITE_FULL). The corpus
    files are copied to ``keep`` after, before the file system goes."""
    unshare = shutil.which("unshare")
    if not unshare or subprocess.run([unshare, "-r", "-m", "true"], capture_output=True).returncode != 0:
        pytest.skip("no mount namespace can be made for a small file system")
    return [unshare, "-r", "-m", "sh", "-c", _SMALL_DISK, str(var), size, str(index), str(keep), *command]


@pytest.mark.sqlite("fills the disk under the SQLite file")
def test_a_disk_that_really_fills_is_no_space_left_not_damage(var, tmp_path, gazetteer_index):
    source, records = news(tmp_path, 30)
    keep = tmp_path / "kept"
    keep.mkdir()
    command = on_a_small_disk(var, "400k", gazetteer_index, keep, [*GEO, "import", str(source), "--workers", "1"])
    env = {**os.environ, "ATLAS_VAR": str(var)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    line = one_clear_line(result)
    path = var / "corpus.sqlite"
    assert result.returncode == 2 and line.startswith(f"no space left to save to {path}: "), line
    assert "damaged" not in line
    for kept in keep.iterdir():  # what the small disk held, on a disk with room
        shutil.copy(kept, var)
    at, reported = map(int, STOPPED.search(line).groups())
    before = len(saved(path))
    assert reported == before < len(records) and at == before + 1, line
    finished_by_running_again(source, var, records, before)


@pytest.mark.sqlite("fills the disk under the SQLite file")
def test_a_full_disk_on_add_is_storage_full_not_damage(var, tmp_path):
    story = tmp_path / "story.txt"
    # Longer than the empty corpus's file, so saving it cannot fit in the room left whatever the
    # schema's size: the disk fills while the article is written, not before or never.
    path = var / "corpus.sqlite"
    Corpus(path)
    stories = (a["text"] for a in generate(60, seed=4))
    story.write_text("\n\n".join(stories)[: path.stat().st_size + 16384], encoding="utf-8")
    env = {**os.environ, "ATLAS_VAR": str(var)}
    full = {"cwd": ROOT, "env": env, "capture_output": True, "text": True, "timeout": 120}
    limit = disk_full_after(path.stat().st_size + 4096)
    add = subprocess.run([*GEO, "add", str(story), "--outlet", "X", "--date", "2023-01-04"], **full, preexec_fn=limit)
    assert one_clear_line(add).startswith(f"no space left to save to {path}: ") and add.returncode == 2
    probe = (
        "import datetime as dt, os, sys; from geo.atlas.corpus import Corpus; from geo.model.models import Article\n"
        "from geo.model.errors import StorageFull\n"
        "room = os.path.getsize(sys.argv[1]) + 100_000  # more than the file: it cannot fit\n"
        "article = Article(id='a', outlet='X', date=dt.date(2023, 1, 2), title='T', text='x' * room)\n"
        "try:\n    Corpus(sys.argv[1]).save(article, [])\n"
        "except StorageFull as exc:\n    print(isinstance(exc, OSError), exc.path)"
    )
    caught = subprocess.run([sys.executable, "-c", probe, str(path)], **full, preexec_fn=limit)
    assert caught.stdout == f"True {path}\n", caught.stderr
    assert count(path) == 0


def started(command: list[str], var: Path) -> subprocess.Popen:
    """An import in a session of its own, as a terminal runs it: Ctrl-C reaches the whole group."""
    env = {**os.environ, "ATLAS_VAR": str(var)}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


#: Articles enough that an import is still running once its first commit is in the corpus: it commits
#: within ``bulk.COMMIT_WITHIN`` (a second) of starting, and saving these takes longer.
MANY = 400


def when_saved(process: subprocess.Popen, path: Path, n: int) -> None:
    deadline = time.monotonic() + 240
    while count(path) < n and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, process.communicate()


def when_workers_start(process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not workers_of(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert process.poll() is None, process.communicate()


@pytest.mark.store
@pytest.mark.parametrize(("workers", "moment"), [("1", "saving"), ("2", "saving"), ("2", "starting workers")])
def test_ctrl_c_ends_the_import_in_one_line_and_running_again_finishes_it(var, tmp_path, workers, moment):
    """Ctrl-C once articles are being saved, or as the workers start (submitting more, loading the gazetteer)."""
    source, records = news(tmp_path, MANY, seed=9)
    path = corpus_of(var)
    process = started([*GEO, "import", str(source), "--workers", workers], var)
    if moment == "saving":
        when_saved(process, path, 1)
    else:
        when_workers_start(process)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the importer and its workers
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    (line,) = [line for line in err.splitlines() if line.strip()]
    assert line.startswith("interrupted; "), line
    at, reported = map(int, STOPPED.search(line).groups())
    before = len(saved(path))
    assert reported == before < len(records) and at == before + 1, line
    assert out == f"imported {before} article(s); 0 already in the corpus, skipped; 0 bad line(s)\n"
    finished_by_running_again(source, var, records, before)


@pytest.mark.store
def test_ctrl_c_while_the_import_asks_the_corpus_waits_for_the_answer(corpus_target, tmp_path, monkeypatch, capsys):
    """A Ctrl-C is answered between questions to the corpus, never inside one: a query cut short
    leaves a server's connection busy, and the last commit of what was saved would then fail."""
    source, _ = news(tmp_path, 3, seed=4)
    asked = Corpus.find_duplicate
    answered: list[bool] = []

    def interrupted_while_asking(self, *args):
        os.kill(os.getpid(), signal.SIGINT)  # arrives as the question is put
        found = asked(self, *args)
        answered.append(True)
        return found

    monkeypatch.setattr(Corpus, "find_duplicate", interrupted_while_asking)
    assert main(["import", str(source), "--workers", "1"]) == 130
    assert answered == [True]
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("interrupted; the import stopped at line 1 of "), line
    assert count(corpus_target) == 0


#: Two workers answering 50 MB each, cut off at six moments a little later each time, some while
#: they send; ``then`` (indented to the pool's block) cuts them off, and the import ends on ``caught``.
_CUT_WHILE_ANSWERING = """
import os, signal, time
from concurrent.futures.process import BrokenProcessPool
from geo.atlas.bulk import _lost_worker, _pool
for delay in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
    try:
        with _pool(2) as pool:
            answers = [pool.submit(bytes, 50_000_000) for _ in range(6)]
            time.sleep(delay)
{then}
    except {caught}:
        print("ended", flush=True)
"""


def cut_while_answering(then: str, caught: str) -> None:
    """Each of the six imports ended on ``caught``, none left waiting (in a minute at most)."""
    script = _CUT_WHILE_ANSWERING.format(then=textwrap.indent(textwrap.dedent(then), " " * 12), caught=caught)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout == "ended\n" * 6


def test_workers_stopped_while_they_answer_leave_nothing_waiting():
    """Ctrl-C stops the workers wherever they are, halfway through sending an answer too: the half
    answer must not keep the import waiting for the rest."""
    cut_while_answering("raise KeyboardInterrupt", "KeyboardInterrupt")


def test_a_worker_killed_while_it_answers_is_noticed_by_the_import():
    """Killed halfway through sending an answer, a worker leaves the pool's own thread waiting for
    the rest, and no answer ever fails: the import asks whether its workers live as it waits."""
    cut_while_answering(
        """
        os.kill(next(iter(pool._processes)), signal.SIGKILL)
        for answer in answers:  # as the import waits: a lost worker ends the wait
            while not answer.done():
                if _lost_worker(pool):
                    raise BrokenProcessPool("a worker ended")
                time.sleep(0.05)
            answer.result()
        """,
        "BrokenProcessPool",
    )


def workers_of(group: int) -> list[int]:
    """The geoparsing workers in an import's process group (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            pgrp = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[2])
            if pgrp == group and b"spawn_main" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


@pytest.mark.store
def test_a_worker_killed_ends_the_import_instead_of_waiting_for_it(var, tmp_path):
    source, records = news(tmp_path, MANY, seed=10)
    path = corpus_of(var)
    process = started([*GEO, "import", str(source), "--workers", "2"], var)
    when_saved(process, path, 1)
    os.kill(workers_of(process.pid)[0], signal.SIGKILL)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 2 and "Traceback" not in err, err
    (line,) = [line for line in err.splitlines() if line.strip()]
    assert line.startswith("a geoparsing worker process ended without answering (killed, or out of memory); "), line
    at, reported = map(int, STOPPED.search(line).groups())
    before = len(saved(path))
    assert reported == before < len(records) and at == before + 1, line
    assert workers_of(process.pid) == []  # none left behind
    finished_by_running_again(source, var, records, before)


@pytest.mark.store
def test_a_worker_that_fails_ends_the_import_as_an_internal_error(var, tmp_path):
    """Every process of the import, workers too, runs a geoparser that fails on the fourth article."""
    source, records = news(tmp_path, 6, seed=12)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "from geo.parsing.geoparse import Geoparser\n"
        "parse = Geoparser.parse\n"
        "def failing(self, text, **kw):\n"
        f"    if {records[3]['text'][:80]!r} in text:\n"
        "        raise ZeroDivisionError('a bug')\n"
        "    return parse(self, text, **kw)\n"
        "Geoparser.parse = failing\n",
        encoding="utf-8",
    )
    result = geo("import", str(source), "--workers", "2", var=var, PYTHONPATH=f"{hooks}{os.pathsep}{ROOT}")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith("internal error: ZeroDivisionError: a bug; the import stopped at line 4 of "), line
    assert STOPPED.search(line).groups() == ("4", "3")
    assert saved(corpus_of(var)) == [(r["outlet"], r["text"]) for r in records[:3]]


def test_a_line_no_reader_expects_is_reported_and_the_rest_imported(empty_corpus, tmp_path, capsys):
    good = list(generate(3, seed=13))
    deep = '{"outlet": "X", "date": "2023-01-02", "text": ' + "[" * 1000 + "]" * 1000 + "}"
    digits = '{"outlet": "X", "text": "Talks in Goris.", "date": ' + "7" * 5000 + "}"
    source = tmp_path / "odd.jsonl"
    lines = [json.dumps(good[0]), deep, digits, "[" * 100_000, json.dumps(good[1]), json.dumps(good[2])]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(source), "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{source}:2: -: not JSON this program can read: nested too deeply",
        f"{source}:3: date: must be a string",
        f"{source}:4: -: not JSON this program can read: nested too deeply",
    ]
    assert out == "imported 3 article(s); 0 already in the corpus, skipped; 3 bad line(s)\n"
    assert saved(empty_corpus) == [(r["outlet"], r["text"]) for r in good]


def test_lines_apart_by_cr_alone_or_cr_lf_are_each_read(empty_corpus, tmp_path, capsys):
    good = list(generate(4, seed=14))
    source = tmp_path / "old-mac.jsonl"
    source.write_bytes(
        "\r".join([json.dumps(good[0]), "{bad", json.dumps(good[1])]).encode()
        + b"\r\n"
        + "\r".join([json.dumps(good[2]), "", json.dumps(good[3])]).encode()
    )
    assert main(["import", str(source), "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    assert err == f"{source}:2: column 2: not JSON: Expecting property name enclosed in double quotes\n"
    assert out == "imported 4 article(s); 0 already in the corpus, skipped; 1 bad line(s)\n"
    assert saved(empty_corpus) == [(r["outlet"], r["text"]) for r in good]


@pytest.mark.store
def test_endless_input_is_one_line_and_never_held_whole(var):
    """Memory is capped at 1.5 GB, far below /dev/zero read whole, which then could not be."""

    def capped() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    env = {**os.environ, "ATLAS_VAR": str(var)}
    result = subprocess.run(
        [*GEO, "import", "/dev/zero", "--workers", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, preexec_fn=capped,
    )  # fmt: skip
    assert one_clear_line(result) == f"/dev/zero:1: -: no line end in {MAX_SKIP:,} characters: the rest is not read"
    assert result.returncode == 2
    assert result.stdout == "imported 0 article(s); 0 already in the corpus, skipped; 1 bad line(s)\n"


def test_an_over_long_line_is_reported_and_the_rest_imported(empty_corpus, tmp_path, capsys):
    good = list(generate(2, seed=15))
    source = tmp_path / "long.jsonl"
    with source.open("w", encoding="utf-8") as out:
        out.write(f"{json.dumps(good[0])}\n{'x' * (MAX_LINE + 1)}\n{json.dumps(good[1])}\n{'y' * (MAX_LINE + 7)}")
    assert main(["import", str(source), "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    too_long = f"-: longer than the {MAX_LINE:,} characters a line may have"
    assert err.splitlines() == [f"{source}:2: {too_long}", f"{source}:4: {too_long}"]
    assert out == "imported 2 article(s); 0 already in the corpus, skipped; 2 bad line(s)\n"
    assert saved(empty_corpus) == [(r["outlet"], r["text"]) for r in good]


TABLES = re.compile(r"\bSCAN (articles|mentions|events|places|event_places)\b")


def test_a_save_and_the_duplicate_check_search_indexes_and_never_scan(tmp_path, monkeypatch, atlas):
    """Every statement a save and a duplicate check run, asked for its plan: no table is read through."""
    statements: list[str] = []
    connect = Corpus._connect

    def traced(self):
        db = connect(self)
        db.conn.set_trace_callback(statements.append)
        return db

    corpus = Corpus(tmp_path / "corpus.sqlite")
    monkeypatch.setattr(Corpus, "_connect", traced)
    record = next(generate(1, seed=16))
    article = to_article(ArticleForm.model_validate(record))
    place = atlas.places["khankendi"]
    corpus.save(article, [Confirmed(place, ((0, 5),))], seed=atlas)
    assert corpus.find_duplicate(record["outlet"], record["text"]) == article.id
    monkeypatch.undo()
    with sqlite3.connect(corpus.path) as db:
        plans = {s: [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {s}")] for s in statements if _queries(s)}
    assert any("USING INDEX articles_by_fingerprint (fingerprint=?)" in p for plan in plans.values() for p in plan)
    assert not {s: plan for s, plan in plans.items() if any(TABLES.search(p) for p in plan)}


def _queries(statement: str) -> bool:
    return statement.split()[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE"}


def test_a_title_shared_by_many_articles_costs_a_few_look_ups_for_its_id(tmp_path, monkeypatch):
    corpus = Corpus(tmp_path / "corpus.sqlite")
    ids = [corpus.save(same_title(f"Report number {i}."), []) for i in range(70)]
    assert ids == ["same-title", *(f"same-title-{n}" for n in range(2, 71))]
    looked_up: list[str] = []
    connect = Corpus._connect

    def traced(self):
        db = connect(self)
        db.conn.set_trace_callback(
            lambda s: looked_up.append(s) if s.startswith("SELECT 1 FROM articles WHERE id") else None
        )
        return db

    monkeypatch.setattr(Corpus, "_connect", traced)
    assert corpus.save(same_title("Report number 70."), []) == "same-title-71"
    assert len(looked_up) <= 14, looked_up  # about 2 log2(70), not one per article with the title


def same_title(text: str) -> Article:
    return Article(id="same-title", outlet="Wire", date=dt.date(2023, 1, 2), title="Same title", text=text)


# The schema as released before fingerprints and migrations (geo/atlas/corpus.py at fa73eaa).
OLD_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, outlet TEXT NOT NULL, author TEXT, date TEXT NOT NULL, title TEXT NOT NULL,
    title_is_ours INTEGER NOT NULL, url TEXT, text TEXT NOT NULL, saved_at TEXT NOT NULL
);
CREATE TABLE places (id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE mentions (
    article TEXT NOT NULL REFERENCES articles(id), place TEXT NOT NULL,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE events (id TEXT PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id), record TEXT NOT NULL);
CREATE INDEX mentions_by_article ON mentions(article);
CREATE INDEX mentions_by_place ON mentions(place, article, paragraph, start, end);
CREATE INDEX events_by_article ON events(article);
CREATE INDEX articles_by_fingerprint ON articles(outlet, length(text));
CREATE TABLE event_places (
    place TEXT NOT NULL, day TEXT NOT NULL, event TEXT NOT NULL REFERENCES events(id), PRIMARY KEY (place, day, event)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);
INSERT INTO meta VALUES ('id', lower(hex(randomblob(8)))), ('version', 0);
"""


@pytest.mark.sqlite("an SQLite file of the schema before migrations")
def test_a_corpus_of_the_old_schema_is_migrated_once_and_its_duplicates_still_found(var, tmp_path):
    source, records = news(tmp_path, 4, seed=17)
    path = var / "corpus.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(OLD_SCHEMA)
        for record in records[:3]:
            a = to_article(ArticleForm.model_validate(record))
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, a.outlet, a.author, a.date.isoformat(), a.title, 0, a.url, a.text, "2024-01-01T00:00:00"),
            )
            db.execute("INSERT INTO mentions VALUES (?, 'khankendi', 1, 0, 1, 'x')", (a.id,))
    old = Corpus(path, read_only=True)  # read as it is, before any write
    assert (
        old.find_duplicate(records[0]["outlet"], records[0]["text"])
        == to_article(ArticleForm.model_validate(records[0])).id
    )
    assert Corpus(path).path == path and Corpus(path).path == path  # opened twice: migrated once
    with sqlite3.connect(path) as db:
        migrations = [row[0] for row in db.execute("SELECT name FROM migrations ORDER BY rowid")]
        assert migrations == [name for name, _ in MIGRATIONS]  # every step, once, in order
        rows = db.execute("SELECT outlet, text, fingerprint FROM articles").fetchall()
        index = db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_by_fingerprint'").fetchone()[0]
    assert [f for _, _, f in rows] == [fingerprint(o, t) for o, t, _ in rows]
    assert index.endswith("ON articles(fingerprint)")
    result = geo("import", str(source), "--workers", "1", var=var)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "imported 1 article(s); 3 already in the corpus, skipped; 0 bad line(s)\n"
