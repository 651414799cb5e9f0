"""A news page as an article: its text without the page around it, its metadata in the form;
from a saved .html file offline, or from a link fetched on 127.0.0.1 only when online is on."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from geo.atlas import fetcher
from geo.atlas.intake import IntakeError, read_form, read_link, read_saved_page, to_article
from geo.model.settings import var_dir
from tests.conftest import ROOT
from tests.websites import CONVOY, PAGES, serving

SAVED = PAGES / "news_page.html"
#: What the page holds around the article: none of it may reach the text.
BOILERPLATE = [
    "cookie",
    "Accept all",
    "Read more",
    "Related stories",
    "Bread queues",
    "Subscribe",
    "Yerevan bureau",
    "Share on",
    "Comments",
    "Fake news",
    "Finally some good news",
    "Most read",
    "newsletter",
    "All rights reserved",
    "Privacy policy",
    "Politics",
]


@pytest.fixture
def web(monkeypatch):
    """A site on 127.0.0.1, online on, an empty page cache, and no wait between requests."""
    for stale in (var_dir() / "cache").glob("web.sqlite*"):
        stale.unlink()
    monkeypatch.setenv("ATLAS_ONLINE", "1")
    monkeypatch.setattr(fetcher, "MIN_DELAY_SECONDS", 0.0)
    with serving() as site:
        yield site


def test_a_saved_news_page_gives_its_article_alone_and_its_metadata():
    page = read_saved_page("convoy.html", SAVED.read_bytes())
    assert page.text.startswith("A convoy of twelve aid trucks reached Stepanakert on Tuesday")
    assert page.text.endswith("moved eleven patients from Stepanakert to hospitals in Armenia during the day.")
    assert page.text.count("\n\n") == 4  # five paragraphs, as the page has them
    for words in BOILERPLATE:
        assert words.lower() not in page.text.lower(), words
    assert (page.title, page.author, page.date, page.outlet) == (
        "Convoy reaches Stepanakert after road reopens",
        "Anna Petrosyan",
        "2023-01-17",
        "Caucasus Ledger",
    )
    assert page.url == "https://ledger.example/news/2023/01/17/convoy-reaches-stepanakert"
    assert page.language == "en-GB"  # the page's declared language, for the article's when it has one
    article = to_article(read_form(page.form_values()))
    assert (article.outlet, article.title, article.title_is_ours) == ("Caucasus Ledger", page.title, False)
    assert page.form_values()["language"] == "en" and article.language == "en"


def test_a_page_with_no_article_or_of_another_kind_is_one_line():
    with pytest.raises(IntakeError, match=r"^empty\.html: no article text was found in the page$"):
        read_saved_page(
            "empty.html", b"<html><head><title>Loading</title><script>app()</script></head><body></body></html>"
        )
    with pytest.raises(IntakeError, match=r"^notes\.pdf: only \.html and \.htm pages can be read$"):
        read_saved_page("notes.pdf", b"%PDF-1.4")
    huge = b"<html><body>" + b"<p>word</p>" * (fetcher.MAX_BYTES // 11) + b"</body></html>"
    with pytest.raises(IntakeError, match=r"^huge\.htm: [\d,]+ bytes is more than the 5,242,880 a page may have$"):
        read_saved_page("huge.htm", huge)


def test_a_link_is_fetched_politely_once_and_read_as_the_saved_page_is(web):
    url = web.url + CONVOY
    page = read_link(url)
    assert page.text == read_saved_page("convoy.html", SAVED.read_bytes()).text
    assert (page.title, page.author, page.date, page.outlet) == (
        "Convoy reaches Stepanakert after road reopens",
        "Anna Petrosyan",
        "2023-01-17",
        "Caucasus Ledger",
    )
    assert page.url == url  # where it was fetched from, not where the page says it lives
    [(path, headers)] = web.requests
    assert path == CONVOY
    assert headers["User-Agent"].startswith("ArticleAtlas/") and "text/html" in headers["Accept"]
    assert read_link(url) == page and len(web.requests) == 1  # the second time from the cache
    with sqlite3.connect(var_dir() / "cache" / "web.sqlite") as db:  # kept as data: no pickle
        [(kept, media_type, body)] = db.execute("SELECT url, media_type, body FROM pages").fetchall()
    assert (kept, media_type, body) == (url, "text/html", SAVED.read_bytes())


def test_a_damaged_cache_row_is_fetched_again(web):
    url = web.url + CONVOY
    read_link(url)
    with sqlite3.connect(var_dir() / "cache" / "web.sqlite") as db:
        db.execute("UPDATE pages SET body = 'not bytes', fetched = 'yesterday'")
    assert read_link(url).title == "Convoy reaches Stepanakert after road reopens"
    assert len(web.requests) == 2


def test_online_off_a_link_is_one_clear_line_and_nothing_is_asked(web, monkeypatch):
    monkeypatch.setenv("ATLAS_ONLINE", "0")
    url = web.url + CONVOY
    with pytest.raises(IntakeError) as caught:
        read_link(url)
    assert str(caught.value) == (
        f"{url} is not fetched: online is off (ATLAS_ONLINE=1 turns it on); "
        "save the page in your browser and add the .html file instead"
    )
    assert web.requests == []


def test_a_huge_page_is_not_read_past_the_cap(web):
    web.routes["/huge"] = (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * (fetcher.MAX_BYTES + 10))
    with pytest.raises(IntakeError, match=r"/huge: an answer of more than 5120 kB, not read further$"):
        read_link(web.url + "/huge")


def test_a_slow_server_is_cut_off_at_the_deadline(web, monkeypatch):
    monkeypatch.setenv("ATLAS_FETCH_SECONDS", "0.5")
    web.routes["/slow"] = web.trickle
    with pytest.raises(IntakeError, match=r"/slow: no whole answer within 0\.5 s$"):
        read_link(web.url + "/slow")


def test_a_redirect_is_not_followed(web):
    web.routes["/moved"] = (301, {"Location": web.url + CONVOY}, b"")
    with pytest.raises(IntakeError, match=r"/moved: HTTP 301: a redirect, not followed$"):
        read_link(web.url + "/moved")
    assert [path for path, _ in web.requests] == ["/moved"]


def test_an_answer_that_is_no_web_page_is_refused_and_not_kept(web):
    web.routes["/report.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4")
    with pytest.raises(IntakeError, match=r"/report\.pdf: the server sent application/pdf, not text/html$"):
        read_link(web.url + "/report.pdf")
    with pytest.raises(IntakeError, match=r"/report\.pdf: the server sent application/pdf"):
        read_link(web.url + "/report.pdf")
    assert len(web.requests) == 2  # asked again: only pages are cached


def test_an_address_that_is_not_http_is_refused_before_asking(web):
    with pytest.raises(IntakeError, match=r"^'file:///etc/passwd' is not a web address \(http:// or https://\)$"):
        read_link("file:///etc/passwd")


def test_reading_a_page_downloads_nothing():
    """trafilatura and its helpers load no model, list or file from the network, at import or use."""
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise SystemExit('a connection was attempted')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "from pathlib import Path\n"
        "from geo.atlas.pages import page_fields\n"
        f"print(page_fields(Path({str(SAVED)!r}).read_bytes()).title)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "Convoy reaches Stepanakert after road reopens\n"), done.stderr


def test_two_pages_of_one_site_are_fetched_a_second_apart(web, monkeypatch):
    """The turn is kept in the cache's database for every process; the wait asked for is recorded here."""
    waits = []
    monkeypatch.setattr(fetcher, "MIN_DELAY_SECONDS", 1.0)
    monkeypatch.setattr(fetcher, "_sleep", waits.append)
    web.routes["/other"] = web.routes[CONVOY]
    read_link(web.url + CONVOY)
    read_link(web.url + "/other")
    read_link(web.url + CONVOY)  # from the cache: no turn taken
    assert len(waits) == 1 and 0.5 < waits[0] <= 1.0
    assert len(web.requests) == 2


