"""Every request that left, kept in the history file: opened and appended in threads, off the event loop.

The screen that owns the session owns one `HistoryRecorder`. A file that cannot be opened or written is a
warning notice; the app goes on without it.
"""

from __future__ import annotations

__all__ = ["HistoryRecorder"]

from collections.abc import Callable
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.ui.errors import notify_error

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from explorer.core.exchange import Exchange
    from explorer.core.history import History, HistoryEntry
    from explorer.core.profiles import Credential
    from explorer.core.request import RequestSpec


class HistoryRecorder:
    """Opens the history once, then appends entries; `history` is None until it has opened."""

    def __init__(self, node: DOMNode, *, opened: Callable[[History], None]) -> None:
        """Run the workers on `node` (it shows the notices); call `opened` on the event loop once open."""
        self._node = node
        self._opened = opened
        self.history: History | None = None
        """The open history, or None (not opened yet, or it failed to open)."""

    def open(self, opener: Callable[[], History]) -> None:
        """Open the history in a thread worker."""
        self._node.run_worker(lambda: self._open(opener), thread=True, group="history-open")

    def _open(self, opener: Callable[[], History]) -> None:
        app = self._node.app
        try:
            history = opener()
        except ExplorerError as error:
            app.call_from_thread(notify_error, self._node, error, severity="warning")
            return
        app.call_from_thread(self._ready, history)

    def _ready(self, history: History) -> None:
        self.history = history
        self._opened(history)

    def append(self, entry: HistoryEntry) -> None:
        """Append an entry in a thread worker (nothing, before the history has opened)."""
        history = self.history
        if history is not None:
            self._node.run_worker(lambda: self._append(history, entry), thread=True, group="history")

    def record(self, spec: RequestSpec, credential: Credential | None, exchange: Exchange) -> None:
        """Keep a request sent with `credential`: its description and the profile's name, never the secret."""
        from explorer.core.history import HistoryEntry

        if self.history is not None and credential is not None:
            self.append(HistoryEntry.from_exchange(spec, credential.profile, exchange))

    def _append(self, history: History, entry: HistoryEntry) -> None:
        try:
            history.append(entry)
        except ExplorerError as error:
            self._node.app.call_from_thread(notify_error, self._node, error, severity="warning")
