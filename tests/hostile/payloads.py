"""The attacks of issue 10, as data: what an outsider puts in a field, a file, a link or an answer.

Each Markdown and HTML payload names a host under ``evil.example``: a browser that fetches
anything from there, or a link that points there, means the payload was read as markup.
"""

from __future__ import annotations

EVIL = "evil.example"

#: 33 texts that would fetch, link, run, style or decorate if read as HTML or Markdown.
MARKUP = [
    f"![](http://{EVIL}/md-image.png)",
    f'![alt](https://{EVIL}/md-image2.png "title")',
    f"[click](http://{EVIL}/md-link)",
    f"[ref][r]\n\n[r]: http://{EVIL}/md-ref",
    f"<http://{EVIL}/autolink>",
    f"http://{EVIL}/bare-url",
    f"https://{EVIL}/bare-url-s?x=1",
    f"www.{EVIL}/bare-www",
    f"mail me at someone@{EVIL}",
    f"<img src=http://{EVIL}/html-img.png>",
    f"<img src=x onerror=\"fetch('http://{EVIL}/onerror')\">",
    "<script>alert(1)</script>",
    f"<iframe src=http://{EVIL}/frame></iframe>",
    f"<a href=http://{EVIL}/html-link>link</a>",
    f"<svg onload=\"fetch('http://{EVIL}/svg')\"></svg>",
    f"<style>@import url(http://{EVIL}/style.css)</style>",
    f'<div style="background:url(http://{EVIL}/bg.png)">x</div>',
    f"<link rel=stylesheet href=http://{EVIL}/link.css>",
    f"<video poster=http://{EVIL}/poster.png></video>",
    f'"><img src=http://{EVIL}/attr-break.png>',
    f"'><img src=http://{EVIL}/attr-break2.png>",
    f"`<img src=http://{EVIL}/backtick.png>`",
    f"${{alert(1)}}<img src=http://{EVIL}/template.png>",
    "$x^2$ and $$\\int f$$",
    "**bold** _em_ ~~strike~~ `code`",
    "# Heading",
    "- list item",
    "1. numbered",
    "> quoted",
    ":material/home: icon",
    ":smile: emoji",
    ":red[coloured] text",
    f"&lt;img src=http://{EVIL}/entity.png&gt; &amp;",
]


#: What each payload must still read as on the page (joiners aside): its words, not its effect.
def shown_as_text(payload: str) -> str:
    """The part of a payload the page must show literally: its first line, stripped."""
    return payload.split("\n")[0].strip()


#: Issue 19: a title that, printed raw in ``geo articles``' columns, adds a forged row and
#: rewrites the terminal line.
FORGED_ROW = "Real\nnot-an-id\t1999-01-01\tFake Outlet\tForged\tcorpus\rOverwritten"

#: Characters no one-line field may hold: C0 and C1 controls, line and paragraph separators, and
#: every direction mark, embedding, override and isolate (a lone U+202E turns a line around).
CONTROL = [
    "\n", "\t", "\r", "\v", "\f", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029",
    "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069",
]  # fmt: skip
