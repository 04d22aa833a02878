"""`Throttled`: a call made at once, then at most once per interval with the latest value it was given.

A load-all brings a page every few milliseconds, and handing one to the request view rebuilds its request
(URL, curl, the Python and Node snippets) and explains the answer; the inspector then formats and highlights
the body when it is in sight (`Inspector._draw_body`). Throttled, the first page is handed over at once and the
latest one always in the end (the history still records every page: it is not throttled).
"""

from __future__ import annotations

__all__ = ["Throttled"]

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from textual.timer import Timer
from textual.widget import Widget

T = TypeVar("T")


class Throttled(Generic[T]):
    """`call(value)` at once when the last call is `interval` seconds old, else once then, with the latest."""

    def __init__(self, owner: Widget, interval: float, call: Callable[[T], None]) -> None:
        self._owner = owner
        self._interval = interval
        self._call = call
        self._latest: tuple[T] | None = None
        self._timer: Timer | None = None
        self._last = float("-inf")

    def __call__(self, value: T) -> None:
        self._latest = (value,)
        if self._timer is not None:
            return  # a call is due: it takes this value
        wait = self._last + self._interval - time.monotonic()
        if wait <= 0:
            self._fire()
        else:
            self._timer = self._owner.set_timer(wait, self._fire)

    def _fire(self) -> None:
        self._timer = None
        latest, self._latest = self._latest, None
        if latest is not None:
            self._last = time.monotonic()
            self._call(latest[0])