def test_a_russian_page_in_windows_1251_is_read_with_its_declared_language():
    html = (
        '<html lang="ru"><head><meta charset="windows-1251"><title>Колонна в Степанакерте</title></head><body>'
        "<nav>Главная · Политика</nav><article><h1>Колонна в Степанакерте</h1>"
        "<p>Колонна из двенадцати грузовиков прибыла в Степанакерт во вторник, впервые за пять недель проехав "
        "по Лачинскому коридору.</p><p>Водители рассказали, что выехали из Гориса на рассвете.</p>"
        "</article></body></html>"
    )
    page = read_saved_page("kolonna.htm", html.encode("cp1251"))
    assert page.text == (
        "Колонна из двенадцати грузовиков прибыла в Степанакерт во вторник, впервые за пять недель проехав "
        "по Лачинскому коридору.\n\nВодители рассказали, что выехали из Гориса на рассвете."
    )
    assert (page.title, page.language) == ("Колонна в Степанакерте", "ru")
    form = page.form_values() | {"outlet": "Вестник", "date": "2023-01-17"}
    assert to_article(read_form(form)).language == "ru"  # declared, kept for the article


def test_a_language_the_atlas_does_not_read_is_left_to_the_text():
    html = '<html lang="de-AT"><body><article><p>Officials met in Geneva on Tuesday.</p></article></body></html>'
    assert read_saved_page("de.html", html.encode()).form_values()["language"] == ""
