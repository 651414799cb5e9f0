"""Exceptions, in one module so callers can catch by meaning (as geopy does).

Data problems carry file, line and column so that every front end can print the
same single line, ``FILE:LINE: COLUMN: what is wrong``, and never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class AtlasError(Exception):
    """Base of every error the atlas raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one data file, pinned to a line and a column."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: {self.message}"


class DataError(AtlasError):
    """One or more problems in the data; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class FetchError(AtlasError):
    """A web address could not be read: refused, an HTTP error, a redirect, not the kind expected."""


class FetchTimedOut(FetchError, TimeoutError):
    """The server did not answer in time: its whole answer, not each read of it."""


class FetchTooLarge(FetchError):
    """The answer ran past the size it may have, and was not read further."""


class OnlineOff(FetchError):
    """A web address was to be fetched while fetching is turned off (``ATLAS_ONLINE``)."""


class GeocoderError(AtlasError):
    """A geocoder could not answer."""


class GeocoderUnavailable(GeocoderError):
    """The service could not be reached: no network, refused, or an HTTP error."""


class GeocoderTimedOut(GeocoderError, TimeoutError):
    """The service did not answer in time: its whole answer, not each read of it."""


class AnswerTooLarge(GeocoderUnavailable):
    """The service's answer ran past the size an answer may have, and was not read further."""


class GeocoderQueryError(GeocoderError, ValueError):
    """A name that cannot be asked for (empty, or too long), refused before any request."""


class GeocoderDisabled(GeocoderError):
    """The online geocoder was asked for while online look-ups are turned off."""


class IndexDamaged(AtlasError, ValueError):
    """A cached index read back from ``$ATLAS_VAR`` is not what was written: it is rebuilt."""


class ParseTooLong(AtlasError):
    """A text took longer to parse than the budget allows (``ATLAS_PARSE_SECONDS``)."""

    def __init__(self, stage: str, spent: float, seconds: float):
        self.stage, self.spent, self.seconds = stage, spent, seconds
        super().__init__(
            f"parsing stopped after {spent:.1f} s, {stage}: the budget is {seconds:g} s a text; "
            "split the text into shorter articles, or raise ATLAS_PARSE_SECONDS"
        )


class StorageFull(AtlasError, OSError):
    """No room left to write the corpus: a full disk, a quota, or a file size limit (``ulimit -f``).

    Not damage: what was being written was rolled back whole, and the database is as sound as
    before. An OSError too, as Python calls a full disk, so code that handles those handles it.
    """

    def __init__(self, path: object, reason: str):
        self.path = path
        super().__init__(f"no space left to save to {path}: {reason}; nothing was half-saved")


class ServerError(AtlasError):
    """The corpus's PostgreSQL server (``ATLAS_DATABASE_URL``) refused a statement: the server's name
    and its own first line, never the password."""


class DatabaseUnavailable(ServerError):
    """The corpus's server cannot be used: a bad URL, no server there, a wrong password, or a server
    that stopped answering; within a deadline, never a hang."""
