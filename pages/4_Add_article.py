"""Add article: paste or upload a text, review the places found offline, save it to the corpus."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit_folium import st_folium

from geo.atlas.atlas import Atlas
from geo.atlas.corpus import Corpus
from geo.atlas.intake import IntakeError, decode_upload, read_form, split_header, to_article
from geo.atlas.review import (
    Choice,
    confirmed_of,
    initial_choices,
    place_from_candidate,
    save,
    suggested_events,
    where,
)
from geo.model.models import paragraph_bounds
from geo.model.settings import online_enabled
from geo.view.mapview import base_map, places_layer
from ui.data import forget_atlas, get_atlas, get_geoparser, lookup
from ui.markup import attribute, highlighted, md
from ui.page import setup

REVIEW = "add.review"
REJECT = "Not this place: leave it out"


def read_text() -> str:
    """The pasted or uploaded text; a bad upload is explained and gives nothing."""
    how = st.radio("The article's text", ["Paste it", "Upload a .txt or .md file"], horizontal=True)
    if how == "Paste it":
        return st.text_area("Article text", height=220, key="add.text", placeholder="Paste the article here…")
    upload = st.file_uploader("A UTF-8 text file, at most 2 MB", type=["txt", "md"], key="add.upload")
    if upload is None:
        return ""
    try:
        return decode_upload(upload.name, upload.getvalue())
    except IntakeError as exc:
        st.error(md(exc))
        return ""


def find_places(atlas: Atlas, text: str) -> None:
    """The form about the article; submitting it checks every value and runs the geoparser."""
    header, body = split_header(text)
    with st.form("add.about"):
        st.markdown("**About the article** — shown with every passage, so readers know whose words they are.")
        left, right = st.columns(2)
        outlet = left.text_input("Outlet *", max_chars=200)
        author = right.text_input("Author", value=header.get("author", ""), max_chars=200)
        date = left.text_input("Date of publication * (YYYY-MM-DD)", value=header.get("date", ""), max_chars=10)
        url = right.text_input("Web address", max_chars=2000)
        title = st.text_input("Title (if empty, the first line of the text, marked as ours)", max_chars=300)
        submitted = st.form_submit_button("Find places", type="primary")
    if not submitted:
        return
    values = {"text": body, "outlet": outlet, "author": author, "date": date, "url": url, "title": title}
    try:
        form = read_form(values)
    except IntakeError as exc:
        st.error(f"Please correct: {md(exc)}")
        return
    progress = st.progress(0.0, text="Loading the gazetteer…")
    parser = get_geoparser()
    progress.progress(0.3, text=f"Finding and resolving place names in {len(form.text):,} characters…")
    result = parser.parse(form.text, article_date=form.date)
    found = f"{len(result.places)} place{'s' * (len(result.places) != 1)}"
    dates = f"{len(result.dates)} date{'s' * (len(result.dates) != 1)}"
    progress.progress(1.0, text=f"Found {found} and {dates}.")
    st.session_state[REVIEW] = {
        "article": to_article(form),
        "result": result,
        "choices": initial_choices(result.places),
        "looked_up": {},
    }


def option_label(place, source, gazetteer) -> str:
    """A place to pick, told apart from its namesakes: where it lies, its kind, its source."""
    region = where(source, gazetteer)
    return f"{place.name}{f' ({region})' if region else ''} · {place.kind} · {place.coord_source}"


def review_place(index: int, choice: Choice, looked_up: dict) -> None:
    """One name found: keep the resolution, pick another candidate or a looked-up one, or reject it."""
    found = choice.found
    offered: dict[str, tuple] = {}  # place id → (the place, what it was made from), first offered first
    for source in (found, *found.candidates, *looked_up.get(index, [])):
        place = place_from_candidate(source)
        offered.setdefault(place.id, (place, source))
    gazetteer = get_geoparser().gazetteer
    labels = {pid: option_label(place, source, gazetteer) for pid, (place, source) in offered.items()}
    options = [place for place, _ in offered.values()] + [None]
    current = choice.place.id if choice.place else None
    at = next((i for i, o in enumerate(options) if (o.id if o else None) == current), len(options) - 1)
    label = f"“{md('”, “'.join(found.matched))}” — {len(found.spans)}×, confidence {found.confidence:.2f}"
    picked = st.selectbox(
        label, options, index=at, format_func=lambda o: labels[o.id] if o else REJECT, key=f"add.choice.{index}"
    )
    choice.place = picked
    with st.expander("Look up another name for this", expanded=False):
        query = st.text_input("Name to look up", value=found.name, key=f"add.lookup.{index}", max_chars=200)
        if st.button("Look up", key=f"add.lookup_button.{index}"):
            answer = lookup(query)
            for source, why in answer.failures.items():
                st.warning(f"{source} could not answer: {md(why)}")
            if answer.candidates:
                looked_up[index] = answer.candidates
                st.rerun()
            st.info(f"No place known as “{md(query)}”.")


def preview(article, choices: list[Choice]) -> None:
    """The confirmed places on the map and marked in the text, as they will be saved."""
    confirmed = confirmed_of(choices)
    if confirmed:
        preview_atlas = Atlas(places={c.place.id: c.place for c in confirmed}, articles={article.id: article})
        st_folium(
            base_map(preview_atlas),
            feature_group_to_add=places_layer(preview_atlas, [c.place.id for c in confirmed]),
            returned_objects=[],
            height=380,
            use_container_width=True,
            key="add.map",
        )
    else:
        st.info("No place is confirmed yet.")
    spans = sorted(s for c in confirmed for s in c.spans)
    with st.expander("The text with the confirmed places marked", expanded=False):
        for number, (first, last) in enumerate(paragraph_bounds(article.text), start=1):
            inside = [(s - first, e - first) for s, e in spans if first <= s < last]
            st.markdown(
                f'<p><span class="paragraph-number">{number}</span>{highlighted(article.text[first:last], inside)}</p>',
                unsafe_allow_html=True,
            )


def review(atlas: Atlas) -> None:
    state = st.session_state[REVIEW]
    article, result, choices = state["article"], state["result"], state["choices"]
    st.subheader(f"Review the places of “{md(article.title)}”")
    st.caption(
        f"{md(article.source_line)}. Towns and sites start confirmed as resolved; countries and regions start "
        "left out. Change any choice; nothing is saved until you press Save."
    )
    if not online_enabled():
        st.caption("Look-ups use the curated places and the offline gazetteer (set ATLAS_ONLINE=1 to ask Nominatim).")
    sites = [(i, c) for i, c in enumerate(choices) if not c.found.is_area]
    areas = [(i, c) for i, c in enumerate(choices) if c.found.is_area]
    for index, choice in sites:
        review_place(index, choice, state["looked_up"])
    if areas:
        with st.expander(f"Countries and regions named ({len(areas)})"):
            for index, choice in areas:
                review_place(index, choice, state["looked_up"])
    preview(article, choices)
    events = suggested_events(article.text, result.dates, confirmed_of(choices))
    kept = []
    if events:
        st.markdown("**Events** — dates the text states, in paragraphs that name a confirmed place")
        for event in events:
            when = f"{event.date_start}{' – ongoing' if event.ongoing else ''}"
            if st.checkbox(f"{when}: {md(event.summary)}", value=True, key=f"add.event.{event.id}"):
                kept.append(event)
    existing = Corpus(read_only=True).find_duplicate(article.outlet, article.text)
    if existing:
        st.warning(f"This outlet's article with this text is saved already, as {md(existing)}; saving adds a copy.")
    if st.button("Save to the atlas", type="primary"):
        saved = save(Corpus(), article, choices, kept, seed=atlas)
        del st.session_state[REVIEW]
        forget_atlas()
        first = next((c.place.id for c in confirmed_of(choices)), None)
        st.session_state["add.saved"] = (saved, first)
        st.rerun()


setup("Add article")
atlas = get_atlas()  # every place known, whatever the article filter shows
st.title("Add an article")
if "add.saved" in st.session_state:
    saved, first = st.session_state.pop("add.saved")
    st.success(f"Saved as {md(saved)}. Its places are on the map and on every page.")
    if first:
        st.markdown(
            f'<a href="./?{attribute(urlencode({"place": first}))}" target="_self">Open it on the map</a>',
            unsafe_allow_html=True,
        )
text = read_text()
if text.strip():
    find_places(atlas, text)
if REVIEW in st.session_state:
    review(atlas)
