"""Issue 19, round 2: hostile fields and files. A duplicate saved from anywhere, an export aimed at
the atlas's own files, a full disk under the Add page, control characters that forge rows,
endless input, decomposed Unicode, Unix seconds for dates, invisible outlets and a thousand
unknown address parameters: each is one clear line with the right exit status, nothing lost or
half written, no hang."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import unicodedata
from contextlib import closing, contextmanager

import pytest
from streamlit.runtime.state.query_params import QueryParams
from streamlit.testing.v1 import AppTest

from geo.atlas.corpus import Corpus, default_path, default_target
from geo.atlas.intake import IntakeError, read_form
from geo.model.fields import UNSEEN, shown
from geo.model.models import Article
from tests.conftest import ROOT, corpus_of, corpus_rows
from tests.hostile.conftest import GEO, geo, one_clear_line
from tests.hostile.payloads import CONTROL, FORGED_ROW

TEXT = "Officials met in Stepanakert on December 5, 2022.\n\nThen they drove to Goris."
ADD = ["--outlet", "Example Times", "--date", "2022-12-20"]


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def saved_ids(target) -> list[str]:
    return [row[0] for row in corpus_rows(target, "SELECT id FROM articles ORDER BY rowid")]


# --- 3. a duplicate, however it comes, is never saved ---------------------------------------------


def reviewed(text: str = TEXT) -> AppTest:
    """The Add article page with a text reviewed and not yet saved."""
    at = AppTest.from_file(str(ROOT / "pages" / "4_Add_article.py"), default_timeout=120)
    at.run()
    at.text_area(key="add.text").input(text)
    fields = {t.label.split(" *")[0].split(" (")[0]: t for t in at.text_input}
    fields["Outlet"].input("Example Times")
    fields["Date of publication"].input("2022-12-20")
    next(b for b in at.button if b.label == "Find places").click().run()
    assert not at.exception and [b for b in at.button if b.label == "Save to the atlas"]
    return at


def press_save(at: AppTest) -> AppTest:
    next(b for b in at.button if b.label == "Save to the atlas").click().run()
    assert not at.exception, at.exception
    return at


def refused_as_saved(at: AppTest, existing: str) -> None:
    """One line naming the saved article, with its link; no error, no success, no Save to press."""
    assert [w.value for w in at.warning] == [
        f"This article (same outlet and text) is already in the corpus as [{existing}](./Article?article={existing})."
    ]
    assert not at.error and not at.success
    assert "Save to the atlas" not in [b.label for b in at.button]


def test_two_tabs_saving_one_article_save_it_once(empty_corpus):
    first, second = reviewed(), reviewed()  # two sessions, both reviewed before either saved
    press_save(first)
    [saved] = saved_ids(default_target())
    assert first.success[0].value.startswith(f"Saved as {saved}.")
    refused_as_saved(press_save(second), saved)
    assert saved_ids(default_target()) == [saved]


def test_an_article_geo_add_saves_during_the_review_is_not_saved_again(empty_corpus, story):
    at = reviewed()
    added = subprocess.run([*GEO, "add", str(story), *ADD], cwd=ROOT, capture_output=True, text=True, check=False)
    assert added.returncode == 0, added.stderr
    [saved] = saved_ids(default_target())
    refused_as_saved(press_save(at), saved)
    assert saved_ids(default_target()) == [saved]


@pytest.mark.store
def test_geo_add_of_a_saved_article_is_one_line_and_exit_2(var, story):
    assert geo("add", str(story), *ADD, var=var).returncode == 0
    again = geo("add", str(story), *ADD, var=var)
    assert again.returncode == 2
    assert "already in the corpus as example-times-2022-12-20-" in one_clear_line(again)
    assert len(saved_ids(corpus_of(var))) == 1


# --- 8. a full disk under the Add page ----------------------------------------------------------


@pytest.fixture
def files_cannot_grow():
    """Writing past a file size limit fails (EFBIG) instead of killing the process: set here, in
    the main thread, as signals can only be; ``disk_full_after`` sets the limit from any thread."""
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    yield
    signal.signal(signal.SIGXFSZ, previous)


@contextmanager
def disk_full_after(size: int):
    """In this process, files stop growing at ``size`` bytes, as on a full disk."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@pytest.mark.sqlite("fills the disk under the SQLite file")
