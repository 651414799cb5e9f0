"""Each article's language: detected offline or given, checked, stored (old corpora migrated), shown."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from geo.atlas.corpus import Corpus
from geo.cli import main
from geo.model.models import Article
from geo.parsing.language import detect_language
from geo.view.feed import Item
from tests.conftest import DATA
from tests.whole import load_corpus_atlas
from ui.feed import item_html


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Azerbaijan's deputy foreign minister met the ICRC president in Geneva on Tuesday.", "en"),
        ("Вчера в Степанакерте прошёл митинг у здания правительства.", "ru"),
        ("Երեկ Ստեփանակերտում հանրահավաք է տեղի ունեցել։", "hy"),
        ("Dünən Xankəndidə aksiya keçirilib və yol bağlanıb.", "az"),
        ("Aksiya bu gün də davam edir.", "az"),  # one letter of its own suffices
        ("Le président du CICR a rencontré l’ambassadeur à Genève.", "fr"),
        ("Paris", "en"),  # nothing tells: English, as the atlas read before
        ("", "en"),
    ],
)
def test_the_language_is_told_by_its_script_then_its_small_words(text, code):
    assert detect_language(text) == code


def test_only_the_opening_of_a_long_text_is_read():
    assert detect_language("Вчера прошёл митинг. " * 300 + "The road was closed. " * 100_000) == "ru"


def article_file(tmp_path, text: str):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_add_takes_a_given_language_over_the_detected_one(empty_corpus, tmp_path):
    story = article_file(tmp_path, "Officials met in Stepanakert.\n")
    assert main(["add", story, "--outlet", "X", "--date", "2022-12-20", "--language", " RU "]) == 0
    assert [a.language for a in Corpus().articles()] == ["ru"]


def test_an_unknown_language_is_one_line_and_nothing_saved(empty_corpus, tmp_path, capsys):
    story = article_file(tmp_path, "Officials met in Stepanakert.\n")
    assert main(["add", story, "--outlet", "X", "--date", "2022-12-20", "--language", "xx"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("language: 'xx' is not a language the atlas reads; it reads en (English), ru (Russian)")
    assert Corpus().articles() == []


def test_an_import_line_may_give_its_language(empty_corpus, tmp_path, capsys):
    source = tmp_path / "news.jsonl"
    lines = [
        {"text": "Le président du CICR est arrivé à Genève.", "outlet": "A", "date": "2023-01-02", "language": "fr"},
        {"text": "Talks in Geneva.", "outlet": "B", "date": "2023-01-02", "language": "xx"},
        {"text": "Переговоры в Женеве.", "outlet": "C", "date": "2023-01-02"},
    ]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert main(["import", str(source), "--workers", "1"]) == 2
    [problem] = capsys.readouterr().err.splitlines()
    assert problem.startswith(f"{source}:2: language: 'xx' is not a language the atlas reads")
    assert {a.outlet: a.language for a in Corpus().articles()} == {"A": "fr", "C": "ru"}


def before_languages(path, texts: dict[str, str]) -> None:
    """A corpus as saved before languages were stored: the column and its migration taken out again."""
    Corpus(path)
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE articles DROP COLUMN language")
        db.execute("DELETE FROM migrations WHERE name = 'articles-language'")
        for article_id, text in texts.items():
            db.execute(
                "INSERT INTO articles (id, outlet, author, date, title, title_is_ours, url, text, saved_at)"
                " VALUES (?, 'Wire', '', '2023-01-02', 'T', 0, '', ?, '2024-01-01')",
                (article_id, text),
            )
            db.execute("INSERT INTO mentions VALUES (?, 'geneva', 1, 0, 1, 'x', 1)", (article_id,))


def test_an_old_corpus_gets_each_articles_language_detected_once(tmp_path):
    path = tmp_path / "corpus.sqlite"
    before_languages(path, {"old-en": "Talks were held in Geneva.", "old-ru": "Переговоры прошли в Женеве."})
    read = Corpus(path, read_only=True).articles()  # read as it is: detected, nothing written
    assert {a.id: a.language for a in read} == {"old-en": "en", "old-ru": "ru"}
    with sqlite3.connect(path) as db:
        assert not db.execute("SELECT 1 FROM pragma_table_info('articles') WHERE name = 'language'").fetchone()
    Corpus(path)  # opened to write: migrated
    with sqlite3.connect(path) as db:
        assert dict(db.execute("SELECT id, language FROM articles")) == {"old-en": "en", "old-ru": "ru"}
        assert db.execute("SELECT count(*) FROM migrations WHERE name = 'articles-language'").fetchone() == (1,)
    merged = load_corpus_atlas(DATA, path)
    assert merged.articles["old-ru"].source_line == "Wire, 2023-01-02 · Russian"


def test_the_feed_names_the_articles_language_beside_its_outlet(atlas):
    russian = Article(id="r", outlet="Vestnik", date=dt.date(2023, 1, 2), title="<T>", text="x", language="ru")
    atlas = type(atlas)(places=atlas.places, articles={"r": russian})
    item = Item(dt.date(2023, 1, 2), None, False, "r", "Vestnik", "Talks.", ("geneva",), "e")
    assert "</span> · Vestnik · Russian<div" in item_html(atlas, item)


def test_an_article_in_a_language_the_atlas_does_not_read_is_refused():
    with pytest.raises(ValueError, match="'de' is not a language the atlas reads"):
        Article(id="d", outlet="Zeit", date=dt.date(2023, 1, 2), title="T", language="de")


def test_a_seed_article_in_an_unknown_language_is_one_line_of_validate(data_copy, capsys):
    articles = data_copy / "articles.csv"
    articles.write_text(articles.read_text(encoding="utf-8").replace(",true,,en", ",true,,xx"), encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{articles}:2: language: ") and "'xx' is not a language the atlas reads" in line


def test_the_language_given_is_the_one_the_parser_reads(tmp_path, capsys):
    """Given, the language decides which case endings are read, as it does for `geo add`, import
    and the Add page: "Армавире" is the locative of Armavir only to a parser reading Russian."""
    story = article_file(tmp_path, "Вчера в Армавире прошла встреча.\n")
    assert main(["geoparse", story, "--format", "table", "--language", "ru"]) == 0
    assert "Армавире" in capsys.readouterr().out
    assert main(["geoparse", story, "--format", "table", "--language", "hy"]) == 0
    assert "Армавире" not in capsys.readouterr().out
    assert main(["geoparse", story, "--language", "xx"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "'xx' is not a language the atlas reads" in line
