"""Keys typed before the main screen's body has mounted: held in order, then replayed once it can take them.

The first frame shows the header as early as a minimal app would, and the body (picker, inspector, command
bar) mounts right after. Keys typed in between would otherwise reach a screen with nothing to act on them:
launching and typing `:region au1⏎` at once left the app on US1. So the app holds every key from its start
until the screen says its body is ready, then hands them back one turn of the event loop apart, in the
order they were typed, as if they had just arrived; a key typed while the replay runs joins the end of the
queue, so the order is always the typing order.

A key typed before Textual put the terminal in raw mode went through the terminal's line discipline, which
turns Enter (CR) into a line feed: Textual reads that as `ctrl+j`. Held keys are all from the first moments,
where nobody means Ctrl+J, so a held `ctrl+j` is replayed as the Enter that was typed.
"""

from __future__ import annotations

__all__ = ["KeyHold"]

import asyncio
from collections import deque

from textual import events
from textual.message_pump import MessagePump


class KeyHold:
    """Holds key events until `release`, then replays them to the app in order."""

    def __init__(self) -> None:
        self._held: deque[events.Key] | None = deque()
        """The keys waiting, oldest first; None once released and drained (keys then pass straight through)."""
        self._passing: set[int] = set()
        """The ids of replayed events on their way through the app (they are not held again)."""

    @property
    def holding(self) -> bool:
        """Whether keys are still being held (or replayed)."""
        return self._held is not None

    def take(self, event: events.Key) -> bool:
        """Hold `event` if keys are being held; False: let the app handle it now."""
        if id(event) in self._passing:
            self._passing.discard(id(event))
            return False
        if self._held is None:
            return False
        self._held.append(events.Key("enter", "\r") if event.key == "ctrl+j" else event)
        return True

    async def release(self, app: MessagePump) -> None:
        """Replay the held keys to `app`, one per turn of the loop, then stop holding."""
        held = self._held
        while held:
            key = held.popleft()
            replay = events.Key(key.key, key.character)
            self._passing.add(id(replay))
            app.post_message(replay)
            # One turn apart, as keys arrive from the terminal: the app handles each (a `:` focuses the
            # command bar at once) before the next; a key typed meanwhile was appended to `held`.
            await asyncio.sleep(0)
        self._held = None
