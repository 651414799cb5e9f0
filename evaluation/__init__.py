"""How well the geoparser finds and resolves places, measured on texts written for it.

``texts/`` and ``annotations.json`` are the main set; ``heldout/`` was written and
annotated later and first run only after the resolver's rules were settled. Run
``python -m evaluation`` for the table; ``scoring`` holds how each system is scored.
"""
