"""Article: the full text, every mention marked; a mention opens its place on the map."""

import streamlit as st

from geo.atlas.corpus import Corpus
from ui.access import permitted, writes_allowed
from ui.articles import OFFERED, offered
from ui.data import forget_atlas, get_atlas, is_saved
from ui.markup import esc, link, linked, md
from ui.page import setup
from ui.state import map_link

REMOVED_KEY = "article.removed"


def remove_article(article_id: str) -> None:
    """Take the article out of the corpus and forget the loaded atlas, before the page reruns."""
    if not permitted():  # asked again here: a callback runs before the page draws its gate
        return
    removed = Corpus().remove(article_id)
    st.session_state[REMOVED_KEY] = (article_id, removed)
    forget_atlas()


def remove_control(article_id: str, title: str) -> None:
    """Removing is for mistakes: behind an expander, and only once the reader ticks that they mean it."""
    with st.expander("Remove this article from the atlas"):
        if not writes_allowed("removing articles"):
            return
        st.caption(
            "Its text, the places confirmed in it and its events leave the corpus; places that other articles "
            "also name stay. This cannot be undone, but the text can be added again."
        )
        sure = st.checkbox(f"Yes, remove “{md(title)}”", key=f"remove.{article_id}")
        st.button("Remove", disabled=not sure, on_click=remove_article, args=(article_id,), type="primary")


atlas, view = setup("Article")
whole = get_atlas()
done = st.session_state.pop(REMOVED_KEY, None)
if done:
    removed_id, counts = done
    if counts is None:
        st.warning(f"“{md(removed_id)}” was no longer in the corpus.", icon="⚠️")
    else:
        st.success(f"Removed “{md(removed_id)}”: {counts[0]} marked mention(s) and {counts[1]} event(s).")
if not atlas.articles:
    st.info("The atlas has no articles.")
    st.stop()

# The articles the sidebar lets through, newest first; past a few dozen, those its search offers.
choices = offered(whole) if len(atlas.articles) > OFFERED else list(atlas.articles)
choices = sorted((a for a in choices if a in atlas.articles), key=lambda a: atlas.articles[a].date, reverse=True)
article_id = st.selectbox(
    "Article", choices, format_func=lambda a: atlas.articles[a].title, disabled=len(atlas.articles) < 2
)
if len(atlas.articles) > len(choices):
    st.caption(f"{len(choices)} of {len(atlas.articles):,} articles offered; search in the sidebar for the others.")
article = atlas.articles[article_id]
st.title(md(article.title))
st.markdown(
    f'<p class="passage-source">{esc(article.source_line)}'
    + (" · the title is the atlas's own: the text we hold carries none" if article.title_is_ours else "")
    + (f" · {link(article.url, 'original')}" if article.url else "")
    + "</p>",
    unsafe_allow_html=True,
)
st.caption(
    "Marked words name a place; click one to open it on the map. Dotted marks are the atlas's reading of an indirect "
    "mention (hover for why); small links follow where one phrase names more than one place."
)
mentions = [atlas.mentions_in(article_id, number) for number in range(1, len(article.paragraphs) + 1)]
names = {p.id: p.name for p in atlas.place_records(m.place for found in mentions for m in found)}
for number, paragraph in enumerate(article.paragraphs, start=1):
    body = linked(paragraph, mentions[number - 1], names, lambda pid: map_link(view, pid))
    st.markdown(
        f'<div class="article-paragraph" lang="{article.language}"><span class="paragraph-number">{number}</span>'
        f" {body}</div>",
        unsafe_allow_html=True,
    )
st.caption(f"Text as published by {md(article.outlet)}; quoted here so its places can be read on the map.")
if is_saved(article_id):
    remove_control(article_id, article.title)
