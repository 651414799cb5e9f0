"""Where the atlas keeps what it writes, and whether it may go online — read from the environment.

ATLAS_VAR    folder for the corpus database and caches (default: var/ in the project)
ATLAS_ONLINE "1" lets the resolver chain ask the online geocoder (default: off)
NOMINATIM_URL the Nominatim server to ask (default: the public OpenStreetMap one)
ATLAS_PARSE_SECONDS how long one text may take to parse (default: 30; a 2 MB text takes a few)
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from geo.model.errors import AtlasError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PARSE_SECONDS = 30.0
USER_AGENT = "ArticleAtlas/0.1 (news-mapping tool; offline-first, one request a second)"


def var_dir() -> Path:
    """The writable state folder; whoever writes there creates what it needs."""
    return Path(os.environ.get("ATLAS_VAR") or PROJECT_ROOT / "var")


def online_enabled() -> bool:
    return os.environ.get("ATLAS_ONLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def nominatim_url() -> str:
    return os.environ.get("NOMINATIM_URL", "https://nominatim.openstreetmap.org")


def parse_seconds() -> float:
    """The parse budget; a value that is not a positive number of seconds is refused in one line."""
    raw = os.environ.get("ATLAS_PARSE_SECONDS", "").strip()
    if not raw:
        return PARSE_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not (math.isfinite(seconds) and seconds > 0):
        raise AtlasError(f"ATLAS_PARSE_SECONDS={raw!r}: give a positive number of seconds")
    return seconds
