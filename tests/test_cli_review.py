"""``python -m geo review``: the queue of unsure places from a real import (the real geoparser and
gazetteer), decisions on it, and their survival when an article is removed and imported again.
Each command runs in a process of its own, as a user runs it."""

from __future__ import annotations

import pytest

from tests.conftest import corpus_rows
from tests.test_unconfirmed import geo, line

ONE = "Officials met in Springfield on Monday."
TWO = "Later, Springfield officials met again in Springfield."
ELSEWHERE = "Officials met in Springfield on Tuesday."


def queue_rows() -> list[list[str]]:
    result = geo("review")
    assert result.returncode == 0, result.stderr
    *rows, summary = result.stdout.splitlines()
    assert rows[0].split("\t") == ["mention", "place", "name", "articles", "mentions", "outlet", "date", "passage"]
    assert summary.startswith("page 1 of 1: ")
    return [r.split("\t") for r in rows[1:]]


def confirmed_places() -> dict[str, str]:
    result = geo("places")
    assert result.returncode == 0, result.stderr
    return {r.split("\t")[0]: r.split("\t")[-1] for r in result.stdout.splitlines()[1:]}


@pytest.fixture
def imported(empty_corpus, tmp_path):
    """Three articles naming Springfield, two from one outlet, imported as a user would."""
    lines = tmp_path / "articles.jsonl"
    lines.write_text(line(ONE) + line(TWO) + line(ELSEWHERE, "Other Post"))
    result = geo("import", str(lines), "--workers", "1")
    assert result.returncode == 0, result.stderr
    return lines


def confirmed_by_outlet(corpus) -> dict[str, set[int]]:
    """Whether each outlet's saved mentions are confirmed, read from the corpus's tables themselves."""
    found: dict[str, set[int]] = {}
    for outlet, confirmed in corpus_rows(
        corpus, "SELECT a.outlet, m.confirmed FROM mentions m JOIN articles a ON a.id = m.article"
    ):
        found.setdefault(outlet, set()).add(confirmed)
    return found


def test_an_outlet_decision_confirms_its_articles_and_survives_a_reimport(imported, empty_corpus):
    [entry] = queue_rows()  # one place, named four times in three articles
    ref, place, name, articles, mentions, outlet, date, passage = entry
    assert (name, articles, mentions, outlet, date) == ("Springfield", "3", "4", "Example Times", "2024-03-04")
    assert passage == "Officials met in [Springfield] on Monday."
    place = place.rsplit("(", 1)[1].rstrip(")")
    assert confirmed_places()[place] == "no"
    result = geo("review", "confirm", ref, "--scope", "outlet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "confirm: 'Springfield' from this outlet: 3 mention(s) changed\n"
    assert confirmed_by_outlet(empty_corpus) == {"Example Times": {1}, "Other Post": {0}}
    assert queue_rows() == [] and confirmed_places()[place] == "yes"

    for article in [r.split("\t")[0] for r in geo("articles").stdout.splitlines() if "Example Times" in r]:
        assert geo("remove", article).returncode == 0
    assert confirmed_places()[place] == "no", "only the other outlet's unsure mention is left"
    again = geo("import", str(imported), "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("imported 2 article(s)")
    assert confirmed_by_outlet(empty_corpus) == {"Example Times": {1}, "Other Post": {0}}
    assert queue_rows() == [] and confirmed_places()[place] == "yes", "the outlet's decision is applied again"


def test_pick_and_reject_a_name_in_an_article(imported):
    [other] = [r for r in geo("articles").stdout.splitlines() if "Other Post" in r]
    article = other.split("\t")[0]
    [entry] = queue_rows()
    resolved = geo("resolve", "Springfield")
    ids = [r.split("\t")[0] for r in resolved.stdout.splitlines()]
    wanted = next(i for i in ids if f"({i})" not in entry[1])
    picked = geo("review", "pick", "Springfield", wanted, "--article", article)
    assert picked.returncode == 0, picked.stderr
    assert picked.stdout == f"pick: 'Springfield' in {article}: 1 mention(s) changed\n"
    assert confirmed_places()[wanted] == "yes"
    assert queue_rows()[0][3:5] == ["2", "3"], "the other outlet's articles are left in the queue"
    rejected = geo("review", "reject", "springfield", "--article", article)
    assert rejected.returncode == 0, rejected.stderr
    assert wanted not in confirmed_places()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("review", "--page", "0"), "--page 0 --size 20: both at least 1"),
        (("review", "confirm", "nowhere:1:2"), "no mention nowhere:1:2 (python -m geo review lists them)"),
        (("review", "confirm", "Springfield"), "name a mention as ARTICLE:PARAGRAPH:START, or a name with --article"),
        (("review", "reject", "x:1:1", "--scope", "world"), "argument --scope: invalid choice: 'world'"),
        (("review", "pick", "Springfield", "geonames-1", "--article", "nope"), "no saved article 'nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(imported, args, says):
    result = geo(*args)
    assert result.returncode == 2
    assert says in result.stderr and result.stderr.count("\n") == 1, result.stderr


def test_a_mention_scope_needs_a_mention_and_a_pick_a_candidate(imported):
    [other] = [r for r in geo("articles").stdout.splitlines() if "Other Post" in r]
    article = other.split("\t")[0]
    on_name = geo("review", "reject", "Springfield", "--article", article, "--scope", "mention")
    assert on_name.returncode == 2 and "a decision on one mention names it" in on_name.stderr
    unknown = geo("review", "pick", queue_rows()[0][0], "geonames-1")
    assert unknown.returncode == 2
    assert (
        unknown.stderr == "geonames-1 is not a place known for 'Springfield' (python -m geo resolve NAME lists them)\n"
    )
    assert queue_rows()[0][3:5] == ["3", "4"], "nothing was decided"
