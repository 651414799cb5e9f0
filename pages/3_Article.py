"""Article: the full text, every mention marked; a mention opens its place on the map."""

import streamlit as st

from ui.markup import linked
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
st.title(article.title)
st.caption(
    article.source_line
    + (" · the title is the atlas's own: the text we hold carries none" if article.title_is_ours else "")
    + (f" · [original]({article.url})" if article.url else "")
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
st.caption(f"Text as published by {article.outlet}; quoted here so its places can be read on the map.")
