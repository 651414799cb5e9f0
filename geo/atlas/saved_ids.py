"""The id a saved article is shown by: the one rule the corpus, the export and the CLI name it with.

Saved articles are stored under the id they were saved with; the seed (curated files) may take
that id later. The seed's article keeps it and the saved one is shown as ``<id>-saved``.
"""

from __future__ import annotations

from collections.abc import Container

SUFFIX = "-saved"


def shown_id(article_id: str, seed_ids: Container[str]) -> str:
    """A saved article's id as every view shows it: its own, or ``<id>-saved`` if the seed has it."""
    return f"{article_id}{SUFFIX}" if article_id in seed_ids else article_id


def stored_ids(shown: str) -> list[str]:
    """The ids a shown id may be stored under, the shown one first (``shown_id`` read backwards)."""
    return [shown] + ([shown.removesuffix(SUFFIX)] if shown.endswith(SUFFIX) else [])
