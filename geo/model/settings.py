"""Where the atlas keeps what it writes, and whether it may go online — read from the environment.

ATLAS_VAR    folder for the corpus database and caches (default: var/ in the project)
ATLAS_ONLINE "1" lets the resolver chain ask the online geocoder (default: off)
NOMINATIM_URL the Nominatim server to ask (default: the public OpenStreetMap one)
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
USER_AGENT = "ArticleAtlas/0.1 (news-mapping tool; offline-first, one request a second)"


def var_dir() -> Path:
    """The writable state folder; whoever writes there creates what it needs."""
    return Path(os.environ.get("ATLAS_VAR") or PROJECT_ROOT / "var")


def online_enabled() -> bool:
    return os.environ.get("ATLAS_ONLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def nominatim_url() -> str:
    return os.environ.get("NOMINATIM_URL", "https://nominatim.openstreetmap.org")
