"""Add article: paste or upload a text, review the places found offline, save it to the corpus."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlencode

import streamlit as st
from streamlit_folium import st_folium

from geo.atlas.atlas import Atlas
from geo.atlas.corpus import Corpus, DuplicateArticle
from geo.atlas.intake import (
    PAGE_SUFFIXES,
    IntakeError,
    decode_upload,
    read_form,
    read_link,
    read_saved_page,
    split_header,
    to_article,
)
from geo.atlas.review import (
    Choice,
    confirmed_of,
    initial_choices,
    missed,
    place_from_candidate,
    save,
    suggested_events,
    where,
)
from geo.model.errors import AtlasError
from geo.model.languages import LANGUAGES
from geo.model.settings import online_enabled
from geo.parsing.physical import PhysicalGeocoder
from geo.store.store import Store
from geo.view.mapview import base_map, places_layer
from ui.access import permitted, writes_allowed
from ui.data import forget_atlas, get_atlas, get_geoparser, lookup
from ui.markup import attribute, md
from ui.page import setup
from ui.panel import when
from ui.select_text import select_text

REVIEW = "add.review"
REJECT = "Not this place: leave it out"


FIELDS = ("add.text", "add.outlet", "add.author", "add.date", "add.url", "add.title", "add.language", "add.link")
DETECT = "Detect it from the text"
PASTE, UPLOAD = "Paste it", "Upload a .txt or .md file"
FILLED = "add.filled"  # what the last saved page or link did to the form: ("success" or "error", the line)
PER_PAGE = 25  # names or events drawn at once: a long text finds a thousand, and each is several widgets
REFUSED = "add.refused"  # why the last press of Save saved nothing
UPLOADS = "add.uploads"  # how many articles were saved: a new upload widget for each, as one cannot be emptied


def upload_key() -> str:
    return f"add.upload.{st.session_state.get(UPLOADS, 0)}"


def page_key() -> str:
    return f"add.page.{st.session_state.get(UPLOADS, 0)}"


def from_web() -> None:
    """A saved page or a link: its article and metadata fill the form below, where the reader
    checks them as if typed. Reading is ``geo.atlas.intake``'s; a link is fetched only online."""
    st.markdown(
        "**From a web page** — drop a saved page or give its address: the text, title, author, date and outlet "
        "fill the form below, for you to check."
    )
    left, right = st.columns(2)
    left.file_uploader(
        "A page saved from the browser (.html or .htm)",
        type=[suffix.lstrip(".") for suffix in PAGE_SUFFIXES],
        key=page_key(),
        on_change=fill_from_file,
    )
    right.text_input("…or its web address", max_chars=2000, key="add.link", placeholder="https://…")
    right.button("Fetch the page", key="add.fetch", on_click=fill_from_link)
    if FILLED in st.session_state:
        kind, line = st.session_state.pop(FILLED)
        (st.success if kind == "success" else st.error)(md(line))


def fill_from_file() -> None:
    upload = st.session_state.get(page_key())
    if upload is not None:
        fill(upload.name, lambda: read_saved_page(upload.name, upload.getvalue()))


def fill_from_link() -> None:
    url = st.session_state.get("add.link", "").strip()
    if url:
        fill(url, lambda: read_link(url))


def fill(name: str, read) -> None:
    """The form's fields from a page (``read()``), before the form is drawn; a page that cannot
    be read leaves the form as it was and says why in one line."""
    if not permitted():  # asked again here, as in ``save_and_clear``: a callback runs before the gate
        return
    try:
        page = read()
    except IntakeError as exc:
        st.session_state[FILLED] = ("error", str(exc))
        return
    for field, value in page.form_values().items():
        st.session_state[f"add.{field}"] = value
    st.session_state["add.source"] = PASTE  # the text is shown, to be read and corrected
    st.session_state.pop(REVIEW, None)  # a review of another text would be saved with this one's fields
    st.session_state[FILLED] = ("success", f"Filled from {name}: check every field, then press Find places.")


