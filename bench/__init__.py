"""Side-by-side timings of the map app against a minimal Streamlit app, on loopback."""
