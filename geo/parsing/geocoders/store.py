"""The geocoder cache's SQLite file, shared by the answers' cache and the rate limiter's turns.

It holds nothing that cannot be asked again, so a file that is no sound database (damaged
pages, random bytes, another program's file cut short) is replaced, with one warning line,
rather than making every online look-up fail until someone deletes it by hand.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def using(path: Path, work: Callable[[sqlite3.Connection], T], **connect) -> T:
    """``work(db)`` on a connection to ``path``; a damaged file is replaced once and ``work`` run
    again. Locked or read-only files (``OperationalError``) and ``OSError`` go to the caller."""
    try:
        return _run(path, work, connect)
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as exc:
        logging.getLogger(__name__).warning("%s: the geocoder cache is damaged (%s); starting afresh", path, exc)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return _run(path, work, connect)


def _run(path: Path, work: Callable[[sqlite3.Connection], T], connect: dict) -> T:
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path, **connect)) as db:
        return work(db)
