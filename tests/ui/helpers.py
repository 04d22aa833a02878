"""Helpers for Pilot tests: wait for the session, read what a widget shows."""

from __future__ import annotations

import io

from textual.pilot import Pilot
from textual.widgets import Static

from explorer.ui.app import ExplorerApp
from explorer.ui.shell.main_screen import MainScreen


async def ready(pilot: Pilot[int]) -> MainScreen:
    """Wait until the session has loaded; return the main screen."""
    app = pilot.app
    for _ in range(100):
        await pilot.pause()
        screen = app.screen
        if isinstance(screen, MainScreen) and screen.session is not None:
            return screen
    raise AssertionError("the session never loaded")


def shown(app: ExplorerApp, selector: str) -> str:
    """The plain text a Static shows (its whole content, scrolled out of view or not)."""
    from rich.console import Console

    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=400, record=True, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.export_text()


async def command(pilot: Pilot[int], text: str) -> None:
    """Type `:text` Enter, as a user would."""
    await pilot.press("colon", *text, "enter")
    await pilot.pause()
