"""The main screen as its helpers (`command_routing`, `write_flow`) see it: what they may read and call.

A protocol, because the screen imports its helpers and the package's modules must not import each other in a
cycle; `MainScreen` matches it without naming it.
"""

from __future__ import annotations

__all__ = ["ScreenHost"]

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.worker import Worker

    from explorer.model.options import Options
    from explorer.model.session import Session
    from explorer.model.target import Target
    from explorer.ui.browser.pane import BrowserPane
    from explorer.ui.request.pane import RequestPane


class ScreenHost(Protocol):
    """The owner of the target and the session, and of the views that show them."""

    target: Target
    """Where requests go; setting it retargets every view."""
    view: str
    """The view shown; setting it shows another."""

    @property
    def app(self) -> App[Any]:
        """The app (to push screens, notify and exit)."""

    @property
    def options(self) -> Options:
        """The app's settings."""

    @property
    def session(self) -> Session | None:
        """Who requests are sent as; None while it loads."""

    @property
    def request_pane(self) -> RequestPane | None:
        """The request view's pane; None until the body has mounted."""

    @property
    def browser(self) -> BrowserPane | None:
        """The resource browser, if it has been shown."""

    def run_worker(self, work: Coroutine[Any, Any, None], *, group: str) -> Worker[Any]:
        """Run `work` on the screen (ended with it)."""

    def load_profile(self, name: str) -> None:
        """Send as profile `name` from now on."""

    async def open_resource(self, name: str, *, bare: bool = False) -> None:
        """Show the browser with the list `name` open."""

    async def action_view(self, view: str) -> None:
        """Show a view."""

    def action_send(self) -> None:
        """Send the current request."""

    def action_copy_curl(self) -> None:
        """Copy the current request as curl."""

    def action_help(self) -> None:
        """Show the help screen."""
