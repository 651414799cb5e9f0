"""The rate of one ``geo import`` of 100,000 articles: its first tenth against its last.

Issue 20 asks for at least 300 articles a second on 2 cores, flat: the last tenth, saved into a
corpus of 90,000, at least 85% as fast as the first, saved into an empty one. The import runs as
a user runs it (``python -m geo import FILE --workers N``) on articles ``bench.articles``
generates; this process watches the corpus grow (its newest row, read every ``--every`` seconds)
and times each tenth from the first article committed, so the workers' start (loading the
gazetteer) is in neither. The first tenth is the baseline the last is measured against, in the
same run.

``--order dated`` imports the same articles oldest first, as an archive or a feed gives them: the
generator dates them at random, which scatters each save over every index keyed by a date or an
article's id (its outlet, then its date), where news in the order it appeared adds near their ends.

``--into`` starts from a copy of a corpus made beforehand (``bench.store_build``: 90,000 articles
in minutes, not hours), so the import's last tenth lands where a long import's would. ``--baseline``
times another checkout's ``geo import`` (``/work/main``) on the same articles from the same start
first, in the same run: on a shared machine only a ratio measured so says what a change did.

Then the import of 5,000 lines the corpus holds already (each skipped), into the corpus the
import made and into one of just those, filled directly through the store's own schema: the
duplicate check is an index look-up, and should cost the same whatever the corpus's size.

    .venv/bin/python bench/import_rate_bench.py [--articles 100000] [--skipped 5000] [--workers 2]
        [--into CORPUS.sqlite] [--baseline CHECKOUT] [--order generated|dated]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from bench.articles import generate  # noqa: E402
from geo.atlas.corpus import ARTICLE_FIELDS, MENTION_FIELDS, Corpus, fingerprint  # noqa: E402
from geo.atlas.intake import ArticleForm, to_article  # noqa: E402

#: The aims of issue 20: articles a second on 2 cores, and the last tenth's rate against the first's.
AIM_RATE, AIM_FLAT = 300, 0.85


def write(path: Path, records) -> int:
    """The records as JSON Lines; how many."""
    lines = [json.dumps(record) + "\n" for record in records]
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines)


def fill(path: Path, source: Path) -> None:
    """The articles of ``source`` saved directly, in one transaction, each with three mentions."""
    Corpus(path)  # the schema, with every migration
    articles, mentions = [], []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines()):
        a = to_article(ArticleForm.model_validate_json(line))
        row_id = f"{a.id}-{number}"
        articles.append(
            (row_id, a.outlet, a.author, a.date.isoformat(), a.title, 1, a.url, a.text, a.language,
             "2024-01-01T00:00:00+00:00", fingerprint(a.outlet, a.text))
        )  # fmt: skip
        mentions += [(row_id, place, 1, 0, 5, a.text[:5], 1) for place in ("khankendi", "goris", "lachin")]
    with sqlite3.connect(path, isolation_level=None) as db:
        db.execute("BEGIN")
        db.executemany(
            f"INSERT INTO articles ({ARTICLE_FIELDS}, saved_at, fingerprint) VALUES ({'?, ' * 10}?)", articles
        )
        db.executemany(f"INSERT INTO mentions ({MENTION_FIELDS}, confirmed) VALUES ({'?, ' * 6}?)", mentions)
        db.execute("COMMIT")


def saved(path: Path) -> int:
    """Articles in the corpus the import writes (it starts empty and only adds, so the newest rowid)."""
    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not made yet
        return 0


def geo_import(source: Path, var: Path, workers: int, root: Path = ROOT) -> subprocess.Popen:
    """``geo import`` as the checkout at ``root`` runs it (its own environment, if it has one)."""
    env = {**os.environ, "ATLAS_VAR": str(var)}
    python = root / ".venv" / "bin" / "python"
    command = [str(python) if python.exists() else sys.executable, "-m", "geo", "import", str(source)]
    command += ["--workers", str(workers)]
    return subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> str:
    out, err = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"geo import failed: {err}")
    return out.strip()


def cpu_used(pid: int) -> tuple[float, float]:
    """CPU seconds used so far by the process ``pid`` (the importer, which saves) and by its children
    (the workers), read from /proc: what an article costs, which other work on a shared machine
    does not change as it changes the articles a second."""
    tick = os.sysconf("SC_CLK_TCK")
    own = children = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command's name, which may hold blanks
        except OSError:  # ended meanwhile
            continue
        used = (int(fields[11]) + int(fields[12])) / tick  # utime and stime
        if stat.parent.name == str(pid):
            own = used
        elif fields[1] == str(pid):
            children += used
    return own, children


#: One look at an import: seconds since it started, articles saved, CPU seconds of the importer and of its workers.
Look = tuple[float, int, float, float]


def watched(source: Path, count: int, var: Path, workers: int, every: float, root: Path = ROOT) -> list[Look]:
    """A look every ``every`` seconds as the import of ``source`` goes, from its start to its end."""
    path = var / "corpus.sqlite"
    before = saved(path)
    started = time.perf_counter()
    process = geo_import(source, var, workers, root)
    seen: list[Look] = [(0.0, 0, 0.0, 0.0)]
    while process.poll() is None:
        time.sleep(every)
        now, (own, children) = saved(path) - before, cpu_used(process.pid)
        if now != seen[-1][1]:  # workers that ended as the import did take their CPU with them: the most seen is kept
            seen.append((time.perf_counter() - started, now, max(own, seen[-1][2]), max(children, seen[-1][3])))
    said = finished(process)
    seen.append((time.perf_counter() - started, saved(path) - before, *seen[-1][2:]))
    print(f"  {said} in {seen[-1][0]:.0f} s", file=sys.stderr)
    if seen[-1][1] != count:
        raise RuntimeError(f"the import saved {seen[-1][1]:,} of {count:,} articles")
    return seen


def tenth(seen: list[Look], first: int, last: int) -> tuple[float, float, float]:
    """Articles a second from the first sight of ``first`` saved to the first of ``last``, and the
    milliseconds of CPU an article took meanwhile in the importer and in its workers."""
    start, end = (next(look for look in seen if look[1] >= mark) for mark in (first, last))
    (t0, n0, own0, kids0), (t1, n1, own1, kids1) = start, end
    return (n1 - n0) / (t1 - t0), (own1 - own0) * 1000 / (n1 - n0), (kids1 - kids0) * 1000 / (n1 - n0)


def shown_tenth(rate: float, own: float, kids: float, workers: int) -> str:
    """A tenth's rate, its CPU an article, and the rate that CPU allows on as many idle cores as
    workers: every core busy, but never faster than the importer alone can save."""
    idle = min(1000 / own, 1000 * workers / (own + kids)) if own else float("nan")
    return f"{rate:.0f} articles/s (CPU {own:.1f} ms saving + {kids:.1f} ms in workers an article: {idle:.0f}/s idle)"


def skipping(source: Path, count: int, var: Path, workers: int) -> float:
    """Lines a second of an import whose every line the corpus holds already, start to exit."""
    started = time.perf_counter()
    said = finished(geo_import(source, var, workers))
    seconds = time.perf_counter() - started
    print(f"  {said} in {seconds:.1f} s", file=sys.stderr)
    return count / seconds


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--articles", type=int, default=100_000, help="articles imported (default 100,000)")
    options.add_argument("--skipped", type=int, default=5000, help="lines already imported (default 5,000)")
    options.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    options.add_argument("--every", type=float, default=0.2, help="seconds between looks at the corpus")
    options.add_argument("--into", type=Path, help="a corpus file the import starts from (a copy is written)")
    options.add_argument("--baseline", type=Path, help="another checkout whose geo import is timed first")
    options.add_argument(
        "--order",
        choices=("generated", "dated"),
        default="generated",
        help="the articles as generated (dates at random), or oldest first, as an archive or a feed gives them",
    )
    args = options.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="atlas-import-rate-"))
    try:
        warm = {**os.environ, "ATLAS_VAR": str(root)}  # the gazetteer index, built once before any timing
        subprocess.run(
            [sys.executable, "-m", "geo", "geoparse", "-"],
            input=b"Paris",
            env=warm,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        big, small = root / "big", root / "small"
        for var in (big, small):
            var.mkdir()
            (var / "cache").symlink_to(root / "cache", target_is_directory=True)
        source = root / "articles.jsonl"
        started = time.perf_counter()
        articles = generate(args.articles, seed=7)
        if args.order == "dated":
            articles = sorted(articles, key=lambda record: record["date"])
        count = write(source, articles)
        print(f"generated {count:,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)

        uptime = Path("/proc/loadavg")
        runs = [("baseline", args.baseline)] if args.baseline else []
        rates = {}
        for label, checkout in [*runs, ("this checkout", ROOT)]:
            var = big if checkout == ROOT else root / "baseline"
            var.mkdir(exist_ok=True)
            if var != big:
                (var / "cache").symlink_to(root / "cache", target_is_directory=True)
            if args.into:
                shutil.copyfile(args.into, var / "corpus.sqlite")
            load = uptime.read_text().split()[0] if uptime.exists() else "?"
            seen = watched(source, count, var, args.workers, args.every, checkout)
            first = tenth(seen, 1, count // 10)
            last = tenth(seen, count - count // 10, count)
            rates[label] = last[0]
            print(
                f"{label}: import of {count:,} articles into {args.into.name if args.into else 'an empty corpus'}, "
                f"{args.workers} workers, load {load}\n  first tenth {shown_tenth(*first, args.workers)}\n"
                f"  last tenth {shown_tenth(*last, args.workers)}\n  last ÷ first {last[0] / first[0]:.2f} "
                f"(aim ≥ {AIM_FLAT}); last ÷ {AIM_RATE}/s aim {last[0] / AIM_RATE:.2f}"
            )
            if var != big:
                shutil.rmtree(var, ignore_errors=True)
        if args.baseline:
            print(f"last tenth, this checkout ÷ baseline: {rates['this checkout'] / rates['baseline']:.2f}")
        if not args.skipped:
            return 0

        again = root / "again.jsonl"
        with source.open(encoding="utf-8") as lines:
            skipped = write(again, map(json.loads, itertools.islice(lines, args.skipped)))
        fill(small / "corpus.sqlite", again)
        in_small, in_big = (skipping(again, skipped, var, args.workers) for var in (small, big))
        print(
            f"skipping {skipped:,} lines already imported: {in_small:.0f} lines/s in a corpus of just those, "
            f"{in_big:.0f} in one of {count:,}; ratio {in_big / in_small:.2f}"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
