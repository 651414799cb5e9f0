"""Article: the full text, every mention marked; a mention opens its place on the map."""

import streamlit as st

from ui.markup import esc, link, linked, md
from ui.page import setup
from ui.state import map_link

atlas, view = setup("Article")
if not atlas.articles:
    st.info("The atlas has no articles.")
    st.stop()

article_id = st.selectbox(
    "Article", list(atlas.articles), format_func=lambda a: atlas.articles[a].title, disabled=len(atlas.articles) < 2
)
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
names = {pid: p.name for pid, p in atlas.places.items()}
for number, paragraph in enumerate(article.paragraphs, start=1):
    body = linked(paragraph, atlas.mentions_in(article_id, number), names, lambda pid: map_link(view, pid))
    st.markdown(
        f'<div class="article-paragraph"><span class="paragraph-number">{number}</span> {body}</div>',
        unsafe_allow_html=True,
    )
st.caption(f"Text as published by {md(article.outlet)}; quoted here so its places can be read on the map.")
