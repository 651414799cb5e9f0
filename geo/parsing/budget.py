"""How long one text may take to parse, checked between the parser's stages.

Each stage is linear in the text, so a check between stages bounds the whole parse to about the
budget plus one stage. A text that runs over stops with ``ParseTooLong``, naming the stage it
reached, rather than holding a page or an import for minutes. ``_clock`` is a seam for tests.
"""

from __future__ import annotations

import time

from geo.model.errors import ParseTooLong
from geo.model.settings import parse_seconds


class Budget:
    """Seconds left for one parse, counted from when the budget is made."""

    _clock = staticmethod(time.monotonic)

    def __init__(self, seconds: float | None = None):
        self.seconds = parse_seconds() if seconds is None else seconds
        self.started = self._clock()

    def check(self, stage: str) -> None:
        """Raise ``ParseTooLong`` if the time is up once ``stage`` is done."""
        spent = self._clock() - self.started
        if spent > self.seconds:
            raise ParseTooLong(stage, spent, self.seconds)
