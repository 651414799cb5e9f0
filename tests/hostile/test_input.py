"""Families 2 and 3: 12 kinds of bad upload and 17 deep links. Each bad upload is refused in one
sentence naming the file; each deep link renders its page with no exception, any value it
echoes escaped."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.atlas.intake import IntakeError, decode_upload, read_form
from geo.cli import main
from tests.conftest import ROOT

BAD_UPLOADS = [
    ("story.pdf", b"%PDF-1.4 text", "only .txt and .md"),
    ("story", b"no suffix", "only .txt and .md"),
    ("big.txt", b"a" * 2_000_001, "more than the 2,000,000 allowed"),
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b" \n\t\r\n ", "the file is empty"),
    ("latin1.txt", "Café in Tbilisi".encode("latin-1"), "not UTF-8"),
    ("utf16.txt", "Tbilisi".encode("utf-16"), "not UTF-8"),
    ("nul.txt", b"Tbilisi\x00Yerevan", "control character U+0000"),
    ("escape.txt", b"Tbilisi \x1b[31m red", "control character U+001B"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
    ("cut.txt", "Tbilisi — Yerevan ü".encode()[:-1], "not UTF-8"),
    ("bom.txt", b"\xef\xbb\xbf", "the file is empty"),
]


@pytest.mark.parametrize(("name", "data", "says"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_a_bad_upload_is_one_sentence_naming_the_file(name, data, says):
    with pytest.raises(IntakeError) as refused:
        decode_upload(name, data)
    message = str(refused.value)
    assert says in message and message.startswith(name) and "\n" not in message


@pytest.mark.parametrize(("name", "data", "says"), [b for b in BAD_UPLOADS if b[0].endswith(".txt")][5:])
def test_the_same_files_given_to_geo_add_exit_2_with_one_line(tmp_path, capsys, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["add", str(path), "--outlet", "X", "--date", "2023-01-01", "--dry-run"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(str(path)) and (says.removeprefix("the ") in line or "cannot be decoded" in line)


@pytest.mark.parametrize("field", ["text", "outlet", "author", "title"])
def test_a_pasted_value_with_a_nul_byte_is_refused_with_its_place(field):
    values = {"text": "Talks in Tbilisi.", "outlet": "X", "author": "", "title": "", "date": "2023-01-01"}
    values[field] += "\x00"
    with pytest.raises(IntakeError, match=rf"{field}: holds a control character \(U\+0000\)"):
        read_form(values)


DEEP_LINKS = [
    {"place": "atlantis"},
    {"place": "<script>alert(1)</script>"},
    {"place": "![](http://evil.example/x.png)"},
    {"place": ""},
    {"place": "x" * 5000},
    {"place": "../../etc/passwd"},
    {"place": "khankendi\x00"},
    {"from": "yesterday"},
    {"from": "2022-13-45", "to": "2022-12-11"},
    {"from": "2023-02-28", "to": "2022-12-01"},
    {"from": "0001-01-01", "to": "9999-12-31"},
    {"from": "**2022**"},
    {"to": ":material/home:"},
    {"article": "no-such-article"},
    {"article": "[x](http://evil.example)"},
    {"article": "azernews-2023-02-28-icrc-lachin-road", "place": "geneva"},
    {"unknown": "<b>x</b>", "place": "lachin"},
]
PAGES = [
    "app.py",
    "pages/1_Timeline.py",
    "pages/2_Places.py",
    "pages/3_Article.py",
    "pages/5_About.py",
    "pages/6_Review.py",
]


@pytest.mark.parametrize("params", DEEP_LINKS, ids=[str(i) for i in range(len(DEEP_LINKS))])
def test_a_deep_link_renders_and_echoes_nothing_raw(params):
    page = PAGES[sum(map(len, params.values())) % len(PAGES)]  # spread the links over the pages
    for script in dict.fromkeys(["app.py", page]):
        at = AppTest.from_file(str(ROOT / script), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, at.exception
        said = [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
        for value in said:
            assert "<script" not in value and "![](" not in value and "[x](" not in value, value
