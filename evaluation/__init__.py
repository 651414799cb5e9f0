"""How well the geoparser finds and resolves places, measured on texts written for it.

Every set was written and annotated before the geoparser first ran on it:

- ``texts/`` + ``annotations.json``, the main set: the resolver's rules were then developed
  while looking at its errors, so its score is an in-sample one;
- ``heldout/``: first run after the rules were written, but its scores were looked at when
  the acceptance threshold was set;
- ``fresh/``: written after rules and threshold were frozen, and run once: the honest figure.

Run ``python -m evaluation`` for the table; ``scoring`` holds how each system is scored.
"""
