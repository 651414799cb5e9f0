"""Whether this reader may add or remove articles: the core's rule, asked with the server's address.

Streamlit has no login; a server others can reach would let anyone on the network write to the
corpus. ``geo.model.settings.may_write`` decides; this asks it with the address the server
listens on (``st.get_option``) and, where a write token is set, the token the reader typed.
"""

from __future__ import annotations

import streamlit as st

from geo.model.settings import may_write, write_token

TOKEN_KEY = "access.token"  # kept apart from the field's own key: a widget not drawn forgets its value
FIELD_KEY = "access.token.field"


def _keep_token() -> None:
    st.session_state[TOKEN_KEY] = st.session_state.get(FIELD_KEY, "")


def permitted() -> bool:
    """The rule alone, drawing nothing: what a write's callback asks again before it writes."""
    return may_write(st.get_option("server.address"), st.session_state.get(TOKEN_KEY))


def writes_allowed(action: str) -> bool:
    """True when ``action`` ("adding articles") may go ahead; otherwise one line says why and how."""
    if permitted():
        return True
    if write_token():
        st.text_input(
            f"Write token — {action} on this atlas needs it",
            type="password",
            key=FIELD_KEY,
            on_change=_keep_token,
            help="The ATLAS_WRITE_TOKEN the atlas was started with.",
        )
        if st.session_state.get(TOKEN_KEY):
            st.error("That is not the write token.")
        return False
    st.info(
        f"This atlas is served read-only: {action} is off. "
        "Run it on your own machine (`make run`), or start it with ATLAS_WRITE_TOKEN to allow it behind a token."
    )
    return False
