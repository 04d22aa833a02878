"""The app for snapshots: on the fake regional API, fixed SIDs and a ticking clock, so every run is identical."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot

from explorer.model.options import Options
from explorer.ui.app import ExplorerApp, make_app
from tests.ui.fakes import FakeTwilio, fake_session
from tests.ui.helpers import ready

SIZES = {"wide": (120, 40), "small": (80, 24)}
"""The two terminal sizes every view is checked at."""


def build_app(tmp_path: Path, theme: str = "dark") -> ExplorerApp:
    """The app on the fake API."""
    twilio = FakeTwilio()
    return make_app(
        Options(copy_path=tmp_path / "last-curl.sh", theme=theme),
        session_loader=lambda: fake_session(twilio),
        profile_loader=lambda name: fake_session(twilio, name=name),
    )


def steps(*keys: str, send: bool = False) -> Callable[[Pilot[int]], Awaitable[None]]:
    """A run_before that waits for the session, presses `keys`, optionally sends and waits for the answer."""

    async def run(pilot: Pilot[int]) -> None:
        await ready(pilot)
        if keys:
            await pilot.press(*keys)
        if send:
            await pilot.press("s")
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    return run
