"""The one escape for data on its way to Streamlit's Markdown, and the marked-up texts built with it.

Streamlit reads Markdown everywhere: ``st.markdown`` (with or without HTML), captions, alerts,
titles, widget labels. A place, a passage, an outlet or a file name must reach the reader as
text there — no tag, link, image, emphasis, maths (``$``), icon (``:material/home:``) or emoji.
``esc`` is that escape for every one of those places.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from geo.model.models import Mention

# HTML's five and the characters that open Markdown's inline syntax (code, emphasis, links and
# images, strikethrough, maths) become numeric character references: the parser reads them back
# as plain text, inside raw HTML and outside it, but never as syntax.
_ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"} | {c: f"&#{ord(c)};" for c in "'\\`*_[]~$"}
)
# What opens a block at the start of a line: a heading, quote, list item or rule.
_LINE_START = re.compile(r"^ ?(?:[#>+=|-]|\d{1,9}(?=[.)]))")
# Links written out (``https://…``, ``www.…``, ``a@b.example``), emoji and icon codes
# (``:smile:``, ``:material/home:``) and colours (``:red[…]``) are found in the text after it is
# parsed, so a word joiner (U+2060, invisible) goes where each would start. A run of digits
# alone is no code but ``:100:`` and ``:1234:``, so ``file.txt:1: column 3`` stays as written.
_AFTER_PARSING = re.compile(
    r"(?<=:)(?=//|(?:100|1234)[:\[]|(?:[A-Za-z_/+-]|\d+[A-Za-z_])[\w/+-]*[:\[])|(?<=@)|(?i:(?<=\bwww))(?=\.)"
)
_WORD_JOINER = "\u2060"


def esc(value: object) -> str:
    """Text made inert for Streamlit Markdown, with or without ``unsafe_allow_html``; runs of
    white space become one space, so a value cannot start a new block or a code block."""
    text = _AFTER_PARSING.sub(_WORD_JOINER, re.sub(r"\s+", " ", str(value))).translate(_ENTITIES)
    return _LINE_START.sub(lambda m: "".join(c if c == " " else f"&#{ord(c)};" for c in m.group()), text)


# The same escape under the name the pages give it where no HTML is allowed (captions, labels).
md = esc


def attribute(value: object) -> str:
    """A value for an HTML attribute (an address, a title): Markdown does not read inside a tag,
    so HTML's escape is enough there, and a word joiner would change an address."""
    return html.escape(str(value), quote=True)


def link(url: str, label: str) -> str:
    """An HTML link to a checked web address, for Markdown with unsafe_allow_html."""
    return f'<a href="{attribute(url)}" rel="noopener noreferrer" target="_blank">{esc(label)}</a>'


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans joined, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text escaped, each span wrapped in ``<mark>``."""
    out, at = [], 0
    for start, end in merge(spans):
        out.append(f"{esc(text[at:start])}<mark>{esc(text[start:end])}</mark>")
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def linked(text: str, mentions: Sequence[Mention], names: dict[str, str], link) -> str:
    """A paragraph with every mention marked and linked to its place on the map.

    Where mentions overlap (a curated phrase naming two deposits, "Lachin" inside "Lachin
    road") the outermost text links to its first place and the others follow as small links.
    """
    groups: list[tuple[int, int, list[Mention]]] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if groups and m.start < groups[-1][1]:
            groups[-1][2].append(m)
        else:
            groups.append((m.start, m.end, [m]))
    out, at = [], 0
    for start, end, group in groups:
        first = group[0]
        css = "mention curated" if first.how == "curated" else "mention"
        title = f' title="{attribute(first.reason)}"' if first.reason else ""
        out.append(esc(text[at:start]))
        out.append(
            f'<a class="{css}" href="{attribute(link(first.place))}" target="_self"{title}>'
            f"<mark>{esc(text[start:end])}</mark></a>"
        )
        others = dict.fromkeys(m.place for m in group[1:] if m.place != first.place)
        if others:
            links = ", ".join(
                f'<a href="{attribute(link(pid))}" target="_self">{esc(names.get(pid, pid))}</a>' for pid in others
            )
            out.append(f'<sup class="also-named">also: {links}</sup>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)
