"""A throttled call (the inspector showing a load-all's pages): the first at once, the latest always, none between."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from explorer.ui.throttled import Throttled


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="shown")


async def test_the_first_value_is_shown_at_once_and_the_latest_once_the_interval_passed() -> None:
    """Pages 1, 2, 3 in a burst: 1 is shown at once, 3 after the interval, 2 never (it was replaced)."""
    app = _Host()
    async with app.run_test() as pilot:
        shown: list[int] = []
        throttled = Throttled(app.query_one("#shown"), 0.2, shown.append)
        throttled(1)
        throttled(2)
        throttled(3)
        assert shown == [1]
        await pilot.pause(0.35)
        assert shown == [1, 3]
        await pilot.pause(0.3)
        throttled(4)  # the interval since the last call has passed: at once again
        assert shown == [1, 3, 4]