def read_upload(upload) -> str | None:
    """An uploaded file's text; a bad one is explained and gives None."""
    try:
        return decode_upload(upload.name, upload.getvalue())
    except IntakeError as exc:
        st.error(md(exc))
        return None


def article_form() -> None:
    """The whole form at once: the text (pasted or uploaded) and what the article is; submitting it
    checks every value and runs the geoparser. A first line "date YYYY-MM-DD Author" fills those two."""
    pasted = st.radio("The article's text", [PASTE, UPLOAD], horizontal=True, key="add.source") == PASTE
    with st.form("add.about"):
        if pasted:
            st.text_area("Article text", height=220, key="add.text", placeholder="Paste the article here…")
        else:
            st.file_uploader("A UTF-8 text file, at most 2 MB", type=["txt", "md"], key=upload_key())
        st.markdown("**About the article** — shown with every passage, so readers know whose words they are.")
        left, right = st.columns(2)
        left.text_input("Outlet *", max_chars=200, key="add.outlet")
        right.text_input("Author", max_chars=200, key="add.author")
        left.text_input("Date of publication * (YYYY-MM-DD)", max_chars=10, key="add.date")
        right.text_input("Web address", max_chars=2000, key="add.url")
        left, right = st.columns(2)
        left.text_input("Title (if empty, the first line of the text, marked as ours)", max_chars=300, key="add.title")
        right.selectbox(
            "Language", ["", *LANGUAGES], format_func=lambda code: LANGUAGES.get(code, DETECT), key="add.language"
        )
        submitted = st.form_submit_button("Find places", type="primary")
    if submitted:
        find_places(pasted)


