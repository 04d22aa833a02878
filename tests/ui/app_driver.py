"""One app under Pilot, kept running across many hypothesis examples (an app per example would take minutes).

The app runs inside one task of a private event loop, so Textual's context stays that task's; each example
hands it a job and waits for the answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot

T = TypeVar("T")
Job = Callable[[Pilot[Any]], Awaitable[Any]]


class AppDriver:
    """Runs `app` with `run_test` until `close`; `run(job)` runs `job(pilot)` inside it and returns its result."""

    def __init__(
        self, app: App[Any], size: tuple[int, int] = (120, 30), *, notifications: bool = True
    ) -> None:
        self.app = app
        self._size = size
        self._notifications = notifications
        self._loop = asyncio.new_event_loop()
        self._jobs: asyncio.Queue[tuple[Job, asyncio.Future[Any]] | None] = asyncio.Queue()
        started: asyncio.Future[None] = self._loop.create_future()
        self._task = self._loop.create_task(self._main(started))
        self._loop.run_until_complete(started)

    async def _main(self, started: asyncio.Future[None]) -> None:
        async with self.app.run_test(size=self._size, notifications=self._notifications) as pilot:
            started.set_result(None)
            while (item := await self._jobs.get()) is not None:
                job, answer = item
                try:
                    answer.set_result(await job(pilot))
                except BaseException as error:  # handed to the example that asked
                    answer.set_exception(error)

    def run(self, job: Callable[[Pilot[Any]], Awaitable[T]]) -> T:
        """Run `job` in the app's task and return what it returns (or raise what it raised)."""
        answer: asyncio.Future[T] = self._loop.create_future()
        self._jobs.put_nowait((job, answer))
        done, _ = self._loop.run_until_complete(
            asyncio.wait([answer, self._task], return_when="FIRST_COMPLETED")
        )
        if answer in done:
            return answer.result()
        self._task.result()  # the app ended: raise its crash
        raise AssertionError("the app stopped while running a job")

    def close(self) -> None:
        """Stop the app and the loop."""
        if not self._task.done():
            self._jobs.put_nowait(None)
            self._loop.run_until_complete(self._task)
        self._loop.close()
