"""The yardstick: the least a Streamlit page can do — a title and a button that counts."""

import streamlit as st

st.title("Baseline")
st.session_state.clicks = st.session_state.get("clicks", 0) + int(st.button("Click"))
st.markdown(f'<p class="clicks">clicks: {st.session_state.clicks}</p>', unsafe_allow_html=True)
