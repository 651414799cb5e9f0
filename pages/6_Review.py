"""Review: the places the geoparser was unsure of, most-named first; confirm, reject or pick another.

The queue and the decisions are the core's (``geo.atlas.decisions``), as ``geo review`` uses them;
this page draws one page of the queue and hands each button's decision back.
"""

import streamlit as st

from geo.atlas import decisions
from geo.atlas.corpus import Corpus, saved_corpus
from geo.model.errors import AtlasError
from ui.access import permitted, writes_allowed
from ui.markup import esc, highlighted, md
from ui.page import setup

PAGE_KEY = "review.page"
SCOPE_KEY = "review.scope"
DONE_KEY = "review.done"
PICKING_KEY = "review.picking"  # the entry whose other places are being offered: looked up on demand
SCOPES = {
    "mention": "this mention only",
    "article": "this name in this article",
    "outlet": "this name in every article from this outlet",
}


def decide(verdict: str, on: decisions.Target, place_id: str | None = None) -> None:
    """Store the decision before the page reruns; the rerun reads the corpus as it now is."""
    if not permitted():  # asked again here: a callback runs before the page draws its gate
        return
    scope = st.session_state.get(SCOPE_KEY, "mention")
    try:
        place = None
        if verdict == "pick":
            from ui.data import lookup

            place = decisions.choose(decisions.alternatives(lookup(on.name).candidates), place_id, on.name)
        changed = decisions.decide(Corpus(), verdict, scope, on, place)
    except AtlasError as exc:
        st.session_state[DONE_KEY] = ("error", str(exc))
        return
    st.session_state.pop(PICKING_KEY, None)
    st.session_state[DONE_KEY] = (
        "success",
        f"{verdict.title()}ed “{on.name}” for {SCOPES[scope]}: {changed} mention(s).",
    )


def other_places(entry: decisions.Entry) -> None:
    """The other places the name may mean, from the resolver chain, told apart as on the Add
    article page (where each lies, its kind, its source), and a button to take one."""
    from geo.atlas.review import place_from_candidate, where
    from ui.data import get_geoparser, lookup

    gazetteer = get_geoparser().gazetteer
    labels = {}
    for candidate in lookup(entry.target.name).candidates:
        place = place_from_candidate(candidate)
        region = where(candidate, gazetteer)
        if place.id != entry.place.id:
            labels.setdefault(
                place.id, f"{place.name}{f' ({region})' if region else ''} · {place.kind} · {place.coord_source}"
            )
    if not labels:
        st.caption("No other place is known by this name.")
        return
    chosen = st.selectbox(
        "Another place", list(labels), format_func=lambda i: md(labels[i]), key=f"review.other.{entry.place.id}"
    )
    st.button("Pick it", key=f"review.pick.{entry.place.id}", on_click=decide, args=("pick", entry.target, chosen))


def draw(entry: decisions.Entry, writing: bool) -> None:
    place = entry.place
    st.markdown(
        f"**{esc(place.name)}** — {esc(place.kind)}, {esc(place.country or 'no country')} "
        f"({place.lat:.3f}, {place.lon:.3f}); named {entry.mentions} time(s) in {entry.articles} article(s)",
        unsafe_allow_html=True,
    )
    st.markdown(
        f'<p class="passage-source">{esc(entry.outlet)}, {esc(entry.date)}, paragraph {entry.target.mention[0]}</p>'
        f'<blockquote class="passage-text">{highlighted(entry.passage, [entry.span])}</blockquote>',
        unsafe_allow_html=True,
    )
    if not writing:
        return
    key = place.id
    confirm, reject, other = st.columns(3)
    confirm.button("Confirm", key=f"review.confirm.{key}", on_click=decide, args=("confirm", entry.target))
    reject.button("Reject", key=f"review.reject.{key}", on_click=decide, args=("reject", entry.target))
    if st.session_state.get(PICKING_KEY) == key:
        other_places(entry)
    else:
        other.button("Another place…", key=f"review.others.{key}", on_click=st.session_state.__setitem__,
                     args=(PICKING_KEY, key))  # fmt: skip


setup("Review")
st.title("Review uncertain places")
st.caption(
    "Places the geoparser was unsure of are kept but not drawn as facts (the map shows them hollow, behind a "
    "toggle). Confirm one, reject it, or pick the place the name means; a decision is kept in the corpus and "
    "applies again when its articles are imported again."
)
done = st.session_state.pop(DONE_KEY, None)
if done:
    (st.success if done[0] == "success" else st.error)(md(done[1]))
corpus = saved_corpus()  # the one the map reads: the file under ATLAS_VAR, or ATLAS_DATABASE_URL's server
number = st.session_state.get(PAGE_KEY, 1)
queue = decisions.queue(corpus, number) if corpus else None
if queue is None or not queue.total:
    st.info("No uncertain place is waiting: every place on the map is drawn as a fact.")
    st.stop()
if number > queue.pages:  # decisions emptied the last page
    st.session_state[PAGE_KEY] = number = queue.pages
    queue = decisions.queue(corpus, number)
writing = writes_allowed("reviewing places")
if writing:
    st.radio("Apply each decision to", list(SCOPES), format_func=SCOPES.get, key=SCOPE_KEY, horizontal=True)
st.caption(
    f"{queue.total:,} uncertain place(s), most-named first; page {queue.page} of {queue.pages}. "
    "Each shows its first passage."
)
for entry in queue.entries:
    with st.container(border=True):
        draw(entry, writing)
if queue.pages > 1:
    st.number_input("Page", min_value=1, max_value=queue.pages, step=1, key=PAGE_KEY)
