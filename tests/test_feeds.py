"""`python -m geo import --feed`: RSS 2.0, Atom and OPML, from a file offline or from 127.0.0.1
with online on, saved as `geo import` saves; hostile XML is one line."""

from __future__ import annotations

import pytest

from geo.atlas import fetcher
from geo.cli import main
from geo.model.settings import var_dir
from tests.conftest import corpus_rows
from tests.hostile.conftest import gazetteer_index, geo, one_clear_line, var  # noqa: F401 — fixtures
from tests.websites import PAGES, serving

GAS = "Gas supply to Stepanakert cut again"
CONVOY = "Convoy reaches Stepanakert after road reopens"
TALKS = "Talks on the Lachin road to resume in Brussels"
SKIPPED = "link: only a summary in the feed, and online is off (ATLAS_ONLINE=1 fetches its link): skipped"


def saved(target) -> list[tuple]:
    return corpus_rows(target, "SELECT title, outlet, author, date, url FROM articles ORDER BY rowid")


def texts(target) -> list[str]:
    return [row[0] for row in corpus_rows(target, "SELECT text FROM articles ORDER BY rowid")]


@pytest.fixture
def web(monkeypatch):
    for stale in (var_dir() / "cache").glob("web.sqlite*"):
        stale.unlink()
    monkeypatch.setenv("ATLAS_ONLINE", "1")
    monkeypatch.setattr(fetcher, "MIN_DELAY_SECONDS", 0.0)
    with serving() as site:
        yield site


