"""A private asyncio loop on its own thread: the notebook API's async work runs there and nowhere else.

A Jupyter kernel already runs an asyncio loop on the main thread, so `asyncio.run` (and any blocking wait on
that loop) is impossible there. The explorer's session builds its `httpx.AsyncClient` once and that client
belongs to the loop it was first used on, so every request of an `Explorer` runs on this one loop: the sync
methods wait for it (which works in a script and inside a running loop alike), the async ones await it
without blocking the caller's loop.
"""

from __future__ import annotations

__all__ = ["LoopThread"]

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from explorer.core.errors import InputError

T = TypeVar("T")


class LoopThread:
    """An event loop on a daemon thread, started on first use and stopped by `stop`."""

    def __init__(self, name: str = "explorer-notebook") -> None:
        self._name = name
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether the loop's thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run `coro` on the private loop and wait for its result (from any thread but the loop's own).

        Raises:
            InputError: called from the loop's own thread (it would wait for itself forever).
            Whatever `coro` raises.
        """
        loop = self._start()
        if threading.current_thread() is self._thread:
            coro.close()
            raise InputError(
                "a blocking explorer call was made from the explorer's own loop",
                hint="use the async method (await ex.alist(...)) there",
            )
        return asyncio.run_coroutine_threadsafe(coro, loop).result()

    async def arun(self, coro: Coroutine[Any, Any, T]) -> T:
        """Await `coro` run on the private loop, without blocking the caller's loop."""
        loop = self._start()
        return await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coro, loop))

    def stop(self) -> None:
        """Stop the loop and join its thread; the next `run` starts a new one."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return
        loop.call_soon_threadsafe(loop.stop)
        if threading.current_thread() is not thread:
            thread.join(timeout=5)

    def _start(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._thread is None or not self._thread.is_alive():
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def serve() -> None:
                    asyncio.set_event_loop(loop)
                    loop.call_soon(ready.set)
                    try:
                        loop.run_forever()
                    finally:
                        loop.close()

                # A daemon: a kernel that exits without closing the explorer is not kept alive by it; the
                # atexit hook (`Explorer.close`) stops the simulator first.
                thread = threading.Thread(target=serve, name=self._name, daemon=True)
                thread.start()
                ready.wait()
                self._loop, self._thread = loop, thread
            return self._loop
