"""Helpers for Pilot tests: the app on the fake API, wait for the session, read what a widget shows."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from explorer.core.config_file import ProfilesFile
from explorer.core.credential_store import InMemoryStore
from explorer.core.profile_book import ProfileBook
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.shell.main_screen import MainScreen
from tests.ui.fakes import FakeTwilio, fake_session


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


async def settle(pilot: Pilot[Any], *, most: int = 8) -> None:
    """Wait for the workers (fetches, history writes) and the frames after them.

    Returns after two frames (a worker's result may start another worker) once no worker runs and every
    browser table has shown its rows; at most `most` frames, as it always waited before. Each frame is a
    pause, and a pause costs a layout and a render: the hundreds of settles in the suite were most of its time.
    """
    from explorer.ui.browser.resource_table import ResourceTable

    app = pilot.app
    for frame in range(most):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if frame >= 1 and all(worker.is_finished for worker in app.workers):
            tables = [table for screen in app.screen_stack for table in screen.query(ResourceTable)]
            if all(table.settled for table in tables):
                return


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Paste `text` into the focused widget as a terminal delivers a paste: one Paste event through the app.

    Much quicker than typing it key by key (Pilot waits for the app to be idle after every key), and the same
    path to the widget's value; tests whose subject is typing itself press the keys.
    """
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def command(pilot: Pilot[Any], text: str) -> None:
    """`:`, `text` pasted into the command bar, Enter (test_command_bar types one out key by key)."""
    await pilot.press("colon")
    await paste(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def type_command(pilot: Pilot[Any], text: str) -> None:
    """Type `:text` Enter key by key, as a user would."""
    await pilot.press("colon", *text, "enter")
    await pilot.pause()


def fake_app(tmp_path: Path, session: Session | None = None, **options: object) -> ExplorerApp:
    """The app on the fake API (or on `session`); `:profile NAME` fails for a name that is no profile, as the
    real loader does."""
    twilio = FakeTwilio()
    book = ProfileBook(ProfilesFile(tmp_path / "profiles"), InMemoryStore(), environ={})

    def profile_loader(name: str) -> Session:
        book.credential(name)  # a name that is no profile fails as the real loader does
        return fake_session(twilio, name=name)

    return make_app(
        Options(copy_path=tmp_path / "last-curl.sh", **options),  # type: ignore[arg-type]
        session_loader=lambda: session or fake_session(twilio),
        profile_loader=profile_loader,
    )
