"""Where the atlas keeps what it writes, and whether it may go online — read from the environment.

ATLAS_VAR    folder for the corpus database and caches (default: var/ in the project)
ATLAS_ONLINE "1" lets the resolver chain ask the online geocoder, and links and feeds be fetched (default: off)
NOMINATIM_URL the Nominatim server to ask (default: the public OpenStreetMap one)
ATLAS_PARSE_SECONDS how long one text may take to parse (default: 30; a 2 MB text takes a few)
ATLAS_READ_ONLY "1" turns the app's write actions (add, remove) off (``make serve`` sets it)
ATLAS_WRITE_TOKEN a secret: the app's write actions ask for it, wherever the server listens
ATLAS_LOOKUP_SECONDS how long one online look-up may take, whole (default: 10)
ATLAS_FETCH_SECONDS how long fetching one web page or feed may take, whole (default: 20)
"""

from __future__ import annotations

import hmac
import ipaddress
import math
import os
from pathlib import Path

from geo.model.errors import AtlasError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PARSE_SECONDS = 30.0
#: Nominatim answers in well under a second; a server trickling its answer is cut off here.
LOOKUP_SECONDS = 10.0
#: A news page or a feed, from a server farther away and busier than Nominatim.
FETCH_SECONDS = 20.0
USER_AGENT = "ArticleAtlas/0.1 (news-mapping tool; offline-first, one request a second)"


def var_dir() -> Path:
    """The writable state folder; whoever writes there creates what it needs."""
    return Path(os.environ.get("ATLAS_VAR") or PROJECT_ROOT / "var")


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def online_enabled() -> bool:
    return _flag("ATLAS_ONLINE")


def write_token() -> str | None:
    """The secret the app's write actions ask for, if one is set."""
    return os.environ.get("ATLAS_WRITE_TOKEN", "").strip() or None


def loopback_only(address: str | None) -> bool:
    """Whether a server bound to ``address`` answers this machine alone (unset: every interface)."""
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def may_write(listening_on: str | None, offered_token: str | None = None) -> bool:
    """The one rule for the app's write actions (adding and removing articles).

    A write token, when set, is asked for wherever the server listens. Without one, writes are
    open only to a server that answers this machine alone and is not read-only: anyone who can
    reach a server on the network could otherwise add or delete articles.
    """
    token = write_token()
    if token:
        return offered_token is not None and hmac.compare_digest(offered_token.encode(), token.encode())
    return loopback_only(listening_on) and not _flag("ATLAS_READ_ONLY")


def nominatim_url() -> str:
    return os.environ.get("NOMINATIM_URL", "https://nominatim.openstreetmap.org")


def parse_seconds() -> float:
    """The parse budget; a value that is not a positive number of seconds is refused in one line."""
    return _seconds("ATLAS_PARSE_SECONDS", PARSE_SECONDS)


def lookup_seconds() -> float:
    """The deadline of one online look-up, whole (not each read of it); refused as above."""
    return _seconds("ATLAS_LOOKUP_SECONDS", LOOKUP_SECONDS)


def fetch_seconds() -> float:
    """The deadline of fetching one page or feed, whole; refused as above."""
    return _seconds("ATLAS_FETCH_SECONDS", FETCH_SECONDS)


def _seconds(variable: str, default: float) -> float:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not (math.isfinite(seconds) and seconds > 0):
        raise AtlasError(f"{variable}={raw!r}: give a positive number of seconds")
    return seconds
