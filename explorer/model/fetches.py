"""The fetches on their way for the browser's current view, and what each one answers.

`Fetches` is the paging state machine's one place: a generation bumped on every change of view, the page and
load-all on their way, and `invalidate`, which cancels them all at once. A fetch runs as a task through
`track`, so a change of view cancels it without cancelling whoever awaits it (a Textual worker, a notebook
cell), and an answer that still arrives for an old generation is dropped, never reported.
"""

from __future__ import annotations

__all__ = ["Fetched", "Fetches"]

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from explorer.core.errors import ExplorerError
from explorer.core.exchange import Exchange
from explorer.core.request import RequestSpec
from explorer.model.levels import Level, Record

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Fetched:
    """What one fetch brought back for the level on top (never for a level the view has left)."""

    level: Level
    """The level it belongs to; already updated (records, fields, links or `error`)."""
    spec: RequestSpec
    """The request it answers, for the inspector (for a next page: the list's first request)."""
    exchange: Exchange | None = None
    """What was sent and what came back; None when no answer came (nothing fetched, a transport error)."""
    records: tuple[Record, ...] = ()
    """A list page's records, to add to those shown."""
    error: ExplorerError | None = None
    """Why it failed; None when it did not."""


class Fetches:
    """The generation of the view, and the fetches on their way for it."""

    def __init__(self) -> None:
        self.generation = 0
        """Bumped on every change of view: an answer fetched for an older one is stale."""
        self.fetching = False
        """Whether a single page is on its way."""
        self._tasks: set[asyncio.Task[Any]] = set()
        self._loader: asyncio.Task[Any] | None = None
        self._stop_loading: asyncio.Event | None = None

    @property
    def loading_all(self) -> bool:
        """Whether a load-all is running."""
        return self._stop_loading is not None

    def invalidate(self) -> None:
        """The view changes: cancel every fetch on its way, stop a load-all, make late answers stale."""
        self.generation += 1
        current = _running_task()
        for task in self._tasks:
            if task is not current:
                task.cancel()
        if self._stop_loading is not None:
            self._stop_loading.set()
        self._stop_loading = None
        self.fetching = False

    def start_loading_all(self) -> asyncio.Event:
        """Mark a load-all as running; returns the event that stops it after the page in flight."""
        self._stop_loading = asyncio.Event()
        return self._stop_loading

    def end_loading_all(self, stop: asyncio.Event) -> None:
        """The load-all stopped by `stop` is over (unless a newer one runs)."""
        if self._stop_loading is stop:
            self._stop_loading = None

    def cancel_loading_all(self) -> bool:
        """Stop the load-all at once; False when none is running."""
        if self._stop_loading is None:
            return False
        self._stop_loading.set()
        self._stop_loading = None
        if self._loader is not None and self._loader is not _running_task():
            self._loader.cancel()  # the page in flight is not waited for; a listing adds no half page
        return True

    async def track(self, work: Coroutine[Any, Any, _T], *, loader: bool = False) -> _T | None:
        """Run `work` as a task that `invalidate` (or, for the `loader`, `cancel_loading_all`) cancels.

        Returns its result; None when it was cancelled that way, or when the view changed before its result
        reached the caller (stale). The caller's own cancellation still raises `CancelledError`.
        """
        generation = self.generation
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        if loader:
            self._loader = task
        try:
            result = await task
        except asyncio.CancelledError:
            caller = _running_task()
            if task.cancelled() and (caller is None or not caller.cancelling()):
                return None
            raise
        finally:
            self._tasks.discard(task)
            if self._loader is task:
                self._loader = None
        return result if generation == self.generation else None


def _running_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no event loop runs: called from plain code
        return None
