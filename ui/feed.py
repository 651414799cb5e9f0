"""The story feed as a page draws it: items newest first, their places as buttons, pages to turn.

The Map shows the items in its view; the Timeline, those of its date range. Which items, and in
what order, is the core's (``geo.view.feed``); this draws a page of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable

import streamlit as st

from geo.store.store import Store
from geo.view.feed import Bounds, FeedIndex, Item
from ui.markup import esc, md

FEED_STYLE = """<style>
.feed-item { font-size: .9rem; line-height: 1.35; color: #1f2328; }
.feed-when { font-weight: 600; }
.feed-summary { overflow: hidden; text-overflow: ellipsis; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; }
.st-key-feed button[kind="tertiary"] { min-height: 0; padding: 0 .1rem; color: #0b57d0; font-size: .85rem; }
.st-key-feed [data-testid="stVerticalBlockBorderWrapper"] > div { padding: .55rem .8rem; }
</style>"""
PLACES_SHOWN = 4  # an item's places offered as buttons; an event names a handful at most


@st.cache_resource(show_spinner=False, max_entries=8)
def feed_index(_atlas: Store, key: str) -> FeedIndex:
    """The feed's items of one version of the data and article filter (``key``), sorted once."""
    return FeedIndex(_atlas)


def item_html(atlas: Store, item: Item) -> str:
    """Date (or range), outlet, the article's language and the summary, escaped; the article's title on hover."""
    when = str(item.first) + (" – ongoing" if item.ongoing else f" – {item.last}" if item.last else "")
    article = atlas.articles[item.article]
    return (
        f'<div class="feed-item"><span class="feed-when">{esc(when)}</span> · {esc(item.outlet)}'
        f" · {esc(article.language_name)}"
        f'<div class="feed-summary" title="{esc(article.title)}">{esc(item.summary)}</div></div>'
    )


def story_feed(
    atlas: Store,
    key: str,
    shown: Iterable[str],
    bounds: Bounds | None,
    span: tuple[dt.date | None, dt.date | None],
    open_place: Callable[[str], None],
    *,
    per_page: int = 10,
    empty: str = "Nothing here in this date range.",
) -> None:
    """One page of the items naming a shown place in ``bounds`` and ``span``, newest first.

    A place's button calls ``open_place`` with its id, as a callback. The page number holds while
    what is shown (``key``, bounds, span) stays the same, and starts again at the newest otherwise.
    """
    showing: Hashable = (key, bounds, span)
    page_key = f"feed.page.{key}"
    was, number = st.session_state.get(page_key, (None, 0))
    number = number if was == showing else 0
    page = feed_index(atlas, key).page(shown, bounds, span[0], span[1], number, per_page)
    st.markdown(FEED_STYLE, unsafe_allow_html=True)
    with st.container(key="feed"):
        if not page.items:
            st.caption(empty)
        for item in page.items:
            with st.container(border=True, gap="small"):
                st.markdown(item_html(atlas, item), unsafe_allow_html=True)
                row = st.container(horizontal=True, gap="small")
                for pid in item.places[:PLACES_SHOWN]:
                    row.button(
                        md(atlas.places[pid].name),
                        key=f"feed.{item.article}.{item.event}.{pid}",
                        on_click=open_place,
                        args=(pid,),
                        type="tertiary",
                        help="Show it on the map with its passages",
                    )
    if number or page.more:

        def turn(to: int) -> None:
            st.session_state[page_key] = (showing, to)

        newer, older = st.columns(2)
        newer.button("Newer", disabled=not number, on_click=turn, args=(number - 1,), key="feed.newer")
        older.button("Older", disabled=not page.more, on_click=turn, args=(number + 1,), key="feed.older")
