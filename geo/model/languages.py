"""The languages the atlas reads, by ISO 639-1 code, and the one check of a code a person gives.

An article's language is stored with it and shown beside its outlet and date with every
passage, so a reader comparing the sides' accounts knows in which language each was written.
"""

from __future__ import annotations

#: Every language an article may be in, code → the name shown with its passages.
LANGUAGES = {"en": "English", "ru": "Russian", "hy": "Armenian", "az": "Azerbaijani", "fr": "French"}


def language_code(value: str) -> str:
    """A code as the atlas keeps it ("RU " → "ru"); one it does not know is a ValueError saying which it knows."""
    code = value.strip().lower()
    if code not in LANGUAGES:
        known = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        raise ValueError(f"{value.strip()[:20]!r} is not a language the atlas reads; it reads {known}")
    return code


def declared_language(tag: str) -> str:
    """The code a page's own language tag names ("en-GB", "ru_RU", "hy-Latn" → en, ru, hy), or ""
    when it names none the atlas reads: then the text decides, as for pasted text."""
    code = tag.strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else ""
