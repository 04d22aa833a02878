"""Loading a session off the event loop: the demo simulator, a profile's keyring entries, httpx's import.

A newer load replaces one still running (`:profile a` then `:profile b` ends with b). The session a load
replaces is closed in a worker: its clients once a write in flight is done, and what it started. A send asked
for while there is no session yet (`s` typed at start-up, before or while the first loads) is held and run
once a session has loaded; a failed load drops it (the failure reports itself).
"""

from __future__ import annotations

__all__ = ["SessionLoading"]

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from explorer.core.errors import ExplorerError
from explorer.model.session import Session, SessionLoader

if TYPE_CHECKING:
    from textual.dom import DOMNode


class SessionLoading:
    """Runs session loaders in a thread worker on `node` and hands the result back on the event loop."""

    def __init__(
        self, node: DOMNode, *, loaded: Callable[[Session], None], failed: Callable[[ExplorerError], None]
    ) -> None:
        """Call `loaded` with a loaded session, or `failed` with the loader's error, on the event loop."""
        self._node = node
        self._loaded = loaded
        self._failed = failed
        self._first_ended = False
        """Whether the first load has ended, loaded or failed (before it, a send has a session to wait for)."""
        self.held: Callable[[], None] | None = None
        """The send held until a session has loaded, or None."""

    def hold(self, send: Callable[[], None]) -> bool:
        """Hold `send` until the session loading (or the first, not started yet) is in use.

        Returns:
            False if there is none to wait for: no load is running and the first has ended (then nothing is held).
        """
        loading = any(worker.group == "session" and worker.is_running for worker in self._node.workers)
        if self._first_ended and not loading:
            return False
        self.held = send
        return True

    def load(self, loader: SessionLoader) -> None:
        """Load a session in a thread worker, in place of any load still running."""
        self._node.run_worker(lambda: self._load(loader), thread=True, exclusive=True, group="session")

    def _load(self, loader: SessionLoader) -> None:
        app = self._node.app
        try:
            session = loader()
            import httpx  # noqa: F401 - warm the import here, off the event loop
        except ExplorerError as error:
            app.call_from_thread(self._ended, error)
            return
        try:
            app.call_from_thread(self._ended, session)
        except RuntimeError:  # the app has stopped running: nothing will use it
            asyncio.run(close(session))

    def _ended(self, result: Session | ExplorerError) -> None:
        if not (self._node.is_attached and self._node.is_running):
            # The screen is gone or closing (the app is quitting): nothing shows the result. A session that loaded is
            # closed, off the closing event loop, so what it started (the demo simulator) stops.
            if not isinstance(result, ExplorerError):
                threading.Thread(
                    target=asyncio.run, args=(close(result),), name="close-unused-session"
                ).start()
            return
        self._first_ended = True
        held, self.held = self.held, None
        if isinstance(result, ExplorerError):
            self._failed(result)
            return
        self._loaded(result)
        if held is not None:
            self._node.call_after_refresh(held)  # once the session has reached the views

    def replaced(self, old: Session | None, new: Session | None) -> None:
        """Close `old` in a worker once `new` is in use (nothing if a loader handed back the same one)."""
        if old is not None and old is not new:
            self._node.run_worker(close(old), group="session-close")


async def close(session: Session | None) -> None:
    """Close a session: its clients (once a write in flight is done) and what it started (the simulator)."""
    if session is not None:
        await session.aclose()