def test_a_local_rss_file_offline_imports_full_texts_and_says_why_it_skips_the_rest(empty_corpus, capsys):
    source = str(PAGES / "feed.rss")
    assert main(["import", "--feed", source, "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"{source}:2: {SKIPPED}", f"{source}:3: {SKIPPED}"]
    assert out == "imported 1 article(s); 0 already in the corpus, skipped; 2 bad item(s)\n"
    assert saved(empty_corpus) == [
        (GAS, "Caucasus Ledger", "Anna Petrosyan", "2023-01-05", "http://feeds.test/news/2023/01/05/gas-cut")
    ]
    [text] = texts(empty_corpus)
    assert text.startswith("The gas supply to Stepanakert was cut on Wednesday")
    assert "Continue reading" not in text and "track()" not in text


def test_an_rss_feed_online_fetches_the_pages_of_summaries_and_skips_duplicates(empty_corpus, web, capsys):
    url = web.url + "/feed.rss"
    assert main(["import", "--feed", url, "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    [line] = err.splitlines()
    assert line.startswith(f"{url}:3: link: skipped: {web.url}/news/2023/01/10/bread-queues: HTTP 404: '")
    assert out == "imported 2 article(s); 0 already in the corpus, skipped; 1 bad item(s)\n"
    assert saved(empty_corpus) == [
        (GAS, "Caucasus Ledger", "Anna Petrosyan", "2023-01-05", f"{web.url}/news/2023/01/05/gas-cut"),
        (
            CONVOY,
            "Caucasus Ledger",
            "Anna Petrosyan",
            "2023-01-17",
            f"{web.url}/news/2023/01/17/convoy-reaches-stepanakert",
        ),
    ]
    convoy = texts(empty_corpus)[1]
    assert convoy.startswith("A convoy of twelve aid trucks") and "cookie" not in convoy.lower()
    assert [path for path, _ in web.requests] == [
        "/feed.rss",
        "/news/2023/01/17/convoy-reaches-stepanakert",
        "/news/2023/01/10/bread-queues",
    ]
    # Run again: what was saved is skipped, and the feed and the page come from the cache.
    web.routes["/news/2023/01/10/bread-queues"] = web.routes["/news/2023/01/17/convoy-reaches-stepanakert"]
    assert main(["import", "--feed", url, "--workers", "1"]) == 0
    assert capsys.readouterr().out == "imported 0 article(s); 3 already in the corpus, skipped; 0 bad item(s)\n"


CAMP = b"""<html lang="en"><head><title>Protest camp near Shusha | Yerevan Weekly</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Protest camp near Shusha enters its sixth week</h1>
<p>Dozens of people who call themselves environmental activists have kept a camp on the road near Shusha for six weeks,
stopping most traffic between Goris and Stepanakert.</p><p>Only vehicles of the Red Cross and of the Russian
peacekeepers have been let through since the camp was set up in December.</p></article>
<footer>Cookie settings. All rights reserved.</footer></body></html>"""


def test_an_opml_list_of_an_rss_and_an_atom_feed(empty_corpus, web, capsys):
    web.routes["/2023/01/16/protest-camp"] = (200, {"Content-Type": "text/html"}, CAMP)
    assert main(["import", "--feed", web.url + "/feeds.opml", "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    assert out == "imported 4 article(s); 0 already in the corpus, skipped; 2 bad item(s)\n"
    lines = err.splitlines()
    assert lines[0].startswith(f"{web.url}/feed.rss:3: link: skipped: ") and "HTTP 404" in lines[0]
    assert lines[1].startswith(f"{web.url}/gone.xml:6: feed: ") and "HTTP 404" in lines[1]
    titles = [row[0] for row in saved(empty_corpus)]
    assert titles == [GAS, CONVOY, TALKS, "Protest camp near Shusha enters its sixth week"]
    talks, camp = saved(empty_corpus)[2:]
    assert talks == (TALKS, "Yerevan Weekly", "Karen Hakobyan", "2023-01-19", f"{web.url}/2023/01/19/brussels-talks")
    assert camp[1:] == ("Yerevan Weekly", "", "2023-01-16", f"{web.url}/2023/01/16/protest-camp")
    assert texts(empty_corpus)[3].startswith("Dozens of people") and "Cookie" not in texts(empty_corpus)[3]


def test_an_atom_file_offline(empty_corpus, capsys):
    source = str(PAGES / "feed.atom")
    assert main(["import", "--feed", source, "--workers", "1"]) == 2
    out, err = capsys.readouterr()
    assert out == "imported 1 article(s); 0 already in the corpus, skipped; 1 bad item(s)\n"
    assert err == f"{source}:2: {SKIPPED}\n"
    assert texts(empty_corpus) == [
        "Diplomats from Yerevan and Baku will meet in Brussels next week to discuss the Lachin corridor, "
        "the European Union said on Thursday.\n\n"
        "The talks follow a month in which the road between Goris and Stepanakert was closed to most traffic."
    ]


def test_a_feed_url_with_online_off_is_one_line(empty_corpus, web, monkeypatch, capsys):
    monkeypatch.setenv("ATLAS_ONLINE", "0")
    url = web.url + "/feed.rss"
    assert main(["import", "--feed", url]) == 2
    assert capsys.readouterr().err == (
        f"{url} is not fetched: online is off (ATLAS_ONLINE=1 turns it on); save the feed and import its file instead\n"
    )
    assert web.requests == []


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&secret;</title></item></channel></rss>"""


@pytest.mark.parametrize(
    ("xml", "why"),
    [
        (LAUGHS, "refused: the XML declares DTD"),
        (EXTERNAL, "refused: the XML declares DTD"),
        (b"<rss version='2.0'><channel><item><title>cut", "not well-formed XML: no element found: line 1, column 44"),
        (b"<html><body>not a feed</body></html>", "not an RSS 2.0 or Atom feed, nor an OPML list (its root is <html>)"),
        (b"<opml><body><outline text='none'/></body></opml>", "an OPML list with no feed (no outline with an xmlUrl)"),
        (b"", "not well-formed XML: no element found: line 1, column 0"),
    ],
    ids=["billion laughs", "external entity", "cut short", "no feed", "empty opml", "empty"],
)
def test_hostile_or_malformed_xml_is_one_line(xml, why, empty_corpus, tmp_path, capsys):
    source = tmp_path / "feed.xml"
    source.write_bytes(xml)
    assert main(["import", "--feed", str(source)]) == 2
    assert capsys.readouterr().err == f"{source}: {why}\n"
    assert saved(empty_corpus) == []


def test_a_feed_past_the_size_cap_is_not_read(empty_corpus, tmp_path, capsys):
    source = tmp_path / "huge.rss"
    source.write_bytes(b"<rss>" + b" " * fetcher.MAX_BYTES + b"</rss>")
    assert main(["import", "--feed", str(source)]) == 2
    assert capsys.readouterr().err == f"{source}:0: -: more than the 5,242,880 bytes allowed\n"


def test_a_file_and_a_feed_at_once_or_neither_is_a_usage_line(empty_corpus, capsys):
    assert main(["import", "x.jsonl", "--feed", "y.rss"]) == 2
    assert main(["import"]) == 2
    assert capsys.readouterr().err.splitlines() == ["give JSON Lines files, or --feed URL|FILE (one of the two)"] * 2


@pytest.mark.parametrize(
    "content",
    [
        '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One para.</p><p>Two <b>at</b> Goris.</p>'
        "</div></content>",
        '<content type="html">&lt;p&gt;One para.&lt;/p&gt;&lt;p&gt;Two &lt;b&gt;at&lt;/b&gt; Goris.&lt;/p&gt;'
        "</content>",
        "<content>One para.\n\nTwo at Goris.</content>",
    ],
    ids=["xhtml", "html", "text"],
)
def test_atom_content_of_every_type_is_the_same_text(content):
    from geo.atlas.feeds import items, parse
    from geo.atlas.pages import fragment_text

    xml = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title>'
        f'<link href="http://a.test/1"/><updated>2023-01-02T00:00:00Z</updated>{content}</entry></feed>'
    )
    [item] = items(parse(xml.encode(), "x"), "x")
    assert (fragment_text(item.content), item.date, item.link) == (
        "One para.\n\nTwo at Goris.",
        "2023-01-02",
        "http://a.test/1",
    )


def test_an_opml_file_offline_names_each_feed_it_could_not_read_and_no_local_file(empty_corpus, tmp_path, capsys):
    source = tmp_path / "feeds.opml"
    source.write_text(
        '<opml version="2.0"><body><outline xmlUrl="https://news.example/feed.rss"/>'
        f'<outline xmlUrl="{PAGES / "feed.rss"}"/><outline xmlUrl="file:///etc/passwd"/></body></opml>',
        encoding="utf-8",
    )
    assert main(["import", "--feed", str(source)]) == 2
    out, err = capsys.readouterr()
    assert out == "imported 0 article(s); 0 already in the corpus, skipped; 3 bad item(s)\n"
    assert err.splitlines() == [
        "https://news.example/feed.rss:1: feed: https://news.example/feed.rss is not fetched: online is off "
        "(ATLAS_ONLINE=1 turns it on); save the feed and import its file instead",
        f"{PAGES / 'feed.rss'}:2: feed: '{PAGES / 'feed.rss'}' is not a web address (http:// or https://)",
        "file:///etc/passwd:3: feed: 'file:///etc/passwd' is not a web address (http:// or https://)",
    ]


@pytest.mark.store
def test_an_item_whose_page_has_no_article_is_one_line_and_nothing_else(web, var):  # noqa: F811
    """Run as a user runs it, in a process of its own: nothing but our line reaches stderr."""
    web.routes["/one.rss"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        f"<rss version='2.0'><channel><title>T</title><item><title>Empty</title><link>{web.url}/empty</link>"
        "<pubDate>Tue, 10 Jan 2023 18:00:00 +0400</pubDate><description>Short.</description></item>"
        "</channel></rss>".encode(),
    )
    web.routes["/empty"] = (200, {"Content-Type": "text/html"}, b"<html><body></body></html>")
    done = geo("import", "--feed", web.url + "/one.rss", "--workers", "1", var=var, ATLAS_ONLINE="1")
    assert one_clear_line(done) == f"{web.url}/one.rss:1: link: skipped: no article text was found in the page"
    assert done.returncode == 2
