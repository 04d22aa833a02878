"""The app as `launch` builds it, on the real simulator's ASGI application with every request counted.

Shared by the Pilot tests that drive the whole app (views, command bar, keys walk, small terminals): `build`
makes the app, `place` starts afresh in a view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import httpx
from textual.pilot import Pilot

from explorer.core.history import History
from explorer.model.options import Options
from explorer.model.session import Session
from explorer.ui.app import ExplorerApp, make_app
from explorer.ui.browser.resource_table import ResourceTable
from explorer.ui.profiles.panel import CredentialPanel
from explorer.ui.shell.command_bar import CommandBar
from explorer.ui.shell.main_screen import MainScreen
from tests.ui.browser_host import sim_session
from tests.ui.helpers import settle


class CountingTransport(httpx.AsyncBaseTransport):
    """Passes requests to the simulator and keeps `(method, url)` of each, to prove what was (not) sent."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.sent: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, str(request.url)))
        return await self.inner.handle_async_request(request)

    @property
    def writes(self) -> list[tuple[str, str]]:
        """The requests that were not GETs."""
        return [(method, url) for method, url in self.sent if method != "GET"]


def counted_session(records: int = 5) -> tuple[Session, CountingTransport]:
    """A simulator session whose every request is counted."""
    session = sim_session(records=records, seed="views")
    transport = CountingTransport(session.transport)
    return replace(session, transport=transport), transport


def build(
    tmp_path: Path, *, read_only: bool = False, history: Callable[[], History] | None = None
) -> tuple[ExplorerApp, CountingTransport]:
    """The app as `launch` builds it, on the counted simulator session."""
    session, transport = counted_session()
    app = make_app(
        Options(copy_path=tmp_path / "last-curl.sh", read_only=read_only, history=history),
        session_loader=lambda: session,
        profile_loader=lambda name: session,
    )
    return app, transport


async def place(pilot: Pilot[int], main: MainScreen, view: str, focus: str | None) -> None:
    """A fresh start in `view` with the focus on `focus` (the view's own focus when None)."""
    app = pilot.app
    while not isinstance(app.screen, MainScreen):
        await pilot.press("escape")
        await pilot.pause()
    if main.query_one(CommandBar).display:
        await pilot.press("escape")
    panels = main.query(CredentialPanel)
    if panels and panels.first().check_action("close_form", ()):
        panels.first().action_close_form()
    for table in main.query(ResourceTable):
        table.close_filter()
    await main.action_view(view)
    if focus is not None:
        main.query_one(focus).focus()
    app.copy_to_clipboard("")
    await settle(pilot)
