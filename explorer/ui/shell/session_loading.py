"""Loading a session off the event loop: the demo simulator, a profile's keyring entries, httpx's import.

A newer load replaces one still running (`:profile a` then `:profile b` ends with b). The session a load
replaces is closed in a worker: its clients once a write in flight is done, and what it started.
"""

from __future__ import annotations

__all__ = ["SessionLoading"]

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

    def load(self, loader: SessionLoader) -> None:
        """Load a session in a thread worker, in place of any load still running."""
        self._node.run_worker(lambda: self._load(loader), thread=True, exclusive=True, group="session")

    def _load(self, loader: SessionLoader) -> None:
        app = self._node.app
        try:
            session = loader()
            import httpx  # noqa: F401 - warm the import here, off the event loop
        except ExplorerError as error:
            app.call_from_thread(self._failed, error)
            return
        app.call_from_thread(self._loaded, session)

    def replaced(self, old: Session | None, new: Session | None) -> None:
        """Close `old` in a worker once `new` is in use (nothing if a loader handed back the same one)."""
        if old is not None and old is not new:
            self._node.run_worker(close(old), group="session-close")


async def close(session: Session | None) -> None:
    """Close a session: its clients (once a write in flight is done) and what it started (the simulator)."""
    if session is not None:
        await session.aclose()