def find_places(pasted: bool) -> None:
    """Check the form and geoparse the text; the review appears below, the form stays as typed."""
    state = st.session_state
    upload = state.get(upload_key())
    text = state.get("add.text", "") if pasted else (read_upload(upload) if upload else "")
    if text is None:
        return
    header, body = split_header(text)
    values = {
        "text": body,
        "outlet": state.get("add.outlet", ""),
        "author": state.get("add.author") or header.get("author", ""),
        "date": state.get("add.date") or header.get("date", ""),
        "url": state.get("add.url", ""),
        "title": state.get("add.title", ""),
        "language": state.get("add.language") or "",
    }
    try:
        form = read_form(values)
    except IntakeError as exc:
        st.error(f"Please correct: {md(exc)}")
        return
    progress = st.progress(0.0, text="Loading the gazetteer…")
    parser = get_geoparser()
    progress.progress(0.3, text=f"Finding and resolving place names in {len(form.text):,} characters…")
    try:
        result = parser.parse(form.text, article_date=form.date, language=form.language or None)
    except AtlasError as exc:  # over the time budget, or the budget setting itself is wrong
        progress.empty()
        st.error(f"{md(upload.name) if upload and not pasted else 'The pasted text'}: {md(exc)}")
        return
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
    if not found.confirmed:  # the same label whatever is picked: a new label would be a new widget
        label += " · unsure: kept, but not drawn as a fact unless you pick it"
    picked = st.selectbox(
        label,
        options,
        index=at,
        format_func=lambda o: labels[o.id] if o else REJECT,
        key=f"add.choice.{index}",
        on_change=picked_by_reader,
        args=(choice,),
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


def picked_by_reader(choice: Choice) -> None:
    """A place the reader chose in the list is confirmed, whatever the geoparser thought of it."""
    choice.picked = True


def preview(article, choices: list[Choice]) -> None:
    """The confirmed places on the map and marked in the text, as they will be saved."""
    confirmed = confirmed_of(choices)
    if confirmed:
        preview_atlas = Atlas(places={c.place.id: c.place for c in confirmed}, articles={article.id: article})
        st_folium(
            base_map(preview_atlas),
            # Areas as the map draws them, outlined; each named by the one article.
            feature_group_to_add=places_layer(
                preview_atlas, [c.place.id for c in confirmed], areas={c.place.id: 1 for c in confirmed}
            ),
            returned_objects=[],
            height=380,
            use_container_width=True,
            key="add.map",
        )
    else:
        st.info("No place is confirmed yet.")


def candidates_for(words: str) -> list:
    """What a name may be: the resolver chain's answer (curated, gazetteer, online if on), then
    Natural Earth's lakes, rivers and regions, which the gazetteer does not hold."""
    answer = lookup(words)
    for source, why in answer.failures.items():
        st.warning(f"{md(source)} could not answer: {md(why)}")
    found = {c.key: c for c in [*answer.candidates, *PhysicalGeocoder().geocode(words)]}
    return list(found.values())


def add_missed(state: dict, article) -> None:
    """Select words in the marked text, or type a name, look it up, pick a candidate, add it."""
    st.markdown("**Add a place the parser missed** — select its words in the text (marked: the confirmed places)")
    confirmed = confirmed_of(state["choices"])
    selected = select_text(article.text, sorted(s for c in confirmed for s in c.spans), key="add.select")
    typed = st.text_input("…or type a name as the text writes it", key="add.missed_name", max_chars=200)
    if selected and selected != state.get("selected"):
        state["selected"] = selected
        state["missed"] = (selected["text"], (selected["start"], selected["end"]), candidates_for(selected["text"]))
    if st.button("Look up this name", key="add.missed_lookup", disabled=not typed.strip()):
        state["missed"] = (typed.strip(), None, candidates_for(typed.strip()))
    if not state.get("missed"):
        return
    words, at, candidates = state["missed"]
    if not candidates:
        st.info(f"No place known as “{md(words)}” offline{'' if online_enabled() else ' (ATLAS_ONLINE is off)'}.")
        return
    gazetteer = get_geoparser().gazetteer
    labels = {c.key: option_label(place_from_candidate(c), c, gazetteer) for c in candidates}
    picked = st.selectbox(
        f"“{md(words)}” is", candidates, format_func=lambda c: labels[c.key], key=f"add.missed_pick.{words}"
    )
    if st.button(f"Add “{md(words)}” to the places", key="add.missed_add"):
        found = missed(article.text, words, picked, candidates, at)
        if found is None:
            st.error(f"“{md(words)}” does not stand in the text as whole words; select it in the text instead.")
            return
        state["choices"].append(Choice(found, place_from_candidate(picked), picked=True))
        state["added"] = [*state.get("added", []), len(state["choices"]) - 1]
        state["missed"] = None
        st.rerun()


def review(atlas: Store) -> None:
    state = st.session_state[REVIEW]
    article, result, choices = state["article"], state["result"], state["choices"]
    st.subheader(f"Review the places of “{md(article.title)}”")
    st.caption(
        f"{md(article.source_line)}. Towns, sites, countries and first-level areas start kept as resolved (the "
        "unsure ones kept but not drawn as facts); counties and continents start left out. Change any choice; "
        "nothing is saved until you press Save."
    )
    if not online_enabled():
        st.caption(
            "Look-ups use the curated places, the offline gazetteer and Natural Earth's lakes, rivers and regions "
            "(set ATLAS_ONLINE=1 to ask Nominatim too)."
        )
    added = set(state.get("added", []))
    sites = [(i, c) for i, c in enumerate(choices) if not c.found.is_area and i not in added]
    areas = [(i, c) for i, c in enumerate(choices) if c.found.is_area and i not in added]
    for index, choice in page_of(sites, "names", "add.sites_page"):
        review_place(index, choice, state["looked_up"])
    if areas:
        with st.expander(f"Countries and regions named ({len(areas)})"):
            for index, choice in page_of(areas, "names", "add.areas_page"):
                review_place(index, choice, state["looked_up"])
    if added:
        st.markdown("**Added by you**")
        for index in sorted(added):
            review_place(index, choices[index], state["looked_up"])
    add_missed(state, article)
    preview(article, choices)
    events = suggested_events(article.text, result.dates, confirmed_of(choices))
    dropped = state.setdefault("dropped_events", set())  # kept here, not in widgets: most are on other pages
    if events:
        st.markdown("**Events** — dates the text states, each with the places its own sentence names")
        names = {c.place.id: c.place.name for c in confirmed_of(choices)}
        for event in page_of(events, "events", "add.events_page"):
            where = ", ".join(names[p] for p in event.places)
            label = f"{when(event)} · {md(where)}: {md(event.summary)}"
            st.checkbox(
                label,
                value=event.id not in dropped,
                key=f"add.event.{event.id}",
                on_change=dropped.symmetric_difference_update,
                args=({event.id},),
            )
    kept = [event for event in events if event.id not in dropped]
    existing = Corpus(read_only=True).find_duplicate(article.outlet, article.text)
    if existing:  # saved before the review, or since: from another tab, by geo add or geo import
        st.warning(already_saved(existing), icon="⚠️")
        return
    if REFUSED in st.session_state:
        st.error(st.session_state.pop(REFUSED))
    st.button(
        "Save to the atlas",
        type="primary",
        key="add.save",
        on_click=save_and_clear,
        args=(atlas, article, choices, kept),
    )


def already_saved(existing: str) -> str:
    """The one line for a text the corpus holds already, with a link to it; no Save is offered."""
    href = f"./Article?{urlencode({'article': existing})}"
    return f"This article (same outlet and text) is already in the corpus as [{md(existing)}]({href})."


def page_of(items: list, what: str, key: str) -> list:
    """The items of the page the reviewer chose, ``PER_PAGE`` at a time; all of them when they are few."""
    if len(items) <= PER_PAGE:
        return items
    starts = range(0, len(items), PER_PAGE)
    start = st.selectbox(
        f"Showing {what}",
        starts,
        format_func=lambda at: f"{at + 1:,}–{min(at + PER_PAGE, len(items)):,} of {len(items):,}",
        key=key,
    )
    return items[start : start + PER_PAGE]


def save_and_clear(atlas: Store, article, choices: list[Choice], kept: list) -> None:
    """Save, then empty the form and the review before the rerun: nothing is left to save twice.

    The corpus refuses a text it holds already, however it got there since the review was drawn
    (another tab, ``geo import``): the rerun then says where it is. A corpus that cannot be written
    (a full disk, read-only storage, damage) saves nothing and says why in one line, the review kept.
    """
    if not permitted():  # asked again here: a callback runs before the page draws its gate
        return
    try:
        saved = save(Corpus(), article, choices, kept, seed=atlas.seed)
    except DuplicateArticle:
        return
    except (AtlasError, sqlite3.Error, OSError) as exc:
        first = next(iter(str(exc).splitlines()), "") or type(exc).__name__  # a DataError's first problem
        st.session_state[REFUSED] = f"Nothing was saved: {md(first)}"
        return
    forget_atlas()
    first = next((c.place.id for c in confirmed_of(choices)), None)
    st.session_state.pop(REVIEW, None)
    for key in FIELDS:  # set, not dropped: the browser keeps a form's values until told new ones
        st.session_state[key] = ""
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    st.session_state["add.saved"] = (saved, first)


setup("Add article")
atlas = get_atlas()  # every place known, whatever the article filter shows
st.title("Add an article")
if not writes_allowed("adding articles"):
    st.stop()
if "add.saved" in st.session_state:
    saved, first = st.session_state.pop("add.saved")
    if first is None:
        st.success(f"Saved as {md(saved)}. No place found in it: nothing to show on the map.")
    else:
        st.success(f"Saved as {md(saved)}. Its places are on the map and on every page.")
        st.markdown(
            f'<a href="./?{attribute(urlencode({"place": first}))}" target="_self">Open it on the map</a>',
            unsafe_allow_html=True,
        )
from_web()
article_form()
if REVIEW in st.session_state:
    review(atlas)