def test_a_full_disk_on_save_is_one_line_and_saves_nothing(empty_corpus, monkeypatch, files_cannot_grow):
    """The save itself runs where files cannot grow; a reader holds the corpus open, so its
    write-ahead log is there, and what fails is writing the article into it."""
    from geo.atlas import review

    real = review.save

    def on_a_full_disk(*args, **kwargs):
        with disk_full_after(2048):
            return real(*args, **kwargs)

    monkeypatch.setattr(review, "save", on_a_full_disk)  # before the page draws the Save button it binds
    at, _ = reviewed(), Corpus()
    with closing(sqlite3.connect(default_path())) as reader:
        reader.execute("SELECT count(*) FROM articles").fetchone()
        press_save(at)
        [error] = [e.value for e in at.error]
        assert error.startswith("Nothing was saved: ") and "\n" not in error, error
        assert not at.success and saved_ids(default_target()) == []
        monkeypatch.setattr(review, "save", real)
        press_save(at.run())  # room again: the review was kept, and the same press saves it
    assert at.success and len(saved_ids(default_target())) == 1


# --- 5. an export never over the atlas's own files ----------------------------------------------


@pytest.fixture
def corpus_var(var, story):
    """An ATLAS_VAR holding a corpus with one saved article."""
    assert geo("add", str(story), *ADD, var=var).returncode == 0
    return var


def own_files(var, data, tmp_path) -> list:
    corpus = var / "corpus.sqlite"
    (tmp_path / "link").symlink_to(corpus)
    os.link(corpus, tmp_path / "hard")
    (tmp_path / "datalink").symlink_to(data / "locations.csv")
    return [
        corpus, var / "corpus.sqlite-wal", var / "corpus.sqlite-journal", var / "cache" / "new.json",
        tmp_path / "link", tmp_path / "hard", data / "locations.csv", tmp_path / "datalink", data / "new.csv",
        var / ".." / var.name / "corpus.sqlite",
    ]  # fmt: skip


