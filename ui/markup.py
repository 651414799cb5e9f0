"""Escaped HTML for texts with marked spans: passages in the panel, paragraphs of articles.

Every piece of data is escaped before it meets markup, so a place or a passage holding
``<script>`` shows as text. ``$`` is escaped too: Streamlit's Markdown would read it as maths.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from geo.model.models import Mention


def esc(value: object) -> str:
    """Text made safe for HTML inside Streamlit Markdown."""
    return html.escape(str(value)).replace("$", "&#36;").replace("\n", " ")


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(value: object) -> str:
    """Text made inert for Streamlit Markdown (captions, labels, st.write): no links, images or emphasis.

    Widget labels and captions read Markdown, so a title like ``![](https://…)`` would fetch an
    image from elsewhere for every visitor; each special character is backslash-escaped.
    """
    return _MARKDOWN.sub(r"\\\1", " ".join(str(value).split()))


def link(url: str, label: str) -> str:
    """An HTML link to a checked web address, for Markdown with unsafe_allow_html."""
    return f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{esc(label)}</a>'


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
        title = f' title="{esc(first.reason)}"' if first.reason else ""
        out.append(esc(text[at:start]))
        out.append(
            f'<a class="{css}" href="{esc(link(first.place))}" target="_self"{title}>'
            f"<mark>{esc(text[start:end])}</mark></a>"
        )
        others = dict.fromkeys(m.place for m in group[1:] if m.place != first.place)
        if others:
            links = ", ".join(
                f'<a href="{esc(link(pid))}" target="_self">{esc(names.get(pid, pid))}</a>' for pid in others
            )
            out.append(f'<sup class="also-named">also: {links}</sup>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)