@pytest.mark.sqlite("refuses writing over the corpus file")
def test_export_out_onto_the_atlas_own_files_is_refused(corpus_var, data_copy, tmp_path):
    var, kept = corpus_var, {}
    targets = own_files(var, data_copy, tmp_path)
    for folder in (var, data_copy):
        kept |= {p: digest(p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}
    for target in targets:
        result = geo("--data", str(data_copy), "export", "--out", str(target), var=var)
        assert result.returncode == 2, (target, result.stderr)
        assert one_clear_line(result).startswith(f"{target}: "), result.stderr
    assert {p: digest(p) for p in kept} == kept
    listed = geo("--data", str(data_copy), "articles", var=var)
    assert listed.returncode == 0 and "example-times-2022-12-20-" in listed.stdout


@pytest.mark.store
def test_a_failed_export_leaves_the_previous_file_and_no_temporary_one(var, tmp_path):
    """The seed alone (no corpus to open) is exported where files stop growing at 4 kB."""
    out = tmp_path / "out" / "atlas.geojson"
    out.parent.mkdir()
    assert geo("export", "--out", str(out), var=var).returncode == 0
    before = digest(out)
    env = {**os.environ, "ATLAS_VAR": str(var)}
    full = subprocess.run(
        [*GEO, "export", "--format", "csv", "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
        preexec_fn=_limit(4096), check=False,
    )  # fmt: skip
    assert full.returncode == 2 and one_clear_line(full).startswith(f"{out}: cannot write"), full.stderr
    assert digest(out) == before and [p.name for p in out.parent.iterdir()] == ["atlas.geojson"]
    json.loads(out.read_text(encoding="utf-8"))  # still the whole previous export


def _limit(size: int):
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


# --- 9. control characters cannot forge a row ---------------------------------------------------


@pytest.mark.parametrize("field", ["title", "outlet", "author", "url"])
@pytest.mark.parametrize("char", CONTROL, ids=[f"U+{ord(c):04X}" for c in CONTROL])
def test_a_control_character_in_a_one_line_field_is_refused_with_its_place(field, char):
    values = {"text": TEXT, "outlet": "Example Times", "date": "2022-12-20"}
    values[field] = f"{values.get(field) or 'https://example.org/'}a{char}b"
    with pytest.raises(IntakeError, match=rf"^{field}: holds a control character \(U\+{ord(char):04X}\) at column"):
        read_form(values)


def test_the_text_keeps_tabs_and_line_breaks_and_refuses_the_rest():
    form = read_form({"text": "Goris\tand\r\nTbilisi\u200f.", "outlet": "X", "date": "2022-12-20"})
    assert form.text == "Goris\tand\nTbilisi\u200f."  # a right-to-left mark is kept: such texts need it
    for char in ("\v", "\f", "\x81", "\u202e", "\u2066", "\x1b"):
        with pytest.raises(IntakeError, match=rf"^text: holds a control character \(U\+{ord(char):04X}\) at line 2"):
            read_form({"text": f"Talks.\nIn {char}Goris.", "outlet": "X", "date": "2022-12-20"})


def test_windows_1252_punctuation_read_as_c1_codes_is_mended_in_the_text():
    form = read_form({"text": "Goris \x96 Tbilisi\x85 \x93talks\x94 \x9b", "outlet": "X", "date": "2022-12-20"})
    assert form.text == "Goris – Tbilisi… “talks” ›"


def test_joiners_stay_in_a_field_and_invisible_characters_leave():
    form = read_form({"text": TEXT, "outlet": "\u200bمی\u200cخواهم\ufeff", "date": "2022-12-20", "author": "A\u00adB"})
    assert form.outlet == "می\u200cخواهم" and form.author == "AB"


@pytest.mark.store
def test_a_forged_title_is_refused_by_geo_add(var, story):
    result = geo("add", str(story), *ADD, "--title", FORGED_ROW, var=var)
    assert result.returncode == 2
    assert one_clear_line(result) == "title: holds a control character (U+000A) at column 5"
    assert saved_ids(corpus_of(var)) == []


@pytest.mark.store
def test_geo_articles_escapes_what_a_stored_field_holds(var):
    """A corpus written before the rule (or by hand) still prints one row per article, five columns."""
    article = Article(id="forged", outlet="Out\u202elet", date="2022-12-20", title=FORGED_ROW, text=TEXT)
    Corpus(corpus_of(var)).save(article, [])
    result = geo("articles", var=var)
    assert result.returncode == 0, result.stderr
    [row] = [line for line in result.stdout.split("\n") if line.startswith("forged")]
    assert row.split("\t") == ["forged", "2022-12-20", "Out\\u202elet", shown(FORGED_ROW), "corpus"]
    assert "not-an-id" not in [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert not UNSEEN.search(result.stdout.replace("\t", "").replace("\n", ""))


def test_every_control_and_format_character_is_in_the_rule():
    """The written-out class holds every Cc, Cf, Zl and Zp character this Python's Unicode knows."""
    missing = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in {"Cc", "Cf", "Zl", "Zp"} and chr(c) not in "\u200c\u200d"
        and not UNSEEN.match(chr(c))
    ]  # fmt: skip
    assert missing == []


# --- 10. endless input is refused at the limit --------------------------------------------------

LIMIT_LINE = "more than the 2,000,000 bytes allowed"


@pytest.mark.parametrize("command", [["add", "/dev/zero", *ADD], ["geoparse", "/dev/zero"]])
def test_dev_zero_is_refused_at_the_limit(var, command):
    result = geo(*command, var=var, timeout=60)
    assert result.returncode == 2 and one_clear_line(result) == f"/dev/zero:0: -: {LIMIT_LINE}"


@pytest.mark.parametrize("command", [["add", "-", *ADD], ["geoparse", "-"]])
def test_endless_standard_input_is_refused_at_the_limit(var, command):
    env = {**os.environ, "ATLAS_VAR": str(var)}
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [*GEO, *command], stdin=zero, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
        )
    assert result.returncode == 2 and one_clear_line(result) == f"-:0: -: {LIMIT_LINE}"


def test_a_pipe_that_never_stops_is_refused_at_the_limit(var, tmp_path):
    fifo = tmp_path / "endless"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with open(fifo, "wb") as pipe:
                while True:
                    pipe.write(b"Tbilisi. " * 10_000)
        except BrokenPipeError:
            return

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = geo("geoparse", str(fifo), var=var, timeout=60)
    writer.join(10)
    assert result.returncode == 2 and one_clear_line(result) == f"{fifo}:0: -: {LIMIT_LINE}"


# --- 11. decomposed Unicode finds what composed Unicode finds ------------------------------------

NAMED = "Delegates flew from Zürich to São Paulo, then to Kraków and Bogotá. Talks in Stépanakert.\n"


def test_a_decomposed_text_finds_every_place_with_spans_into_the_composed_text(var):
    env = {**os.environ, "ATLAS_VAR": str(var)}
    found = {}
    for form in ("NFC", "NFD"):
        result = subprocess.run(
            [*GEO, "geoparse", "-"], input=unicodedata.normalize(form, NAMED), cwd=ROOT, env=env,
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        found[form] = [
            (f["properties"]["matched"], f["properties"]["spans"]) for f in json.loads(result.stdout)["features"]
        ]
    assert found["NFD"] == found["NFC"]
    assert [m for m, _ in found["NFD"]] == [["Zürich"], ["São Paulo"], ["Kraków"], ["Bogotá"], ["Stépanakert"]]
    assert all(NAMED[s:e] == m[0] for m, [[s, e]] in found["NFD"])


@pytest.mark.store
def test_a_decomposed_form_is_stored_composed_and_a_decomposed_search_finds(var):
    form = read_form({"text": unicodedata.normalize("NFD", NAMED), "outlet": "Zu\u0308rich Post", "date": "2022-12-20"})
    assert form.text == NAMED.strip() and form.outlet == "Zürich Post"
    result = geo("search", unicodedata.normalize("NFD", "Genève"), var=var)
    assert result.returncode == 0 and result.stdout.startswith("geneva\t"), result.stdout


def test_a_decomposed_place_in_the_address_opens_it(empty_corpus):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["place"] = unicodedata.normalize("NFD", "Genève")
    at.run()
    assert not at.exception and not at.warning, [w.value for w in at.warning]
    assert at.session_state["atlas.place"] == "geneva"


@pytest.mark.store
def test_geo_add_rejects_a_place_named_decomposed(var, tmp_path):
    story = tmp_path / "zurich.txt"
    story.write_text(NAMED, encoding="utf-8")
    result = geo("add", str(story), *ADD, "--reject", unicodedata.normalize("NFD", "Zürich"), "--dry-run", var=var)
    assert result.returncode == 0, result.stderr
    assert "Zürich" not in result.stdout and "Kraków" in result.stdout


# --- 13. dates and blank fields ----------------------------------------------------------------


@pytest.mark.parametrize("date", ["0", "86400", "1672531200.0", "1672531200", "20221220", "2022-12-20T00:00"])
def test_unix_seconds_and_other_shapes_are_not_dates(date):
    with pytest.raises(IntakeError, match=rf"^date: '{date}' is not a date written as YYYY-MM-DD$"):
        read_form({"text": TEXT, "outlet": "X", "date": date})


def test_a_date_is_trimmed_like_every_other_field(var, story):
    assert read_form({"text": TEXT, "outlet": "X", "date": " 2022-12-20\t"}).date.isoformat() == "2022-12-20"
    result = geo("add", str(story), "--outlet", "X", "--date", "86400", "--dry-run", var=var)
    assert result.returncode == 2
    assert one_clear_line(result) == "date: '86400' is not a date written as YYYY-MM-DD"


@pytest.mark.parametrize("outlet", ["\u200b\u200b", " \ufeff ", "\u2060", "\u200d", "\u00ad\u200b"])
def test_an_outlet_of_invisible_characters_is_required(outlet):
    with pytest.raises(IntakeError, match=r"^outlet: is required$"):
        read_form({"text": TEXT, "outlet": outlet, "date": "2022-12-20"})


@pytest.mark.store
def test_the_address_and_the_command_line_read_a_date_as_the_form_does(var, atlas):
    from ui.state import parse

    for raw in ("86400", "20221201", "2022-W48-4"):
        [problem] = parse({"from": raw}, atlas).problems
        assert problem.startswith(f"“from={raw}” is not a date written as YYYY-MM-DD"), problem
        result = geo("places", "--from", raw, var=var)
        assert result.returncode == 2 and f"not a date YYYY-MM-DD: '{raw}'" in one_clear_line(result)
    assert parse({"from": " 2022-12-01 "}, atlas).problems == []
    assert geo("places", "--from", " 2022-12-01 ", var=var).returncode == 0


# --- 13. a thousand unknown address parameters ------------------------------------------------


def test_a_thousand_unknown_parameters_give_the_page_of_none_and_one_address_rewrite(empty_corpus, monkeypatch):
    rewrites = []
    send = QueryParams._send_query_param_msg
    monkeypatch.setattr(QueryParams, "_send_query_param_msg", lambda self: rewrites.append(1) or send(self))
    pages = {}
    for count in (0, 1000):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for n in range(count):
            at.query_params[f"junk{n}"] = "<b>x</b>"
        rewrites.clear()
        at.run()
        assert not at.exception
        pages[count] = at
    none, many = pages[0], pages[1000]
    assert len(rewrites) <= 1, "the unknown parameters are dropped at once, not one by one"
    assert dict(many.query_params) == dict(none.query_params) == {}
    assert [m.value for m in many.markdown] == [m.value for m in none.markdown]
    [warning] = [w.value for w in many.warning]
    assert not none.warning and warning.endswith("and 995 more in an address (it reads place, from, to and article).")
    assert len(warning) < 400
